import type { DomainEventType } from '@app/queue';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types';

/**
 * Which notification types each domain event may raise: the routing table at a glance. The router
 * refuses (throws) to raise a type its event is not listed for here, so this map cannot drift from
 * what the router does, and `notification-producers.spec.ts` fails when a catalogue type has no
 * producing event (or a producing event has no handler in the worker).
 */
export const NOTIFICATIONS_BY_EVENT = {
  'matching.scenario_matched': ['scenario.matched'],
  'matching.vendor_invited': ['matching.invited'],
  'scenario.transitioned': ['scenario.vetting_decision', 'saved_search.matched'],
  'scenario.amended': ['scenario.amended'],
  'scenario.question_answered': ['scenario.question_answered'],
  'scenario.deadline_reminder': ['scenario.deadline_reminder'],
  'proposal.opening_completed': ['scenario.proposals_at_closing'],
  'organisation.verified': ['organisation.verification_result'],
  'organisation.rejected': ['organisation.verification_result'],
  'evaluation.panel_assigned': ['evaluation.panel_assigned'],
  'evaluation.scoring_opened': ['evaluation.scoring_opened'],
  'evaluation.panel_closed': ['evaluation.panel_closed'],
  'award.decided': ['award.result'],
  'objection.lodged': ['objection.update'],
  'objection.upheld': ['objection.update'],
  'objection.dismissed': ['objection.update'],
  'objection.lapsed': ['objection.update'],
  'delivery.milestone_due': ['delivery.milestone_due'],
  'delivery.milestone_overdue': ['delivery.milestone_overdue'],
  'delivery.acceptance_recorded': ['delivery.acceptance_result'],
} as const satisfies Partial<Record<DomainEventType, readonly NotificationType[]>>;

/** Domain events that raise notifications, and nothing else. */
export type NotifyingEvent = keyof typeof NOTIFICATIONS_BY_EVENT;
export const NOTIFYING_EVENTS = Object.keys(NOTIFICATIONS_BY_EVENT) as NotifyingEvent[];

export function isNotifyingEvent(type: string): type is NotifyingEvent {
  return Object.prototype.hasOwnProperty.call(NOTIFICATIONS_BY_EVENT, type);
}

/** Whether `event` is allowed to raise `type` (the router checks every intent against this). */
export function mayProduce(event: string, type: NotificationType): boolean {
  return isNotifyingEvent(event) && (NOTIFICATIONS_BY_EVENT[event] as readonly NotificationType[]).includes(type);
}

/** Every notification type with the domain events that produce it (empty list: nothing produces it). */
export function producersByType(): Record<NotificationType, NotifyingEvent[]> {
  const out = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, [] as NotifyingEvent[]])) as Record<
    NotificationType,
    NotifyingEvent[]
  >;
  for (const event of NOTIFYING_EVENTS) {
    for (const type of NOTIFICATIONS_BY_EVENT[event] as readonly NotificationType[]) out[type].push(event);
  }
  return out;
}
