import type { EntityManager } from 'typeorm';
import type { ScenarioEntity } from '@app/scenarios';
import {
  analyseScenario,
  analyseVendor,
  type CorpusStats,
  corpusStats,
  SCORING_VERSION,
  type ScenarioDoc,
  type ScenarioMatchInput,
  scenarioQueryWeights,
  type VendorDoc,
  type VendorMatchInput,
  vendorPostingWeights,
} from './engine';
import { BUDGET_DECADE_PENALTY, BUDGET_POINTS, TRL_LEVEL_PENALTY, TRL_POINTS, UNKNOWN_FIT } from './engine/engine';

/**
 * The matching index in PostgreSQL: analysed documents, postings, corpus statistics and candidate
 * generation. Plain functions over an EntityManager, so the worker, the API, tests and the bench share
 * them. Writes that change corpus statistics take one advisory lock (they are increments).
 */

const CORPUS_LOCK = 0x6d61_7463; // 'matc'

/**
 * The corpus statistics cached per process, keyed by the version of the match_corpus row (its xmin —
 * every write to the corpus statistics updates that row, in the same transaction — plus its counts and
 * updated_at). Checking the key is one primary-key read; the df table (a few thousand terms) is
 * re-read only when it changed. The cached object is treated as immutable (the engine caches prepared
 * queries per stats object), and is the same object until the corpus changes.
 */
let statsCache: { key: string; stats: CorpusStats } | null = null;

interface CorpusRow {
  doc_count: number;
  total_length: number;
  version: string;
}

async function corpusRow(em: EntityManager): Promise<CorpusRow | undefined> {
  const [row] = (await em.query(
    `SELECT doc_count, total_length,
            xmin::text || '|' || (extract(epoch FROM updated_at) * 1e6)::bigint::text || '|' || doc_count::text
              || '|' || total_length::text AS version
       FROM match_corpus WHERE id = 1`,
  )) as CorpusRow[];
  return row;
}

async function readFullStats(em: EntityManager, corpus: CorpusRow | undefined): Promise<CorpusStats> {
  const rows = (await em.query(`SELECT term, df FROM match_term_df`)) as { term: string; df: number }[];
  const df: Record<string, number> = {};
  for (const r of rows) df[r.term] = r.df;
  const n = corpus?.doc_count ?? 0;
  return { n, avgLength: n ? Number(corpus!.total_length) / n : 0, df };
}

/**
 * The full corpus statistics. Outside a transaction from the per-process cache (one cheap version
 * check); inside one (which may have changed the corpus itself) read from the tables, uncached.
 */
export async function currentStats(em: EntityManager): Promise<CorpusStats> {
  const corpus = await corpusRow(em);
  if (em.queryRunner?.isTransactionActive) return readFullStats(em, corpus);
  const key = corpus?.version ?? 'none';
  if (statsCache?.key !== key) statsCache = { key, stats: await readFullStats(em, corpus) };
  return statsCache.stats;
}

/** Corpus statistics restricted to `terms` (all that a computation over those documents looks up). */
export async function loadStats(em: EntityManager, terms: Iterable<string>): Promise<CorpusStats> {
  const list = [...new Set(terms)];
  if (!em.queryRunner?.isTransactionActive) {
    const full = await currentStats(em);
    const df: Record<string, number> = {};
    for (const t of list) if (full.df[t] !== undefined) df[t] = full.df[t];
    return { n: full.n, avgLength: full.avgLength, df };
  }
  const corpus = await corpusRow(em);
  const n = corpus?.doc_count ?? 0;
  const df: Record<string, number> = {};
  if (list.length) {
    const rows = (await em.query(`SELECT term, df FROM match_term_df WHERE term = ANY($1::text[])`, [list])) as {
      term: string;
      df: number;
    }[];
    for (const r of rows) df[r.term] = r.df;
  }
  return { n, avgLength: n ? Number(corpus!.total_length) / n : 0, df };
}

/** Every term a scoring of these documents may look up in the statistics. */
export function termsOf(docs: { scenarios?: ScenarioDoc[]; vendors?: VendorDoc[] }): Set<string> {
  const out = new Set<string>();
  for (const d of docs.scenarios ?? []) for (const t of Object.keys(d.terms ?? {})) out.add(t);
  for (const d of docs.vendors ?? []) {
    for (const t of Object.keys(d.terms ?? {})) out.add(t);
    for (const t of Object.keys(corpusStats([d]).df)) out.add(t);
  }
  return out;
}

