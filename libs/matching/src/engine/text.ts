import { analyzer, STOPWORDS, stemWord } from '@app/search/analyzer';
import {
  canonical,
  CANONICAL,
  CAPABILITY_LEXICON,
  DOMAIN_LEXICON,
  MATCHING_STOPWORDS,
  SECTOR_LEXICON,
} from './lexicon';

const HAN = /\p{Script=Han}/u;
/** A run of Han characters, or a run of other letters/digits (same split as the search analyzer). */
const RUN = /((?:(?=\p{L})\p{Script=Han})+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;
const MAX_TOKEN_LENGTH = 32;

/** Weight of a single Han character token relative to a word (羊, 茶, 蟹 carry meaning; most do not). */
const SINGLE_CHAR_WEIGHT = 0.5;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function isStop(term: string): boolean {
  return STOPWORDS.has(term) || MATCHING_STOPWORDS.has(term);
}

/**
 * Han phrases found by substring scan (robust to how jieba cut the text): every synonym surface
 * form and every lexicon phrase. Sorted longest first.
 */
const SCAN_PHRASES: readonly string[] = (() => {
  const all = new Set<string>();
  for (const t of CANONICAL.keys()) all.add(t);
  for (const lex of [CAPABILITY_LEXICON, SECTOR_LEXICON, DOMAIN_LEXICON])
    for (const words of Object.values(lex)) for (const w of words) all.add(w);
  return [...all].filter((p) => HAN.test(p) && Array.from(p).length >= 2).sort((a, b) => b.length - a.length);
})();

function countOccurrences(text: string, phrase: string): number {
  let n = 0;
  let i = text.indexOf(phrase);
  while (i >= 0) {
    n++;
    i = text.indexOf(phrase, i + phrase.length);
  }
  return n;
}

/**
 * Canonical terms of a text with their (weighted) frequency: jieba search-mode words from the
 * shared segmenter (domain words included), English/digit tokens lower-cased and singularised,
 * plus lexicon and synonym phrases found by substring scan; every term canonicalised through the
 * synonym groups. Stopwords dropped.
 */
export function textTerms(text: string | null | undefined, weight: number, into: Map<string, number>): number {
  if (!text) return 0;
  const norm = normaliseText(text);
  const surfaces = new Map<string, number>();
  let length = 0;
  const add = (surface: string, w: number) => {
    const term = canonical(surface);
    if (isStop(term) || isStop(surface)) return;
    into.set(term, (into.get(term) ?? 0) + w * weight);
    surfaces.set(surface, (surfaces.get(surface) ?? 0) + 1);
    length += w;
  };
  for (const m of norm.matchAll(RUN)) {
    if (m[2]) {
      const word = stemWord(m[2]).slice(0, MAX_TOKEN_LENGTH);
      // Bare numbers (12 类, 2026 年, 3 个月) say nothing about what a vendor can do.
      if (word.length >= 2 && !/^\d+$/.test(word)) add(word, 1);
      continue;
    }
    const run = m[1];
    for (const w of analyzer().cutForSearch(run, false)) {
      if (!HAN.test(w) || w.length > MAX_TOKEN_LENGTH) continue;
      add(w, Array.from(w).length === 1 ? SINGLE_CHAR_WEIGHT : 1);
    }
  }
  for (const phrase of SCAN_PHRASES) {
    if (norm.indexOf(phrase) < 0) continue;
    const extra = countOccurrences(norm, phrase) - (surfaces.get(phrase) ?? 0);
    if (extra <= 0) continue;
    const term = canonical(phrase);
    if (isStop(term)) continue;
    into.set(term, (into.get(term) ?? 0) + extra * weight);
    length += extra;
  }
  return length;
}

/** Code → number of distinct lexicon terms (canonical) of that code present in `terms`. */
export function lexiconEvidence(
  lexicon: Readonly<Record<string, readonly string[]>>,
  terms: ReadonlyMap<string, number>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [code, words] of Object.entries(lexicon)) {
    const found = new Set<string>();
    for (const w of words) {
      const t = canonical(w);
      if (terms.has(t)) found.add(t);
    }
    if (found.size > 0) out[code] = [...found].sort();
  }
  return out;
}
