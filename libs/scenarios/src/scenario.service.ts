import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccessError,
  type Actor,
  Clock,
  decodeTimeIdCursor,
  encodeCursor,
  type RequestContext,
  ValidationFailedError,
} from '@app/common';
import { AuditService } from '@app/audit';
import { newestFirstPage } from '@app/database';
import { OutboxService } from '@app/outbox';
import {
  CANCELLATION_REASON_MAX,
  type CreateScenarioDto,
  type ListMyScenariosQuery,
  type ListScenariosQuery,
  type ScenarioOptionalFieldsDto,
  type UpdateScenarioDto,
} from './scenario.dto';
import { type ScenarioAwardNotice, ScenarioEntity, ScenarioReviewEntity } from './scenario.entity';
import { ScenarioError } from './scenarios.errors';
import { scenarioPolicy } from './scenario.policy';
import {
  EDITABLE_SCENARIO_STATUSES,
  scenarioLifecycle,
  type ScenarioStatus,
  type ScenarioTransition,
} from './scenario-status';
import { submissionViolations, type VettingChecklist } from './scenario-checks';
import { nextScenarioCode } from './scenario-code';
import { ScenarioPageView, ScenarioView, StaffScenarioPageView } from './scenario.views';
import { writeScenarioSearchVector } from './scenario-search';
import { followerCounts } from './scenario-followers';
import { vettingOutcome } from './vetting-comments';

export type ActorContext = RequestContext & { actor: Actor };

export interface TransitionOptions {
  reason?: string | null;
  /** A vetting decision: stored as a scenario_review row in the same transaction. */
  review?: { comments: Record<string, string>; checklist: VettingChecklist };
  /**
   * Run inside the caller's transaction (e.g. publishing a whole batch, all-or-nothing) instead of a
   * transaction of its own. Must be a transactional manager.
   */
  manager?: EntityManager;
  /** The clock for timestamps and deadline checks (scheduled jobs pass the time they run for). */
  now?: Date;
}

function summary(s: ScenarioEntity) {
  return { code: s.code, status: s.status, title: s.title, domain: s.domain, version: s.version };
}

/** Copies the optional fields present in `dto` onto `s` (null clears; absent leaves as is). */
export function applyScenarioFields(
  s: ScenarioEntity,
  dto: ScenarioOptionalFieldsDto & { title?: string; domain?: string },
) {
  const { proposalDeadline, ...rest } = dto as ScenarioOptionalFieldsDto & { version?: number };
  delete (rest as { version?: number }).version;
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    const arrayField =
      key === 'capabilityCodes' || key === 'privateFields' || key === 'kpis' || key === 'dataResources';
    (s as unknown as Record<string, unknown>)[key] = value === null && arrayField ? [] : value;
  }
  if (proposalDeadline !== undefined)
    s.proposalDeadline = proposalDeadline === null ? null : new Date(proposalDeadline);
}

