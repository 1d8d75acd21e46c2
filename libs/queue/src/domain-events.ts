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
  /** Never carries who asked (clarification questions are anonymous). */
  'scenario.question_asked': { scenarioId: string; questionId: string; agencyOrganisationId: string };
  /** An answer, or a revised one (`revised`), published to all; notifications fan it out to followers and proposers. */
  'scenario.question_answered': {
    scenarioId: string;
    questionId: string;
    agencyOrganisationId: string;
    revised: boolean;
  };
  'scenario.followed': { scenarioId: string; userId: string };
  'scenario.unfollowed': { scenarioId: string; userId: string };
  'scenario.amended': {
    scenarioId: string;
    agencyOrganisationId: string;
    amendmentNo: number;
    material: boolean;
    changedFields: string[];
    deadlineExtended: boolean;
    proposalDeadline: string | null;
  };
  /** A material amendment: vendors with proposals must re-confirm them (proposals come later). */
  'scenario.reconfirmation_required': { scenarioId: string; amendmentNo: number; proposalDeadline: string | null };
  'scenario.attachment_added': { scenarioId: string; attachmentId: string };
  'scenario.attachment_removed': { scenarioId: string; attachmentId: string };
  'scenario_batch.created': { batchId: string; year: number; number: number };
  'scenario_batch.scheduled': { batchId: string; publishAt: string };
  'scenario_batch.unscheduled': { batchId: string };
  'scenario_batch.published': { batchId: string; scenarioIds: string[] };
  /** A scheduled publication refused at run time (for staff to be told): the batch is back to draft. */
  'scenario_batch.publication_refused': {
    batchId: string;
    publishAt: string;
    code: string;
    params: Record<string, string | number | boolean | null>;
  };
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
