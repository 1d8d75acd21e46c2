/**
 * The API's search highlights are HTML: escaped text with `<mark>` around the matches
 * (libs/search/src/highlight.ts). We never hand that to the DOM as HTML: it is split into plain-text
 * segments, marked or not, and React renders them as text. Any other tag (there should be none) is
 * shown as the literal text it is, so nothing in a highlight can ever become markup.
 */
export interface HighlightSegment {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references the server's escaping produces (`&#38;`, `&#x26;`, `&amp;`…). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Splits a highlight into text segments; `<mark>`…`</mark>` pairs become marked segments. */
export function parseHighlight(html: string | null | undefined): HighlightSegment[] {
  if (!html) return [];
  const segments: HighlightSegment[] = [];
  const push = (raw: string, mark: boolean) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += text;
    else segments.push({ text, mark });
  };
  let rest = html;
  for (;;) {
    const open = rest.indexOf('<mark>');
    if (open < 0) break;
    const close = rest.indexOf('</mark>', open + 6);
    if (close < 0) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + 6, close), true);
    rest = rest.slice(close + 7);
  }
  push(rest, false);
  return segments;
}

/** The highlight as plain text (for titles and accessible names). */
export function highlightText(html: string | null | undefined): string {
  return parseHighlight(html)
    .map((s) => s.text)
    .join('');
}
