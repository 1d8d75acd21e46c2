import { StateMachine } from '@app/common';

export const EVALUATION_STATUSES = ['setup', 'scoring', 'closed', 'decided'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const EVALUATION_TRANSITIONS = ['open_scoring', 'close_panel', 'decide', 'reopen'] as const;
export type EvaluationTransition = (typeof EVALUATION_TRANSITIONS)[number];

/** Statuses in which reviewers may read the proposals (after declaring their conflicts). */
export const READABLE_EVALUATION_STATUSES: readonly EvaluationStatus[] = ['scoring', 'closed', 'decided'];

/** Statuses in which the panel may still change (members added or removed). */
export const PANEL_EDITABLE_STATUSES: readonly EvaluationStatus[] = ['setup', 'scoring'];

/**
 * An evaluation (专家评审) per scenario: staff set the rubric and panel (setup), open scoring,
 * close the panel (scores are final), and decide (award or no award). An objection upheld during the
 * standstill sets the decision aside and reopens scoring.
 */
export const evaluationLifecycle = new StateMachine<EvaluationStatus, EvaluationTransition>('evaluation', {
  open_scoring: { from: ['setup'], to: 'scoring', by: ['staff'] },
  close_panel: { from: ['scoring'], to: 'closed', by: ['staff'] },
  decide: { from: ['closed'], to: 'decided', by: ['staff'] },
  reopen: { from: ['decided'], to: 'scoring', by: ['staff'] },
});

export const OBJECTION_STATUSES = ['lodged', 'upheld', 'dismissed', 'lapsed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const OBJECTION_TRANSITIONS = ['uphold', 'dismiss', 'lapse'] as const;
export type ObjectionTransition = (typeof OBJECTION_TRANSITIONS)[number];

/**
 * An objection (异议) by an unsuccessful vendor against an award decision, lodged within the
 * standstill. Staff uphold it (the decision is set aside) or dismiss it, with reasons. When another
 * objection to the same decision is upheld, the ones still open lapse: their decision is gone.
 */
export const objectionLifecycle = new StateMachine<ObjectionStatus, ObjectionTransition>('objection', {
  uphold: { from: ['lodged'], to: 'upheld', by: ['staff'] },
  dismiss: { from: ['lodged'], to: 'dismissed', by: ['staff'] },
  lapse: { from: ['lodged'], to: 'lapsed', by: ['staff'] },
});
