import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, type FieldViolation, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { type OpenedProposal, ProposalService } from '@app/proposals';
import { type ActorContext, type ScenarioAwardNotice, ScenarioService } from '@app/scenarios';
import { aggregateProposal } from './aggregation';
import type { DecideObjectionDto, LodgeObjectionDto, RecordAwardDto } from './evaluation.dto';
import { AwardDecisionEntity, type AwardWinner, type EvaluationEntity, ObjectionEntity } from './evaluation.entity';
import { EvaluationError } from './evaluation.errors';
import { evaluationPolicy } from './evaluation.policy';
import {
  completeScores,
  currentPanel,
  declarationsByReviewer,
  evaluationOfScenario,
  inRubricOrder,
  scoreSets,
} from './evaluation-reads';
import { evaluationLifecycle, objectionLifecycle, type ObjectionTransition } from './evaluation-status';
import { AwardDecisionView, AwardRecordView, EvaluationResultView, ObjectionView, round2 } from './evaluation.views';
import { reviewerLabels } from './masking';
import { eligibility } from './scoring-rules';

const DAY_MS = 86_400_000;
/** Proposal statuses that may still be awarded (a proposal not shortlisted may not). */
const AWARDABLE = ['opened', 'shortlisted'];
/** Proposal statuses an upheld objection takes back to opened. */
const REOPENABLE = ['shortlisted', 'not_shortlisted', 'awarded', 'unsuccessful'];

/** A vendor's proposal as far as results and objections go (no content). */
interface OwnProposal {
  id: string;
  scenarioId: string;
  status: string;
}

/**
 * The award (中榜) and what follows it: staff record the decision (award to one or more proposals,
 * or no award) with a justification, which publishes the award notice and starts the standstill;
 * unsuccessful vendors see their own scores and may object within the standstill; staff uphold
 * (the decision is set aside and scoring reopens) or dismiss, with reasons. All in one transaction per
 * command, with events and audit records.
 */
