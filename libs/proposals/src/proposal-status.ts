import { StateMachine } from '@app/common';

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'reconfirmation_required',
  'opened',
  'not_opened',
  'shortlisted',
  'not_shortlisted',
  'awarded',
  'unsuccessful',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_TRANSITIONS = [
  'submit',
  'revise',
  'withdraw',
  'require_reconfirmation',
  'reconfirm',
  'open',
  'exclude',
  'shortlist',
  'not_shortlist',
  'award',
  'mark_unsuccessful',
  'reopen',
] as const;
export type ProposalTransition = (typeof PROPOSAL_TRANSITIONS)[number];

/** Transitions the evaluation context applies through `ProposalService.applyOutcome`. */
export const PROPOSAL_OUTCOME_TRANSITIONS = [
  'shortlist',
  'not_shortlist',
  'award',
  'mark_unsuccessful',
  'reopen',
] as const satisfies readonly ProposalTransition[];
export type ProposalOutcomeTransition = (typeof PROPOSAL_OUTCOME_TRANSITIONS)[number];

/** Statuses of a proposal that was opened at closing: its content is readable by staff, the agency and the panel. */
export const OPENED_PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'opened',
  'shortlisted',
  'not_shortlisted',
  'awarded',
  'unsuccessful',
];

/** Statuses that count as a submitted proposal (the one number shown before the deadline). */
export const COUNTED_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['submitted', ...OPENED_PROPOSAL_STATUSES];

/** Statuses in which the lead vendor may change content, consortium and attachments. */
export const EDITABLE_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['draft', 'withdrawn'];

/** Transitions that are refused once the scenario's proposal deadline has passed (server time). */
export const DEADLINE_BOUND_TRANSITIONS: readonly ProposalTransition[] = ['submit', 'revise', 'withdraw', 'reconfirm'];

const VENDOR = ['vendor_member', 'vendor_admin'] as const;

/**
 * The proposal life cycle (GLOSSARY.md): draft → submitted (sealed until the deadline) → (withdrawn |
 * re-confirm needed → submitted) → opened at the deadline → shortlisted / not shortlisted → awarded /
 * unsuccessful. `reopen` undoes an outcome after an upheld objection.
 *
 * `revise` also takes a proposal flagged after a material amendment back to draft, so the vendor can
 * edit it and submit again (the issue: "re-confirmed or edited before the new deadline").
 */
export const proposalLifecycle = new StateMachine<ProposalStatus, ProposalTransition>('proposal', {
  submit: { from: ['draft', 'withdrawn'], to: 'submitted', by: VENDOR },
  revise: { from: ['submitted', 'reconfirmation_required'], to: 'draft', by: VENDOR },
  withdraw: { from: ['submitted', 'reconfirmation_required', 'draft'], to: 'withdrawn', by: VENDOR },
  require_reconfirmation: { from: ['submitted'], to: 'reconfirmation_required', by: ['system'] },
  reconfirm: { from: ['reconfirmation_required'], to: 'submitted', by: VENDOR },
  open: { from: ['submitted'], to: 'opened', by: ['system'] },
  exclude: { from: ['reconfirmation_required'], to: 'not_opened', by: ['system'] },
  shortlist: { from: ['opened'], to: 'shortlisted', by: ['staff'] },
  not_shortlist: { from: ['opened'], to: 'not_shortlisted', by: ['staff'] },
  award: { from: ['opened', 'shortlisted'], to: 'awarded', by: ['staff'] },
  mark_unsuccessful: { from: ['opened', 'shortlisted', 'not_shortlisted'], to: 'unsuccessful', by: ['staff'] },
  reopen: { from: ['shortlisted', 'not_shortlisted', 'awarded', 'unsuccessful'], to: 'opened', by: ['staff'] },
});