/**
 * Runs `fn` with statistics holding the df of `terms`; if `fn` looked up other terms (recorded by a
 * proxy), loads those too and runs it again, so the result is as with the full statistics.
 */
export async function withStats<T>(
  em: EntityManager,
  terms: Iterable<string>,
  fn: (stats: CorpusStats) => T,
): Promise<{ result: T; stats: CorpusStats }> {
  const stats = await loadStats(em, terms);
  const known = new Set(terms);
  const missing = new Set<string>();
  const recording = new Proxy(stats.df, {
    get(target, key) {
      if (typeof key === 'string' && !known.has(key)) missing.add(key);
      return Reflect.get(target, key) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string' && !known.has(key)) missing.add(key);
      return Reflect.has(target, key);
    },
  });
  const first = fn({ ...stats, df: recording });
  if (!missing.size) return { result: first, stats };
  const more = await loadStats(em, missing);
  const full = { ...stats, df: { ...stats.df, ...more.df } };
  return { result: fn(full), stats: full };
}

/** The corpus contribution of one vendor document: the terms it counts in df, and its length. */
function contribution(doc: VendorDoc): { terms: string[]; length: number } {
  const one = corpusStats([doc]);
  return { terms: Object.keys(one.df), length: one.avgLength };
}

async function adjustCorpus(em: EntityManager, doc: VendorDoc, sign: 1 | -1): Promise<void> {
  const { terms, length } = contribution(doc);
  if (terms.length) {
    if (sign === 1) {
      await em.query(
        `INSERT INTO match_term_df (term, df) SELECT t, 1 FROM unnest($1::text[]) AS t
         ON CONFLICT (term) DO UPDATE SET df = match_term_df.df + 1`,
        [terms],
      );
    } else {
      // Terms only this document had go first: decrementing them would break the df > 0 check.
      await em.query(`DELETE FROM match_term_df WHERE term = ANY($1::text[]) AND df <= 1`, [terms]);
      await em.query(`UPDATE match_term_df SET df = df - 1 WHERE term = ANY($1::text[])`, [terms]);
    }
  }
  await em.query(
    `UPDATE match_corpus SET doc_count = GREATEST(doc_count + $1, 0), total_length = GREATEST(total_length + $2, 0),
            updated_at = now() WHERE id = 1`,
    [sign, sign * length],
  );
}

async function writePostings(
  em: EntityManager,
  table: 'match_vendor_posting' | 'match_scenario_posting',
  idColumn: 'organisation_id' | 'scenario_id',
  id: string,
  weights: Record<string, number>,
): Promise<void> {
  await em.query(`DELETE FROM ${table} WHERE ${idColumn} = $1`, [id]);
  const entries = Object.entries(weights).filter(([, w]) => Number.isFinite(w) && w > 0);
  if (!entries.length) return;
  await em.query(
    `INSERT INTO ${table} (${idColumn}, term, weight)
     SELECT $1, t, w FROM unnest($2::text[], $3::real[]) AS x(t, w)`,
    [id, entries.map(([t]) => t), entries.map(([, w]) => w)],
  );
}

/**
 * (Re)analyses a vendor and stores its document and postings, keeping the corpus statistics in step
 * (the old document's contribution out, the new one's in). Runs in the caller's transaction.
 */
export async function upsertVendorDoc(
  em: EntityManager,
  input: VendorMatchInput,
  profileVersion: number,
  now: Date,
): Promise<{ doc: VendorDoc; weights: Record<string, number> }> {
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CORPUS_LOCK]);
  const [old] = (await em.query(`SELECT doc FROM match_vendor_doc WHERE organisation_id = $1 FOR UPDATE`, [
    input.organisationId,
  ])) as { doc: VendorDoc }[];
  if (old) await adjustCorpus(em, old.doc, -1);
  const doc = analyseVendor(input);
  await adjustCorpus(em, doc, 1);
  await em.query(
    `INSERT INTO match_vendor_doc (organisation_id, doc, doc_length, profile_version, accepted_deliveries,
                                   scoring_version, analysed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (organisation_id) DO UPDATE SET doc = EXCLUDED.doc, doc_length = EXCLUDED.doc_length,
       profile_version = EXCLUDED.profile_version, accepted_deliveries = EXCLUDED.accepted_deliveries,
       scoring_version = EXCLUDED.scoring_version, analysed_at = EXCLUDED.analysed_at`,
    [
      input.organisationId,
      JSON.stringify(doc),
      doc.length ?? 0,
      profileVersion,
      input.acceptedDeliveries,
      SCORING_VERSION,
      now,
    ],
  );
  const { result: weights } = await withStats(em, termsOf({ vendors: [doc] }), (st) => vendorPostingWeights(doc, st));
  await writePostings(em, 'match_vendor_posting', 'organisation_id', input.organisationId, weights);
  return { doc, weights };
}

