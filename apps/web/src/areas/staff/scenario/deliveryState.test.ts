import { describe, expect, it } from 'vitest';
import { acceptanceState, daysUntil, milestoneProgress, startGate, withUnit } from './deliveryState';
import type { AwardDecisionView, AwardRecordView, DeliveryOverview, ObjectionView } from '../types';

const now = new Date('2026-11-24T12:00:00Z');

const decision = (over: Partial<AwardDecisionView> = {}): AwardRecordView => ({
  current: {
    id: 'd',
    scenarioId: 's',
    outcome: 'award',
    winners: [{ proposalId: 'p', leadOrganisationId: 'o', amountYuan: 100 }],
    justification: 'j',
    publicSummary: 'j',
    decidedBy: 'u',
    decidedAt: '2026-11-01T00:00:00Z',
    standstillEndsAt: '2026-11-11T00:00:00Z',
    supersededAt: null,
    objections: [],
    ...over,
  },
  superseded: [],
});

const objection = (status: ObjectionView['status']) => ({ status }) as ObjectionView;

describe('startGate', () => {
  it('lets an awarded scenario start after the standstill', () => {
    expect(startGate('awarded', decision(), now)).toEqual({
      block: null,
      standstillEndsAt: '2026-11-11T00:00:00Z',
      openObjections: 0,
    });
  });
  it('blocks during the standstill', () => {
    expect(startGate('awarded', decision({ standstillEndsAt: '2026-11-30T00:00:00Z' }), now).block).toBe('standstill');
  });
  it('blocks while an objection is open, whatever the date', () => {
    const gate = startGate('awarded', decision({ objections: [objection('lodged'), objection('dismissed')] }), now);
    expect(gate).toMatchObject({ block: 'open_objections', openObjections: 1 });
  });
  it('blocks other statuses and decisions without winners', () => {
    expect(startGate('in_delivery', decision(), now).block).toBe('not_awarded');
    expect(startGate('awarded', decision({ outcome: 'no_award', winners: [] }), now).block).toBe('no_winners');
    expect(startGate('awarded', { current: null, superseded: [] }, now).block).toBe('no_winners');
  });
});

describe('daysUntil', () => {
  it('rounds up and stops at 0', () => {
    expect(daysUntil('2026-11-25T13:00:00Z', now)).toBe(2);
    expect(daysUntil('2026-11-20T00:00:00Z', now)).toBe(0);
  });
});

const overview = (over: Partial<DeliveryOverview>): DeliveryOverview => ({
  scenarioId: 's',
  scenarioStatus: 'in_delivery',
  deliveries: [],
  trialResults: [],
  acceptanceRounds: [],
  demonstration: null,
  ...over,
});

describe('acceptanceState', () => {
  const round = (
    roundNo: number,
    status: 'open' | 'not_met',
    outcome: 'awaiting_verdicts' | 'acceptable' | 'not_met',
  ) => ({
    roundNo,
    status,
    outcome,
    openedAt: 'x',
    closedAt: null,
    verdicts: [{ party: 'centre' as const, verdict: 'met' as const, comments: null, recordedAt: 'x' }],
  });

  it('finds the open round and allows accepting once acceptable', () => {
    const state = acceptanceState(
      overview({ acceptanceRounds: [round(1, 'not_met', 'not_met'), round(2, 'open', 'acceptable')] }),
    );
    expect(state.openRound?.roundNo).toBe(2);
    expect(state.centreVerdict?.verdict).toBe('met');
    expect(state.agencyVerdict).toBeNull();
    expect(state).toMatchObject({ canAccept: true, canRecordVerdict: true, canDesignate: false });
  });
  it('does not allow accepting while verdicts are missing', () => {
    expect(acceptanceState(overview({ acceptanceRounds: [round(1, 'open', 'awaiting_verdicts')] })).canAccept).toBe(
      false,
    );
  });
  it('allows designating an accepted scenario once', () => {
    expect(acceptanceState(overview({ scenarioStatus: 'accepted' })).canDesignate).toBe(true);
    expect(
      acceptanceState(
        overview({
          scenarioStatus: 'accepted',
          demonstration: { citation: 'c', designatedAt: 'x', replicationCount: 0 },
        }),
      ).canDesignate,
    ).toBe(false);
    expect(acceptanceState(undefined)).toMatchObject({ openRound: null, canAccept: false, canDesignate: false });
  });
});

describe('milestoneProgress', () => {
  it('counts milestones over deliveries', () => {
    const m = (status: 'pending' | 'completed', overdue = false) => ({ status, overdue });
    const o = overview({
      deliveries: [
        { milestones: [m('completed'), m('pending', true)] },
        { milestones: [m('pending')] },
      ] as unknown as DeliveryOverview['deliveries'],
    });
    expect(milestoneProgress(o)).toEqual({ completed: 1, total: 3, overdue: 1 });
  });
});

describe('withUnit', () => {
  it('adds the unit unless the value carries it', () => {
    expect(withUnit('0.03%', '%')).toBe('0.03%');
    expect(withUnit('372 行/人时', '行/人时')).toBe('372 行/人时');
    expect(withUnit('99.6', '%')).toBe('99.6%');
    expect(withUnit('12', 'ms')).toBe('12 ms');
    expect(withUnit(' 5 ', '')).toBe('5');
  });
});
