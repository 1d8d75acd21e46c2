import fc from 'fast-check';
import { InvalidTransitionError } from '@app/common';
import {
  DEADLINE_BOUND_TRANSITIONS,
  OPENED_PROPOSAL_STATUSES,
  PROPOSAL_OUTCOME_TRANSITIONS,
  PROPOSAL_STATUSES,
  PROPOSAL_TRANSITIONS,
  proposalLifecycle,
  type ProposalStatus,
  type ProposalTransition,
} from './proposal-status';

const VENDOR = ['vendor_member', 'vendor_admin'] as const;

describe('proposal life cycle', () => {
  it.each<[ProposalTransition, ProposalStatus[], ProposalStatus]>([
    ['submit', ['draft', 'withdrawn'], 'submitted'],
    ['revise', ['submitted', 'reconfirmation_required'], 'draft'],
    ['withdraw', ['submitted', 'reconfirmation_required', 'draft'], 'withdrawn'],
    ['require_reconfirmation', ['submitted'], 'reconfirmation_required'],
    ['reconfirm', ['reconfirmation_required'], 'submitted'],
    ['open', ['submitted'], 'opened'],
    ['exclude', ['reconfirmation_required'], 'not_opened'],
    ['shortlist', ['opened'], 'shortlisted'],
    ['not_shortlist', ['opened'], 'not_shortlisted'],
    ['award', ['opened', 'shortlisted'], 'awarded'],
    ['mark_unsuccessful', ['opened', 'shortlisted', 'not_shortlisted'], 'unsuccessful'],
    ['reopen', ['shortlisted', 'not_shortlisted', 'awarded', 'unsuccessful'], 'opened'],
  ])('%s goes from exactly %j to %s', (transition, from, to) => {
    for (const status of PROPOSAL_STATUSES) {
      if (from.includes(status)) expect(proposalLifecycle.next(status, transition)).toBe(to);
      else expect(() => proposalLifecycle.next(status, transition)).toThrow(InvalidTransitionError);
    }
  });

  it('lets vendors make only their own transitions, the system open and flag, and staff record outcomes', () => {
    for (const t of ['submit', 'revise', 'withdraw', 'reconfirm'] as const) {
      for (const role of VENDOR) expect(proposalLifecycle.allows(t, role)).toBe(true);
      expect(proposalLifecycle.allows(t, 'staff')).toBe(false);
      expect(proposalLifecycle.allows(t, 'system')).toBe(false);
    }
    for (const t of ['require_reconfirmation', 'open', 'exclude'] as const) {
      expect(proposalLifecycle.allows(t, 'system')).toBe(true);
      for (const role of [...VENDOR, 'staff', 'platform_admin', 'agency_admin'] as const) {
        expect(proposalLifecycle.allows(t, role)).toBe(false);
      }
    }
    for (const t of PROPOSAL_OUTCOME_TRANSITIONS) {
      expect(proposalLifecycle.allows(t, 'staff')).toBe(true);
      for (const role of [...VENDOR, 'reviewer', 'agency_admin', 'system'] as const) {
        expect(proposalLifecycle.allows(t, role)).toBe(false);
      }
    }
    expect(DEADLINE_BOUND_TRANSITIONS).toEqual(['submit', 'revise', 'withdraw', 'reconfirm']);
  });

  it('never lets vendors reach or leave an opened status (property: any sequence of vendor transitions)', () => {
    const vendorTransitions = ['submit', 'revise', 'withdraw', 'reconfirm'] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vendorTransitions), { maxLength: 30 }), (steps) => {
        let status: ProposalStatus = 'draft';
        for (const step of steps) {
          if (proposalLifecycle.available(status).includes(step)) status = proposalLifecycle.next(status, step);
        }
        return !OPENED_PROPOSAL_STATUSES.includes(status) && status !== 'not_opened';
      }),
    );
  });

  it('reaches an opened status only through the system’s open (property: any sequence of transitions)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PROPOSAL_TRANSITIONS), { maxLength: 30 }), (steps) => {
        let status: ProposalStatus = 'draft';
        let openedBySystem = false;
        for (const step of steps) {
          if (!proposalLifecycle.available(status).includes(step)) continue;
          if (step === 'open') openedBySystem = true;
          status = proposalLifecycle.next(status, step);
        }
        return !OPENED_PROPOSAL_STATUSES.includes(status) || openedBySystem;
      }),
    );
  });
});
