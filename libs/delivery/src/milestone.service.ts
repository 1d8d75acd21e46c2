import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, Clock, systemContext, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { AppConfig } from '@app/config';
import { OutboxService } from '@app/outbox';
import type { DeliveryMilestoneFacts } from '@app/queue';
import type { ActorContext } from '@app/scenarios';
import { DeliveryEntity, MilestoneChangeEntity, MilestoneEntity } from './delivery.entity';
import { DeliveryError } from './delivery.errors';
import { assertVerifiedOrganisation, deliveryPolicy } from './delivery.policy';
import { assertInDelivery, deliveryScope, type DeliveryScope } from './delivery-scope';
import {
  addDays,
  changedMilestoneFields,
  huzhouDate,
  mayAnswerChange,
  type MilestoneChanges,
  milestoneChangeViolations,
  milestoneNotices,
} from './delivery-rules';
import {
  milestoneChangeLifecycle,
  type MilestoneChangeTransition,
  milestoneLifecycle,
  type MilestoneParty,
  type MilestoneTransition,
} from './delivery-status';
import { MilestoneChangeView, MilestoneView } from './delivery.views';
import type { ProposeMilestoneChangeDto } from './delivery.dto';

const isUniqueViolation = (e: unknown) => (e as { driverError?: { code?: string } })?.driverError?.code === '23505';

/** The milestone fields an agreement may change, as they are now. */
const fieldsOf = (m: MilestoneEntity, fields: readonly (keyof MilestoneChanges)[]): MilestoneChanges =>
  Object.fromEntries(fields.map((f) => [f, m[f]]));

export interface MilestoneSweepResult {
  due: number;
  overdue: number;
}

/**
 * Milestones: changes by agreement between the lead vendor and the owning agency (proposed by one,
 * agreed or refused by the other, applied only when agreed, audited before/after), reporting and
 * confirmation, and the sweep that announces due and overdue milestones once each.
 */
