import { LRUCache } from 'lru-cache';
import { searchSql } from '@app/search';
import {
  PUBLIC_STATUS_GROUPS,
  type PublicScenarioQuery,
  type PublicSort,
  type PublicStatusGroup,
} from './public-scenario.dto';
import type { ScenarioAmendmentEntity } from './amendment.entity';
import type { ScenarioAttachmentEntity } from './attachment.entity';
import type { ScenarioQuestionEntity } from './scenario-question.entity';
import { PUBLIC_SCENARIO_STATUSES, type ScenarioStatus } from './scenario-status';

/**
 * The SQL of the public opportunity list — one keyset page of ids, and the facet counts — with a
 * short-lived cache of both. It runs on any `RunSql` (TypeORM's DataSource in the service, a bare
 * pg Pool in the benchmark's baseline), so the benchmark compares the framework, not the SQL.
 */
/** The statuses behind each status group; `no_award` is public but in no group (shown only unfiltered). */
export const STATUS_GROUP_STATUSES: Record<PublicStatusGroup, readonly ScenarioStatus[]> = {
  open: ['published'],
  closed: ['closed', 'under_evaluation'],
  awarded: ['awarded', 'in_delivery'],
  accepted: ['accepted'],
  demonstration: ['demonstration'],
};

const TIMESTAMP = /^(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;

// Constants only (never user input) are interpolated below; every value goes in as a parameter.
const PUBLIC_SQL = `s.status IN (${PUBLIC_SCENARIO_STATUSES.map((st) => `'${st}'`).join(', ')})`;
const GROUP_SQL = `CASE s.status ${PUBLIC_STATUS_GROUPS.flatMap((g) =>
  STATUS_GROUP_STATUSES[g].map((st) => `WHEN '${st}' THEN '${g}'`),
).join(' ')} END`;
const BUDGET_VISIBLE = `NOT ('budget' = ANY (s.private_fields))`;
const BUDGET_LOW = `CASE WHEN ${BUDGET_VISIBLE} THEN coalesce(s.budget_min_yuan, s.budget_max_yuan) END`;
const BUDGET_HIGH = `CASE WHEN ${BUDGET_VISIBLE} THEN coalesce(s.budget_max_yuan, s.budget_min_yuan) END`;

/** Keyset orders: the key expression, its direction (the id tie-breaker follows it) and the key's SQL type. */
const SORTS: Record<PublicSort, { key: string; desc: boolean; type: string; valid: (k: string) => boolean }> = {
  newest: {
    key: `coalesce(s.published_at, s.created_at)`,
    desc: true,
    type: 'timestamptz',
    valid: (k) => TIMESTAMP.test(k),
  },
  deadline: {
    key: `coalesce(s.proposal_deadline, 'infinity'::timestamptz)`,
    desc: false,
    type: 'timestamptz',
    valid: (k) => TIMESTAMP.test(k),
  },
  // Private budgets sort last, as if there were none: the order must not reveal them.
  budget: { key: `coalesce(${BUDGET_HIGH}, -1)`, desc: true, type: 'bigint', valid: (k) => /^-?\d{1,16}$/.test(k) },
  relevance: { key: '', desc: true, type: 'real', valid: (k) => /^\d+(\.\d+)?(e-?\d+)?$/.test(k) },
};

type Facet = 'domain' | 'district' | 'capability' | 'status';
const FACETS: readonly Facet[] = ['domain', 'district', 'capability', 'status'];

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface Filters {
  /** Conditions that are not facets (always applied). */
  base: string[];
  /** The faceted filters, each left out when counting its own facet. */
  faceted: Partial<Record<Facet, string>>;
  rank: string | null;
}

function buildFilters(query: PublicScenarioQuery, tsquery: string | null, p: Params): Filters {
  const base = [PUBLIC_SQL];
  let rank: string | null = null;
  if (tsquery) {
    const search = searchSql('s.search_vector', Number(p.add(tsquery).slice(1)));
    base.push(search.where);
    rank = search.rank;
  }
  if (query.sector) base.push(`s.sector = ${p.add(query.sector)}`);
  if (query.budgetMin !== undefined) base.push(`${BUDGET_HIGH} >= ${p.add(query.budgetMin)}`);
  if (query.budgetMax !== undefined) base.push(`${BUDGET_LOW} <= ${p.add(query.budgetMax)}`);
  if (query.trl !== undefined) base.push(`(s.trl_required IS NULL OR s.trl_required <= ${p.add(query.trl)})`);
  if (query.deadlineFrom) base.push(`s.proposal_deadline >= ${p.add(query.deadlineFrom)}::timestamptz`);
  if (query.deadlineTo) base.push(`s.proposal_deadline <= ${p.add(query.deadlineTo)}::timestamptz`);
  if (query.batch) base.push(`s.batch_id = ${p.add(query.batch)}::uuid`);
  const faceted: Filters['faceted'] = {};
  if (query.domain?.length) faceted.domain = `s.domain = ANY (${p.add(query.domain)}::text[])`;
  if (query.district?.length) faceted.district = `s.district = ANY (${p.add(query.district)}::text[])`;
  if (query.capability?.length) faceted.capability = `s.capability_codes && ${p.add(query.capability)}::text[]`;
  if (query.status) faceted.status = `s.status = ANY (${p.add(STATUS_GROUP_STATUSES[query.status])}::text[])`;
  return { base, faceted, rank };
}

export type FacetCounts = Record<Facet, Record<string, number>>;

/** A list card's columns (budgets as numbers: yuan stay well inside a double's exact range). */
const CARD_COLUMNS = `id, code, agency_organisation_id, status, title, title_en, summary, summary_en, domain, sector,
  capability_codes, district, site, trl_required, budget_min_yuan::float8 AS budget_min_yuan,
  budget_max_yuan::float8 AS budget_max_yuan, funding_type, proposal_deadline, expected_delivery_months,
  published_at, private_fields`;

export interface CardRow {
  id: string;
  code: string | null;
  agency_organisation_id: string;
  status: ScenarioStatus;
  title: string;
  title_en: string | null;
  summary: string | null;
  summary_en: string | null;
  domain: string;
  sector: string | null;
  capability_codes: string[];
  district: string | null;
  site: string | null;
  trl_required: number | null;
  budget_min_yuan: number | null;
  budget_max_yuan: number | null;
  funding_type: string | null;
  proposal_deadline: Date | null;
  expected_delivery_months: number | null;
  published_at: Date | null;
  private_fields: string[];
}
/** Timestamps arrive as PostgreSQL's JSON text. */
type JsonDates<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** What a public detail shows besides the scenario, under the entities' property names. */
export interface DetailExtrasRow {
  questions: JsonDates<Pick<ScenarioQuestionEntity, 'id' | 'question' | 'answer' | 'askedAt' | 'answeredAt'>>[];
  amendments: JsonDates<
    Pick<
      ScenarioAmendmentEntity,
      'amendmentNo' | 'reason' | 'changedFields' | 'material' | 'deadlineExtended' | 'amendedAt'
    >
  >[];
  attachments: Pick<ScenarioAttachmentEntity, 'id' | 'fileName' | 'mediaType' | 'sizeBytes'>[];
}

export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;
export interface PageRow {
  id: string;
  sort_key: string;
}

/** The filters that shape the SQL, normalised (list order does not matter), as a cache key part. */
function filterKey(q: PublicScenarioQuery): unknown[] {
  const set = (xs?: string[]) => (xs?.length ? [...xs].sort() : null);
  return [
    q.sector ?? null,
    q.budgetMin ?? null,
    q.budgetMax ?? null,
    q.trl ?? null,
    q.deadlineFrom ?? null,
    q.deadlineTo ?? null,
    q.batch ?? null,
    set(q.domain),
    set(q.district),
    set(q.capability),
    q.status ?? null,
  ];
}

/** Sort keys are typed by their sort; a key from a cursor must look like one. */
export function validSortKey(sort: PublicSort, key: string): boolean {
  return SORTS[sort].valid(key);
}

/**
 * Facet counts over 100,000 rows cost hundreds of milliseconds and relevance ranking of a common
 * word tens: far too much per request. Public list answers are already cacheable for 60 s
 * (Cache-Control), so each page's ids and each filter set's facet counts are kept: fresh for
 * `ttlSeconds`, then served while one background query refreshes them (stale-while-revalidate, so
 * no visitor waits for an expiry), and dropped after twice that. The rows themselves are always read
 * fresh. Concurrent misses for one key share one query. `ttlSeconds` 0 turns the cache off.
 */
export class PublicListQueries {
  private readonly entries: LRUCache<string, { value: object; freshUntil: number }> | null;
  private readonly inflight = new Map<string, Promise<object>>();
  private readonly ttlMs: number;

  constructor(
    private readonly run: RunSql,
    ttlSeconds: number,
    maxEntries = 10_000,
  ) {
    this.ttlMs = ttlSeconds * 1000;
    this.entries = ttlSeconds > 0 ? new LRUCache({ max: maxEntries, ttl: 2 * this.ttlMs }) : null;
  }

  /** Keyset page: `limit + 1` rows of (id, sort key as text) past the cursor. */
  async page(
    query: PublicScenarioQuery,
    tsquery: string | null,
    sort: PublicSort,
    after: [string, string] | null,
    limit: number,
  ): Promise<PageRow[]> {
    const p = new Params();
    const f = buildFilters(query, tsquery, p);
    const spec = SORTS[sort];
    const key = sort === 'relevance' ? (f.rank as string) : spec.key;
    const where = [...f.base, ...Object.values(f.faceted)];
    if (after) {
      where.push(
        `(${key}, s.id) ${spec.desc ? '<' : '>'} (${p.add(after[0])}::${spec.type}, ${p.add(after[1])}::uuid)`,
      );
    }
    const dir = spec.desc ? 'DESC' : 'ASC';
    const sql = `SELECT s.id, (${key})::text AS sort_key FROM scenario s
      WHERE ${where.join('\n        AND ')}
      ORDER BY ${key} ${dir}, s.id ${dir}
      LIMIT ${p.add(limit + 1)}`;
    return this.cached(
      ['page', filterKey(query), tsquery, sort, after, limit],
      async () => (await this.run(sql, p.values)) as PageRow[],
    );
  }

  /**
   * Standard faceting in one statement: the rows matching every non-facet filter, with a flag per
   * facet filter; each facet counts the rows that pass all the *other* facet filters.
   */
  async facets(query: PublicScenarioQuery, tsquery: string | null): Promise<FacetCounts> {
    const p = new Params();
    const f = buildFilters(query, tsquery, p);
    const flag = (facet: Facet) => `(${f.faceted[facet] ?? 'true'}) AS m_${facet}`;
    const others = (facet: Facet) =>
      FACETS.filter((x) => x !== facet)
        .map((x) => `m_${x}`)
        .join(' AND ');
    const sql = `WITH base AS (
        SELECT s.domain, s.district, s.capability_codes, ${GROUP_SQL} AS status_group,
          ${FACETS.map(flag).join(', ')}
        FROM scenario s
        WHERE ${f.base.join(' AND ')}
      )
      SELECT 'domain' AS facet, domain AS value, count(*)::int AS count FROM base
        WHERE ${others('domain')} GROUP BY domain
      UNION ALL
      SELECT 'district', district, count(*)::int FROM base
        WHERE ${others('district')} AND district IS NOT NULL GROUP BY district
      UNION ALL
      SELECT 'capability', c, count(*)::int FROM base, unnest(capability_codes) AS c
        WHERE ${others('capability')} GROUP BY c
      UNION ALL
      SELECT 'status', status_group, count(*)::int FROM base
        WHERE ${others('status')} AND status_group IS NOT NULL GROUP BY status_group
      ORDER BY 1, 3 DESC, 2`;
    return this.cached(['facets', filterKey(query), tsquery], async () => {
      const rows = (await this.run(sql, p.values)) as { facet: Facet; value: string; count: number }[];
      const out: FacetCounts = { domain: {}, district: {}, capability: {}, status: {} };
      for (const r of rows) out[r.facet][r.value] = r.count;
      return out;
    });
  }

  /**
   * The cards of a page, read fresh (never cached) and only while still public: a cached page may
   * name a scenario withdrawn since.
   */
  async cards(ids: string[]): Promise<CardRow[]> {
    if (ids.length === 0) return [];
    return (await this.run(`SELECT ${CARD_COLUMNS} FROM scenario s WHERE id = ANY ($1::uuid[]) AND ${PUBLIC_SQL}`, [
      ids,
    ])) as CardRow[];
  }

  /**
   * What a public detail shows besides the scenario, in one round trip: answered questions (never
   * who asked), the amendment history (never who amended) and the attachments, oldest first.
   * Rows come under the entities' property names, for the entities' public views to shape.
   */
  async detailExtras(scenarioId: string): Promise<DetailExtrasRow> {
    const [row] = (await this.run(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', q.id, 'question', q.question, 'answer', q.answer,
                   'askedAt', q.asked_at, 'answeredAt', q.answered_at) ORDER BY q.asked_at, q.id), '[]')
            FROM scenario_question q WHERE q.scenario_id = $1 AND q.answer IS NOT NULL) AS questions,
         (SELECT coalesce(json_agg(json_build_object('amendmentNo', a.amendment_no, 'reason', a.reason,
                   'changedFields', a.changed_fields, 'material', a.material, 'deadlineExtended', a.deadline_extended,
                   'amendedAt', a.amended_at) ORDER BY a.amendment_no), '[]')
            FROM scenario_amendment a WHERE a.scenario_id = $1) AS amendments,
         (SELECT coalesce(json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'mediaType', f.media_type,
                   'sizeBytes', f.size_bytes) ORDER BY f.created_at, f.id), '[]')
            FROM scenario_attachment f WHERE f.scenario_id = $1) AS attachments`,
      [scenarioId],
    )) as DetailExtrasRow[];
    return row;
  }

  private async cached<T extends object>(key: unknown[], load: () => Promise<T>): Promise<T> {
    if (!this.entries) return load();
    const k = JSON.stringify(key);
    const entry = this.entries.get(k);
    if (!entry) return (await this.refresh(k, load)) as T;
    // A failed background refresh keeps the entry until it expires; the next request tries again.
    if (Date.now() > entry.freshUntil) this.refresh(k, load).catch(() => undefined);
    return entry.value as T;
  }

  private refresh(k: string, load: () => Promise<object>): Promise<object> {
    let pending = this.inflight.get(k);
    if (!pending) {
      pending = load()
        .then((value) => {
          this.entries?.set(k, { value, freshUntil: Date.now() + this.ttlMs });
          return value;
        })
        .finally(() => this.inflight.delete(k));
      this.inflight.set(k, pending);
    }
    return pending;
  }
}