/** A vendor no longer eligible (no profile, not verified): its document, postings and statistics go. */
export async function removeVendorDoc(em: EntityManager, organisationId: string): Promise<boolean> {
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CORPUS_LOCK]);
  const [[old]] = (await em.query(`DELETE FROM match_vendor_doc WHERE organisation_id = $1 RETURNING doc`, [
    organisationId,
  ])) as [{ doc: VendorDoc }[], number];
  await em.query(`DELETE FROM match_vendor_posting WHERE organisation_id = $1`, [organisationId]);
  if (old) await adjustCorpus(em, old.doc, -1);
  return !!old;
}

/**
 * Stores a scenario's document; while it is open (`published`) its query weights are its postings,
 * otherwise it has none (a vendor is ranked against open scenarios only).
 */
export async function upsertScenarioDoc(
  em: EntityManager,
  scenario: ScenarioEntity,
  now: Date,
): Promise<{ doc: ScenarioDoc; stats: CorpusStats; queryWeights: Record<string, number> }> {
  const doc = analyseScenario(scenarioMatchInput(scenario));
  await em.query(
    `INSERT INTO match_scenario_doc (scenario_id, doc, scenario_version, scoring_version, analysed_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (scenario_id) DO UPDATE SET doc = EXCLUDED.doc, scenario_version = EXCLUDED.scenario_version,
       scoring_version = EXCLUDED.scoring_version, analysed_at = EXCLUDED.analysed_at`,
    [scenario.id, JSON.stringify(doc), scenario.version, SCORING_VERSION, now],
  );
  const { result: queryWeights, stats } = await withStats(em, termsOf({ scenarios: [doc] }), (st) =>
    scenarioQueryWeights(doc, st),
  );
  if (scenario.status === 'published') {
    await writePostings(em, 'match_scenario_posting', 'scenario_id', scenario.id, queryWeights);
  } else {
    await removeScenarioPostings(em, scenario.id);
  }
  return { doc, stats, queryWeights };
}

export async function removeScenarioPostings(em: EntityManager, scenarioId: string): Promise<void> {
  await em.query(`DELETE FROM match_scenario_posting WHERE scenario_id = $1`, [scenarioId]);
}

/** What the engine reads of a scenario: public facts plus KPI names (never private fields' text). */
export function scenarioMatchInput(s: ScenarioEntity): ScenarioMatchInput {
  const kpis = (s.kpis ?? []).map((k) => [k.metric, k.target, k.unit].filter(Boolean).join(' ')).join('；');
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    description: s.description,
    domain: s.domain,
    sector: s.sector,
    capabilityCodes: s.capabilityCodes ?? [],
    district: s.district,
    budgetMinYuan: s.budgetMinYuan,
    budgetMaxYuan: s.budgetMaxYuan,
    trlRequired: s.trlRequired,
    extraText: kpis || null,
  };
}

interface VendorRow {
  organisation_id: string;
  name_zh: string;
  description: string;
  domains: string[];
  capability_codes: string[];
  industry_fields: string[];
  districts: string[];
  products: { name?: string; description?: string }[];
  past_cases: { title?: string; client?: string; outcome?: string }[];
  trl: number | null;
  typical_budget_min_yuan: string | null;
  typical_budget_max_yuan: string | null;
  version: number;
  accepted: number;
}

/**
 * Eligible vendors (a profile, and the organisation a verified vendor) as the engine reads them, with
 * their track record: scenarios accepted on this platform whose awarded proposal they were part of.
 * `ids` restricts to those organisations; else keyset pages by id after `afterId`.
 */
