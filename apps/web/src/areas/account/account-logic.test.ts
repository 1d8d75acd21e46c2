import { describe, expect, it } from 'vitest';
import { safeNext } from './LoginPage';
import { passwordProblem, PHONE_PATTERN } from './password';
import { describeFilters, savedSearchHref } from './savedSearches';
import { changesToDefaults, MODES_BY_CHANNEL, modeOf } from './preferences';

describe('passwordProblem (the API rule: 10+ characters, letters and digits)', () => {
  it('accepts the demo password and Chinese letters with digits', () => {
    expect(passwordProblem('Huzhou-Demo-2026')).toBeNull();
    expect(passwordProblem('湖州人工智能场景2026')).toBeNull();
  });
  it('names what is missing', () => {
    expect(passwordProblem('abc123')).toBe('too_short');
    expect(passwordProblem('abcdefghijkl')).toBe('no_digit');
    expect(passwordProblem('1234567890')).toBe('no_letter');
    expect(passwordProblem('a1'.repeat(65))).toBe('too_long');
  });
});

describe('PHONE_PATTERN', () => {
  it('matches the API pattern', () => {
    expect(PHONE_PATTERN.test('0572-2345678')).toBe(true);
    expect(PHONE_PATTERN.test('+86 (572) 2345678')).toBe(true);
    expect(PHONE_PATTERN.test('123')).toBe(false);
    expect(PHONE_PATTERN.test('0572-234567x')).toBe(false);
  });
});

describe('describeFilters', () => {
  it('puts taxonomy codes into words, in the list order', () => {
    const parts = describeFilters({
      district: ['wuxing', 'nanxun'],
      q: ' 瑕疵检测 ',
      domain: ['manufacturing'],
      trl: 6,
      batch: '8c1f0c9e-0000-4000-8000-000000000000',
    });
    expect(parts).toEqual([
      { key: 'q', value: '瑕疵检测' },
      { key: 'domain', value: '智能制造' },
      { key: 'district', value: '吴兴区、南浔区' },
      { key: 'trl', value: '6' },
      { key: 'batch', value: '' },
    ]);
  });
  it('keeps an unknown code as it is and formats budgets and deadlines', () => {
    expect(describeFilters({ capability: ['no_such_code'] })).toEqual([{ key: 'capability', value: 'no_such_code' }]);
    expect(describeFilters({ budgetMin: 500000, budgetMax: 2000000 })).toEqual([
      { key: 'budget', value: '50 万元 – 200 万元' },
    ]);
    expect(describeFilters({ budgetMax: 8000 })).toEqual([{ key: 'budgetMax', value: '8,000 元' }]);
    expect(describeFilters({ deadlineFrom: '2026-12-01' })).toEqual([{ key: 'deadline', value: '2026-12-01 – …' }]);
  });
  it('is empty for no filters', () => {
    expect(describeFilters({})).toEqual([]);
  });
});

describe('savedSearchHref', () => {
  it('opens the public list with the saved query', () => {
    expect(savedSearchHref('q=%E7%91%95&domain=manufacturing')).toBe('/?q=%E7%91%95&domain=manufacturing');
    expect(savedSearchHref('')).toBe('/');
  });
});

describe('notification preferences', () => {
  const pref = (type: string, inApp: 'instant' | 'off', email: 'instant' | 'digest' | 'off') => ({
    type,
    label: { 'zh-CN': type, en: type },
    inApp,
    email,
    defaults: {
      inApp: 'instant' as const,
      email: type === 'scenario.matched' ? ('digest' as const) : ('instant' as const),
    },
  });

  it('reads a channel under the name the API gives it', () => {
    expect(modeOf(pref('award.result', 'off', 'digest'), 'in_app')).toBe('off');
    expect(modeOf(pref('award.result', 'off', 'digest'), 'email')).toBe('digest');
  });

  it('offers the digest on email only', () => {
    expect(MODES_BY_CHANNEL.in_app).not.toContain('digest');
    expect(MODES_BY_CHANNEL.email).toContain('digest');
  });

  it('lists the changes back to the defaults, nothing for what is already default', () => {
    expect(
      changesToDefaults([
        pref('scenario.matched', 'instant', 'digest'),
        pref('award.result', 'off', 'digest'),
        pref('objection.update', 'instant', 'off'),
      ]),
    ).toEqual([
      { type: 'award.result', channel: 'in_app', mode: 'instant' },
      { type: 'award.result', channel: 'email', mode: 'instant' },
      { type: 'objection.update', channel: 'email', mode: 'instant' },
    ]);
  });
});

describe('safeNext (where to go after logging in)', () => {
  it('keeps paths of this site', () => {
    expect(safeNext('/reviewer/evaluations/abc?proposal=1')).toBe('/reviewer/evaluations/abc?proposal=1');
  });
  it('refuses other sites and nothing', () => {
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
