import { NOTIFICATION_TYPES, type NotificationParamsMap, type NotificationType } from '../notification-types';
import { renderDigestEmail } from '../digest/render-digest';
import { listUnsubscribeHeaders, renderNotificationEmail } from './render-email';
import { escapeHtml, formatWhen } from './email-format';

const LINKS = {
  appUrl: 'https://sx.example.cn/',
  unsubscribeUrl: 'https://sx.example.cn/api/v1/notifications/unsubscribe?token=abc.def',
};
const scenario = { scenarioId: '5f0c9a52-1f5e-4f0e-9d7a-2f3c4b5a6d7e', scenarioTitle: '童装面料瑕疵AI视觉检测' };
const ids = {
  evaluationId: 'e1e1e1e1-0000-4000-8000-000000000001',
  proposalId: 'a2a2a2a2-0000-4000-8000-000000000002',
  deliveryId: 'd3d3d3d3-0000-4000-8000-000000000003',
  milestoneId: 'b4b4b4b4-0000-4000-8000-000000000004',
};

/** Complete, realistic params for every type (typed by the catalogue: a new type fails to compile here). */
const PARAMS: { [T in NotificationType]: NotificationParamsMap[T] } = {
  'scenario.matched': { ...scenario, organisationId: ids.proposalId, score: 87.5, trigger: 'published' },
  'matching.invited': { ...scenario, organisationId: ids.proposalId, invitationId: ids.milestoneId },
  'saved_search.matched': { ...scenario, savedSearchId: ids.milestoneId, savedSearchName: '制造业视觉检测' },
  'scenario.amended': {
    ...scenario,
    amendmentNo: 2,
    material: true,
    deadlineExtended: true,
    proposalDeadline: '2026-12-01T09:00:00.000Z',
  },
  'scenario.question_answered': { ...scenario, questionId: ids.milestoneId, revised: false },
  'scenario.deadline_reminder': { ...scenario, daysBefore: 3, proposalDeadline: '2026-12-01T09:00:00.000Z' },
  'scenario.proposals_at_closing': { ...scenario, openedCount: 4, excludedCount: 1 },
  'scenario.vetting_decision': { ...scenario, decision: 'returned', transition: 'return', reason: '预算测算依据不足' },
  'organisation.verification_result': {
    organisationId: ids.proposalId,
    organisationName: '湖州测试智能科技有限公司',
    result: 'rejected',
    reason: '营业执照不清晰',
  },
  'evaluation.panel_assigned': { ...scenario, evaluationId: ids.evaluationId },
  'evaluation.scoring_opened': { ...scenario, evaluationId: ids.evaluationId },
  'evaluation.panel_closed': { ...scenario, evaluationId: ids.evaluationId },
  'award.result': {
    ...scenario,
    decisionId: ids.milestoneId,
    proposalId: ids.proposalId,
    result: 'unsuccessful',
    standstillEndsAt: '2026-12-11T16:00:00.000Z',
  },
  'objection.update': { ...scenario, objectionId: ids.milestoneId, proposalId: ids.proposalId, status: 'upheld' },
  'delivery.milestone_due': {
    ...scenario,
    deliveryId: ids.deliveryId,
    milestoneId: ids.milestoneId,
    dueDate: '2026-12-20',
  },
  'delivery.milestone_overdue': {
    ...scenario,
    deliveryId: ids.deliveryId,
    milestoneId: ids.milestoneId,
    dueDate: '2026-12-20',
  },
  'delivery.acceptance_result': {
    ...scenario,
    roundNo: 1,
    party: 'centre',
    verdict: 'partially_met',
    outcome: 'acceptable',
  },
};

const LEAKS = /undefined|null|NaN|\[object Object\]/;

