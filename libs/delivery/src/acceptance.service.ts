import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import {
  type ActorContext,
  ScenarioEntity,
  ScenarioError,
  scenarioLifecycle,
  scenarioPolicy,
  ScenarioService,
  type ScenarioView,
} from '@app/scenarios';
import {
  AcceptanceRoundEntity,
  AcceptanceVerdictEntity,
  DemonstrationEntity,
  TrialResultEntity,
} from './delivery.entity';
import { DeliveryError } from './delivery.errors';
import { assertVerifiedOrganisation, deliveryPolicy } from './delivery.policy';
import { assertInDelivery, deliveryScope, type DeliveryScope } from './delivery-scope';
import { acceptanceOutcome, kpiViolations, verdictViolations } from './delivery-rules';
import { acceptanceRoundLifecycle, type AcceptanceParty } from './delivery-status';
import { AcceptanceRoundView, TrialResultView } from './delivery.views';
import type { DesignateDemonstrationDto, RecordTrialResultDto, RecordVerdictDto } from './delivery.dto';

/**
 * Trial results at the test ground (试验场), acceptance (验收) by the owning agency and the centre,
 * demonstration scenarios (示范场景) and their replication (复制推广).
 */
@Injectable()
export class AcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Staff or the owning agency record a measurement of one of the scenario's KPIs against its target. */
  async recordTrialResult(ctx: ActorContext, scenarioId: string, dto: RecordTrialResultDto): Promise<TrialResultView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const scope = await deliveryScope(em, ctx.actor, scenarioId, true);
      const party = this.acceptancePartyOrForbidden(ctx.actor, scope);
      assertInDelivery(scope.scenario);
      await assertVerifiedOrganisation(em, ctx.actor);
      const kpis = scope.scenario.kpis;
      const violations = kpiViolations(
        kpis.map((k) => k.metric.trim()),
        dto.metric,
      );
      const measuredAt = new Date(dto.measuredAt);
      if (measuredAt.getTime() > now.getTime())
        violations.push({ field: 'measuredAt', rule: 'delivery.measured_in_future' });
      let deliveryId = dto.deliveryId ?? null;
      if (deliveryId !== null && !scope.deliveries.some((d) => d.id === deliveryId)) {
        violations.push({ field: 'deliveryId', rule: 'delivery.not_in_scenario' });
      }
      if (violations.length) throw new ValidationFailedError(violations);
      // With one winner, the measurement is of its solution.
      if (deliveryId === null && scope.deliveries.length === 1) deliveryId = scope.deliveries[0].id;
      const kpi = kpis.find((k) => k.metric.trim() === dto.metric.trim())!;
      const result = await em.save(
        em.create(TrialResultEntity, {
          scenarioId,
          deliveryId,
          metric: kpi.metric.trim(),
          baseline: kpi.baseline ?? '',
          target: kpi.target,
          unit: kpi.unit ?? '',
          measuredValue: dto.measuredValue,
          met: dto.met,
          method: dto.method,
          notes: dto.notes ?? null,
          measuredAt,
          recordedBy: ctx.actor.userId,
          recordedByParty: party,
        }),
      );
      await this.outbox.publish(em, ctx, {
        type: 'delivery.trial_result_recorded',
        aggregateType: 'scenario',
        aggregateId: scenarioId,
        payload: { scenarioId, trialResultId: result.id, deliveryId, metric: result.metric, met: result.met },
      });
      await this.audit.record(em, ctx, {
        action: 'delivery.trial_result_record',
        objectType: 'scenario',
        objectId: scenarioId,
        after: {
          trialResultId: result.id,
          deliveryId,
          metric: result.metric,
          target: result.target,
          measuredValue: result.measuredValue,
          met: result.met,
          measuredAt: result.measuredAt.toISOString(),
          party,
        },
      });
      return TrialResultView.of(result);
    });
  }

  /**
   * The owning agency or staff record their verdict in the open acceptance round (replacing their own
   * earlier one there). A `not_met` closes the round and opens the next; the scenario stays in delivery.
   */
  async recordVerdict(ctx: ActorContext, scenarioId: string, dto: RecordVerdictDto): Promise<AcceptanceRoundView> {
    const now = this.clock.now();
    const violations = verdictViolations(dto.verdict, dto.comments);
    if (violations.length) throw new ValidationFailedError(violations);
    return this.dataSource.transaction(async (em) => {
      // Verdicts on one scenario take turns: a not_met closes the open round and opens the next, and a
      // verdict that had waited for the closed round's lock would not see the new round (its snapshot).
      const scope = await deliveryScope(em, ctx.actor, scenarioId, 'exclusive');
      const party = this.acceptancePartyOrForbidden(ctx.actor, scope);
      assertInDelivery(scope.scenario);
      await assertVerifiedOrganisation(em, ctx.actor);
      const round = await this.lockOpenRound(em, scenarioId);
      const existing = await em.findOne(AcceptanceVerdictEntity, { where: { roundId: round.id, party } });
      const comments = dto.comments?.trim() ? dto.comments.trim() : null;
      const verdict = await em.save(
        Object.assign(existing ?? em.create(AcceptanceVerdictEntity, { roundId: round.id, party }), {
          verdict: dto.verdict,
          comments,
          recordedBy: ctx.actor.userId,
          recordedAt: now,
        }),
      );
      const verdicts = await em.find(AcceptanceVerdictEntity, { where: { roundId: round.id } });
      const outcome = acceptanceOutcome(Object.fromEntries(verdicts.map((v) => [v.party, v.verdict])));
      let next: AcceptanceRoundEntity | null = null;
      if (outcome === 'not_met') {
        round.status = acceptanceRoundLifecycle.next(round.status, 'fail');
        round.closedAt = now;
        round.closedBy = ctx.actor.userId;
        await em.save(round);
        next = await em.save(
          em.create(AcceptanceRoundEntity, {
            scenarioId,
            roundNo: round.roundNo + 1,
            status: 'open',
            openedAt: now,
            closedAt: null,
            closedBy: null,
          }),
        );
      }
      await this.outbox.publish(em, ctx, {
        type: 'delivery.acceptance_recorded',
        aggregateType: 'scenario',
        aggregateId: scenarioId,
        payload: {
          scenarioId,
          agencyOrganisationId: scope.scenario.agencyOrganisationId,
          roundNo: round.roundNo,
          party,
          verdict: verdict.verdict,
          outcome,
        },
      });
      await this.audit.record(em, ctx, {
        action: 'delivery.acceptance_verdict',
        objectType: 'scenario',
        objectId: scenarioId,
        before: existing
          ? { roundNo: round.roundNo, party, verdict: existing.verdict, comments: existing.comments }
          : null,
        after: {
          roundNo: round.roundNo,
          party,
          verdict: verdict.verdict,
          comments,
          outcome,
          ...(next ? { nextRoundNo: next.roundNo } : {}),
        },
      });
      return AcceptanceRoundView.of(round, verdicts);
    });
  }

  /**
   * Staff accept the scenario when both parties' verdicts of the open round are in and neither is
   * `not_met`: the round closes as accepted and the scenario moves to accepted.
   */
  async accept(ctx: ActorContext, scenarioId: string): Promise<ScenarioView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // Lock order: the scenario first (as every delivery write), then the round.
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_write' } });
      if (!s || !scenarioPolicy.canView(ctx.actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
      if (!acceptanceRoundLifecycle.allows('accept', ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
      assertInDelivery(s);
      const round = await this.lockOpenRound(em, scenarioId);
      const verdicts = await em.find(AcceptanceVerdictEntity, { where: { roundId: round.id } });
      const outcome = acceptanceOutcome(Object.fromEntries(verdicts.map((v) => [v.party, v.verdict])));
      if (outcome !== 'acceptable') throw new DeliveryError('DELIVERY_ACCEPTANCE_INCOMPLETE');
      round.status = acceptanceRoundLifecycle.next(round.status, 'accept');
      round.closedAt = now;
      round.closedBy = ctx.actor.userId;
      await em.save(round);
      // The transition writes the scenario's event (scenario.transitioned, accept) and its audit record.
      return this.scenarios.transition(ctx, scenarioId, 'accept', { manager: em, now });
    });
  }

  /** Staff designate an accepted scenario a demonstration scenario, with a citation (stored, and on the event). */
  async designateDemonstration(
    ctx: ActorContext,
    scenarioId: string,
    dto: DesignateDemonstrationDto,
  ): Promise<ScenarioView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_write' } });
      if (!s || !scenarioPolicy.canView(ctx.actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
      if (!scenarioLifecycle.allows('designate_demonstration', ctx.actor.role)) {
        throw new AccessError('ACCESS_FORBIDDEN');
      }
      scenarioLifecycle.next(s.status, 'designate_demonstration'); // 409 unless accepted (so designated once)
      await em.insert(DemonstrationEntity, {
        scenarioId,
        citation: dto.citation,
        designatedBy: ctx.actor.userId,
        designatedAt: now,
      });
      // Records the citation as the transition's reason (event and audit).
      return this.scenarios.transition(ctx, scenarioId, 'designate_demonstration', {
        manager: em,
        now,
        reason: dto.citation,
      });
    });
  }

  /**
   * A verified agency replicates a demonstration scenario into a new draft of its own, linked to the
   * original (copied_from_id): the copy, its event and audit, and the replication's, in one transaction.
   */
  async replicate(ctx: ActorContext, scenarioId: string): Promise<ScenarioView> {
    return this.dataSource.transaction(async (em) => {
      const source = await this.scenarios.findVisible(em, ctx.actor, scenarioId);
      if (source.status !== 'demonstration') {
        throw new DeliveryError('DELIVERY_NOT_DEMONSTRATION', { status: source.status });
      }
      const replica = await this.scenarios.copy(ctx, scenarioId, { manager: em });
      await this.outbox.publish(em, ctx, {
        type: 'delivery.scenario_replicated',
        aggregateType: 'scenario',
        aggregateId: scenarioId,
        payload: { scenarioId, replicaScenarioId: replica.id, agencyOrganisationId: replica.agencyOrganisationId },
      });
      await this.audit.record(em, ctx, {
        action: 'scenario.replicate',
        objectType: 'scenario',
        objectId: scenarioId,
        after: { replicaScenarioId: replica.id, agencyOrganisationId: replica.agencyOrganisationId },
      });
      return replica;
    });
  }

  private acceptancePartyOrForbidden(actor: Actor, scope: DeliveryScope): AcceptanceParty {
    const party = deliveryPolicy.acceptancePartyOf(actor, scope.role);
    if (!party) throw new AccessError('ACCESS_FORBIDDEN');
    return party;
  }

  private async lockOpenRound(em: EntityManager, scenarioId: string): Promise<AcceptanceRoundEntity> {
    const round = await em.findOne(AcceptanceRoundEntity, {
      where: { scenarioId, status: 'open' },
      lock: { mode: 'pessimistic_write' },
    });
    // Delivery opens round 1 and every failed round opens the next: an open one always exists in delivery.
    if (!round) throw new DeliveryError('DELIVERY_NOT_FOUND');
    return round;
  }
}
