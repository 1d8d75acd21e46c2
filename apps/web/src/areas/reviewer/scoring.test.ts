import { describe, expect, it } from 'vitest';
import {
  canScore,
  formValuesFrom,
  localiseBlind,
  reviewerStep,
  round2,
  scoresPayload,
  scoringProgress,
  valuesOf,
  weightedTotal,
} from './scoring';
import type { RubricCriterion } from './types';

/** The demo rubric (apps/cli/src/seed/demo-history.ts). */
const RUBRIC: RubricCriterion[] = [
  { key: 'technical', name: '技术方案与指标响应', weight: 50, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价合理性', weight: 20, scaleMax: 5, commentRequired: false },
  { key: 'team', name: '团队与案例', weight: 30, scaleMax: 10, commentRequired: false },
];

describe('weightedTotal (Σ value/scaleMax × weight)', () => {
  it('matches the totals the API gave the demo scores', () => {
    expect(weightedTotal(RUBRIC, { technical: 8, price: 4, team: 8 })).toEqual({
      total: 80,
      complete: true,
      scored: 3,
    });
    expect(weightedTotal(RUBRIC, { technical: 6, price: 5, team: 6 }).total).toBeCloseTo(68, 10);
  });

  it('is 100 for full marks and 0 for nothing', () => {
    expect(weightedTotal(RUBRIC, { technical: 10, price: 5, team: 10 }).total).toBeCloseTo(100, 10);
    expect(weightedTotal(RUBRIC, { technical: 0, price: 0, team: 0 })).toEqual({ total: 0, complete: true, scored: 3 });
  });

  it('counts only what is scored so far', () => {
    expect(weightedTotal(RUBRIC, { technical: 7 })).toEqual({ total: 35, complete: false, scored: 1 });
    expect(weightedTotal(RUBRIC, { technical: null, price: undefined })).toEqual({
      total: 0,
      complete: false,
      scored: 0,
    });
  });

  it('uses each criterion’s own scale', () => {
    const rubric: RubricCriterion[] = [
      { key: 'a', name: 'A', weight: 70, scaleMax: 100, commentRequired: false },
      { key: 'b', name: 'B', weight: 30, scaleMax: 3, commentRequired: false },
    ];
    expect(round2(weightedTotal(rubric, { a: 55, b: 2 }).total)).toBe(58.5);
  });

  it('keeps a value typed beyond the scale within it', () => {
    expect(weightedTotal(RUBRIC, { technical: 12, price: -1, team: 10 }).total).toBeCloseTo(80, 10);
  });

  it('ignores values of criteria that are not in the rubric', () => {
    expect(weightedTotal(RUBRIC, { other: 10, technical: 10 }).total).toBe(50);
  });
});

describe('form values and payload', () => {
  it('fills the form with earlier scores and sends them back in rubric order', () => {
    const form = formValuesFrom(RUBRIC, [
      { criterion: 'team', value: 6, comment: null },
      { criterion: 'technical', value: 8, comment: '指标响应完整' },
    ]);
    expect(form.scores.technical).toEqual({ value: 8, comment: '指标响应完整' });
    expect(form.scores.price).toEqual({ value: null, comment: '' });
    expect(valuesOf(form)).toEqual({ technical: 8, price: null, team: 6 });
    form.scores.price = { value: 3, comment: '   ' };
    expect(scoresPayload(RUBRIC, form)).toEqual({
      scores: [
        { criterion: 'technical', value: 8, comment: '指标响应完整' },
        { criterion: 'price', value: 3, comment: null },
        { criterion: 'team', value: 6, comment: null },
      ],
    });
  });
});

describe('progress and steps', () => {
  it('counts proposals with a total as scored', () => {
    expect(scoringProgress([{ myTotal: 80 }, { myTotal: null }, { myTotal: 0 }])).toEqual({
      scored: 2,
      total: 3,
      percent: 67,
    });
    expect(scoringProgress([])).toEqual({ scored: 0, total: 0, percent: 0 });
  });

  it('scores only while the panel is scoring', () => {
    expect(canScore('scoring')).toBe(true);
    expect(['setup', 'closed', 'decided'].map((s) => canScore(s as 'setup'))).toEqual([false, false, false]);
  });

  it('puts the reviewer on the right step', () => {
    expect(reviewerStep('setup', false)).toBe(0);
    expect(reviewerStep('scoring', false)).toBe(0);
    expect(reviewerStep('scoring', true)).toBe(1);
    expect(reviewerStep('closed', false)).toBe(2);
    expect(reviewerStep('decided', true)).toBe(2);
  });
});

describe('localiseBlind', () => {
  const zh = (text: string) =>
    localiseBlind(text, {
      vendor: (l) => `供应商 ${l}`,
      contact: '联系人',
      teamMember: (n) => `团队成员 ${n}`,
      client: (n) => `客户 ${n}`,
    });
  it('turns the API’s blind labels into the reader’s language', () => {
    expect(zh('Vendor B')).toBe('供应商 B');
    expect(zh('由 Vendor AB 牵头，Contact person 负责对接')).toBe('由 供应商 AB 牵头，联系人 负责对接');
  });
  it('also names masked team members and reference clients in the reader’s language', () => {
    expect(zh('Team member 2')).toBe('团队成员 2');
    expect(zh('Client 1；Client 12')).toBe('客户 1；客户 12');
  });
  it('leaves other words alone', () => {
    expect(zh('Vendors Alliance; VendorA; Client list; Team members')).toBe(
      'Vendors Alliance; VendorA; Client list; Team members',
    );
  });
});