describe('renderNotificationEmail', () => {
  describe.each(NOTIFICATION_TYPES.flatMap((type) => (['zh-CN', 'en'] as const).map((l) => [type, l] as const)))(
    '%s in %s',
    (type, locale) => {
      const mail = renderNotificationEmail(type, PARAMS[type], locale, LINKS);

      it('has a subject, an HTML and a text part naming the scenario or organisation, with no leaked values', () => {
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        const name = type === 'organisation.verification_result' ? '湖州测试智能科技有限公司' : scenario.scenarioTitle;
        for (const part of [mail.subject, mail.html, mail.text]) {
          expect(part).toContain(name);
          expect(part).not.toMatch(LEAKS);
        }
        expect(mail.html).toMatch(/^<!DOCTYPE html>/);
        expect(mail.html).toContain(`lang="${locale}"`);
      });

      it('carries the unsubscribe link and the settings link in the footer, and a link to the thing itself', () => {
        expect(mail.html).toContain(escapeHtml(LINKS.unsubscribeUrl));
        expect(mail.text).toContain(LINKS.unsubscribeUrl);
        expect(mail.text).toContain('https://sx.example.cn/settings/notifications');
        expect(mail.text).toMatch(
          /https:\/\/sx\.example\.cn\/(scenarios|evaluations|proposals|organisations)\/[0-9a-f-]{36}/,
        );
      });

      it('is in the asked language', () => {
        const chinese = /[\u4e00-\u9fff]/;
        const withoutParams = mail.text
          .replaceAll(scenario.scenarioTitle, '')
          .replaceAll('湖州测试智能科技有限公司', '')
          .replace(/[^\n]*(预算测算依据不足|营业执照不清晰|制造业视觉检测)[^\n]*/g, '');
        if (locale === 'zh-CN') expect(withoutParams).toMatch(chinese);
        else expect(withoutParams).not.toMatch(chinese);
      });

      it('renders with every param missing without leaking undefined', () => {
        const bare = renderNotificationEmail(type, {}, locale, LINKS);
        for (const part of [bare.subject, bare.html, bare.text]) expect(part).not.toMatch(LEAKS);
        expect(bare.subject.length).toBeGreaterThan(3);
      });
    },
  );

  it('escapes user input in HTML and keeps it readable in the text part', () => {
    const evil = `<script>alert("x")</script> & <img src=x onerror='y'>`;
    const mail = renderNotificationEmail(
      'saved_search.matched',
      { ...PARAMS['saved_search.matched'], scenarioTitle: evil, savedSearchName: '"><b>bold</b>' },
      'en',
      { ...LINKS, unsubscribeUrl: 'https://sx.example.cn/u?token=a"onmouseover="x' },
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>bold');
    expect(mail.html).not.toContain('a"onmouseover');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;',
    );
    expect(mail.text).toContain(evil);
  });

  it('keeps control characters out of the subject (no header injection) and cuts very long titles', () => {
    const mail = renderNotificationEmail(
      'scenario.matched',
      { ...PARAMS['scenario.matched'], scenarioTitle: `标题\r\nBcc: victim@example.cn${'长'.repeat(500)}` },
      'zh-CN',
      LINKS,
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect([...mail.subject].length).toBeLessThanOrEqual(200);
  });

  it('shows deadlines in Huzhou time (UTC+8) and calendar days as days', () => {
    expect(formatWhen('2026-12-01T09:00:00.000Z', 'zh-CN')).toBe('2026年12月1日 17:00');
    expect(formatWhen('2026-12-01T09:00:00.000Z', 'en')).toBe('1 Dec 2026, 17:00 (UTC+8)');
    expect(formatWhen('2026-12-20', 'zh-CN')).toBe('2026年12月20日');
    expect(formatWhen('2026-12-20', 'en')).toBe('20 Dec 2026');
    expect(formatWhen(undefined, 'en')).toBe('');
    const reminder = renderNotificationEmail(
      'scenario.deadline_reminder',
      PARAMS['scenario.deadline_reminder'],
      'zh-CN',
      LINKS,
    );
    expect(reminder.text).toContain('2026年12月1日 17:00');
    expect(reminder.subject).toContain('还有 3 天');
  });

  it('gives the RFC 8058 one-click headers', () => {
    expect(listUnsubscribeHeaders(LINKS.unsubscribeUrl)).toEqual({
      'List-Unsubscribe': `<${LINKS.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('links an objection update to the scenario (winners of a set-aside award cannot open the objecting proposal)', () => {
    const mail = renderNotificationEmail('objection.update', PARAMS['objection.update'], 'zh-CN', LINKS);
    expect(mail.text).toContain(`https://sx.example.cn/scenarios/${scenario.scenarioId}\n`);
    expect(mail.text).not.toContain('/proposals/');
  });

  it('names the saved search in a saved-search alert, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const mail = renderNotificationEmail('saved_search.matched', PARAMS['saved_search.matched'], locale, LINKS);
      expect(mail.text).toContain('制造业视觉检测');
      expect(mail.html).toContain('制造业视觉检测');
    }
  });
});

describe('renderDigestEmail', () => {
  const items = NOTIFICATION_TYPES.map((type, i) => ({
    type,
    params: PARAMS[type],
    createdAt: new Date(Date.UTC(2026, 10, 24, 0, i)).toISOString(),
  }));

  it.each(['zh-CN', 'en'] as const)(
    'lists every item, newest first, with links and the unsubscribe footer (%s)',
    (locale) => {
      const mail = renderDigestEmail(items, locale, LINKS);
      expect(mail.subject).toContain(String(items.length));
      for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(LEAKS);
      const first = renderNotificationEmail(
        items[items.length - 1].type,
        items[items.length - 1].params,
        locale,
        LINKS,
      );
      const last = renderNotificationEmail(items[0].type, items[0].params, locale, LINKS);
      expect(mail.text.indexOf(first.subject)).toBeLessThan(mail.text.indexOf(last.subject));
      expect(mail.text).toContain(LINKS.unsubscribeUrl);
      expect(mail.html).toContain(escapeHtml(LINKS.unsubscribeUrl));
      expect(mail.text).toContain(`https://sx.example.cn/scenarios/${scenario.scenarioId}`);
      // The digest's link turns every email off, and the footer says so.
      const all = locale === 'zh-CN' ? '退订全部通知邮件' : 'Unsubscribe from all notification emails';
      expect(mail.text).toContain(all);
      expect(mail.html).toContain(all);
    },
  );

  it('escapes params, survives missing ones, and counts what it does not show', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      type: 'saved_search.matched' as const,
      params: i === 59 ? { scenarioTitle: '<i>x</i>' } : {}, // the newest: shown
      createdAt: new Date(Date.UTC(2026, 10, 24, 0, i)).toISOString(),
    }));
    const mail = renderDigestEmail(many, 'en', LINKS);
    expect(mail.html).not.toContain('<i>x</i>');
    expect(mail.html).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(mail.text).toContain('10 more in your inbox');
    for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(LEAKS);
  });
});
