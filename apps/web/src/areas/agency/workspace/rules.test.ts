import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { scenarioToForm } from '../editor/formMapping';
import { sampleScenario } from '../editor/testData';
import type { MilestoneView } from '../types';
import {
  agencyVerdict,
  amendmentChanges,
  canAnswer,
  canCancel,
  canWithdraw,
  isMaterial,
  milestoneActions,
  openRound,
  publicPath,
  verdictNeedsComments,
  workspaceTabs,
} from './rules';

const milestone = (over: Partial<MilestoneView> = {}): MilestoneView => ({
  id: 'm1',
  deliveryId: 'd1',
  seq: 1,
  title: '部署',
  dueDate: '2026-12-31',
  deliverables: '系统上线',
  paymentPercent: 50,
  status: 'pending',
  overdue: false,
  reportedAt: null,
  completedAt: null,
  returnReason: null,
  version: 1,
  changes: [],
  ...over,
});

describe('workspace tabs', () => {
  it('shows what the status allows', () => {
    expect(workspaceTabs('draft')).toEqual(['overview']);
    expect(workspaceTabs('published')).toEqual(['overview', 'questions', 'amendments', 'proposals']);
    expect(workspaceTabs('in_delivery')).toEqual([
      'overview',
      'questions',
      'amendments',
      'proposals',
      'delivery',
      'acceptance',
    ]);
    expect(workspaceTabs('cancelled')).toEqual(['overview']);
  });

  it('knows who may do what', () => {
    expect(canCancel('published', 'agency_admin')).toBe(true);
    expect(canCancel('published', 'agency_officer')).toBe(false);
    expect(canCancel('closed', 'agency_admin')).toBe(false);
    expect(canWithdraw('approved')).toBe(true);
    expect(canWithdraw('published')).toBe(false);
    expect(canAnswer('closed')).toBe(true);
    expect(canAnswer('under_evaluation')).toBe(false);
  });

  it('links to the public page by code, else id', () => {
    expect(publicPath({ code: 'HZ-2026-MF-0002', id: 'x' })).toBe('/scenarios/HZ-2026-MF-0002');
    expect(publicPath({ code: null, id: 'abc' })).toBe('/scenarios/abc');
  });
});

describe('amendmentChanges', () => {
  it('sends only chosen fields that really changed', () => {
    const s = sampleScenario({ status: 'published' });
    const values = { ...scenarioToForm(s), budgetMaxYuan: 1_800_000, summary: s.summary ?? undefined };
    expect(amendmentChanges(s, values, ['budgetMaxYuan', 'summary'])).toEqual({ budgetMaxYuan: 1_800_000 });
    expect(amendmentChanges(s, scenarioToForm(s), ['summary'])).toEqual({});
  });

  it('writes a new deadline as an ISO instant', () => {
    const s = sampleScenario({ status: 'published' });
    const values = { ...scenarioToForm(s), proposalDeadline: dayjs('2027-02-01T09:00:00.000Z') };
    expect(amendmentChanges(s, values, ['proposalDeadline'])).toEqual({ proposalDeadline: '2027-02-01T09:00:00.000Z' });
  });

  it('tells a material amendment', () => {
    expect(isMaterial(['summary', 'title'])).toBe(false);
    expect(isMaterial(['summary', 'budgetMaxYuan'])).toBe(true);
    expect(isMaterial(['kpis'])).toBe(true);
  });
});

describe('milestones', () => {
  it('lets the agency confirm or return a reported milestone', () => {
    const a = milestoneActions(milestone({ status: 'reported' }), 'in_delivery');
    expect(a).toMatchObject({ confirm: true, return: true, proposeChange: true, answerChange: false });
    expect(milestoneActions(milestone({ status: 'reported' }), 'accepted').confirm).toBe(false);
  });

  it('answers a change the vendor proposed, waits on its own, and never changes a completed one', () => {
    const change = {
      id: 'c1',
      milestoneId: 'm1',
      reason: '数据接入推迟',
      changes: { dueDate: '2027-01-15' },
      before: { dueDate: '2026-12-31' },
      status: 'proposed' as const,
      answerComment: null,
      proposedAt: '2026-11-20T00:00:00Z',
      answeredAt: null,
    };
    const byVendor = milestoneActions(
      milestone({ changes: [{ ...change, proposedByParty: 'vendor' }] }),
      'in_delivery',
    );
    expect(byVendor).toMatchObject({ answerChange: true, proposeChange: false, awaitingVendor: false });
    const byAgency = milestoneActions(
      milestone({ changes: [{ ...change, proposedByParty: 'agency' }] }),
      'in_delivery',
    );
    expect(byAgency).toMatchObject({ answerChange: false, proposeChange: false, awaitingVendor: true });
    expect(milestoneActions(milestone({ status: 'completed' }), 'in_delivery').proposeChange).toBe(false);
  });
});

describe('acceptance', () => {
  const rounds = [
    { roundNo: 1, status: 'not_met' as const, outcome: 'not_met' as const, openedAt: '', closedAt: '', verdicts: [] },
    {
      roundNo: 2,
      status: 'open' as const,
      outcome: 'awaiting_verdicts' as const,
      openedAt: '',
      closedAt: null,
      verdicts: [{ party: 'agency' as const, verdict: 'partially_met' as const, comments: '误报偏高', recordedAt: '' }],
    },
  ];

  it('finds the open round and the agency verdict in it', () => {
    expect(openRound(rounds)?.roundNo).toBe(2);
    expect(agencyVerdict(openRound(rounds))?.verdict).toBe('partially_met');
    expect(openRound([rounds[0]])).toBeNull();
    expect(agencyVerdict(null)).toBeNull();
  });

  it('needs comments unless the verdict is met', () => {
    expect(verdictNeedsComments('met')).toBe(false);
    expect(verdictNeedsComments('partially_met')).toBe(true);
    expect(verdictNeedsComments('not_met')).toBe(true);
    expect(verdictNeedsComments(undefined)).toBe(false);
  });
});