@Injectable()
export class ScenarioService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** A new draft of the caller's (verified) agency. */
  async create(ctx: ActorContext, dto: CreateScenarioDto): Promise<ScenarioView> {
    return this.dataSource.transaction(async (em) => {
      const agencyId = await this.assertVerifiedAgency(em, ctx.actor);
      return this.createDraftIn(em, ctx, agencyId, dto);
    });
  }

  /**
   * A new draft for `agencyId` inside the caller's transaction (search vector, `scenario.created`, audit):
   * what `create` does once the agency is checked; imports (staff, for a verified agency they checked) use it too.
   */
  async createDraftIn(
    em: EntityManager,
    ctx: ActorContext,
    agencyId: string,
    dto: CreateScenarioDto,
    auditExtra: Record<string, unknown> = {},
  ): Promise<ScenarioView> {
    const s = em.create(ScenarioEntity, {
      agencyOrganisationId: agencyId,
      createdBy: ctx.actor.userId,
      status: 'draft',
      capabilityCodes: [],
      kpis: [],
      dataResources: [],
      privateFields: [],
      version: 1,
      copiedFromId: null,
    });
    applyScenarioFields(s, dto);
    return this.insertDraft(em, ctx, s, auditExtra);
  }

  /** Autosave: a partial change to a draft or returned scenario, based on the version the caller read. */
  async update(ctx: ActorContext, id: string, dto: UpdateScenarioDto): Promise<ScenarioView> {
    return this.dataSource.transaction(async (em) => {
      const s = await this.lockOwnedForChange(em, ctx.actor, id);
      if (!EDITABLE_SCENARIO_STATUSES.includes(s.status)) {
        throw new ScenarioError('SCENARIO_NOT_EDITABLE', { status: s.status });
      }
      if (s.version !== dto.version) {
        throw new ScenarioError('SCENARIO_VERSION_CONFLICT', { current: s.version }, 'version');
      }
      const before = summary(s);
      applyScenarioFields(s, dto);
      s.version += 1;
      await em.save(s);
      await writeScenarioSearchVector(em, s);
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await this.outbox.publish(em, ctx, {
        type: 'scenario.updated',
        aggregateType: 'scenario',
        aggregateId: s.id,
        payload: { scenarioId: s.id, fields: changed, version: s.version },
      });
      await this.audit.record(em, ctx, {
        action: 'scenario.update',
        objectType: 'scenario',
        objectId: s.id,
        before,
        after: { ...summary(s), fields: changed },
      });
      return ScenarioView.of(s);
    });
  }

  /**
   * A new draft for the caller's agency from a scenario it can see, linked by copied_from_id. With
   * `options.manager`, inside the caller's transaction (replicating a demonstration scenario).
   */
  async copy(ctx: ActorContext, id: string, options: { manager?: EntityManager } = {}): Promise<ScenarioView> {
    const run = async (em: EntityManager): Promise<ScenarioView> => {
      const source = await this.findVisible(em, ctx.actor, id);
      const agencyId = await this.assertVerifiedAgency(em, ctx.actor);
      const seen = ScenarioView.of(source, scenarioPolicy.seesEverything(ctx.actor, source));
      const s = em.create(ScenarioEntity, {
        agencyOrganisationId: agencyId,
        createdBy: ctx.actor.userId,
        status: 'draft',
        version: 1,
        copiedFromId: source.id,
        title: source.title,
        summary: source.summary,
        description: source.description,
        domain: source.domain,
        sector: source.sector,
        capabilityCodes: source.capabilityCodes,
        district: source.district,
        site: source.site,
        currentSituation: seen.currentSituation ?? null,
        kpis: source.kpis,
        dataResources: seen.dataResources ?? [],
        trlRequired: source.trlRequired,
        compliance: source.compliance,
        budgetMinYuan: seen.budgetMinYuan ?? null,
        budgetMaxYuan: seen.budgetMaxYuan ?? null,
        fundingType: source.fundingType,
        proposalDeadline: null,
        expectedDeliveryMonths: source.expectedDeliveryMonths,
        contact: null,
        privateFields: source.privateFields,
        titleEn: source.titleEn,
        summaryEn: source.summaryEn,
      });
      return this.insertDraft(em, ctx, s);
    };
    return options.manager ? run(options.manager) : this.dataSource.transaction(run);
  }

  /**
   * The one way a scenario's status changes: who may (role and object), the machine, the write, the
   * outbox event and, last, the audit record — in one transaction.
   */
  async transition(
    ctx: ActorContext | (RequestContext & { actor: null }),
    id: string,
    transition: ScenarioTransition,
    options: TransitionOptions = {},
  ): Promise<ScenarioView> {
    const actor = ctx.actor;
    const { manager } = options;
    if (manager && !manager.queryRunner?.isTransactionActive) {
      throw new Error('ScenarioService.transition: options.manager must be inside a transaction');
    }
    const run = async (em: EntityManager): Promise<ScenarioView> => {
      const s = await em.findOne(ScenarioEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s || (actor && !scenarioPolicy.canView(actor, s))) throw new ScenarioError('SCENARIO_NOT_FOUND');
      if (!scenarioLifecycle.allows(transition, actor ? actor.role : 'system'))
        throw new AccessError('ACCESS_FORBIDDEN');
      const agencyRole = actor && (actor.role === 'agency_officer' || actor.role === 'agency_admin');
      if (actor && agencyRole) {
        if (!scenarioPolicy.isOwningAgencyMember(actor, s)) throw new AccessError('ACCESS_FORBIDDEN');
        await this.assertVerifiedAgency(em, actor);
      }
      const before = summary(s);
      const now = options.now ?? this.clock.now();
      const to = scenarioLifecycle.next(s.status, transition);
      if (transition === 'publish' && (!s.proposalDeadline || s.proposalDeadline.getTime() <= now.getTime())) {
        throw new ScenarioError('SCENARIO_DEADLINE_PASSED', { code: s.code ?? s.id });
      }
      if (transition === 'submit') {
        const violations = submissionViolations(s, now);
        if (violations.length) throw new ValidationFailedError(violations);
        s.code ??= await nextScenarioCode(em, s.domain, now);
        s.submittedAt = now;
      }
      if (transition === 'publish') s.publishedAt = now;
      if (transition === 'close') s.closedAt = now;
      if (transition === 'cancel') {
        const reason = options.reason?.trim();
        if (!reason) throw new ValidationFailedError([{ field: 'reason', rule: 'isNotEmpty' }]);
        if (reason.length > CANCELLATION_REASON_MAX)
          throw new ValidationFailedError([
            { field: 'reason', rule: 'maxLength', params: { max: CANCELLATION_REASON_MAX } },
          ]);
        s.cancellationReason = reason;
      }
      s.status = to;
      s.version += 1;
      await em.save(s);
      if (options.review) {
        await em.insert(ScenarioReviewEntity, {
          scenarioId: s.id,
          decision: transition as 'approve' | 'return' | 'reject',
          fieldComments: options.review.comments,
          checklist: options.review.checklist,
          reason: options.reason ?? null,
          decidedBy: actor?.userId ?? '00000000-0000-0000-0000-000000000000',
        });
      }
      await this.outbox.publish(em, ctx, {
        type: 'scenario.transitioned',
        aggregateType: 'scenario',
        aggregateId: s.id,
        payload: {
          scenarioId: s.id,
          agencyOrganisationId: s.agencyOrganisationId,
          transition,
          from: before.status,
          to,
          reason: options.reason ?? null,
        },
      });
      await this.audit.record(em, ctx, {
        action: `scenario.${transition}`,
        objectType: 'scenario',
        objectId: s.id,
        before,
        after: {
          ...summary(s),
          ...(options.reason ? { reason: options.reason } : {}),
          ...(options.review ? { comments: options.review.comments } : {}),
        },
      });
      return ScenarioView.of(s);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Publishes (or, with null, withdraws) the award notice of a scenario, inside the caller's
   * transaction: the evaluation context calls it when staff record an award decision and when an
   * upheld objection sets the decision aside. The notice is public (list detail, ScenarioView).
   */
  async setAwardNotice(
    em: EntityManager,
    ctx: ActorContext,
    id: string,
    notice: ScenarioAwardNotice | null,
  ): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ScenarioService.setAwardNotice: the manager must be inside a transaction');
    }
    const s = await em.findOne(ScenarioEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s || !scenarioPolicy.canView(ctx.actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    const before = { awardNotice: s.awardNotice ? { outcome: s.awardNotice.outcome } : null, version: s.version };
    s.awardNotice = notice;
    s.version += 1;
    await em.save(s);
    await this.outbox.publish(em, ctx, {
      type: 'scenario.updated',
      aggregateType: 'scenario',
      aggregateId: s.id,
      payload: { scenarioId: s.id, fields: ['awardNotice'], version: s.version },
    });
    await this.audit.record(em, ctx, {
      action: notice ? 'scenario.publish_award_notice' : 'scenario.withdraw_award_notice',
      objectType: 'scenario',
      objectId: s.id,
      before,
      after: { awardNotice: notice, version: s.version },
    });
  }

  async get(actor: Actor, id: string): Promise<ScenarioView> {
    const s = await this.findVisible(this.dataSource.manager, actor, id);
    const full = scenarioPolicy.seesEverything(actor, s);
    const view = ScenarioView.of(s, full);
    // The follower count is for the owning agency and the centre only.
    if (full) {
      view.followerCount = (await followerCounts(this.dataSource.manager, [s.id])).get(s.id) ?? 0;
      Object.assign(view, await vettingOutcome(this.dataSource.manager, s));
    }
    return view;
  }

  /** The caller's organisation's scenarios, newest first (keyset on created_at, id). */
  async listMine(actor: Actor, query: ListMyScenariosQuery): Promise<ScenarioPageView> {
    const limit = query.limit ?? 20;
    if (!actor.organisationId) return { items: [], nextCursor: null };
    const qb = this.dataSource
      .getRepository(ScenarioEntity)
      .createQueryBuilder('s')
      .where('s.agency_organisation_id = :org', { org: actor.organisationId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    const page = await newestFirstPage(qb, 's', query.cursor, limit);
    const counts = await followerCounts(
      this.dataSource.manager,
      page.items.map((s) => s.id),
    );
    return {
      items: page.items.map((s) => ({ ...ScenarioView.of(s), followerCount: counts.get(s.id) ?? 0 })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The centre's list: every scenario but drafts (a draft is the agency's private work), newest
   * updated first, keyset on (updated_at, id). The cursor keeps `updated_at` as PostgreSQL text
   * (microseconds) so rows updated within one millisecond are not skipped.
   */
  async listForCentre(query: ListScenariosQuery): Promise<StaffScenarioPageView> {
    const limit = query.limit ?? 20;
    const where: string[] = [`s.status <> 'draft'`];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.status?.length) where.push(`s.status = ANY(${param(query.status)}::text[])`);
    if (query.domain) where.push(`s.domain = ${param(query.domain)}`);
    if (query.district) where.push(`s.district = ${param(query.district)}`);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const p = param(like);
      where.push(`(s.title ILIKE ${p} OR s.code ILIKE ${p} OR s.title_en ILIKE ${p})`);
    }
    if (query.cursor) {
      const [updatedAt, id] = decodeTimeIdCursor(query.cursor);
      where.push(`(s.updated_at, s.id) < (${param(updatedAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.code, s.title, s.status, s.domain, s.sector, s.district,
              s.agency_organisation_id, o.name_zh AS agency_name, s.batch_id, s.proposal_deadline,
              s.updated_at, s.updated_at::text AS keyset_updated_at
         FROM scenario s JOIN organisation o ON o.id = s.agency_organisation_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.updated_at DESC, s.id DESC
        LIMIT ${param(limit + 1)}`,
      params,
    )) as StaffListRow[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        status: r.status,
        domain: r.domain,
        sector: r.sector,
        district: r.district,
        agencyOrganisationId: r.agency_organisation_id,
        agencyName: r.agency_name,
        batchId: r.batch_id,
        deadline: r.proposal_deadline ? new Date(r.proposal_deadline).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.keyset_updated_at, last.id]) : null,
    };
  }

  /** The scenario if `actor` may see it; otherwise not found (its existence is not revealed). */
  async findVisible(em: EntityManager, actor: Actor, id: string): Promise<ScenarioEntity> {
    const s = await em.findOne(ScenarioEntity, { where: { id } });
    if (!s || !scenarioPolicy.canView(actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    return s;
  }

  /**
   * The scenario, locked for a change by a member of its owning (verified) agency: not found if the
   * actor may not see it, forbidden if it may see but not change it.
   */
  async lockOwnedForChange(em: EntityManager, actor: Actor, id: string): Promise<ScenarioEntity> {
    const s = await em.findOne(ScenarioEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s || !scenarioPolicy.canView(actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    if (!scenarioPolicy.isOwningAgencyMember(actor, s)) throw new AccessError('ACCESS_FORBIDDEN');
    await this.assertVerifiedAgency(em, actor);
    return s;
  }

  /** The caller's organisation id, if it is a verified agency; agencies post scenarios only once verified. */
  private async assertVerifiedAgency(em: EntityManager, actor: Actor): Promise<string> {
    if (!actor.organisationId) throw new ScenarioError('SCENARIO_AGENCY_NOT_VERIFIED');
    const [org] = (await em.query(`SELECT type, status FROM organisation WHERE id = $1`, [actor.organisationId])) as {
      type: string;
      status: string;
    }[];
    if (!org || org.type !== 'agency' || org.status !== 'verified') {
      throw new ScenarioError('SCENARIO_AGENCY_NOT_VERIFIED');
    }
    return actor.organisationId;
  }

  private async insertDraft(
    em: EntityManager,
    ctx: ActorContext,
    s: ScenarioEntity,
    auditExtra: Record<string, unknown> = {},
  ): Promise<ScenarioView> {
    const saved = await em.save(s);
    await writeScenarioSearchVector(em, saved);
    await this.outbox.publish(em, ctx, {
      type: 'scenario.created',
      aggregateType: 'scenario',
      aggregateId: saved.id,
      payload: {
        scenarioId: saved.id,
        agencyOrganisationId: saved.agencyOrganisationId,
        copiedFromId: saved.copiedFromId,
      },
    });
    await this.audit.record(em, ctx, {
      action: saved.copiedFromId ? 'scenario.copy' : 'scenario.create',
      objectType: 'scenario',
      objectId: saved.id,
      after: { ...summary(saved), copiedFromId: saved.copiedFromId, ...auditExtra },
    });
    return ScenarioView.of(saved);
  }
}

interface StaffListRow {
  id: string;
  code: string | null;
  title: string;
  status: ScenarioStatus;
  domain: string;
  sector: string | null;
  district: string | null;
  agency_organisation_id: string;
  agency_name: string;
  batch_id: string | null;
  proposal_deadline: Date | null;
  updated_at: Date;
  keyset_updated_at: string;
}
