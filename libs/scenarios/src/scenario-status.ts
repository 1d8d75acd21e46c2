import { StateMachine } from '@app/common';

export const SCENARIO_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'published',
  'closed',
  'under_evaluation',
  'awarded',
  'no_award',
  'in_delivery',
  'accepted',
  'demonstration',
  'rejected',
  'withdrawn',
  'cancelled',
] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export const SCENARIO_TRANSITIONS = [
  'submit',
  'return',
  'approve',
  'reject',
  'withdraw',
  'publish',
  'cancel',
  'close',
  'start_evaluation',
  'award',
  'no_award',
  'start_delivery',
  'accept',
  'designate_demonstration',
  'reopen_evaluation',
] as const;
export type ScenarioTransition = (typeof SCENARIO_TRANSITIONS)[number];

/**
 * Statuses after which nothing more can happen to a scenario. `no_award` is not one of them: a vendor
 * may object to it within the standstill period, and an upheld objection reopens the evaluation.
 */
export const TERMINAL_SCENARIO_STATUSES: readonly ScenarioStatus[] = [
  'rejected',
  'withdrawn',
  'cancelled',
  'demonstration',
];

/**
 * Statuses anyone may see (the opportunity list, and non-owners through the API). Drafts, vetting,
 * and the side exits rejected, withdrawn and cancelled are seen only by the owning agency and the
 * centre; vendors concerned by a cancellation learn of it from its event.
 */
export const PUBLIC_SCENARIO_STATUSES: readonly ScenarioStatus[] = [
  'published',
  'closed',
  'under_evaluation',
  'awarded',
  'no_award',
  'in_delivery',
  'accepted',
  'demonstration',
];

/** Statuses in which the agency may edit its scenario. */
export const EDITABLE_SCENARIO_STATUSES: readonly ScenarioStatus[] = ['draft', 'returned'];

/** Transitions that need a reason (stored on the audit record and the event). */
export const TRANSITIONS_WITH_REASON: readonly ScenarioTransition[] = ['reject', 'cancel'];

/**
 * The scenario life cycle (GLOSSARY.md): draft → submitted → (returned → submitted …) → approved →
 * published → closed → under_evaluation → awarded → in_delivery → accepted → demonstration, with the
 * side exits rejected, withdrawn, cancelled and no_award. An objection upheld during the standstill
 * after an award (or no award) takes the scenario back to under_evaluation (`reopen_evaluation`).
 */
export const scenarioLifecycle = new StateMachine<ScenarioStatus, ScenarioTransition>('scenario', {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: ['agency_officer', 'agency_admin'] },
  return: { from: ['submitted'], to: 'returned', by: ['staff', 'platform_admin'] },
  approve: { from: ['submitted'], to: 'approved', by: ['staff', 'platform_admin'] },
  reject: { from: ['submitted'], to: 'rejected', by: ['staff', 'platform_admin'] },
  withdraw: {
    from: ['draft', 'submitted', 'returned', 'approved'],
    to: 'withdrawn',
    by: ['agency_officer', 'agency_admin'],
  },
  publish: { from: ['approved'], to: 'published', by: ['staff', 'platform_admin', 'system'] },
  cancel: { from: ['published'], to: 'cancelled', by: ['agency_admin', 'staff', 'platform_admin'] },
  close: { from: ['published'], to: 'closed', by: ['system'] },
  start_evaluation: { from: ['closed'], to: 'under_evaluation', by: ['staff'] },
  award: { from: ['under_evaluation'], to: 'awarded', by: ['staff'] },
  no_award: { from: ['under_evaluation'], to: 'no_award', by: ['staff'] },
  reopen_evaluation: { from: ['awarded', 'no_award'], to: 'under_evaluation', by: ['staff'] },
  start_delivery: { from: ['awarded'], to: 'in_delivery', by: ['staff', 'system'] },
  accept: { from: ['in_delivery'], to: 'accepted', by: ['staff'] },
  designate_demonstration: { from: ['accepted'], to: 'demonstration', by: ['staff'] },
});
