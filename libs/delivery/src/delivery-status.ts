import { StateMachine } from '@app/common';

/**
 * A milestone of a delivery: the winning vendor reports it done, the owning agency confirms it (or
 * returns it with a reason, back to pending). "Overdue" is not a status: it is derived from the Clock.
 */
export const MILESTONE_STATUSES = ['pending', 'reported', 'completed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_TRANSITIONS = ['report', 'confirm', 'return'] as const;
export type MilestoneTransition = (typeof MILESTONE_TRANSITIONS)[number];

export const milestoneLifecycle = new StateMachine<MilestoneStatus, MilestoneTransition>('milestone', {
  report: { from: ['pending'], to: 'reported', by: ['vendor_admin', 'vendor_member'] },
  confirm: { from: ['reported'], to: 'completed', by: ['agency_officer', 'agency_admin'] },
  return: { from: ['reported'], to: 'pending', by: ['agency_officer', 'agency_admin'] },
});

/**
 * A proposed change to a milestone (title, due date, deliverables): one party proposes, the other
 * agrees (the change is applied) or refuses. Which party may answer is an object rule (the other one).
 */
export const MILESTONE_CHANGE_STATUSES = ['proposed', 'agreed', 'refused'] as const;
export type MilestoneChangeStatus = (typeof MILESTONE_CHANGE_STATUSES)[number];
export const MILESTONE_CHANGE_TRANSITIONS = ['agree', 'refuse'] as const;
export type MilestoneChangeTransition = (typeof MILESTONE_CHANGE_TRANSITIONS)[number];

export const milestoneChangeLifecycle = new StateMachine<MilestoneChangeStatus, MilestoneChangeTransition>(
  'milestone_change',
  {
    agree: {
      from: ['proposed'],
      to: 'agreed',
      by: ['vendor_admin', 'vendor_member', 'agency_officer', 'agency_admin'],
    },
    refuse: {
      from: ['proposed'],
      to: 'refused',
      by: ['vendor_admin', 'vendor_member', 'agency_officer', 'agency_admin'],
    },
  },
);

/**
 * An acceptance round (验收): open until staff accept the scenario (both verdicts in, none `not_met`)
 * or a `not_met` verdict closes it, which opens the next round.
 */
export const ACCEPTANCE_ROUND_STATUSES = ['open', 'accepted', 'not_met'] as const;
export type AcceptanceRoundStatus = (typeof ACCEPTANCE_ROUND_STATUSES)[number];
export const ACCEPTANCE_ROUND_TRANSITIONS = ['accept', 'fail'] as const;
export type AcceptanceRoundTransition = (typeof ACCEPTANCE_ROUND_TRANSITIONS)[number];

export const acceptanceRoundLifecycle = new StateMachine<AcceptanceRoundStatus, AcceptanceRoundTransition>(
  'acceptance_round',
  {
    accept: { from: ['open'], to: 'accepted', by: ['staff'] },
    fail: { from: ['open'], to: 'not_met', by: ['agency_officer', 'agency_admin', 'staff'] },
  },
);

export const ACCEPTANCE_VERDICTS = ['met', 'partially_met', 'not_met'] as const;
export type AcceptanceVerdict = (typeof ACCEPTANCE_VERDICTS)[number];

/** Who records a verdict: the owning agency, and the enablement centre's staff. */
export const ACCEPTANCE_PARTIES = ['agency', 'centre'] as const;
export type AcceptanceParty = (typeof ACCEPTANCE_PARTIES)[number];

/** The two parties to a milestone agreement. */
export const MILESTONE_PARTIES = ['vendor', 'agency'] as const;
export type MilestoneParty = (typeof MILESTONE_PARTIES)[number];