export async function eligibleVendors(
  em: EntityManager,
  options: { ids?: string[]; afterId?: string; limit?: number },
): Promise<{ input: VendorMatchInput; profileVersion: number }[]> {
  const params: unknown[] = [];
  let where = `o.type = 'vendor' AND o.status = 'verified'`;
  if (options.ids) {
    params.push(options.ids);
    where += ` AND vp.organisation_id = ANY($${params.length}::uuid[])`;
  }
  if (options.afterId) {
    params.push(options.afterId);
    where += ` AND vp.organisation_id > $${params.length}`;
  }
  params.push(options.limit ?? 1000);
  const rows = (await em.query(
    `SELECT vp.organisation_id, o.name_zh, vp.description, vp.domains, vp.capability_codes, vp.industry_fields,
            vp.districts, vp.products, vp.past_cases, vp.trl, vp.typical_budget_min_yuan, vp.typical_budget_max_yuan,
            vp.version,
            (SELECT count(DISTINCT p.scenario_id)::int
               FROM proposal p
               JOIN proposal_member m ON m.proposal_id = p.id AND m.status = 'confirmed'
               JOIN scenario s ON s.id = p.scenario_id
              WHERE m.organisation_id = vp.organisation_id AND p.status = 'awarded'
                AND s.status IN ('accepted', 'demonstration')) AS accepted
       FROM vendor_profile vp JOIN organisation o ON o.id = vp.organisation_id
      WHERE ${where}
      ORDER BY vp.organisation_id
      LIMIT $${params.length}`,
    params,
  )) as VendorRow[];
  return rows.map((r) => ({
    profileVersion: r.version,
    input: {
      organisationId: r.organisation_id,
      name: r.name_zh,
      description: r.description,
      domains: r.domains,
      capabilityCodes: r.capability_codes,
      industryFields: r.industry_fields,
      districts: r.districts,
      productsText: (r.products ?? []).map((p) => [p.name, p.description].filter(Boolean).join('：')),
      pastCases: (r.past_cases ?? []).map((c) => [c.title, c.client, c.outcome].filter(Boolean).join('，')),
      trl: r.trl,
      typicalBudgetMinYuan: r.typical_budget_min_yuan === null ? null : Number(r.typical_budget_min_yuan),
      typicalBudgetMaxYuan: r.typical_budget_max_yuan === null ? null : Number(r.typical_budget_max_yuan),
      acceptedDeliveries: r.accepted,
    },
  }));
}

/**
 * Candidate generation reads the postings of a query's rarest terms in full, up to this many postings
 * in all (terms under RARE_TERM_POSTINGS always); the other ("common") terms only re-score that pool.
 */
export const SELECTIVE_POSTINGS_BUDGET = 25_000;
export const RARE_TERM_POSTINGS = 300;
/** The heaviest common terms re-score the pool (lighter ones are left to exact scoring). */
export const COMMON_RESCORE_TERMS = 8;
/** How many vendors (or scenarios) the selective terms put in the pool the common terms then re-score. */
export const POOL_FACTOR = 2;
/**
 * The same for a scenario's vendor candidates (with the budget/TRL preference): near-identical vendors
 * tie on the selective terms, and the common terms (domain, sector, district) and the preference decide
 * among them, so a wider pool pays (bench: overlap@50 with brute force 0.81 → 0.92 for ~+15 ms).
 */
export const PREFERENCE_POOL_FACTOR = 4;

export interface CandidateQuery {
  /** Terms with few postings: read in full to build the pool. */
  selective: { terms: string[]; weights: number[] };
  /** Terms with many postings (domain, frequent capabilities and words): added to pool members only. */
  common: { terms: string[]; weights: number[] };
}

type PostingTable = 'match_vendor_posting' | 'match_scenario_posting';
/** Postings per term of each table (text terms of vendors excluded: df has them), refreshed every 10 minutes. */
const countCache = new Map<PostingTable, { counts: Map<string, number>; at: number }>();
const COUNT_TTL_MS = 10 * 60_000;

