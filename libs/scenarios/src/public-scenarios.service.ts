import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { type FieldViolation, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { poolQuery } from '@app/database';
import { highlight, type RunSql, type TermMatch } from '@app/search';
import type { PublicScenarioQuery } from './public-scenario.dto';
import { type CardRow, type FacetCounts, PublicListQueries } from './public-list-queries';
import { ScenarioEntity } from './scenario.entity';
import { PUBLIC_SCENARIO_STATUSES } from './scenario-status';
import { ScenarioError } from './scenarios.errors';
import { ScenarioView } from './scenario.views';
import { AmendmentSummaryView } from './amendment.views';
import { PublicQuestionView } from './clarification.views';
import { PublicAttachmentView } from './attachment.views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^HZ-\d{4}-[A-Z]{2,8}-\d{4,}$/;

export class PublicScenarioHighlights {
  @ApiProperty({ description: 'HTML: escaped text with <mark> around matches' }) title: string;
  @ApiProperty() summary: string;
}

/** What a list card shows (see PublicListQueries.cards for its columns). */
const CARD_FIELDS = [
  'id',
  'code',
  'agencyOrganisationId',
  'status',
  'title',
  'titleEn',
  'summary',
  'summaryEn',
  'domain',
  'sector',
  'capabilityCodes',
  'district',
  'site',
  'trlRequired',
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'expectedDeliveryMonths',
  'publishedAt',
] as const;

export class PublicScenarioItem extends PickType(ScenarioView, CARD_FIELDS) {
  @ApiPropertyOptional({ type: PublicScenarioHighlights, description: 'Only when q is given' })
  highlights?: PublicScenarioHighlights;

  /** The card of a public scenario; a private budget is left out, as in the public view. */
  static of(r: CardRow): PublicScenarioItem {
    const item: PublicScenarioItem = {
      id: r.id,
      code: r.code,
      agencyOrganisationId: r.agency_organisation_id,
      status: r.status,
      title: r.title,
      titleEn: r.title_en,
      summary: r.summary,
      summaryEn: r.summary_en,
      domain: r.domain,
      sector: r.sector,
      capabilityCodes: r.capability_codes,
      district: r.district,
      site: r.site,
      trlRequired: r.trl_required,
      fundingType: r.funding_type,
      proposalDeadline: r.proposal_deadline?.toISOString() ?? null,
      expectedDeliveryMonths: r.expected_delivery_months,
      publishedAt: r.published_at?.toISOString() ?? null,
    };
    if (!r.private_fields.includes('budget')) {
      item.budgetMinYuan = r.budget_min_yuan;
      item.budgetMaxYuan = r.budget_max_yuan;
    }
    return item;
  }
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
  @ApiProperty({
    enum: ['all', 'any'],
    description:
      '`all`: every keyword matched. `any`: nothing matched every keyword, so these match some of them (best first)',
  })
  match: TermMatch;
}

export class PublicScenarioDetail extends ScenarioView {
  @ApiProperty({
    type: [PublicQuestionView],
    description: 'Public Q&A: answered clarification questions, oldest first (never who asked)',
  })
  questions: PublicQuestionView[];
  @ApiProperty({ type: [AmendmentSummaryView], description: 'Amendment history, oldest first (never who amended)' })
  amendments: AmendmentSummaryView[];
  @ApiProperty({ type: [PublicAttachmentView], description: 'Attachments, oldest first (download: …/attachments/:id)' })
  attachments: PublicAttachmentView[];
  @ApiProperty({
    description:
      'A demonstration scenario: how many new scenarios agencies created from it (replications); 0 otherwise',
  })
  replicationCount: number;
}

/** The public opportunity list (场景机会清单): search, filters, facets and keyset paging. */
@Injectable()
export class PublicScenarioService {
  private readonly queries: PublicListQueries;
  private readonly sql: RunSql;
  private columns?: string;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.sql = poolQuery(dataSource);
    this.queries = new PublicListQueries(this.sql, config.PUBLIC_LIST_CACHE_SECONDS);
  }

  async list(query: PublicScenarioQuery): Promise<PublicScenarioPage> {
    this.check(query);
    const { cards, nextCursor, facets, match } = await this.queries.list(query);
    const items = cards.map((card) => {
      const item = PublicScenarioItem.of(card);
      if (query.q) {
        item.highlights = {
          title: highlight(card.title, query.q, { maxLength: 100 }),
          summary: highlight(card.summary, query.q, { maxLength: 160 }),
        };
      }
      return item;
    });
    return { items, nextCursor, facets, match };
  }

  /** A public scenario by code (`HZ-2026-MF-0007`) or id; anything not public is simply not found. */
  async get(codeOrId: string): Promise<PublicScenarioDetail> {
    const s = await this.findPublic(codeOrId);
    const extras = await this.queries.detailExtras(s.id);
    const date = (t: string) => new Date(t);
    return {
      ...ScenarioView.of(s, false),
      questions: extras.questions.map((q) =>
        PublicQuestionView.of({ ...q, askedAt: date(q.askedAt), answeredAt: q.answeredAt ? date(q.answeredAt) : null }),
      ),
      amendments: extras.amendments.map((a) => AmendmentSummaryView.of({ ...a, amendedAt: date(a.amendedAt) })),
      attachments: extras.attachments.map((a) => PublicAttachmentView.of(a)),
      replicationCount: s.status === 'demonstration' ? await this.replicationCount(s.id) : 0,
    };
  }

  /** Scenarios created from this one (copied_from_id; indexed): its replications once it is a demonstration. */
  private async replicationCount(scenarioId: string): Promise<number> {
    const [row] = (await this.sql(`SELECT count(*)::int AS n FROM scenario WHERE copied_from_id = $1`, [
      scenarioId,
    ])) as { n: number }[];
    return row.n;
  }

  /** The public scenario with this code (`HZ-2026-MF-0007`) or id; anything not public is not found. */
  async findPublic(codeOrId: string): Promise<ScenarioEntity> {
    const by = UUID.test(codeOrId) ? 'id' : CODE.test(codeOrId) ? 'code' : null;
    const value = by === 'id' ? codeOrId.toLowerCase() : codeOrId;
    const [s] = by
      ? ((await this.sql(`SELECT ${this.entityColumns()} FROM scenario s WHERE s.${by} = $1 AND s.status = ANY ($2)`, [
          value,
          PUBLIC_SCENARIO_STATUSES,
        ])) as ScenarioEntity[])
      : [];
    if (!s) throw new ScenarioError('SCENARIO_NOT_FOUND');
    return s;
  }

  /**
   * Every mapped column under its property name (budgets, bigint, as numbers like the entity's
   * transformer), so a plain pool query yields the entity's shape without the ORM's per-row work.
   */
  private entityColumns(): string {
    this.columns ??= this.dataSource
      .getMetadata(ScenarioEntity)
      .columns.map((c) => `s.${c.databaseName}${c.type === 'bigint' ? '::float8' : ''} AS "${c.propertyName}"`)
      .join(', ');
    return this.columns;
  }

  /** The ids of up to `max` scenarios matching the list's filters, in the list's order (for exports). */
  async matchingIds(query: PublicScenarioQuery, max: number): Promise<string[]> {
    this.check(query);
    return this.queries.matchingIds(query, max);
  }

  /** Cross-field checks of the filters (the engine checks the cursor and picks the sort). */
  private check(query: PublicScenarioQuery): void {
    const violations: FieldViolation[] = [];
    if (query.budgetMin !== undefined && query.budgetMax !== undefined && query.budgetMin > query.budgetMax)
      violations.push({ field: 'budgetMin', rule: 'scenario.budget_range' });
    if (query.deadlineFrom && query.deadlineTo && Date.parse(query.deadlineFrom) > Date.parse(query.deadlineTo))
      violations.push({ field: 'deadlineFrom', rule: 'public.deadline_range' });
    if (violations.length) throw new ValidationFailedError(violations);
  }
}
