import type { CSSProperties } from 'react';

/** The size of the pages' one h1 (Typography's level-1 default is large for a dense list page). */
export const pageTitleStyle: CSSProperties = { fontSize: 26, marginBottom: 4 };