/** Postings per term: text terms of the vendor side from df; others from a per-table count, cached a while. */
async function postingCounts(
  em: EntityManager,
  table: PostingTable,
  terms: string[],
  stats: CorpusStats | null,
): Promise<Map<string, number>> {
  const vendorText = (t: string) => table === 'match_vendor_posting' && t.startsWith('t:');
  let cached = countCache.get(table);
  if (!cached || Date.now() - cached.at > COUNT_TTL_MS) {
    const rows = (await em.query(
      table === 'match_vendor_posting'
        ? `SELECT term, count(*)::int AS n FROM match_vendor_posting WHERE term < 't:' OR term >= 't;' GROUP BY term`
        : `SELECT term, count(*)::int AS n FROM match_scenario_posting GROUP BY term`,
    )) as { term: string; n: number }[];
    cached = { counts: new Map(rows.map((r) => [r.term, r.n])), at: Date.now() };
    countCache.set(table, cached);
  }
  const out = new Map<string, number>();
  for (const t of terms) {
    if (vendorText(t) && stats) out.set(t, stats.df[t.slice(2)] ?? 0);
    // A term new since the count was taken: assume it is rare (it is read in full).
    else out.set(t, cached.counts.get(t) ?? 1);
  }
  return out;
}

/** Splits a query's positive weights into selective (rarest first, within a postings budget) and common terms. */
export async function candidateQuery(
  em: EntityManager,
  table: PostingTable,
  weights: Record<string, number>,
  stats: CorpusStats | null,
  budget = SELECTIVE_POSTINGS_BUDGET,
  rare = RARE_TERM_POSTINGS,
): Promise<CandidateQuery> {
  const entries = Object.entries(weights).filter(([, w]) => Number.isFinite(w) && w > 0);
  const counts = await postingCounts(
    em,
    table,
    entries.map(([t]) => t),
    stats,
  );
  // Heaviest first: the terms that can move a candidate most build the pool, within the postings budget.
  const ranked = entries
    .map(([t, w]) => ({ t, w, n: counts.get(t) ?? 0 }))
    .filter((e) => e.n > 0)
    .sort((a, b) => b.w - a.w || a.n - b.n || (a.t < b.t ? -1 : 1));
  const q: CandidateQuery = { selective: { terms: [], weights: [] }, common: { terms: [], weights: [] } };
  let read = 0;
  const common: typeof ranked = [];
  for (const e of ranked) {
    if (e.n <= rare || read + e.n <= budget) {
      read += e.n;
      q.selective.terms.push(e.t);
      q.selective.weights.push(e.w);
    } else common.push(e);
  }
  // Every term too common for the budget: the least common one builds the pool.
  if (!q.selective.terms.length && common.length) {
    const least = common.reduce((a, b) => (b.n < a.n ? b : a));
    common.splice(common.indexOf(least), 1);
    q.selective = { terms: [least.t], weights: [least.w] };
  }
  for (const e of common.slice(0, COMMON_RESCORE_TERMS)) {
    q.common.terms.push(e.t);
    q.common.weights.push(e.w);
  }
  return q;
}

/** What of a scenario the candidate ordering prefers beyond the postings (budget, TRL: not in prescore). */
export interface CandidatePreference {
  domain: string;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  trlRequired: number | null;
}

/** The vendor fields the preference reads (from match_vendor_doc's jsonb document). */
export interface PreferenceFields {
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  trl: number | null;
  /** The vendor's fit with the scenario's domain (0 when not in it). */
  domainFit: number;
}

/** The TRL the prescore's stand-in assumes (engine: TYPICAL_TRL_REQUIRED, folded into `dom:` postings). */
const PRESCORE_TYPICAL_TRL = 7;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Budget fit as the engine computes it (engine.ts budgetFit). */
function budgetFit(s: CandidatePreference, v: PreferenceFields): number {
  const sMin = s.budgetMinYuan ?? s.budgetMaxYuan;
  const sMax = s.budgetMaxYuan ?? s.budgetMinYuan;
  const vMin = v.budgetMinYuan ?? v.budgetMaxYuan;
  const vMax = v.budgetMaxYuan ?? v.budgetMinYuan;
  if (sMin == null || sMax == null || vMin == null || vMax == null) return UNKNOWN_FIT;
  const lo = Math.max(1, Math.min(sMin, sMax));
  const hi = Math.max(1, sMin, sMax);
  const vLo = Math.max(1, Math.min(vMin, vMax));
  const vHi = Math.max(1, vMin, vMax);
  if (vLo <= hi && vHi >= lo) return 1;
  if (vLo > hi) return clamp01(1 - BUDGET_DECADE_PENALTY * Math.log10(vLo / hi));
  return clamp01(1 - BUDGET_DECADE_PENALTY * Math.log10(lo / vHi));
}

