import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource, In } from 'typeorm';
import { decodeCursor, encodeCursor, type FieldViolation, ValidationFailedError } from '@app/common';
import { buildTsquery, highlight, searchSql } from '@app/search';
import {
  PUBLIC_STATUS_GROUPS,
  type PublicScenarioQuery,
  type PublicSort,
  type PublicStatusGroup,
} from './public-scenario.dto';
import { ScenarioEntity } from './scenario.entity';
import { PUBLIC_SCENARIO_STATUSES, type ScenarioStatus } from './scenario-status';
import { ScenarioError } from './scenarios.errors';
import { ScenarioView } from './scenario.views';

/** The statuses behind each status group; `no_award` is public but in no group (shown only unfiltered). */
export const STATUS_GROUP_STATUSES: Record<PublicStatusGroup, readonly ScenarioStatus[]> = {
  open: ['published'],
  closed: ['closed', 'under_evaluation'],
  awarded: ['awarded', 'in_delivery'],
  accepted: ['accepted'],
  demonstration: ['demonstration'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^HZ-\d{4}-[A-Z]{2,8}-\d{4,}$/;
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

export class PublicScenarioHighlights {
  @ApiProperty({ description: 'HTML: escaped text with <mark> around matches' }) title: string;
  @ApiProperty() summary: string;
}

export class PublicScenarioItem extends ScenarioView {
  @ApiPropertyOptional({ type: PublicScenarioHighlights, description: 'Only when q is given' })
  highlights?: PublicScenarioHighlights;
}

export class PublicScenarioPage {
  @ApiProperty({ type: [PublicScenarioItem] }) items: PublicScenarioItem[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Counts by domain, district, capability and status group over the filtered set, each ignoring its own filter',
  })
  facets: FacetCounts;
}

export class PublicScenarioDetail extends ScenarioView {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Public Q&A (not yet available)' })
  questions: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Amendment history (not yet available)' })
  amendments: unknown[];
}

/** The public opportunity list (场景机会清单): search, filters, facets and keyset paging. */
@Injectable()
export class PublicScenarioService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: PublicScenarioQuery): Promise<PublicScenarioPage> {
    const violations: FieldViolation[] = [];
    if (query.budgetMin !== undefined && query.budgetMax !== undefined && query.budgetMin > query.budgetMax)
      violations.push({ field: 'budgetMin', rule: 'scenario.budget_range' });
    if (query.deadlineFrom && query.deadlineTo && Date.parse(query.deadlineFrom) > Date.parse(query.deadlineTo))
      violations.push({ field: 'deadlineFrom', rule: 'public.deadline_range' });
    if (violations.length) throw new ValidationFailedError(violations);

    const limit = query.limit ?? 20;
    const tsquery = query.q ? buildTsquery(query.q) : null;
    let sort: PublicSort = query.sort ?? (tsquery ? 'relevance' : 'newest');
    if (sort === 'relevance' && !tsquery) sort = 'newest';
    const after = query.cursor ? this.decode(query.cursor, sort) : null;

    const [rows, facets] = await Promise.all([
      this.page(query, tsquery, sort, after, limit),
      this.facets(query, tsquery),
    ]);
    const page = rows.slice(0, limit);
    const entities = await this.dataSource.manager.find(ScenarioEntity, { where: { id: In(page.map((r) => r.id)) } });
    const byId = new Map(entities.map((e) => [e.id, e]));
    const items = page.flatMap((r) => {
      const s = byId.get(r.id);
      if (!s) return [];
      const item: PublicScenarioItem = ScenarioView.of(s, false);
      if (query.q) {
        item.highlights = {
          title: highlight(s.title, query.q, { maxLength: 100 }),
          summary: highlight(s.summary, query.q, { maxLength: 160 }),
        };
      }
      return [item];
    });
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([sort, last.sort_key, last.id]) : null,
      facets,
    };
  }

  /** A public scenario by code (`HZ-2026-MF-0007`) or id; anything not public is simply not found. */
  async get(codeOrId: string): Promise<PublicScenarioDetail> {
    const where = UUID.test(codeOrId)
      ? { id: codeOrId.toLowerCase() }
      : CODE.test(codeOrId)
        ? { code: codeOrId }
        : null;
    const s = where
      ? await this.dataSource.manager.findOne(ScenarioEntity, {
          where: { ...where, status: In([...PUBLIC_SCENARIO_STATUSES]) },
        })
      : null;
    if (!s) throw new ScenarioError('SCENARIO_NOT_FOUND');
    return { ...ScenarioView.of(s, false), questions: [], amendments: [] };
  }

  /** Keyset page: `limit + 1` rows of (id, sort key as text) past the cursor. */
  private async page(
    query: PublicScenarioQuery,
    tsquery: string | null,
    sort: PublicSort,
    after: [string, string] | null,
    limit: number,
  ): Promise<{ id: string; sort_key: string }[]> {
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
    return (await this.dataSource.query(sql, p.values)) as { id: string; sort_key: string }[];
  }

  /**
   * Standard faceting in one statement: the rows matching every non-facet filter, with a flag per
   * facet filter; each facet counts the rows that pass all the *other* facet filters.
   */
  private async facets(query: PublicScenarioQuery, tsquery: string | null): Promise<FacetCounts> {
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
    const rows = (await this.dataSource.query(sql, p.values)) as { facet: Facet; value: string; count: number }[];
    const out: FacetCounts = { domain: {}, district: {}, capability: {}, status: {} };
    for (const r of rows) out[r.facet][r.value] = r.count;
    return out;
  }

  private decode(cursor: string, sort: PublicSort): [string, string] {
    const [cursorSort, key, id] = decodeCursor(cursor, 3);
    if (
      cursorSort !== sort ||
      typeof key !== 'string' ||
      typeof id !== 'string' ||
      !UUID.test(id) ||
      !SORTS[sort].valid(key)
    )
      throw new ValidationFailedError([{ field: 'cursor', rule: 'cursor' }]);
    return [key, id];
  }
}
