import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { synonymsOf, synonymTermAt } from './synonyms';

/**
 * Domain words the default jieba dictionary splits into meaningless pieces
 * (checked against its output: e.g. 数字人 → 数字/人, 飞防 → 飞/防, 文旅 → 文/旅).
 * Words it already knows (童装, 北斗, 湖羊, 茶园, 安吉, 客流 …) are not repeated here.
 */
export const DOMAIN_WORDS: readonly string[] = [
  '机器视觉',
  '视觉质检',
  '数字人',
  '大模型',
  '大语言模型',
  '具身智能',
  '飞防',
  '植保无人机',
  '瑕疵检测',
  '智能排产',
  '排产',
  '排程',
  '车路协同',
  '文旅',
  '元宇宙',
  '知识图谱',
  '数字孪生',
  '边缘计算',
  '自动驾驶',
  '智慧农业',
  '算力',
  '智能网联',
  '低空经济',
  '预测性维护',
  '虚拟讲解员',
  '虚拟人',
  '游客流量',
  '疵点',
  '织里',
];

/** A high frequency makes jieba prefer the domain word over its parts. */
const DOMAIN_WORD_FREQUENCY = 20000;

let jieba: Jieba | undefined;

/** One segmenter per process: loading the dictionary takes ~100 ms and tens of MB. */
export function analyzer(): Jieba {
  if (!jieba) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} ${DOMAIN_WORD_FREQUENCY} n`).join('\n') + '\n'));
    jieba = instance;
  }
  return jieba;
}

export const STOPWORDS: ReadonlySet<string> = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '在',
  '对',
  '等',
  '或',
  '是',
  '将',
  '把',
  '被',
  '并',
  '而',
  '之',
  '其',
  '以',
  '于',
  '为',
  'the',
  'and',
  'of',
  'for',
  'to',
  'a',
  'an',
  'in',
  'on',
  'or',
  'with',
  'by',
  'is',
  'are',
  'be',
  'at',
  'as',
  'from',
]);

/** Longest token kept; longer runs are noise (and PostgreSQL ignores lexemes over 2 KB). */
const MAX_TOKEN_LENGTH = 64;

const HAN = /\p{Script=Han}/u;
/** A run of Han characters, or a run of other letters/digits (Latin, Cyrillic, digits …). */
// Combining marks (\p{M}) belong to the word they modify (accents, Indic and Thai vowel signs).
// Han runs are ideographs only: radicals and other Han-script symbols are not words.
const RUN = /((?:(?=\p{L})\p{Script=Han})+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;

type Run = { kind: 'han' | 'word'; text: string };

function normalise(text: string): string {
  // NFKC folds full-width Latin/digits (ＡＩ，５Ｇ) into ASCII so both forms match.
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const m of normalise(text).matchAll(RUN)) {
    if (m[1]) runs.push({ kind: 'han', text: m[1] });
    else if (m[2]) runs.push({ kind: 'word', text: m[2] });
  }
  return runs;
}

/** Cheap plural folding (systems → system, llms → llm); leaves ss/us/is endings (process, status, analysis). */
export function stemWord(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function wordToken(word: string): string | null {
  if (STOPWORDS.has(word)) return null;
  const stemmed = stemWord(word).slice(0, MAX_TOKEN_LENGTH);
  return stemmed.length > 0 ? stemmed : null;
}

export function bigrams(han: string): string[] {
  const chars = Array.from(han);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

function isHanWord(token: string): boolean {
  return HAN.test(token) && Array.from(token).every((c) => HAN.test(c));
}

/**
 * Tokens for the document side: jieba search-mode words (overlapping sub-words for recall)
 * plus every character bigram of each Han run, so two-character queries and words jieba
 * does not know still match. Duplicates are kept on purpose: frequency feeds ranking.
 */
export function tokensForIndex(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      const t = wordToken(run.text);
      if (t) out.push(t);
      continue;
    }
    for (const w of analyzer().cutForSearch(run.text, false)) {
      if (isHanWord(w) && !STOPWORDS.has(w) && w.length <= MAX_TOKEN_LENGTH) out.push(w);
    }
    for (const b of bigrams(run.text)) if (!STOPWORDS.has(b)) out.push(b);
  }
  return out;
}

/** One query term: a document matches the term if it matches any alternative (synonyms). */
export type QueryTerm = { alternatives: QueryAlternative[] };

/**
 * `han`: a Han word; matched as the whole word OR all of its bigrams (robust to how jieba
 * segmented the document). A single character is matched as a prefix of any token.
 * `word`: a non-Han token (English, digits), matched as a prefix.
 */
export type QueryAlternative = { kind: 'han' | 'word'; text: string };

/**
 * Splits a Han run into words: domain synonyms first (so 缺陷检测 → 缺陷 + 检测 and each can be
 * expanded), then jieba's precise mode for the rest. A lone character jieba leaves over
 * (导览员 → 导览 + 员) is glued to its neighbour: as its own term it could only be a prefix
 * match, while 导览员 is matched reliably by its bigrams. Two or more single characters in a row
 * (words jieba does not know, 信号配时 → 信号 + 配 + 时) form a word of their own (配时), so the
 * query does not demand a bigram across a word boundary (号配) that the text never contains.
 */
function queryWordsOfHanRun(run: string): string[] {
  const words: string[] = [];
  const addSegment = (segment: string[]) => {
    // Runs of single characters become one piece; multi-character words stay as they are.
    const pieces: string[] = [];
    let singles = '';
    for (const w of segment) {
      if (Array.from(w).length > 1) {
        if (singles) pieces.push(singles);
        singles = '';
        pieces.push(w);
      } else singles += w;
    }
    if (singles) pieces.push(singles);
    // A lone character joins the word before it, else the word after it.
    const merged: string[] = [];
    let carry = '';
    for (const piece of pieces) {
      if (Array.from(piece).length > 1) {
        merged.push(carry + piece);
        carry = '';
      } else if (merged.length > 0) merged[merged.length - 1] += piece;
      else carry = piece;
    }
    if (carry) merged.push(carry);
    words.push(...merged);
  };
  const cutFragment = (fragment: string) => {
    let segment: string[] = [];
    for (const w of analyzer().cut(fragment, false)) {
      if (STOPWORDS.has(w)) {
        addSegment(segment);
        segment = [];
      } else segment.push(w);
    }
    addSegment(segment);
  };
  let pending = '';
  let i = 0;
  while (i < run.length) {
    const term = synonymTermAt(run, i);
    if (term) {
      cutFragment(pending);
      pending = '';
      words.push(term);
      i += term.length;
    } else {
      pending += run[i];
      i += 1;
    }
  }
  cutFragment(pending);
  return words;
}

function alternative(text: string): QueryAlternative {
  return { kind: isHanWord(text) ? 'han' : 'word', text };
}

/**
 * The query side of the analyzer, in groups: a document must match every group (AND) and,
 * within a group, any alternative (OR: the word itself and its domain synonyms).
 * Repeated words collapse into one group.
 */
export function tokensForQuery(text: string | null | undefined): QueryTerm[] {
  if (!text) return [];
  const words: string[] = [];
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      const t = wordToken(run.text);
      if (t) words.push(t);
    } else {
      for (const w of queryWordsOfHanRun(run.text)) words.push(w.slice(0, MAX_TOKEN_LENGTH));
    }
  }
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const word of words) {
    if (seen.has(word)) continue;
    seen.add(word);
    const alternatives = [word, ...synonymsOf(word).filter((s) => s !== word)].map(alternative);
    terms.push({ alternatives });
  }
  return terms;
}
