import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown as agencies type it: raw HTML is not interpreted (it shows as text), bare URLs become
 * links, no typographic replacements (they would alter quotes and punctuation in Chinese text).
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/**
 * The tight allowlist every rendering passes through. markdown-it already escapes raw HTML and
 * refuses `javascript:` links; the sanitiser is the guarantee whatever the Markdown side lets by.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
  ],
  // `rel` is set by transformTags below, never taken from the input.
  allowedAttributes: { a: ['href', 'rel'], th: ['style'], td: ['style'] },
  // Only the column alignment markdown-it writes on table cells (`style="text-align:right"`).
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    // A description's h1/h2 would compete with the page's own headings.
    h1: 'h3',
    h2: 'h3',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
  },
  // Elements whose content is never text: dropped with their content.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  disallowedTagsMode: 'discard',
};

/**
 * Renders Markdown to sanitised HTML that is safe to insert into a page: basic formatting, lists,
 * tables, h3–h6 and http(s)/mailto links (with `rel="nofollow noopener noreferrer"`).
 * `null` (no text) stays `null`.
 */
export function renderMarkdown(source: string | null | undefined): string | null {
  if (source === null || source === undefined) return null;
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const html = sanitizeRenderedHtml(markdown.render(source));
  remember(source, html);
  return html;
}

/**
 * Lists render the same descriptions again and again (~0.2 ms each): the most recent renderings
 * are kept, bounded by their total length (Map order = insertion order, oldest evicted first).
 */
const CACHE_MAX_CHARS = 4_000_000;
const cache = new Map<string, string>();
let cachedChars = 0;

function remember(source: string, html: string): void {
  const size = source.length + html.length;
  if (size > CACHE_MAX_CHARS / 100) return;
  cache.set(source, html);
  cachedChars += size;
  for (const [key, value] of cache) {
    if (cachedChars <= CACHE_MAX_CHARS) break;
    cache.delete(key);
    cachedChars -= key.length + value.length;
  }
}

/** The allowlist step alone (exported so it can be tested on raw HTML markdown-it would never emit). */
export function sanitizeRenderedHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}