@Injectable()
export class AwardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly scenarios: ScenarioService,
    private readonly proposals: ProposalService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the award decision once the panel is closed. Two staff deciding at once: the first takes
   * the evaluation's lock and decides; the second then finds it decided (409).
   */
  async recordAward(ctx: ActorContext, scenarioId: string, dto: RecordAwardDto): Promise<AwardDecisionView> {
    if (!evaluationLifecycle.allows('decide', ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    this.assertWinnersShape(dto);
    return this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
      if (e.status === 'decided') throw new EvaluationError('AWARD_ALREADY_DECIDED');
      if (e.status !== 'closed') throw new EvaluationError('EVALUATION_NOT_CLOSED', { status: e.status });
      const proposals = await this.proposals.openedForScenario(scenarioId, em);
      const byId = new Map(proposals.map((p) => [p.id, p]));
      const violations: FieldViolation[] = [];
      dto.winners.forEach((w, i) => {
        if (!byId.has(w.proposalId))
          violations.push({ field: `winners[${i}].proposalId`, rule: 'evaluation.unknown_proposal' });
      });
      if (violations.length) throw new ValidationFailedError(violations);
      dto.winners.forEach((w, i) => {
        const status = byId.get(w.proposalId)!.status;
        if (!AWARDABLE.includes(status))
          throw new EvaluationError('AWARD_WINNER_NOT_ELIGIBLE', { status }, `winners[${i}].proposalId`);
      });

      const now = this.clock.now();
      const standstillEndsAt = new Date(now.getTime() + this.config.AWARD_STANDSTILL_DAYS * DAY_MS);
      // Lock order as everywhere: evaluation, then scenario, then proposals (and the audit chain last).
      await this.scenarios.transition(ctx, scenarioId, dto.outcome === 'award' ? 'award' : 'no_award', {
        manager: em,
        now,
      });
      const winnerIds = new Set(dto.winners.map((w) => w.proposalId));
      for (const p of proposals)
        await this.proposals.applyOutcome(em, ctx, p.id, winnerIds.has(p.id) ? 'award' : 'mark_unsuccessful');

      const before = { status: e.status, version: e.version };
      e.status = evaluationLifecycle.next(e.status, 'decide');
      e.version += 1;
      await em.save(e);
      const winners: AwardWinner[] = dto.winners.map((w) => ({
        proposalId: w.proposalId,
        leadOrganisationId: byId.get(w.proposalId)!.leadOrganisationId,
        amountYuan: w.amountYuan,
      }));
      const summary = dto.publicSummary ?? dto.justification;
      const decision = await em.save(
        em.create(AwardDecisionEntity, {
          evaluationId: e.id,
          scenarioId,
          outcome: dto.outcome,
          winners,
          justification: dto.justification,
          noticeSummary: summary,
          decidedBy: ctx.actor.userId,
          decidedAt: now,
          standstillEndsAt,
          supersededAt: null,
          supersededByObjectionId: null,
        }),
      );
      await this.scenarios.setAwardNotice(em, ctx, scenarioId, this.notice(decision, byId));
      const unsuccessful = proposals.filter((p) => !winnerIds.has(p.id)).map((p) => p.id);
      const scenario = await em.query(`SELECT agency_organisation_id FROM scenario WHERE id = $1`, [scenarioId]);
      await this.outbox.publish(em, ctx, {
        type: 'award.decided',
        aggregateType: 'award_decision',
        aggregateId: decision.id,
        payload: {
          decisionId: decision.id,
          scenarioId,
          agencyOrganisationId: (scenario as { agency_organisation_id: string }[])[0].agency_organisation_id,
          outcome: dto.outcome,
          winnerProposalIds: [...winnerIds],
          unsuccessfulProposalIds: unsuccessful,
          standstillEndsAt: standstillEndsAt.toISOString(),
        },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.decide',
        objectType: 'evaluation',
        objectId: e.id,
        before,
        after: { status: e.status, version: e.version, decisionId: decision.id },
      });
      await this.audit.record(em, ctx, {
        action: 'award.decide',
        objectType: 'award_decision',
        objectId: decision.id,
        after: {
          scenarioId,
          outcome: decision.outcome,
          winners: winners.map((w) => ({ proposalId: w.proposalId, amountYuan: w.amountYuan })),
          unsuccessful,
          justification: decision.justification,
          publicSummary: decision.noticeSummary,
          standstillEndsAt: standstillEndsAt.toISOString(),
        },
      });
      return AwardDecisionView.of(decision, []);
    });
  }

  /** The scenario's award decisions for the centre: the current one and those set aside, with objections. */
  async award(actor: Actor, scenarioId: string): Promise<AwardRecordView> {
    evaluationPolicy.assertCentreReader(actor);
    const em = this.dataSource.manager;
    await evaluationOfScenario(em, scenarioId);
    const decisions = await em.find(AwardDecisionEntity, { where: { scenarioId }, order: { decidedAt: 'DESC' } });
    const objections = await em.find(ObjectionEntity, { where: { scenarioId }, order: { lodgedAt: 'ASC' } });
    const current = decisions.find((d) => d.supersededAt === null);
    return {
      current: current ? AwardDecisionView.of(current, objections) : null,
      superseded: decisions.filter((d) => d.supersededAt !== null).map((d) => AwardDecisionView.of(d, objections)),
    };
  }

  /**
   * An unsuccessful vendor's objection (异议) to the current decision, within the standstill (server
   * time): after it, 409. One per proposal and decision.
   */
  async lodgeObjection(ctx: ActorContext, proposalId: string, dto: LodgeObjectionDto): Promise<ObjectionView> {
    evaluationPolicy.assertVendor(ctx.actor);
    const own = await this.ownProposal(ctx.actor, proposalId);
    return this.dataSource.transaction(async (em) => {
      await evaluationOfScenario(em, own.scenarioId, 'pessimistic_write');
      const decision = await this.currentDecision(em, own.scenarioId);
      if (!decision) throw new EvaluationError('AWARD_NO_CURRENT_DECISION');
      const now = this.clock.now();
      if (now.getTime() >= decision.standstillEndsAt.getTime())
        throw new EvaluationError('OBJECTION_STANDSTILL_OVER', {
          standstillEndsAt: decision.standstillEndsAt.toISOString(),
        });
      const [{ status }] = (await em.query(`SELECT status FROM proposal WHERE id = $1`, [proposalId])) as {
        status: string;
      }[];
      if (status !== 'unsuccessful') throw new EvaluationError('OBJECTION_NOT_UNSUCCESSFUL');
      if (await em.exists(ObjectionEntity, { where: { decisionId: decision.id, proposalId } }))
        throw new EvaluationError('OBJECTION_ALREADY_LODGED');
      const o = await em.save(
        em.create(ObjectionEntity, {
          decisionId: decision.id,
          scenarioId: own.scenarioId,
          proposalId,
          organisationId: ctx.actor.organisationId!,
          lodgedBy: ctx.actor.userId,
          grounds: dto.grounds,
          lodgedAt: now,
          status: 'lodged',
          reasons: null,
          decidedBy: null,
          decidedAt: null,
        }),
      );
      await this.outbox.publish(em, ctx, {
        type: 'objection.lodged',
        aggregateType: 'objection',
        aggregateId: o.id,
        payload: {
          objectionId: o.id,
          decisionId: decision.id,
          scenarioId: own.scenarioId,
          proposalId,
          organisationId: o.organisationId,
        },
      });
      // The grounds stay on the objection; the audit record keeps who objected to what, and when.
      await this.audit.record(em, ctx, {
        action: 'objection.lodge',
        objectType: 'objection',
        objectId: o.id,
        after: { decisionId: decision.id, scenarioId: own.scenarioId, proposalId, status: o.status },
      });
      return ObjectionView.of(o);
    });
  }

  /**
   * Upholds an objection: the decision is set aside (superseded), the award notice withdrawn, the
   * scenario goes back to under_evaluation, every proposal back to opened, the evaluation back to
   * scoring; other open objections to that decision lapse.
   */
  async upholdObjection(ctx: ActorContext, objectionId: string, dto: DecideObjectionDto): Promise<ObjectionView> {
    return this.decideObjection(ctx, objectionId, 'uphold', dto.reasons, async (em, e, o) => {
      const now = this.clock.now();
      // Read before the scenario's lock and the audit chain's are taken (the read may open proposals).
      const proposals = await this.proposals.openedForScenario(e.scenarioId, em);
      await this.scenarios.transition(ctx, e.scenarioId, 'reopen_evaluation', {
        manager: em,
        now,
        reason: dto.reasons,
      });
      for (const p of proposals)
        if (REOPENABLE.includes(p.status)) await this.proposals.applyOutcome(em, ctx, p.id, 'reopen');
      await this.scenarios.setAwardNotice(em, ctx, e.scenarioId, null);
      await em.update(AwardDecisionEntity, { id: o.decisionId }, { supersededAt: now, supersededByObjectionId: o.id });
      const others = await em.find(ObjectionEntity, {
        where: { decisionId: o.decisionId, status: 'lodged' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const other of others.filter((x) => x.id !== o.id)) await this.lapse(em, ctx, other, now);
      const before = { status: e.status, version: e.version };
      e.status = evaluationLifecycle.next(e.status, 'reopen');
      e.closedAt = null;
      e.version += 1;
      await em.save(e);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.reopened',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId: e.scenarioId, objectionId: o.id },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.reopen',
        objectType: 'evaluation',
        objectId: e.id,
        before,
        after: { status: e.status, version: e.version, objectionId: o.id, supersededDecisionId: o.decisionId },
      });
    });
  }

  /** Dismisses an objection with reasons; the decision stands. */
  async dismissObjection(ctx: ActorContext, objectionId: string, dto: DecideObjectionDto): Promise<ObjectionView> {
    return this.decideObjection(ctx, objectionId, 'dismiss', dto.reasons, async () => undefined);
  }

  /**
   * What a vendor sees once the decision is made: its own proposal's total, per-criterion means and
   * every (anonymous) reviewer's scores and comments. Never another proposal's.
   */
  async result(actor: Actor, proposalId: string): Promise<EvaluationResultView> {
    evaluationPolicy.assertVendor(actor);
    const own = await this.ownProposal(actor, proposalId);
    const em = this.dataSource.manager;
    const e = await evaluationOfScenario(em, own.scenarioId).catch(() => {
      throw new EvaluationError('EVALUATION_RESULT_NOT_AVAILABLE');
    });
    const decision = await this.currentDecision(em, own.scenarioId);
    if (!decision || e.status !== 'decided') throw new EvaluationError('EVALUATION_RESULT_NOT_AVAILABLE');
    const parties = (await em.query(
      `SELECT organisation_id FROM proposal_member WHERE proposal_id = $1 AND confirmed_at IS NOT NULL`,
      [proposalId],
    )) as { organisation_id: string }[];
    const proposalParties = { proposalId, organisationIds: parties.map((r) => r.organisation_id) };
    const panel = new Set((await currentPanel(em, e.id)).map((m) => m.reviewerId));
    const declarations = await declarationsByReviewer(em, e.id);
    const sets = (await scoreSets(em, e.id, proposalId)).filter(
      (s) =>
        panel.has(s.reviewerId) &&
        eligibility(declarations.get(s.reviewerId) ?? new Map(), proposalParties) === 'eligible' &&
        completeScores(e.rubric, s) !== null,
    );
    const agg = aggregateProposal(
      e.rubric,
      sets.map((s) => completeScores(e.rubric, s)!),
      e.disagreementThreshold,
    );
    const totals = new Map(agg.totals.map((t) => [t.reviewerId, t.total]));
    const labels = reviewerLabels(
      e.id,
      sets.map((s) => s.reviewerId),
    );
    const objections = await em.find(ObjectionEntity, {
      where: { decisionId: decision.id, proposalId },
      order: { lodgedAt: 'ASC' },
    });
    const now = this.clock.now();
    return {
      proposalId,
      scenarioId: own.scenarioId,
      status: own.status,
      outcome: decision.outcome,
      decidedAt: decision.decidedAt.toISOString(),
      standstillEndsAt: decision.standstillEndsAt.toISOString(),
      objectionAllowed:
        own.status === 'unsuccessful' && now.getTime() < decision.standstillEndsAt.getTime() && objections.length === 0,
      weightedMean: round2(agg.weightedMean),
      criteria: e.rubric.map((c, i) => ({
        key: c.key,
        name: c.name,
        weight: c.weight,
        scaleMax: c.scaleMax,
        mean: round2(agg.criteria[i].mean),
      })),
      reviewers: sets
        .map((s) => ({
          reviewer: labels.get(s.reviewerId)!,
          total: round2(totals.get(s.reviewerId) ?? 0) ?? 0,
          scores: inRubricOrder(e.rubric, s.rows).map((r) => ({
            criterion: r.criterionKey,
            value: r.value,
            comment: r.comment,
          })),
        }))
        .sort((a, b) => a.reviewer.localeCompare(b.reviewer, 'en', { numeric: true })),
      objections: objections.map((o) => ObjectionView.of(o)),
    };
  }

  private async decideObjection(
    ctx: ActorContext,
    objectionId: string,
    transition: Extract<ObjectionTransition, 'uphold' | 'dismiss'>,
    reasons: string,
    consequences: (em: EntityManager, e: EvaluationEntity, o: ObjectionEntity) => Promise<void>,
  ): Promise<ObjectionView> {
    if (!objectionLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    const found = await this.dataSource.manager.findOne(ObjectionEntity, { where: { id: objectionId } });
    if (!found) throw new EvaluationError('OBJECTION_NOT_FOUND');
    return this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, found.scenarioId, 'pessimistic_write');
      const o = await em.findOneOrFail(ObjectionEntity, {
        where: { id: objectionId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = { status: o.status };
      o.status = objectionLifecycle.next(o.status, transition);
      o.reasons = reasons;
      o.decidedBy = ctx.actor.userId;
      o.decidedAt = this.clock.now();
      await em.save(o);
      await consequences(em, e, o);
      await this.outbox.publish(em, ctx, {
        type: transition === 'uphold' ? 'objection.upheld' : 'objection.dismissed',
        aggregateType: 'objection',
        aggregateId: o.id,
        payload: { objectionId: o.id, decisionId: o.decisionId, scenarioId: o.scenarioId, proposalId: o.proposalId },
      });
      await this.audit.record(em, ctx, {
        action: `objection.${transition}`,
        objectType: 'objection',
        objectId: o.id,
        before,
        after: { status: o.status, reasons, decisionId: o.decisionId },
      });
      return ObjectionView.of(o);
    });
  }

  private async lapse(em: EntityManager, ctx: ActorContext, o: ObjectionEntity, now: Date): Promise<void> {
    const before = { status: o.status };
    o.status = objectionLifecycle.next(o.status, 'lapse');
    o.decidedBy = ctx.actor.userId;
    o.decidedAt = now;
    await em.save(o);
    await this.outbox.publish(em, ctx, {
      type: 'objection.lapsed',
      aggregateType: 'objection',
      aggregateId: o.id,
      payload: { objectionId: o.id, decisionId: o.decisionId, scenarioId: o.scenarioId, proposalId: o.proposalId },
    });
    await this.audit.record(em, ctx, {
      action: 'objection.lapse',
      objectType: 'objection',
      objectId: o.id,
      before,
      after: { status: o.status, decisionId: o.decisionId },
    });
  }

  private currentDecision(em: EntityManager, scenarioId: string): Promise<AwardDecisionEntity | null> {
    return em
      .getRepository(AwardDecisionEntity)
      .createQueryBuilder('d')
      .where('d.scenario_id = :scenarioId AND d.superseded_at IS NULL', { scenarioId })
      .getOne();
  }

  /** A proposal the actor's organisation takes part in (lead or confirmed member); not found otherwise. */
  private async ownProposal(actor: Actor, proposalId: string): Promise<OwnProposal> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id, p.scenario_id, p.status FROM proposal p
         JOIN proposal_member m ON m.proposal_id = p.id AND m.organisation_id = $2 AND m.confirmed_at IS NOT NULL
        WHERE p.id = $1`,
      [proposalId, actor.organisationId],
    )) as { id: string; scenario_id: string; status: string }[];
    if (!row) throw new EvaluationError('EVALUATION_PROPOSAL_NOT_FOUND');
    return { id: row.id, scenarioId: row.scenario_id, status: row.status };
  }

  /** Award: at least one winner; no award: none; no proposal twice. */
  private assertWinnersShape(dto: RecordAwardDto): void {
    const violations: FieldViolation[] = [];
    if (dto.outcome === 'award' && dto.winners.length === 0)
      violations.push({ field: 'winners', rule: 'evaluation.winners_required' });
    if (dto.outcome === 'no_award' && dto.winners.length > 0)
      violations.push({ field: 'winners', rule: 'evaluation.winners_forbidden' });
    const seen = new Set<string>();
    dto.winners.forEach((w, i) => {
      if (seen.has(w.proposalId))
        violations.push({ field: `winners[${i}].proposalId`, rule: 'evaluation.duplicate_proposal' });
      seen.add(w.proposalId);
    });
    if (violations.length) throw new ValidationFailedError(violations);
  }

  /** The public notice: the winners' public names (lead, then members) and amounts, the summary, the dates. */
  private notice(d: AwardDecisionEntity, byId: Map<string, OpenedProposal>): ScenarioAwardNotice {
    const winners = d.winners.map((w) => {
      const p = byId.get(w.proposalId)!;
      const lead = p.members.find((m) => m.role === 'lead');
      return {
        name: lead?.nameZh ?? '',
        members: p.members.filter((m) => m.role !== 'lead').map((m) => m.nameZh),
        amountYuan: w.amountYuan,
      };
    });
    return {
      outcome: d.outcome,
      winners,
      totalAmountYuan: d.outcome === 'award' ? winners.reduce((sum, w) => sum + w.amountYuan, 0) : null,
      summary: d.noticeSummary,
      decidedAt: d.decidedAt.toISOString(),
      standstillEndsAt: d.standstillEndsAt.toISOString(),
    };
  }
}
