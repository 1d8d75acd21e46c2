import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessError, type Actor, Clock, isCentreRole } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { EvaluationService } from '@app/evaluation';
import { ProposalService } from '@app/proposals';
import {
  type ActorContext,
  ScenarioEntity,
  ScenarioError,
  scenarioLifecycle,
  scenarioPolicy,
  ScenarioService,
} from '@app/scenarios';
import {
  AcceptanceRoundEntity,
  AcceptanceVerdictEntity,
  DeliveryEntity,
  DemonstrationEntity,
  MilestoneChangeEntity,
  MilestoneEntity,
  ProgressReportAttachmentEntity,
  ProgressReportEntity,
  TrialResultEntity,
} from './delivery.entity';
import { DeliveryError } from './delivery.errors';
import { deliveryScope } from './delivery-scope';
import {
  AcceptanceRoundView,
  DeliveryOverviewView,
  type DeliveryStartView,
  DeliveryView,
  type DemonstrationView,
  MilestoneView,
  ProgressReportView,
  TrialResultView,
} from './delivery.views';

const groupBy = <T, K>(items: T[], key: (t: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
};

/**
 * Start of delivery (实施) and the delivery view: one delivery per winning proposal, its milestones
 * copied from the proposal, once the award's standstill has ended without an open objection.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly proposals: ProposalService,
    private readonly evaluation: EvaluationService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Staff start delivery of an awarded scenario: the current award decision must name winners, its
   * standstill must have ended (server time) and no objection may be open. The scenario moves to
   * in_delivery, each winning proposal gets a delivery with the proposal's milestones, and the first
   * acceptance round opens — all in one transaction with the scenario row locked, so a second start
   * finds the scenario in delivery already (409).
   */
  async start(ctx: ActorContext, scenarioId: string): Promise<DeliveryStartView> {
    const now = this.clock.now();
    const pre = await this.dataSource.manager.findOne(ScenarioEntity, { where: { id: scenarioId } });
    if (!pre || !scenarioPolicy.canView(ctx.actor, pre)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    if (!scenarioLifecycle.allows('start_delivery', ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    scenarioLifecycle.next(pre.status, 'start_delivery'); // 409 before asking anybody else
    // The winning proposals are read before the transaction (the proposals context reads, and may open
    // them, through its own connection); they are checked against the award read under the lock.
    const opened = new Map((await this.proposals.openedForScenario(scenarioId)).map((p) => [p.id, p]));

    return this.dataSource.transaction(async (em) => {
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw new ScenarioError('SCENARIO_NOT_FOUND');
      scenarioLifecycle.next(s.status, 'start_delivery'); // a concurrent start got there first: 409
      const award = await this.evaluation.currentAward(scenarioId, em);
      if (!award || award.outcome !== 'award' || award.winners.length === 0) {
        throw new DeliveryError('DELIVERY_NO_AWARD');
      }
      const standstillEndsAt = new Date(award.standstillEndsAt);
      if (standstillEndsAt.getTime() > now.getTime()) {
        throw new DeliveryError('DELIVERY_STANDSTILL_NOT_ENDED', {
          standstillEndsAt: standstillEndsAt.toISOString(),
        });
      }
      if (award.openObjections > 0) {
        throw new DeliveryError('DELIVERY_OPEN_OBJECTION', { openObjections: award.openObjections });
      }
      const created: { delivery: DeliveryEntity; milestones: MilestoneEntity[] }[] = [];
      for (const winner of award.winners) {
        const p = opened.get(winner.proposalId);
        if (!p || p.status !== 'awarded') {
          throw new DeliveryError('DELIVERY_WINNER_NOT_AWARDED', { proposalId: winner.proposalId });
        }
        const members = [
          p.leadOrganisationId,
          ...p.members.map((m) => m.organisationId).filter((id) => id !== p.leadOrganisationId),
        ];
        const delivery = await em.save(
          em.create(DeliveryEntity, {
            scenarioId,
            proposalId: p.id,
            awardDecisionId: award.decisionId,
            leadOrganisationId: p.leadOrganisationId,
            memberOrganisationIds: members,
            amountYuan: winner.amountYuan ?? null,
            startedBy: ctx.actor.userId,
            startedAt: now,
          }),
        );
        const milestones = await em.save(
          p.content.milestones.map((m, i) =>
            em.create(MilestoneEntity, {
              deliveryId: delivery.id,
              seq: i + 1,
              title: m.title,
              dueDate: m.dueDate,
              deliverables: m.deliverables,
              paymentPercent: m.paymentPercent ?? null,
              status: 'pending',
              reportedAt: null,
              reportedBy: null,
              completedAt: null,
              completedBy: null,
              returnReason: null,
              dueNotifiedAt: null,
              overdueNotifiedAt: null,
              version: 1,
            }),
          ),
        );
        created.push({ delivery, milestones });
      }
      await em.insert(AcceptanceRoundEntity, { scenarioId, roundNo: 1, status: 'open', openedAt: now });

      const transitioned = await this.scenarios.transition(ctx, scenarioId, 'start_delivery', { manager: em, now });
      for (const { delivery: d, milestones } of created) {
        await this.outbox.publish(em, ctx, {
          type: 'delivery.started',
          aggregateType: 'delivery',
          aggregateId: d.id,
          payload: {
            scenarioId,
            deliveryId: d.id,
            proposalId: d.proposalId,
            agencyOrganisationId: s.agencyOrganisationId,
            leadOrganisationId: d.leadOrganisationId,
            memberOrganisationIds: d.memberOrganisationIds,
            milestoneCount: milestones.length,
          },
        });
      }
      // Ids and counts only: the milestones come from the proposal's content.
      await this.audit.record(em, ctx, {
        action: 'delivery.start',
        objectType: 'scenario',
        objectId: scenarioId,
        after: {
          awardDecisionId: award.decisionId,
          deliveries: created.map(({ delivery: d, milestones }) => ({
            deliveryId: d.id,
            proposalId: d.proposalId,
            leadOrganisationId: d.leadOrganisationId,
            milestoneCount: milestones.length,
          })),
        },
      });
      const names = await this.organisationNames(
        em,
        created.flatMap((c) => c.delivery.memberOrganisationIds),
      );
      return {
        scenarioId,
        scenarioStatus: transitioned.status,
        deliveries: created.map(({ delivery: d, milestones }) =>
          DeliveryView.of(
            d,
            names,
            milestones.map((m) => MilestoneView.of(m, now)),
            [],
          ),
        ),
      };
    });
  }

  /**
   * The scenario's delivery as the caller may see it: the centre and the owning agency see every
   * delivery; a winning vendor (lead or member) sees its own. Overdue flags are derived from the Clock.
   */
  async overview(actor: Actor, scenarioId: string): Promise<DeliveryOverviewView> {
    const now = this.clock.now();
    const em = this.dataSource.manager;
    const { scenario: s, deliveries, role } = await deliveryScope(em, actor, scenarioId);
    const visible = role.kind === 'vendor' ? [role.delivery] : deliveries;
    const deliveryIds = visible.map((d) => d.id);

    const milestones = await em.find(MilestoneEntity, {
      where: { deliveryId: In(deliveryIds) },
      order: { seq: 'ASC' },
    });
    const changes = milestones.length
      ? await em.find(MilestoneChangeEntity, {
          where: { milestoneId: In(milestones.map((m) => m.id)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    const reports = await em.find(ProgressReportEntity, {
      where: { deliveryId: In(deliveryIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const attachments = reports.length
      ? await em.find(ProgressReportAttachmentEntity, {
          where: { reportId: In(reports.map((r) => r.id)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    const trials = await em.find(TrialResultEntity, {
      where: { scenarioId },
      order: { measuredAt: 'ASC', id: 'ASC' },
    });
    const rounds = await em.find(AcceptanceRoundEntity, { where: { scenarioId }, order: { roundNo: 'ASC' } });
    const verdicts = rounds.length
      ? await em.find(AcceptanceVerdictEntity, { where: { roundId: In(rounds.map((r) => r.id)) } })
      : [];
    const names = await this.organisationNames(
      em,
      visible.flatMap((d) => d.memberOrganisationIds),
    );

    const changesOf = groupBy(changes, (c) => c.milestoneId);
    const milestonesOf = groupBy(milestones, (m) => m.deliveryId);
    const attachmentsOf = groupBy(attachments, (a) => a.reportId);
    const reportsOf = groupBy(reports, (r) => r.deliveryId);
    const verdictsOf = groupBy(verdicts, (v) => v.roundId);
    return {
      scenarioId,
      scenarioStatus: s.status,
      deliveries: visible.map((d) =>
        DeliveryView.of(
          d,
          names,
          (milestonesOf.get(d.id) ?? []).map((m) => MilestoneView.of(m, now, changesOf.get(m.id))),
          (reportsOf.get(d.id) ?? []).map((r) => ProgressReportView.of(r, attachmentsOf.get(r.id))),
        ),
      ),
      // A vendor sees the measurements of its own solution and those not tied to one delivery.
      trialResults: trials
        .filter((t) => role.kind !== 'vendor' || t.deliveryId === null || t.deliveryId === role.delivery.id)
        .map((t) => TrialResultView.of(t)),
      acceptanceRounds: rounds.map((r) => AcceptanceRoundView.of(r, verdictsOf.get(r.id) ?? [])),
      demonstration: await this.demonstration(em, actor, s),
    };
  }

  private async demonstration(em: EntityManager, actor: Actor, s: ScenarioEntity): Promise<DemonstrationView | null> {
    const d = await em.findOne(DemonstrationEntity, { where: { scenarioId: s.id } });
    if (!d) return null;
    const rows = (await em.query(
      `SELECT id, agency_organisation_id, created_at FROM scenario WHERE copied_from_id = $1 ORDER BY created_at, id`,
      [s.id],
    )) as { id: string; agency_organisation_id: string; created_at: Date }[];
    const view: DemonstrationView = {
      citation: d.citation,
      designatedAt: d.designatedAt.toISOString(),
      replicationCount: rows.length,
    };
    // Which agencies replicated it (their drafts are theirs): for the owning agency and the centre.
    if (isCentreRole(actor.role) || scenarioPolicy.isOwningAgencyMember(actor, s)) {
      view.replications = rows.map((r) => ({
        scenarioId: r.id,
        agencyOrganisationId: r.agency_organisation_id,
        createdAt: r.created_at.toISOString(),
      }));
    }
    return view;
  }

  private async organisationNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, name_zh FROM organisation WHERE id = ANY ($1)`, [[...new Set(ids)]])) as {
      id: string;
      name_zh: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name_zh]));
  }
}
