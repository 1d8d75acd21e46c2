import { NOTIFICATION_TYPES } from '../notification-types';
import { defaultModes, isModeAllowed } from './notification-modes';
import { preferenceUpdateViolations } from './notification-preference.service';
import { NOTIFICATION_TYPE_LABELS } from './notification-type-labels';

describe('notification modes', () => {
  it('defaults to in-app at once; email in the digest for matches and answers, at once for decisions and deadlines', () => {
    for (const type of NOTIFICATION_TYPES) expect(defaultModes(type).inApp).toBe('instant');
    expect(defaultModes('scenario.matched').email).toBe('digest');
    expect(defaultModes('saved_search.matched').email).toBe('digest');
    for (const type of [
      'award.result',
      'scenario.deadline_reminder',
      'scenario.vetting_decision',
      'organisation.verification_result',
      'evaluation.panel_assigned',
      'delivery.milestone_overdue',
    ] as const)
      expect(defaultModes(type).email).toBe('instant');
  });

  it('labels every type in both languages', () => {
    for (const type of NOTIFICATION_TYPES) {
      expect(NOTIFICATION_TYPE_LABELS[type]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(NOTIFICATION_TYPE_LABELS[type].en).toMatch(/^[A-Z]/);
    }
  });

  it('allows digest on email only', () => {
    expect(isModeAllowed('email', 'digest')).toBe(true);
    expect(isModeAllowed('in_app', 'digest')).toBe(false);
    expect(isModeAllowed('in_app', 'off')).toBe(true);
  });

  it('names each offending item of an update', () => {
    expect(
      preferenceUpdateViolations([
        { type: 'award.result', channel: 'email', mode: 'digest' },
        { type: 'award.result', channel: 'in_app', mode: 'instant' },
        { type: 'scenario.amended', channel: 'in_app', mode: 'digest' },
        { type: 'award.result', channel: 'email', mode: 'off' },
      ]),
    ).toEqual([
      { field: 'items[2].mode', rule: 'notificationModeForChannel' },
      { field: 'items[3]', rule: 'notificationItemDuplicate' },
    ]);
  });
});
