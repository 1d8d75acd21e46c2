import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, type FieldViolation, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { type OpenedProposal, ProposalService } from '@app/proposals';
import { type ActorContext, ScenarioEntity, ScenarioError, ScenarioService } from '@app/scenarios';
import { aggregateProposal, rankProposals } from './aggregation';
import type { AssignPanelDto, SetEvaluationDto, ShortlistDto } from './evaluation.dto';
import { AwardDecisionEntity, EvaluationEntity, ObjectionEntity, PanelMemberEntity } from './evaluation.entity';
import { EvaluationError } from './evaluation.errors';
import { evaluationPolicy } from './evaluation.policy';
import {
  completeScores,
  currentPanel,
  declarationsByReviewer,
  displayNames,
  evaluationOfScenario,
  inRubricOrder,
  partiesOf,
  scoreSets,
} from './evaluation-reads';
import { evaluationLifecycle, PANEL_EDITABLE_STATUSES, type EvaluationTransition } from './evaluation-status';
import {
  type ConsensusProposalView,
  ConsensusView,
  CoverageView,
  type CurrentAward,
  EvaluationView,
  round2,
  type VendorPartyView,
} from './evaluation.views';
import { rubricViolations } from './rubric';
import { coverage, eligibility } from './scoring-rules';

/** Scenario statuses in which staff may prepare an evaluation (before or after the deadline, not later). */
const EVALUABLE_SCENARIO_STATUSES = ['published', 'closed'];

export const DEFAULT_MIN_REVIEWERS = 3;
export const DEFAULT_DISAGREEMENT_THRESHOLD = 15;

/** What the audit trail keeps of an evaluation (never scores or proposal content). */
export function evaluationSummary(e: EvaluationEntity) {
  return {
    status: e.status,
    criteria: e.rubric.map((c) => ({ key: c.key, weight: c.weight, scaleMax: c.scaleMax })),
    blindFirstRound: e.blindFirstRound,
    minReviewersPerProposal: e.minReviewersPerProposal,
    disagreementThreshold: e.disagreementThreshold,
    version: e.version,
  };
}

export function vendorParties(p: OpenedProposal): VendorPartyView[] {
  return p.members.map((m) => ({ organisationId: m.organisationId, name: m.nameZh, role: m.role }));
}

