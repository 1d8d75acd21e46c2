import { parseHighlight } from '../lib/highlight';

/**
 * A search highlight from the API rendered as text with <mark> elements — never as HTML (see
 * lib/highlight.ts). Falls back to `plain` when there is no highlight.
 */
export function Highlighted({ html, plain }: { html?: string | null; plain?: string | null }) {
  const segments = parseHighlight(html);
  if (!segments.length) return <>{plain ?? ''}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} style={{ padding: 0, background: '#ffe58f', color: 'inherit' }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
