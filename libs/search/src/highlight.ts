import { LRUCache } from 'lru-cache';
import { bigrams, tokensForQuery } from './analyzer';

export type HighlightOptions = { maxLength: number };

const ELLIPSIS = '…';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Patterns for what the search matched. Han words are matched as substrings (Chinese has no
 * word boundaries), via their bigrams so a word split by punctuation-free context still lights
 * up; English tokens from the start of a word, case-insensitively, including the rest of the
 * word (the query used prefix matching and plural folding).
 */
function patternsFor(query: string): RegExp[] {
  const cached = patternCache.get(query);
  if (cached) return cached;
  const patterns = buildPatterns(query);
  patternCache.set(query, patterns);
  return patterns;
}

/**
 * A page highlights twenty titles and summaries for one query: segment it once, not forty times.
 * (matchAll copies each RegExp, so the shared ones keep no state between calls.)
 */
const patternCache = new LRUCache<string, RegExp[]>({ max: 500 });

function buildPatterns(query: string): RegExp[] {
  const patterns: RegExp[] = [];
  for (const term of tokensForQuery(query)) {
    for (const alt of term.alternatives) {
      if (alt.kind === 'word') {
        patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(alt.text)}[\\p{L}\\p{N}]*`, 'giu'));
      } else {
        const pieces = Array.from(alt.text).length <= 2 ? [alt.text] : bigrams(alt.text);
        for (const piece of pieces) patterns.push(new RegExp(escapeRegExp(piece), 'gu'));
      }
    }
  }
  return patterns;
}

type Range = [start: number, end: number];

function matchRanges(text: string, patterns: RegExp[]): Range[] {
  // NFKC so full-width ＡＩ matches "ai"; only used when it keeps offsets aligned.
  const folded = text.normalize('NFKC');
  const haystack = folded.length === text.length ? folded : text;
  const ranges: Range[] = [];
  for (const re of patterns) {
    for (const m of haystack.matchAll(re)) if (m[0].length > 0) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * An HTML-safe snippet of at most `maxLength` characters of `text` (UTF-16 units, counting the
 * "…" added where the text is cut), around the densest cluster of matches, with matches
 * wrapped in <mark>. The text is escaped piece by piece, so only our <mark> tags are markup.
 */
export function highlight(text: string | null | undefined, query: string, options: HighlightOptions): string {
  if (!text) return '';
  const maxLength = Math.max(1, Math.floor(options.maxLength));
  const ranges = matchRanges(text, patternsFor(query));

  let start = 0;
  let end = text.length;
  let showEllipses = true;
  if (text.length > maxLength) {
    // The window with the most matches (the first such one); no match → the beginning.
    let anchor = 0;
    let best = -1;
    for (const [s] of ranges) {
      const count = ranges.filter(([rs, re]) => rs >= s && re <= s + maxLength).length;
      if (count > best) [best, anchor] = [count, s];
    }
    // Some context before the match, more after (the reader reads on).
    start = Math.max(0, Math.min(anchor - Math.floor(maxLength / 4), text.length - maxLength));
    // The ellipses count against the budget and are taken from the end, so the match stays in
    // view; with no room left for any text beside them, the snippet goes without.
    end = start + maxLength - (start > 0 ? 1 : 0);
    if (end < text.length) end -= 1;
    if (end <= start) {
      end = start + maxLength;
      showEllipses = false;
    }
    if (start > 0 && isLowSurrogate(text, start)) start += 1;
    if (end < text.length && isLowSurrogate(text, end)) end -= 1;
    if (end < start) end = start;
  }

  let html = showEllipses && start > 0 ? ELLIPSIS : '';
  let cursor = start;
  for (const [rs, re] of ranges) {
    const s = Math.max(rs, start);
    const e = Math.min(re, end);
    if (e <= s) continue;
    html += escapeHtml(text.slice(cursor, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    cursor = e;
  }
  html += escapeHtml(text.slice(cursor, end));
  if (showEllipses && end < text.length) html += ELLIPSIS;
  return html;
}
