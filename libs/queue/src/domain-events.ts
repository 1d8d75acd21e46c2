import type { OrganisationType, Role } from '@app/common';

/**
 * Every domain event the platform raises, with its payload. Events are written to the outbox in the
 * transaction that caused them and relayed to the `domain-events` queue; the job name is the type.
 * Payloads carry ids and facts needed to route them, never sealed content.
 */
export interface DomainEventMap {
  'organisation.registered': { organisationId: string; type: OrganisationType; nameZh: string };
  'organisation.verified': { organisationId: string };
  'organisation.rejected': { organisationId: string; reason: string };
  'user.created': { userId: string; organisationId: string | null; role: Role };
  'user.password_changed': { userId: string };
  'scenario.created': { scenarioId: string; agencyOrganisationId: string; copiedFromId: string | null };
  'scenario.updated': { scenarioId: string; fields: string[]; version: number };
  'scenario.transitioned': {
    scenarioId: string;
    agencyOrganisationId: string;
    transition: string;
    from: string;
    to: string;
    reason: string | null;
  };
  'scenario_batch.created': { batchId: string; year: number; number: number };
  'scenario_batch.scheduled': { batchId: string; publishAt: string };
  'scenario_batch.unscheduled': { batchId: string };
  'scenario_batch.published': { batchId: string; scenarioIds: string[] };
}

export type DomainEventType = keyof DomainEventMap;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload: DomainEventMap[T];
}

/** What a domain-events job carries: the event plus its outbox identity and origin. */
export interface DomainEventJobData<T extends DomainEventType = DomainEventType> extends DomainEvent<T> {
  eventId: string;
  occurredAt: string;
  requestId: string | null;
}