@Injectable()
export class MilestoneService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async proposeChange(
    ctx: ActorContext,
    scenarioId: string,
    milestoneId: string,
    dto: ProposeMilestoneChangeDto,
  ): Promise<MilestoneChangeView> {
    const now = this.clock.now();
    try {
      return await this.dataSource.transaction(async (em) => {
        const { scope, delivery, milestone } = await this.lockMilestone(em, ctx, scenarioId, milestoneId);
        const party = this.partyOrForbidden(scope, delivery);
        const changes: MilestoneChanges = {};
        for (const f of ['title', 'dueDate', 'deliverables'] as const) if (dto[f] !== undefined) changes[f] = dto[f];
        const violations = milestoneChangeViolations(milestone, changes, now);
        if (violations.length) throw new ValidationFailedError(violations);
        const open = await em.count(MilestoneChangeEntity, { where: { milestoneId, status: 'proposed' } });
        if (open > 0) throw new DeliveryError('DELIVERY_CHANGE_PENDING');
        const fields = changedMilestoneFields(changes);
        const change = await em.save(
          em.create(MilestoneChangeEntity, {
            milestoneId,
            proposedByParty: party,
            proposedBy: ctx.actor.userId,
            proposedByOrganisationId: ctx.actor.organisationId as string,
            reason: dto.reason,
            changes,
            before: fieldsOf(milestone, fields),
            status: 'proposed',
            answeredBy: null,
            answeredByOrganisationId: null,
            answerComment: null,
            answeredAt: null,
          }),
        );
        await this.outbox.publish(em, ctx, {
          type: 'delivery.milestone_change_proposed',
          aggregateType: 'delivery',
          aggregateId: delivery.id,
          payload: { ...this.facts(scope, delivery, milestone), changeId: change.id, proposedBy: party, fields },
        });
        await this.audit.record(em, ctx, {
          action: 'delivery.milestone_change_propose',
          objectType: 'delivery_milestone',
          objectId: milestoneId,
          before: { ...change.before },
          after: { changeId: change.id, proposedBy: party, changes, reason: dto.reason },
        });
        return MilestoneChangeView.of(change);
      });
    } catch (error) {
      // Two proposals at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw new DeliveryError('DELIVERY_CHANGE_PENDING');
      throw error;
    }
  }

  /**
   * The other party agrees to a proposed change (applied to the milestone, which gets a new version;
   * a new due date is announced afresh by the sweep) or refuses it (with a comment).
   */
  async answerChange(
    ctx: ActorContext,
    scenarioId: string,
    changeId: string,
    transition: MilestoneChangeTransition,
    comment: string | null = null,
  ): Promise<MilestoneView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const scope = await deliveryScope(em, ctx.actor, scenarioId, true);
      // Lock order: the milestone, then its change (as when proposing one).
      const found = await em.findOne(MilestoneChangeEntity, { where: { id: changeId } });
      const milestone =
        found &&
        (await em.findOne(MilestoneEntity, { where: { id: found.milestoneId }, lock: { mode: 'pessimistic_write' } }));
      const change =
        milestone &&
        (await em.findOne(MilestoneChangeEntity, { where: { id: changeId }, lock: { mode: 'pessimistic_write' } }));
      const delivery = milestone && scope.deliveries.find((d) => d.id === milestone.deliveryId);
      if (!change || !milestone || !delivery || !this.sees(scope, delivery)) {
        throw new DeliveryError('DELIVERY_CHANGE_NOT_FOUND');
      }
      if (!milestoneChangeLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
      assertInDelivery(scope.scenario);
      await assertVerifiedOrganisation(em, ctx.actor);
      const party = this.partyOrForbidden(scope, delivery);
      if (!mayAnswerChange(change.proposedByParty, party)) throw new DeliveryError('DELIVERY_OWN_CHANGE');
      change.status = milestoneChangeLifecycle.next(change.status, transition);
      change.answeredBy = ctx.actor.userId;
      change.answeredByOrganisationId = ctx.actor.organisationId;
      change.answeredAt = now;
      change.answerComment = comment;

      const fields = changedMilestoneFields(change.changes);
      const before = fieldsOf(milestone, fields);
      if (transition === 'agree') {
        if (milestone.status === 'completed') {
          throw new ValidationFailedError([{ field: 'milestoneId', rule: 'delivery.milestone_completed' }]);
        }
        Object.assign(milestone, change.changes);
        if (change.changes.dueDate !== undefined && change.changes.dueDate !== before.dueDate) {
          // The sweep announces the new due date afresh.
          milestone.dueNotifiedAt = null;
          milestone.overdueNotifiedAt = null;
        }
        milestone.version += 1;
        await em.save(milestone);
      }
      await em.save(change);
      await this.outbox.publish(em, ctx, {
        type: transition === 'agree' ? 'delivery.milestone_change_agreed' : 'delivery.milestone_change_refused',
        aggregateType: 'delivery',
        aggregateId: delivery.id,
        payload: {
          ...this.facts(scope, delivery, milestone),
          changeId,
          proposedBy: change.proposedByParty,
          fields,
        },
      });
      await this.audit.record(em, ctx, {
        action: `delivery.milestone_change_${transition}`,
        objectType: 'delivery_milestone',
        objectId: milestone.id,
        before: { ...before, version: transition === 'agree' ? milestone.version - 1 : milestone.version },
        after: {
          ...(transition === 'agree' ? fieldsOf(milestone, fields) : before),
          version: milestone.version,
          changeId,
          answeredBy: party,
          ...(comment ? { comment } : {}),
        },
      });
      return MilestoneView.of(milestone, now, await this.changesOf(em, milestone.id));
    });
  }

  /**
   * The lead vendor reports a milestone done (`report`); the owning agency confirms it (`confirm`)
   * or returns it to pending with a reason (`return`).
   */
  async move(
    ctx: ActorContext,
    scenarioId: string,
    milestoneId: string,
    transition: MilestoneTransition,
    reason: string | null = null,
  ): Promise<MilestoneView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const { scope, delivery, milestone } = await this.lockMilestone(em, ctx, scenarioId, milestoneId);
      if (!milestoneLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
      const party = this.partyOrForbidden(scope, delivery);
      if ((transition === 'report') !== (party === 'vendor')) throw new AccessError('ACCESS_FORBIDDEN');
      const before = { status: milestone.status, version: milestone.version };
      milestone.status = milestoneLifecycle.next(milestone.status, transition);
      if (transition === 'report') {
        milestone.reportedAt = now;
        milestone.reportedBy = ctx.actor.userId;
      } else if (transition === 'confirm') {
        milestone.completedAt = now;
        milestone.completedBy = ctx.actor.userId;
      } else {
        milestone.reportedAt = null;
        milestone.reportedBy = null;
        milestone.returnReason = reason;
      }
      milestone.version += 1;
      await em.save(milestone);
      const type = (
        {
          report: 'delivery.milestone_reported',
          confirm: 'delivery.milestone_completed',
          return: 'delivery.milestone_returned',
        } as const
      )[transition];
      await this.outbox.publish(em, ctx, {
        type,
        aggregateType: 'delivery',
        aggregateId: delivery.id,
        payload: this.facts(scope, delivery, milestone),
      });
      await this.audit.record(em, ctx, {
        action: `delivery.milestone_${transition}`,
        objectType: 'delivery_milestone',
        objectId: milestone.id,
        before,
        after: { status: milestone.status, version: milestone.version, ...(reason ? { reason } : {}) },
      });
      return MilestoneView.of(milestone, now, await this.changesOf(em, milestone.id));
    });
  }

  /**
   * Announces milestones that fall due (MILESTONE_DUE_NOTICE_DAYS ahead) or are overdue, each event
   * once per milestone and due date: what was sent is marked on the milestone in the same transaction
   * as its event. Only scenarios in delivery; batches of `batchSize` rows, SKIP LOCKED, so concurrent
   * sweeps never announce a milestone twice. Safe to run as often as wanted.
   */
  async sweepMilestones(now: Date = this.clock.now(), batchSize = 200): Promise<MilestoneSweepResult> {
    const noticeDays = this.config.MILESTONE_DUE_NOTICE_DAYS;
    const today = huzhouDate(now);
    const ctx = systemContext(`milestone-sweep:${now.toISOString()}`);
    const total: MilestoneSweepResult = { due: 0, overdue: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        let marked = 0;
        const ids = (
          (await em.query(
            `SELECT m.id FROM delivery_milestone m
               JOIN delivery d ON d.id = m.delivery_id
               JOIN scenario s ON s.id = d.scenario_id
              WHERE m.status = 'pending' AND s.status = 'in_delivery'
                AND ((m.due_date < $1::date AND m.overdue_notified_at IS NULL)
                  OR (m.due_date BETWEEN $1::date AND $2::date AND m.due_notified_at IS NULL))
              ORDER BY m.due_date, m.id
              LIMIT $3
              FOR UPDATE OF m SKIP LOCKED`,
            [today, addDays(today, noticeDays), batchSize],
          )) as { id: string }[]
        ).map((r) => r.id);
        for (const id of ids) {
          const m = await em.findOneByOrFail(MilestoneEntity, { id });
          const d = await em.findOneByOrFail(DeliveryEntity, { id: m.deliveryId });
          const [{ agency_organisation_id: agencyOrganisationId }] = (await em.query(
            `SELECT agency_organisation_id FROM scenario WHERE id = $1`,
            [d.scenarioId],
          )) as { agency_organisation_id: string }[];
          const notices = milestoneNotices(
            { ...m, dueNotified: m.dueNotifiedAt !== null, overdueNotified: m.overdueNotifiedAt !== null },
            now,
            noticeDays,
          );
          // The query and the rule agree, so every row selected owes something; guard anyway.
          if (!notices.markDue && !notices.overdue) continue;
          marked += 1;
          const facts: DeliveryMilestoneFacts = {
            scenarioId: d.scenarioId,
            deliveryId: d.id,
            milestoneId: m.id,
            agencyOrganisationId,
            leadOrganisationId: d.leadOrganisationId,
          };
          for (const kind of ['due', 'overdue'] as const) {
            if (!notices[kind]) continue;
            await this.outbox.publish(em, ctx, {
              type: kind === 'due' ? 'delivery.milestone_due' : 'delivery.milestone_overdue',
              aggregateType: 'delivery',
              aggregateId: d.id,
              payload: { ...facts, dueDate: m.dueDate },
            });
            total[kind] += 1;
          }
          // Only the notice marks: the milestone itself (and its version) does not change.
          await em.update(
            MilestoneEntity,
            { id },
            {
              ...(notices.markDue ? { dueNotifiedAt: now } : {}),
              ...(notices.overdue ? { overdueNotifiedAt: now } : {}),
            },
          );
          await this.audit.record(em, ctx, {
            action: notices.overdue ? 'delivery.milestone_overdue' : 'delivery.milestone_due',
            objectType: 'delivery_milestone',
            objectId: m.id,
            after: { dueDate: m.dueDate, due: notices.due, overdue: notices.overdue },
          });
        }
        return { found: ids.length, marked };
      });
      // A short batch is the last; a batch that marked nothing would only repeat itself.
      if (batch.found < batchSize || batch.marked === 0) return total;
    }
  }

  /** The scenario (held), the milestone (locked) and its delivery; not found unless the caller sees it. */
  private async lockMilestone(em: EntityManager, ctx: ActorContext, scenarioId: string, milestoneId: string) {
    const scope = await deliveryScope(em, ctx.actor, scenarioId, true);
    const milestone = await em.findOne(MilestoneEntity, {
      where: { id: milestoneId },
      lock: { mode: 'pessimistic_write' },
    });
    const delivery = milestone && scope.deliveries.find((d) => d.id === milestone.deliveryId);
    if (!milestone || !delivery || !this.sees(scope, delivery)) {
      throw new DeliveryError('DELIVERY_MILESTONE_NOT_FOUND');
    }
    assertInDelivery(scope.scenario);
    await assertVerifiedOrganisation(em, ctx.actor);
    return { scope, delivery, milestone };
  }

  /** A vendor sees only its own delivery's milestones. */
  private sees(scope: DeliveryScope, delivery: DeliveryEntity): boolean {
    return scope.role.kind !== 'vendor' || scope.role.delivery.id === delivery.id;
  }

  private partyOrForbidden(scope: DeliveryScope, delivery: DeliveryEntity): MilestoneParty {
    const party = deliveryPolicy.milestonePartyOf(scope.role, delivery);
    if (!party) throw new AccessError('ACCESS_FORBIDDEN');
    return party;
  }

  private facts(scope: DeliveryScope, d: DeliveryEntity, m: MilestoneEntity): DeliveryMilestoneFacts {
    return {
      scenarioId: scope.scenario.id,
      deliveryId: d.id,
      milestoneId: m.id,
      agencyOrganisationId: scope.scenario.agencyOrganisationId,
      leadOrganisationId: d.leadOrganisationId,
    };
  }

  private changesOf(em: EntityManager, milestoneId: string): Promise<MilestoneChangeEntity[]> {
    return em.find(MilestoneChangeEntity, { where: { milestoneId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
