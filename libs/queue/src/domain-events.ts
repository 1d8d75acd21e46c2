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
  /** A vendor's capability profile was created or replaced (matching re-reads it). */
  'vendor_profile.updated': { organisationId: string; version: number };
  // Proposals are sealed: their events carry ids, statuses and counts only, never content.
  'proposal.created': { proposalId: string; scenarioId: string; leadOrganisationId: string };
  /** A draft's content changed: which fields (names only). */
  'proposal.updated': { proposalId: string; scenarioId: string; fields: string[]; version: number };
  'proposal.submitted': ProposalTransitionPayload;
  'proposal.revised': ProposalTransitionPayload;
  'proposal.withdrawn': ProposalTransitionPayload;
  /** Flagged after a material amendment (`amendmentNo`): the vendors must re-confirm before the deadline. */
  'proposal.reconfirmation_required': ProposalTransitionPayload & { amendmentNo: number | null };
  'proposal.reconfirmed': ProposalTransitionPayload;
  /** Opened at closing: staff, the agency and the panel may now read it. */
  'proposal.opened': ProposalTransitionPayload;
  /** Not opened at closing (not re-confirmed after a material amendment). */
  'proposal.excluded': ProposalTransitionPayload;
  /** An evaluation outcome: shortlist, not_shortlist, award, mark_unsuccessful or reopen. */
  'proposal.outcome': ProposalTransitionPayload & { transition: string };
  /** A scenario's proposals were opened (aggregate: the scenario). */
  'proposal.opening_completed': { scenarioId: string; openedCount: number; excludedCount: number };
  'proposal.consortium_invited': ProposalMemberPayload;
  'proposal.consortium_removed': ProposalMemberPayload;
  'proposal.consortium_confirmed': ProposalMemberPayload;
  'proposal.consortium_declined': ProposalMemberPayload;
  'proposal.attachment_added': { proposalId: string; scenarioId: string; attachmentId: string };
  'proposal.attachment_removed': { proposalId: string; scenarioId: string; attachmentId: string };
  // Evaluation and award: ids, statuses and counts only — never scores, comments or proposal content.
  'evaluation.rubric_set': { evaluationId: string; scenarioId: string; criteria: string[]; blindFirstRound: boolean };
  'evaluation.panel_assigned': { evaluationId: string; scenarioId: string; reviewerIds: string[] };
  'evaluation.panel_member_removed': { evaluationId: string; scenarioId: string; reviewerId: string };
  'evaluation.scoring_opened': { evaluationId: string; scenarioId: string; reviewerIds: string[] };
  /** The blind first round ended: reviewers now see vendor names. */
  'evaluation.names_revealed': { evaluationId: string; scenarioId: string };
  /** A reviewer's declarations: how many, and the vendor organisations (ids) declared conflicted. */
  'evaluation.coi_declared': {
    evaluationId: string;
    scenarioId: string;
    reviewerId: string;
    declared: number;
    conflictedOrganisationIds: string[];
  };
  /** A reviewer scored (or re-scored) a proposal; no values. */
  'evaluation.score_submitted': {
    evaluationId: string;
    scenarioId: string;
    reviewerId: string;
    proposalId: string;
    revision: number;
  };
  'evaluation.panel_closed': { evaluationId: string; scenarioId: string };
  'evaluation.shortlist_changed': {
    evaluationId: string;
    scenarioId: string;
    shortlisted: string[];
    notShortlisted: string[];
  };
  /** An upheld objection set the decision aside: scoring is open again. */
  'evaluation.reopened': { evaluationId: string; scenarioId: string; objectionId: string };
  'award.decided': {
    decisionId: string;
    scenarioId: string;
    agencyOrganisationId: string;
    outcome: 'award' | 'no_award';
    winnerProposalIds: string[];
    unsuccessfulProposalIds: string[];
    standstillEndsAt: string;
  };
  'objection.lodged': {
    objectionId: string;
    decisionId: string;
    scenarioId: string;
    proposalId: string;
    organisationId: string;
  };
  'objection.upheld': { objectionId: string; decisionId: string; scenarioId: string; proposalId: string };
  'objection.dismissed': { objectionId: string; decisionId: string; scenarioId: string; proposalId: string };
  /** Another objection to the same decision was upheld: this one has nothing left to object to. */
  'objection.lapsed': { objectionId: string; decisionId: string; scenarioId: string; proposalId: string };
  /** One per winning proposal when delivery starts; routing facts only (milestones are in the delivery view). */
  'delivery.started': {
    scenarioId: string;
    deliveryId: string;
    proposalId: string;
    agencyOrganisationId: string;
    leadOrganisationId: string;
    memberOrganisationIds: string[];
    milestoneCount: number;
  };
  /** A milestone change proposed by one party (`vendor` lead or `agency`), for the other to answer. */
  'delivery.milestone_change_proposed': DeliveryMilestoneFacts & {
    changeId: string;
    proposedBy: 'vendor' | 'agency';
    fields: string[];
  };
  'delivery.milestone_change_agreed': DeliveryMilestoneFacts & {
    changeId: string;
    proposedBy: 'vendor' | 'agency';
    fields: string[];
  };
  'delivery.milestone_change_refused': DeliveryMilestoneFacts & {
    changeId: string;
    proposedBy: 'vendor' | 'agency';
    fields: string[];
  };
  'delivery.milestone_reported': DeliveryMilestoneFacts;
  'delivery.milestone_completed': DeliveryMilestoneFacts;
  /** The agency sent a reported milestone back to pending, with a reason. */
  'delivery.milestone_returned': DeliveryMilestoneFacts;
  /** Sent once per milestone and due date by the milestone sweep, MILESTONE_DUE_NOTICE_DAYS ahead. */
  'delivery.milestone_due': DeliveryMilestoneFacts & { dueDate: string };
  /** Sent once per milestone and due date by the milestone sweep, after the due day (Huzhou) ended. */
  'delivery.milestone_overdue': DeliveryMilestoneFacts & { dueDate: string };
  'delivery.progress_reported': {
    scenarioId: string;
    deliveryId: string;
    reportId: string;
    milestoneId: string | null;
    percentComplete: number;
    agencyOrganisationId: string;
  };
  'delivery.progress_attachment_added': {
    scenarioId: string;
    deliveryId: string;
    reportId: string;
    attachmentId: string;
  };
  'delivery.trial_result_recorded': {
    scenarioId: string;
    trialResultId: string;
    deliveryId: string | null;
    metric: string;
    met: boolean;
  };
  /** A verdict of a party (`agency` or `centre`); `not_met` closes the round and opens the next. */
  'delivery.acceptance_recorded': {
    scenarioId: string;
    agencyOrganisationId: string;
    roundNo: number;
    party: 'agency' | 'centre';
    verdict: 'met' | 'partially_met' | 'not_met';
    outcome: 'awaiting_verdicts' | 'acceptable' | 'not_met';
  };
  /**
   * A matching run scored a scenario (published, materially amended, or the nightly rematch): the vendors
   * at or above the notification threshold, best first. Notifications decide whom to tell (daily cap).
   */
  'matching.scenario_matched': {
    scenarioId: string;
    scoringVersion: string;
    trigger: 'published' | 'amended' | 'nightly';
    matches: { organisationId: string; score: number }[];
  };
  /** Staff invited a vendor to apply to a published scenario. */
  'matching.vendor_invited': {
    invitationId: string;
    scenarioId: string;
    vendorOrganisationId: string;
    invitedBy: string;
  };
  /** The reminder sweep: a published scenario's deadline is `daysBefore` days away (once per scenario, deadline and day count). */
  'scenario.deadline_reminder': { scenarioId: string; daysBefore: number; proposalDeadline: string };
  /** A verified agency replicated a demonstration scenario into a new draft of its own. */
  'delivery.scenario_replicated': { scenarioId: string; replicaScenarioId: string; agencyOrganisationId: string };
}

/** What every milestone event carries, to route it to the vendor lead and the owning agency. */
export interface DeliveryMilestoneFacts {
  scenarioId: string;
  deliveryId: string;
  milestoneId: string;
  agencyOrganisationId: string;
  leadOrganisationId: string;
}

/** A proposal's status change: who takes part (for notifications) and the statuses. */
export interface ProposalTransitionPayload {
  proposalId: string;
  scenarioId: string;
  leadOrganisationId: string;
  /** The lead and the members who confirmed. */
  memberOrganisationIds: string[];
  from: string;
  to: string;
}

/** A change to a proposal's consortium: the organisation concerned. */
export interface ProposalMemberPayload {
  proposalId: string;
  scenarioId: string;
  leadOrganisationId: string;
  organisationId: string;
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
