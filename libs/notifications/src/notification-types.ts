/**
 * The notification type catalogue: every kind of notification a person can receive, with the params
 * it carries. Params are ids, titles, dates, counts and statuses only — never sealed proposal content,
 * scores or who asked a clarification question. Templates (zh-CN + en) render from these params.
 */
// The list itself lives in @app/common: webhooks (which notifications imports) validate subscriptions against it.
import { NOTIFICATION_TYPES } from '@app/common';

export { NOTIFICATION_TYPES };

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export function isNotificationType(value: unknown): value is NotificationType {
  return typeof value === 'string' && (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

/** What every scenario-related notification names: the scenario, by id and title (both languages when known). */
export interface ScenarioRef {
  scenarioId: string;
  scenarioTitle: string;
}

export interface NotificationParamsMap {
  /** A published (or materially amended) scenario matched the recipient's organisation above the threshold. */
  'scenario.matched': ScenarioRef & {
    organisationId: string;
    score: number;
    trigger: 'published' | 'amended' | 'nightly';
  };
  /** Staff invited the recipient's organisation to apply. */
  'matching.invited': ScenarioRef & { organisationId: string; invitationId: string };
  /** A newly published scenario matches one of the recipient's saved searches. */
  'saved_search.matched': ScenarioRef & { savedSearchId: string | null; savedSearchName: string | null };
  /** A scenario the recipient follows or bids on was amended. */
  'scenario.amended': ScenarioRef & {
    amendmentNo: number;
    material: boolean;
    deadlineExtended: boolean;
    proposalDeadline: string | null;
  };
  /** A clarification answer was published (never says who asked). */
  'scenario.question_answered': ScenarioRef & { questionId: string; revised: boolean };
  /** The proposal deadline is `daysBefore` days away (vendors with drafts, followers). */
  'scenario.deadline_reminder': ScenarioRef & { daysBefore: number; proposalDeadline: string };
  /** To the agency at closing: how many proposals were opened / excluded. */
  'scenario.proposals_at_closing': ScenarioRef & { openedCount: number; excludedCount: number };
  /** To the agency: the centre's vetting decision on a scenario (e.g. published, returned, rejected). */
  'scenario.vetting_decision': ScenarioRef & {
    decision: 'approved' | 'returned' | 'rejected' | 'published';
    transition: string;
    reason: string | null;
  };
  /** To the organisation's users: verification accepted or rejected. */
  'organisation.verification_result': {
    organisationId: string;
    organisationName: string;
    result: 'verified' | 'rejected';
    reason: string | null;
  };
  /** To a reviewer: assigned to a scenario's evaluation panel. */
  'evaluation.panel_assigned': ScenarioRef & { evaluationId: string };
  /** To a reviewer: scoring is open (scoring due). */
  'evaluation.scoring_opened': ScenarioRef & { evaluationId: string };
  /** To reviewers and the agency: the panel closed. */
  'evaluation.panel_closed': ScenarioRef & { evaluationId: string };
  /** To the lead and members of a proposal: the award outcome for their proposal. */
  'award.result': ScenarioRef & {
    decisionId: string;
    proposalId: string;
    result: 'won' | 'unsuccessful' | 'no_award';
    standstillEndsAt: string;
  };
  /** To the objecting organisation (and the agency): the objection's status. */
  'objection.update': ScenarioRef & {
    objectionId: string;
    proposalId: string;
    status: 'lodged' | 'upheld' | 'dismissed' | 'lapsed';
  };
  /** To the vendor lead and the agency: a milestone is due soon. */
  'delivery.milestone_due': ScenarioRef & { deliveryId: string; milestoneId: string; dueDate: string };
  /** To the vendor lead and the agency: a milestone is overdue. */
  'delivery.milestone_overdue': ScenarioRef & { deliveryId: string; milestoneId: string; dueDate: string };
  /** To the vendor(s) and the agency: an acceptance verdict / outcome. */
  'delivery.acceptance_result': ScenarioRef & {
    roundNo: number;
    party: 'agency' | 'centre';
    verdict: 'met' | 'partially_met' | 'not_met';
    outcome: 'awaiting_verdicts' | 'acceptable' | 'not_met';
  };
}

export type NotificationParams<T extends NotificationType = NotificationType> = NotificationParamsMap[T];

/** A notification as the templates see it. */
export interface NotificationContent<T extends NotificationType = NotificationType> {
  type: T;
  params: NotificationParamsMap[T];
}

export type NotificationLocale = 'zh-CN' | 'en';