/**
 * Expert evaluation (专家评审), the centre's side: the rubric and the panel, the scoring round,
 * coverage (does every proposal still have enough reviewers after conflicts?), the consensus view,
 * and the shortlist. Reviewers' side: ScoringService; award and objections: AwardService.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly scenarios: ScenarioService,
    private readonly proposals: ProposalService,
    private readonly clock: Clock,
  ) {}

  /** Sets or replaces the rubric and settings (absent settings take their defaults) while in setup. */
  async setRubric(ctx: ActorContext, scenarioId: string, dto: SetEvaluationDto): Promise<EvaluationView> {
    evaluationPolicy.assertStaff(ctx.actor);
    const violations = rubricViolations(dto.criteria);
    if (violations.length) throw new ValidationFailedError(violations);
    return this.dataSource.transaction(async (em) => {
      const scenario = await em.findOne(ScenarioEntity, { where: { id: scenarioId } });
      if (!scenario) throw new ScenarioError('SCENARIO_NOT_FOUND');
      let e = await em.findOne(EvaluationEntity, { where: { scenarioId }, lock: { mode: 'pessimistic_write' } });
      if (e && e.status !== 'setup') throw new EvaluationError('EVALUATION_RUBRIC_LOCKED', { status: e.status });
      if (!EVALUABLE_SCENARIO_STATUSES.includes(scenario.status))
        throw new EvaluationError('EVALUATION_SCENARIO_NOT_EVALUABLE', { status: scenario.status });
      const criteria = dto.criteria.map((c) => ({
        key: c.key,
        name: c.name,
        weight: c.weight,
        scaleMax: c.scaleMax,
        commentRequired: c.commentRequired,
      }));
      const settings = {
        rubric: criteria,
        blindFirstRound: dto.blindFirstRound ?? false,
        minReviewersPerProposal: dto.minReviewersPerProposal ?? DEFAULT_MIN_REVIEWERS,
        disagreementThreshold: dto.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD,
      };
      const created = !e;
      if (!e) {
        // Two staff creating it at once: one insert wins, the other waits on its row and updates it.
        await em.query(
          `INSERT INTO evaluation (scenario_id, rubric, created_by) VALUES ($1, $2, $3)
           ON CONFLICT (scenario_id) DO NOTHING`,
          [scenarioId, JSON.stringify(criteria), ctx.actor.userId],
        );
        e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
        if (e.status !== 'setup') throw new EvaluationError('EVALUATION_RUBRIC_LOCKED', { status: e.status });
      }
      const before = created && e.version === 1 ? null : evaluationSummary(e);
      Object.assign(e, settings);
      e.version += 1;
      await em.save(e);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.rubric_set',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: {
          evaluationId: e.id,
          scenarioId,
          criteria: criteria.map((c) => c.key),
          blindFirstRound: e.blindFirstRound,
        },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.set_rubric',
        objectType: 'evaluation',
        objectId: e.id,
        before,
        after: { scenarioId, ...evaluationSummary(e) },
      });
      return this.view(em, e);
    });
  }

  async get(actor: Actor, scenarioId: string): Promise<EvaluationView> {
    evaluationPolicy.assertCentreReader(actor);
    const em = this.dataSource.manager;
    return this.view(em, await evaluationOfScenario(em, scenarioId));
  }

  /** Adds reviewers (users with role reviewer, active) to the panel; those already on it stay as they are. */
  async assignPanel(ctx: ActorContext, scenarioId: string, dto: AssignPanelDto): Promise<EvaluationView> {
    evaluationPolicy.assertStaff(ctx.actor);
    return this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
      if (!PANEL_EDITABLE_STATUSES.includes(e.status))
        throw new EvaluationError('EVALUATION_PANEL_LOCKED', { status: e.status });
      const users = (await em.query(`SELECT id, role, status FROM app_user WHERE id = ANY ($1)`, [
        dto.reviewerIds,
      ])) as { id: string; role: string; status: string }[];
      const byId = new Map(users.map((u) => [u.id, u]));
      const violations: FieldViolation[] = [];
      dto.reviewerIds.forEach((id, i) => {
        const u = byId.get(id);
        if (!u || u.role !== 'reviewer' || u.status !== 'active')
          violations.push({ field: `reviewerIds[${i}]`, rule: 'evaluation.not_a_reviewer' });
      });
      if (violations.length) throw new ValidationFailedError(violations);
      const seated = new Set((await currentPanel(em, e.id)).map((m) => m.reviewerId));
      const added = dto.reviewerIds.filter((id) => !seated.has(id));
      if (added.length === 0) return this.view(em, e);
      await em.insert(
        PanelMemberEntity,
        added.map((reviewerId) => ({ evaluationId: e.id, reviewerId, assignedBy: ctx.actor.userId })),
      );
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.panel_assigned',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId, reviewerIds: added },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.assign_panel',
        objectType: 'evaluation',
        objectId: e.id,
        before: { panel: [...seated] },
        after: { panel: [...seated, ...added], added },
      });
      return this.view(em, e);
    });
  }

  /** Takes a reviewer off the panel; their scores and declarations stay on record but no longer count. */
  async removePanelMember(ctx: ActorContext, scenarioId: string, reviewerId: string): Promise<EvaluationView> {
    evaluationPolicy.assertStaff(ctx.actor);
    return this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
      if (!PANEL_EDITABLE_STATUSES.includes(e.status))
        throw new EvaluationError('EVALUATION_PANEL_LOCKED', { status: e.status });
      const seat = (await currentPanel(em, e.id)).find((m) => m.reviewerId === reviewerId);
      if (!seat) throw new EvaluationError('EVALUATION_PANEL_MEMBER_NOT_FOUND');
      seat.removedAt = this.clock.now();
      seat.removedBy = ctx.actor.userId;
      await em.save(seat);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.panel_member_removed',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId, reviewerId },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.remove_panel_member',
        objectType: 'evaluation',
        objectId: e.id,
        before: { reviewerId, seated: true },
        after: { reviewerId, seated: false },
      });
      return this.view(em, e);
    });
  }

  /** Opens the panel for scoring; the scenario goes to under_evaluation in the same transaction. */
  async openScoring(ctx: ActorContext, scenarioId: string): Promise<EvaluationView> {
    return this.dataSource.transaction(async (em) => {
      const e = await this.lockForTransition(em, ctx, scenarioId, 'open_scoring');
      const panel = await currentPanel(em, e.id);
      if (panel.length === 0) throw new EvaluationError('EVALUATION_PANEL_EMPTY');
      const now = this.clock.now();
      await this.scenarios.transition(ctx, scenarioId, 'start_evaluation', { manager: em, now });
      const before = evaluationSummary(e);
      e.status = evaluationLifecycle.next(e.status, 'open_scoring');
      e.scoringOpenedAt = now;
      e.version += 1;
      await em.save(e);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.scoring_opened',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId, reviewerIds: panel.map((m) => m.reviewerId) },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.open_scoring',
        objectType: 'evaluation',
        objectId: e.id,
        before,
        after: evaluationSummary(e),
      });
      return this.view(em, e);
    });
  }

  /** Ends the blind first round: reviewers see vendor names from now on (scores stay revisable). */
  async revealNames(ctx: ActorContext, scenarioId: string): Promise<EvaluationView> {
    evaluationPolicy.assertStaff(ctx.actor);
    return this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
      if (!e.masked) throw new EvaluationError('EVALUATION_NOT_BLIND');
      e.namesRevealedAt = this.clock.now();
      e.version += 1;
      await em.save(e);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.names_revealed',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.reveal_names',
        objectType: 'evaluation',
        objectId: e.id,
        before: { masked: true },
        after: { masked: false, namesRevealedAt: e.namesRevealedAt.toISOString() },
      });
      return this.view(em, e);
    });
  }

  /** Closes the panel: scores are final. A blind round ends here at the latest. */
  async closePanel(ctx: ActorContext, scenarioId: string): Promise<EvaluationView> {
    return this.dataSource.transaction(async (em) => {
      const e = await this.lockForTransition(em, ctx, scenarioId, 'close_panel');
      const before = evaluationSummary(e);
      const now = this.clock.now();
      e.status = evaluationLifecycle.next(e.status, 'close_panel');
      e.closedAt = now;
      e.namesRevealedAt ??= e.blindFirstRound ? now : null;
      e.version += 1;
      await em.save(e);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.panel_closed',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.close_panel',
        objectType: 'evaluation',
        objectId: e.id,
        before,
        after: evaluationSummary(e),
      });
      return this.view(em, e);
    });
  }

  /** Per proposal: eligible (declared, not conflicted) reviewers against the minimum, and how many scored. */
  async coverage(actor: Actor, scenarioId: string): Promise<CoverageView> {
    evaluationPolicy.assertCentreReader(actor);
    const em = this.dataSource.manager;
    const e = await evaluationOfScenario(em, scenarioId);
    const proposals = await this.proposals.openedForScenario(scenarioId);
    const panel = (await currentPanel(em, e.id)).map((m) => m.reviewerId);
    const declarations = await declarationsByReviewer(em, e.id);
    const sets = await scoreSets(em, e.id);
    const counts = coverage(panel, declarations, proposals.map(partiesOf), e.minReviewersPerProposal);
    const items = proposals.map((p, i) => ({
      proposalId: p.id,
      vendors: vendorParties(p),
      eligible: counts[i].eligible,
      conflicted: counts[i].conflicted,
      undeclared: counts[i].undeclared,
      scored: sets.filter(
        (s) =>
          s.proposalId === p.id &&
          panel.includes(s.reviewerId) &&
          eligibility(declarations.get(s.reviewerId) ?? new Map(), partiesOf(p)) === 'eligible' &&
          completeScores(e.rubric, s) !== null,
      ).length,
      shortfall: counts[i].shortfall,
      enough: counts[i].enough,
    }));
    return {
      minReviewersPerProposal: e.minReviewersPerProposal,
      panelSize: panel.length,
      allCovered: items.every((c) => c.enough),
      proposals: items,
    };
  }

  /**
   * The consensus view: per proposal the weighted mean (0–100) of the eligible reviewers' complete
   * scorings, per-criterion means, the spread and the disagreement flag, the rank, and every
   * reviewer's scores and comments. Live while scoring, final once closed.
   */
  async consensus(actor: Actor, scenarioId: string): Promise<ConsensusView> {
    evaluationPolicy.assertCentreReader(actor);
    const em = this.dataSource.manager;
    const e = await evaluationOfScenario(em, scenarioId);
    const proposals = await this.proposals.openedForScenario(scenarioId);
    const panel = new Set((await currentPanel(em, e.id)).map((m) => m.reviewerId));
    const declarations = await declarationsByReviewer(em, e.id);
    const sets = await scoreSets(em, e.id);
    const names = await displayNames(em, [...new Set(sets.map((s) => s.reviewerId))]);
    const items = proposals.map((p) => {
      const counted = sets.filter(
        (s) =>
          s.proposalId === p.id &&
          panel.has(s.reviewerId) &&
          eligibility(declarations.get(s.reviewerId) ?? new Map(), partiesOf(p)) === 'eligible',
      );
      const complete = counted.flatMap((s) => {
        const c = completeScores(e.rubric, s);
        return c ? [{ set: s, scores: c }] : [];
      });
      const agg = aggregateProposal(
        e.rubric,
        complete.map((c) => c.scores),
        e.disagreementThreshold,
      );
      const totals = new Map(agg.totals.map((t) => [t.reviewerId, t.total]));
      return {
        proposalId: p.id,
        status: p.status,
        vendors: vendorParties(p),
        weightedMean: agg.weightedMean,
        stdDev: agg.stdDev,
        disagreement: agg.disagreement,
        reviewerCount: agg.reviewerCount,
        criteria: agg.criteria.map((c) => ({ ...c, mean: round2(c.mean) })),
        reviewers: complete.map(({ set }) => ({
          reviewerId: set.reviewerId,
          displayName: names.get(set.reviewerId) ?? '',
          total: round2(totals.get(set.reviewerId) ?? 0) ?? 0,
          scores: inRubricOrder(e.rubric, set.rows).map((r) => ({
            criterion: r.criterionKey,
            value: r.value,
            comment: r.comment,
          })),
          updatedAt: new Date(Math.max(...set.rows.map((r) => r.updatedAt.getTime()))).toISOString(),
        })),
      };
    });
    const ranked: ConsensusProposalView[] = rankProposals(items).map((item) => ({
      ...item,
      weightedMean: round2(item.weightedMean),
      stdDev: round2(item.stdDev),
    }));
    return {
      evaluationId: e.id,
      status: e.status,
      disagreementThreshold: e.disagreementThreshold,
      criteria: e.rubric,
      proposals: ranked,
    };
  }

  /**
   * Sets the shortlist once the panel is closed: the named proposals are shortlisted, every other
   * opened proposal is not. Proposals already where they belong are left alone; one moving between
   * the two is reopened first (the proposal life cycle has no direct way across).
   */
  async shortlist(ctx: ActorContext, scenarioId: string, dto: ShortlistDto): Promise<ConsensusView> {
    evaluationPolicy.assertStaff(ctx.actor);
    await this.dataSource.transaction(async (em) => {
      const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
      if (e.status !== 'closed') throw new EvaluationError('EVALUATION_NOT_CLOSED', { status: e.status });
      const proposals = await this.proposals.openedForScenario(scenarioId, em);
      const known = new Set(proposals.map((p) => p.id));
      const violations: FieldViolation[] = [];
      dto.proposalIds.forEach((id, i) => {
        if (!known.has(id)) violations.push({ field: `proposalIds[${i}]`, rule: 'evaluation.unknown_proposal' });
      });
      if (violations.length) throw new ValidationFailedError(violations);
      const wanted = new Set(dto.proposalIds);
      const before: Record<string, string> = {};
      for (const p of proposals) {
        before[p.id] = p.status;
        const target = wanted.has(p.id) ? 'shortlisted' : 'not_shortlisted';
        if (p.status === target) continue;
        if (p.status !== 'opened') await this.proposals.applyOutcome(em, ctx, p.id, 'reopen');
        await this.proposals.applyOutcome(em, ctx, p.id, wanted.has(p.id) ? 'shortlist' : 'not_shortlist');
      }
      const shortlisted = proposals.filter((p) => wanted.has(p.id)).map((p) => p.id);
      const notShortlisted = proposals.filter((p) => !wanted.has(p.id)).map((p) => p.id);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.shortlist_changed',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId, shortlisted, notShortlisted },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.shortlist',
        objectType: 'evaluation',
        objectId: e.id,
        before: { proposals: before },
        after: { shortlisted, notShortlisted },
      });
    });
    return this.consensus(ctx.actor, scenarioId);
  }

  /**
   * The scenario's current award decision (not set aside by an upheld objection) with the number of
   * objections still open, or null when there is none. For delivery: it starts only from an award.
   */
  async currentAward(scenarioId: string, em: EntityManager = this.dataSource.manager): Promise<CurrentAward | null> {
    const d = await em
      .getRepository(AwardDecisionEntity)
      .createQueryBuilder('d')
      .where('d.scenario_id = :scenarioId AND d.superseded_at IS NULL', { scenarioId })
      .getOne();
    if (!d) return null;
    const openObjections = await em.count(ObjectionEntity, { where: { decisionId: d.id, status: 'lodged' } });
    return {
      decisionId: d.id,
      outcome: d.outcome,
      winners: d.winners.map((w) => ({
        proposalId: w.proposalId,
        leadOrganisationId: w.leadOrganisationId,
        amountYuan: w.amountYuan,
      })),
      justification: d.justification,
      decidedAt: d.decidedAt,
      standstillEndsAt: d.standstillEndsAt,
      openObjections,
    };
  }

  /** The evaluation locked for a status change by `ctx.actor`: role first, then the machine. */
  private async lockForTransition(
    em: EntityManager,
    ctx: ActorContext,
    scenarioId: string,
    transition: EvaluationTransition,
  ): Promise<EvaluationEntity> {
    if (!evaluationLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    const e = await evaluationOfScenario(em, scenarioId, 'pessimistic_write');
    evaluationLifecycle.next(e.status, transition);
    return e;
  }

  private async view(em: EntityManager, e: EvaluationEntity): Promise<EvaluationView> {
    const panel = await currentPanel(em, e.id);
    const names = await displayNames(
      em,
      panel.map((m) => m.reviewerId),
    );
    return EvaluationView.of(
      e,
      panel.map((m) => ({
        reviewerId: m.reviewerId,
        displayName: names.get(m.reviewerId) ?? '',
        assignedAt: m.assignedAt.toISOString(),
      })),
    );
  }
}