/** TRL fit as the engine computes it (engine.ts trlFit). */
function trlFit(required: number | null, trl: number | null): number {
  if (required == null) return 1;
  if (trl == null) return UNKNOWN_FIT;
  return clamp01(1 - TRL_LEVEL_PENALTY * Math.max(0, required - trl));
}

/**
 * Points added to a candidate's prescore for what the postings do not see: the budget fit, and the TRL
 * fit against the scenario's actual requirement instead of the prescore's stand-in (typical TRL 7,
 * weighted by domain fit as in the `dom:` posting). Near-identical vendors that differ only in budget
 * or TRL are then ordered as exact scoring will order them.
 */
export function preferencePoints(s: CandidatePreference, v: PreferenceFields): number {
  return (
    BUDGET_POINTS * budgetFit(s, v) +
    TRL_POINTS * (trlFit(s.trlRequired, v.trl) - v.domainFit * trlFit(PRESCORE_TYPICAL_TRL, v.trl))
  );
}

/**
 * Candidate generation in PostgreSQL: the selective terms' postings are read in full (index-only scans
 * of (term, weight DESC) INCLUDE (id)) and summed into a pool of the best POOL_FACTOR × limit; the
 * common terms' weights are then added for pool members only (primary-key lookups). The sum over all
 * terms is the engine's prescore. With a `prefer`ence (a scenario's budget and TRL), the pool members'
 * budget, TRL and domain fit are read from their documents in the same statement and
 * `preferencePoints` added before the best `limit` are returned.
 */
