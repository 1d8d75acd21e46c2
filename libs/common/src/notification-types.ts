/**
 * The notification types a person or a webhook endpoint can receive (the catalogue with each type's
 * params is in @app/notifications). Here because webhook subscriptions are validated against it and
 * the notifications context imports the webhooks one, not the other way round.
 */
export const NOTIFICATION_TYPES = [
  'scenario.matched',
  'matching.invited',
  'saved_search.matched',
  'scenario.amended',
  'scenario.question_answered',
  'scenario.deadline_reminder',
  'scenario.proposals_at_closing',
  'scenario.vetting_decision',
  'organisation.verification_result',
  'evaluation.panel_assigned',
  'evaluation.scoring_opened',
  'evaluation.panel_closed',
  'award.result',
  'objection.update',
  'delivery.milestone_due',
  'delivery.milestone_overdue',
  'delivery.acceptance_result',
] as const;
