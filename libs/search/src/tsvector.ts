import { type QueryAlternative, tokensForIndex, tokensForQuery, bigrams } from './analyzer';

export type FieldWeight = 'A' | 'B' | 'C' | 'D';
export type WeightedField = { text: string | null | undefined; weight: FieldWeight };

const WEIGHTS: ReadonlySet<string> = new Set(['A', 'B', 'C', 'D']);

/** More query terms than this are dropped: long pasted text would otherwise produce huge, slow queries. */
export const MAX_QUERY_TERMS = 16;
/** Bigrams per Han alternative; beyond this a long unknown word is matched by its first bigrams only. */
const MAX_BIGRAMS_PER_WORD = 8;
/** English tokens shorter than this are matched exactly: "ai:*" would also match "aim", "air" … */
const MIN_PREFIX_LENGTH = 3;

/**
 * A tsvector SQL expression for INSERT/UPDATE. The analyzer has already segmented the text,
 * so PostgreSQL only splits on the spaces (`simple`: no stemming, no stopwords). Every field
 * gets a placeholder, even an empty one, so the parameter count is predictable.
 */
export function buildTsvector(
  fields: readonly WeightedField[],
  firstParamIndex = 1,
): { sql: string; params: string[] } {
  if (fields.length === 0) return { sql: `''::tsvector`, params: [] };
  const parts: string[] = [];
  const params: string[] = [];
  fields.forEach((field, i) => {
    // The weight is interpolated into SQL, so it is checked at run time too.
    if (!WEIGHTS.has(field.weight)) throw new Error(`Invalid tsvector weight: ${String(field.weight)}`);
    parts.push(`setweight(to_tsvector('simple', $${firstParamIndex + i}), '${field.weight}')`);
    params.push(tokensForIndex(field.text).join(' '));
  });
  return { sql: parts.join(' || '), params };
}

/** A tsquery lexeme literal. Tokens are letters/digits only, but quote and escape anyway. */
function lexeme(token: string, prefix: boolean): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function alternativeQuery(alt: QueryAlternative): string {
  if (alt.kind === 'word') return lexeme(alt.text, alt.text.length >= MIN_PREFIX_LENGTH);
  const chars = Array.from(alt.text);
  if (chars.length === 1) return lexeme(alt.text, true);
  if (chars.length === 2) return lexeme(alt.text, false);
  // The whole word ranks documents where jieba found it; its bigrams match wherever it occurs.
  const grams = bigrams(alt.text)
    .slice(0, MAX_BIGRAMS_PER_WORD)
    .map((b) => lexeme(b, false));
  return `(${lexeme(alt.text, false)} | ${grams.join(' & ')})`;
}

/** `all`: a document must match every term; `any`: at least one (ranking favours those matching more). */
export type TermMatch = 'all' | 'any';

/**
 * A string for `to_tsquery('simple', $n)`: terms ANDed (or ORed for `any`), each term's synonyms
 * ORed. Built only from analyzer tokens, each quoted, so user input cannot add tsquery operators.
 * Returns null when the query has no searchable token (caller should then not filter).
 */
export function buildTsquery(query: string | null | undefined, match: TermMatch = 'all'): string | null {
  const terms = tokensForQuery(query).slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const alts = term.alternatives.map(alternativeQuery);
      return alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`;
    })
    .join(match === 'all' ? ' & ' : ' | ');
}

/** How many terms the query has (after segmentation, capped like buildTsquery). */
export function queryTermCount(query: string | null | undefined): number {
  return Math.min(tokensForQuery(query).length, MAX_QUERY_TERMS);
}

/**
 * Field weights for ranking, in ts_rank_cd's order {D, C, B, A}: a title hit (A) counts ten
 * times a hit in tags/keywords (D).
 */
export const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * SQL for filtering and ranking a list by a tsvector column:
 *   WHERE ${where}  ORDER BY ${rank} DESC
 * ts_rank_cd rewards terms that occur close together (cover density); normalisation 32
 * maps the rank into [0, 1) so it can be combined with other sort keys.
 */
export function searchSql(vectorColumn: string, queryParamIndex: number): { where: string; rank: string } {
  if (!IDENTIFIER.test(vectorColumn)) throw new Error(`Invalid column name: ${vectorColumn}`);
  if (!Number.isInteger(queryParamIndex) || queryParamIndex < 1) throw new Error('Invalid parameter index');
  const query = `to_tsquery('simple', $${queryParamIndex})`;
  return {
    where: `${vectorColumn} @@ ${query}`,
    rank: `ts_rank_cd('${RANK_WEIGHTS}'::float4[], ${vectorColumn}, ${query}, 32)`,
  };
}
