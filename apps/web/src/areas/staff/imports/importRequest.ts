import type { ApiError } from '../../../api/client';
import type { ImportRowError } from '../types';

/** `POST imports/<kind>` with its query options (false ones left out). */
export function importPath(v: {
  kind: 'scenarios' | 'vendors';
  dryRun?: boolean;
  publish?: boolean;
  agencyOrganisationId?: string;
}): string {
  const q = new URLSearchParams();
  if (v.dryRun) q.set('dryRun', 'true');
  if (v.kind === 'scenarios') {
    if (v.publish) q.set('publish', 'true');
    if (v.agencyOrganisationId) q.set('agencyOrganisationId', v.agencyOrganisationId);
  }
  const qs = q.toString();
  return `/imports/${v.kind}${qs ? `?${qs}` : ''}`;
}

/**
 * The row error report of a refused import: the API's `errors` are `{row, field, code, message}`
 * (not the usual `{field, rule, message}`), so they are read loosely from the error's field errors.
 */
export function rowErrorsOf(error: ApiError): ImportRowError[] {
  return (error.fieldErrors as unknown as Partial<ImportRowError & { rule: string }>[]).map((e) => ({
    row: typeof e.row === 'number' ? e.row : null,
    field: e.field ?? '',
    code: e.code ?? e.rule ?? '',
    message: e.message ?? '',
  }));
}
