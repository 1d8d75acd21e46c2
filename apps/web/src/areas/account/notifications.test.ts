import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import './i18n';
import {
  describeNotification,
  NOTIFICATION_TYPES,
  notificationLink,
  typeKey,
  type InboxNotification,
} from './notifications';

const SCENARIO = '3f051da8-3855-4dc5-bace-483c30a24cb3';
const EVALUATION = 'f7058721-90f0-4786-88f4-db870d949df2';

const n = (type: string, params: Record<string, unknown>): InboxNotification => ({
  id: 'n1',
  type,
  params,
  createdAt: '2026-11-24T08:00:00.000Z',
  readAt: null,
});

/** Params of every type as the API sends them (libs/notifications/src/notification-types.ts). */
const SAMPLE: Record<string, Record<string, unknown>> = {
  'scenario.matched': { score: 87, trigger: 'published' },
  'matching.invited': { invitationId: 'i1' },
  'saved_search.matched': { savedSearchName: '视觉检测' },
  'scenario.amended': { amendmentNo: 2, material: true, proposalDeadline: '2027-01-13T09:00:00.000Z' },
  'scenario.question_answered': { revised: false },
  'scenario.deadline_reminder': { daysBefore: 3, proposalDeadline: '2027-01-13T09:00:00.000Z' },
  'scenario.proposals_at_closing': { openedCount: 3, excludedCount: 1 },
  'scenario.vetting_decision': { decision: 'returned', reason: '预算依据不足' },
  'organisation.verification_result': { organisationName: '湖州测试科技', result: 'verified', reason: null },
  'evaluation.panel_assigned': { evaluationId: EVALUATION },
  'evaluation.scoring_opened': { evaluationId: EVALUATION },
  'evaluation.panel_closed': { evaluationId: EVALUATION },
  'award.result': { proposalId: 'p-1', result: 'unsuccessful', standstillEndsAt: '2026-12-04T09:00:00.000Z' },
  'objection.update': { status: 'dismissed' },
  'delivery.milestone_due': { dueDate: '2026-12-14' },
  'delivery.milestone_overdue': { dueDate: '2026-11-14' },
  'delivery.acceptance_result': { roundNo: 1, verdict: 'partially_met', outcome: 'awaiting_verdicts' },
};

describe('describeNotification', () => {
  it.each(NOTIFICATION_TYPES)('has zh-CN and English texts for %s', (type) => {
    const d = describeNotification(
      n(type, { scenarioId: SCENARIO, scenarioTitle: '场景', ...SAMPLE[type] }),
      'vendor_admin',
    );
    for (const lng of ['zh-CN', 'en']) {
      expect(i18n.exists(`account.notification.${d.titleKey}`, { lng })).toBe(true);
      if (d.detailKey) expect(i18n.exists(`account.notification.${d.detailKey}`, { lng })).toBe(true);
    }
  });

  it('fills the title, the variant and the values', () => {
    const d = describeNotification(
      n('scenario.vetting_decision', {
        scenarioId: SCENARIO,
        scenarioTitle: '织里童装面料瑕疵AI视觉检测',
        decision: 'returned',
        reason: '预算依据不足',
      }),
      'agency_officer',
    );
    expect(d).toMatchObject({
      titleKey: 'scenario_vetting_decision.title',
      detailKey: 'scenario_vetting_decision.returned',
      values: { title: '织里童装面料瑕疵AI视觉检测', reason: '预算依据不足' },
      link: `/scenarios/${SCENARIO}`,
    });
    const text = i18n.t(`account.notification.${d.titleKey}`, { lng: 'zh-CN', ...d.values });
    expect(text).toBe('场景审核结果：织里童装面料瑕疵AI视觉检测');
  });

  it('names the organisation in a verification result and picks the title by result', () => {
    const d = describeNotification(
      n('organisation.verification_result', {
        organisationName: '湖州测试科技',
        result: 'rejected',
        reason: 'USCC 不符',
      }),
      'vendor_admin',
    );
    expect(d.titleKey).toBe('organisation_verification_result.title_rejected');
    expect(d.detailKey).toBe('organisation_verification_result.rejected');
    expect(d.link).toBe('/account');
  });

  it('falls back for a value the front end does not know yet', () => {
    const d = describeNotification(
      n('award.result', { scenarioId: SCENARIO, result: 'something_new' }),
      'vendor_admin',
    );
    expect(d.detailKey).toBe('award_result.other');
    expect(describeNotification(n('brand.new_type', {}), null)).toMatchObject({
      titleKey: 'unknown.title',
      link: null,
    });
  });

  it('uses the variant of a score, a saved search name and a material amendment', () => {
    expect(describeNotification(n('scenario.matched', { score: 87 }), null).detailKey).toBe(
      'scenario_matched.detailScore',
    );
    expect(describeNotification(n('scenario.matched', {}), null).detailKey).toBe('scenario_matched.detail');
    expect(describeNotification(n('saved_search.matched', { savedSearchName: null }), null).detailKey).toBe(
      'saved_search_matched.detail',
    );
    expect(describeNotification(n('scenario.amended', { material: false }), null).detailKey).toBe(
      'scenario_amended.detail',
    );
  });

  it('formats dates for the reader', () => {
    const d = describeNotification(n('delivery.milestone_due', { dueDate: '2026-12-14' }), null);
    expect(d.values.due).toBe('2026-12-14');
  });
});

describe('notificationLink', () => {
  it('sends a reviewer to the evaluation in the reviewer workspace', () => {
    expect(
      notificationLink('evaluation.scoring_opened', { evaluationId: EVALUATION, scenarioId: SCENARIO }, 'reviewer'),
    ).toBe(`/reviewer/evaluations/${EVALUATION}`);
  });

  it('sends others to the scenario (an agency is told a panel closed)', () => {
    expect(
      notificationLink('evaluation.panel_closed', { evaluationId: EVALUATION, scenarioId: SCENARIO }, 'agency_admin'),
    ).toBe(`/scenarios/${SCENARIO}`);
  });

  it('follows the e-mail paths for results and deliveries', () => {
    expect(notificationLink('award.result', { proposalId: 'abc-1', scenarioId: SCENARIO }, 'vendor_admin')).toBe(
      '/proposals/abc-1',
    );
    expect(notificationLink('delivery.milestone_overdue', { scenarioId: SCENARIO }, 'vendor_admin')).toBe(
      `/scenarios/${SCENARIO}/delivery`,
    );
  });

  it('has no link without a usable id (never puts arbitrary text in a path)', () => {
    expect(notificationLink('scenario.matched', {}, 'vendor_admin')).toBeNull();
    expect(notificationLink('scenario.matched', { scenarioId: '../../admin' }, 'vendor_admin')).toBeNull();
    expect(notificationLink('delivery.milestone_due', { scenarioId: 'x/y' }, null)).toBeNull();
  });

  it('turns a type into an i18n key', () => {
    expect(typeKey('scenario.question_answered')).toBe('scenario_question_answered');
  });
});
