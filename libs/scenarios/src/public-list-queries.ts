import {
  type FacetCounts as ListFacetCounts,
  type ListFacet,
  type PublicListDefinition,
  PublicListEngine,
  type RunSql,
} from '@app/search';
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
 * The public opportunity list as a definition on the shared list engine (`@app/search`): which
 * scenarios are public, the card columns, the filters, facets and sorts. The engine does the SQL —
 * keyset pages, facet counts, relevance, the any-word fallback and the cache — for every public
 * list alike. It runs on any `RunSql` (a pool query in the service, a bare pg Pool in the
 * benchmark's baseline), so the benchmark compares the framework, not the SQL.
 */
/** The statuses behind each status group; `no_award` is public but in no group (shown only unfiltered). */
export const STATUS_GROUP_STATUSES: Record<PublicStatusGroup, readonly ScenarioStatus[]> = {
  open: ['published'],
  closed: ['closed', 'under_evaluation'],
  awarded: ['awarded', 'in_delivery'],
  accepted: ['accepted'],
  demonstration: ['demonstration'],
};

// Constants only (never user input) are interpolated below; every value goes in as a parameter.
const PUBLIC_SQL = `s.status IN (${PUBLIC_SCENARIO_STATUSES.map((st) => `'${st}'`).join(', ')})`;
const GROUP_SQL = `CASE s.status ${PUBLIC_STATUS_GROUPS.flatMap((g) =>
  STATUS_GROUP_STATUSES[g].map((st) => `WHEN '${st}' THEN '${g}'`),
).join(' ')} END`;
const BUDGET_VISIBLE = `NOT ('budget' = ANY (s.private_fields))`;
const BUDGET_LOW = `CASE WHEN ${BUDGET_VISIBLE} THEN coalesce(s.budget_min_yuan, s.budget_max_yuan) END`;
const BUDGET_HIGH = `CASE WHEN ${BUDGET_VISIBLE} THEN coalesce(s.budget_max_yuan, s.budget_min_yuan) END`;

export type ScenarioFacet = 'domain' | 'district' | 'capability' | 'status';
type ScenarioSort = Exclude<PublicSort, 'relevance'>;

/** A list card's columns (budgets as numbers: yuan stay well inside a double's exact range). */
const CARD_COLUMNS = `id, code, agency_organisation_id, status, title, title_en, summary, summary_en, domain, sector,
  capability_codes, district, site, trl_required, budget_min_yuan::float8 AS budget_min_yuan,
  budget_max_yuan::float8 AS budget_max_yuan, funding_type, proposal_deadline, expected_delivery_months,
  published_at, private_fields`;

const facet = (field: ListFacet<PublicScenarioQuery>['field'], value: string, where: (v: string) => string) => ({
  field,
  value,
  where,
});

export const PUBLIC_SCENARIO_LIST: PublicListDefinition<PublicScenarioQuery, ScenarioFacet, ScenarioSort> = {
  from: 'scenario s',
  id: 's.id',
  visible: PUBLIC_SQL,
  searchVector: 's.search_vector',
  cardColumns: CARD_COLUMNS,
  sorts: {
    newest: { key: `coalesce(s.published_at, s.created_at)`, desc: true, type: 'timestamptz' },
    deadline: { key: `coalesce(s.proposal_deadline, 'infinity'::timestamptz)`, desc: false, type: 'timestamptz' },
    // Private budgets sort last, as if there were none: the order must not reveal them.
    budget: { key: `coalesce(${BUDGET_HIGH}, -1)`, desc: true, type: 'bigint' },
  },
  defaultSort: 'newest',
  filters: [
    { field: 'sector', where: (v) => `s.sector = ${v}` },
    { field: 'budgetMin', where: (v) => `${BUDGET_HIGH} >= ${v}` },
    { field: 'budgetMax', where: (v) => `${BUDGET_LOW} <= ${v}` },
    { field: 'trl', where: (v) => `(s.trl_required IS NULL OR s.trl_required <= ${v})` },
    { field: 'deadlineFrom', where: (v) => `s.proposal_deadline >= ${v}::timestamptz` },
    { field: 'deadlineTo', where: (v) => `s.proposal_deadline <= ${v}::timestamptz` },
    { field: 'batch', where: (v) => `s.batch_id = ${v}::uuid` },
  ],
  facets: {
    domain: facet('domain', 's.domain', (v) => `s.domain = ANY (${v}::text[])`),
    district: facet('district', 's.district', (v) => `s.district = ANY (${v}::text[])`),
    capability: {
      ...facet('capability', 's.capability_codes', (v) => `s.capability_codes && ${v}::text[]`),
      multi: true,
    },
    status: {
      ...facet('status', GROUP_SQL, (v) => `s.status = ANY (${v}::text[])`),
      param: (group) => STATUS_GROUP_STATUSES[group as PublicStatusGroup],
    },
  },
};

export type FacetCounts = ListFacetCounts<ScenarioFacet>;

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

/**
 * The opportunity list on the shared engine (pages, facets, cards, list, matchingIds, cache), plus
 * what only a scenario's public detail needs.
 */
export class PublicListQueries extends PublicListEngine<PublicScenarioQuery, ScenarioFacet, ScenarioSort, CardRow> {
  constructor(run: RunSql, ttlSeconds: number, maxEntries = 10_000) {
    super(PUBLIC_SCENARIO_LIST, run, ttlSeconds, maxEntries);
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
}