export async function vendorCandidates(
  em: EntityManager,
  query: CandidateQuery,
  limit: number,
  prefer?: CandidatePreference,
  poolFactor = PREFERENCE_POOL_FACTOR,
): Promise<{ id: string; prescore: number }[]> {
  if (!prefer) return candidates(em, 'match_vendor_posting', 'organisation_id', query, limit);
  if (!query.selective.terms.length) return [];
  const rows = await em.transaction(async (tx) => {
    await tx.query(`SET LOCAL jit = off`);
    return (await tx.query(
      `${poolSql('match_vendor_posting', 'organisation_id')}
       SELECT x.id, x.prescore, (d.doc->>'budgetMinYuan')::float8 AS bmin, (d.doc->>'budgetMaxYuan')::float8 AS bmax,
              (d.doc->>'trl')::float8 AS trl, COALESCE((d.doc->'domainFit'->>$6)::float8, 0) AS dfit
         FROM scored x JOIN match_vendor_doc d ON d.organisation_id = x.id`,
      [...poolParams(query, limit, poolFactor), prefer.domain],
    )) as {
      id: string;
      prescore: number;
      bmin: number | null;
      bmax: number | null;
      trl: number | null;
      dfit: number;
    }[];
  });
  return rows
    .map((r) => ({
      id: r.id,
      prescore:
        r.prescore +
        preferencePoints(prefer, { budgetMinYuan: r.bmin, budgetMaxYuan: r.bmax, trl: r.trl, domainFit: r.dfit }),
    }))
    .sort((a, b) => b.prescore - a.prescore || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

export async function scenarioCandidates(
  em: EntityManager,
  query: CandidateQuery,
  limit: number,
): Promise<{ id: string; prescore: number }[]> {
  return candidates(em, 'match_scenario_posting', 'scenario_id', query, limit);
}

/** The pool (selective terms, best POOL_FACTOR × limit) re-scored by the common terms, as CTE `scored`. */
function poolSql(table: PostingTable, idColumn: string): string {
  return `WITH pool AS (
       SELECT p.${idColumn} AS id, SUM(q.w * p.weight)::float8 AS s
         FROM unnest($1::text[], $2::real[]) AS q(t, w)
         JOIN ${table} p ON p.term = q.t
        GROUP BY p.${idColumn}
        ORDER BY s DESC
        LIMIT $5
     ), scored AS (
       SELECT pool.id,
              (pool.s + COALESCE((SELECT SUM(c.w * p.weight)
                                    FROM unnest($3::text[], $4::real[]) AS c(t, w)
                                    JOIN ${table} p ON p.${idColumn} = pool.id AND p.term = c.t), 0))::float8 AS prescore
         FROM pool
     )`;
}

function poolParams(query: CandidateQuery, limit: number, poolFactor = POOL_FACTOR): unknown[] {
  return [
    query.selective.terms,
    query.selective.weights,
    query.common.terms,
    query.common.weights,
    Math.ceil(limit * poolFactor),
  ];
}

async function candidates(
  em: EntityManager,
  table: PostingTable,
  idColumn: string,
  query: CandidateQuery,
  limit: number,
): Promise<{ id: string; prescore: number }[]> {
  if (!query.selective.terms.length) return [];
  // A short query whose plan cost crosses jit_above_cost: JIT compilation alone would cost ~10 ms.
  return em.transaction(async (tx) => {
    await tx.query(`SET LOCAL jit = off`);
    return (await tx.query(
      `${poolSql(table, idColumn)}
       SELECT id, prescore FROM scored ORDER BY prescore DESC, id LIMIT $6`,
      [...poolParams(query, limit), limit],
    )) as { id: string; prescore: number }[];
  });
}

/** Full statistics computed in memory (the nightly rebuild and the bench). */
export function statsOf(docs: Iterable<VendorDoc>): CorpusStats {
  return corpusStats(docs);
}

/**
 * Bulk (re)indexing of vendors whose documents are already analysed, with given statistics: documents
 * and postings replaced, in one statement each per chunk. The nightly rebuild and the bench use it.
 */
export async function bulkIndexVendors(
  em: EntityManager,
  entries: { doc: VendorDoc; profileVersion: number; acceptedDeliveries: number }[],
  stats: CorpusStats,
  now: Date,
): Promise<void> {
  if (!entries.length) return;
  const ids = entries.map((e) => e.doc.organisationId);
  await em.query(
    `INSERT INTO match_vendor_doc (organisation_id, doc, doc_length, profile_version, accepted_deliveries,
                                   scoring_version, analysed_at)
     SELECT id, d, l, v, a, $6, $7
       FROM unnest($1::uuid[], $2::jsonb[], $3::real[], $4::int[], $5::int[]) AS x(id, d, l, v, a)
     ON CONFLICT (organisation_id) DO UPDATE SET doc = EXCLUDED.doc, doc_length = EXCLUDED.doc_length,
       profile_version = EXCLUDED.profile_version, accepted_deliveries = EXCLUDED.accepted_deliveries,
       scoring_version = EXCLUDED.scoring_version, analysed_at = EXCLUDED.analysed_at`,
    [
      ids,
      entries.map((e) => JSON.stringify(e.doc)),
      entries.map((e) => e.doc.length ?? 0),
      entries.map((e) => e.profileVersion),
      entries.map((e) => e.acceptedDeliveries),
      SCORING_VERSION,
      now,
    ],
  );
  await em.query(`DELETE FROM match_vendor_posting WHERE organisation_id = ANY($1::uuid[])`, [ids]);
  const pIds: string[] = [];
  const pTerms: string[] = [];
  const pWeights: number[] = [];
  for (const e of entries) {
    for (const [t, w] of Object.entries(vendorPostingWeights(e.doc, stats))) {
      if (!Number.isFinite(w) || w <= 0) continue;
      pIds.push(e.doc.organisationId);
      pTerms.push(t);
      pWeights.push(w);
    }
  }
  if (pIds.length) {
    await em.query(
      `INSERT INTO match_vendor_posting (organisation_id, term, weight)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::real[])`,
      [pIds, pTerms, pWeights],
    );
  }
}

/** Replaces the persisted corpus statistics (the nightly rebuild and the bench). */
export async function replaceCorpusStats(em: EntityManager, stats: CorpusStats): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CORPUS_LOCK]);
  await em.query(`DELETE FROM match_term_df`);
  const entries = Object.entries(stats.df).filter(([, df]) => df > 0);
  for (let i = 0; i < entries.length; i += 20_000) {
    const chunk = entries.slice(i, i + 20_000);
    await em.query(`INSERT INTO match_term_df (term, df) SELECT * FROM unnest($1::text[], $2::int[])`, [
      chunk.map(([t]) => t),
      chunk.map(([, df]) => df),
    ]);
  }
  await em.query(`UPDATE match_corpus SET doc_count = $1, total_length = $2, updated_at = now() WHERE id = 1`, [
    stats.n,
    stats.avgLength * stats.n,
  ]);
}
