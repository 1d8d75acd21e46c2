import { describe, expect, it } from 'vitest';
import { checkRubric, defaultRubric, nextCriterionKey, rubricTotal, toRubric, type CriterionDraft } from './rubric';

const c = (over: Partial<CriterionDraft> = {}): CriterionDraft => ({
  key: 'technical',
  name: '技术方案',
  weight: 100,
  scaleMax: 10,
  commentRequired: false,
  ...over,
});

describe('rubricTotal', () => {
  it('sums the weights, blanks as 0', () => {
    expect(rubricTotal([{ weight: 40 }, { weight: 35 }, { weight: null }, { weight: undefined }])).toBe(75);
  });
  it('is 0 for no criteria', () => {
    expect(rubricTotal([])).toBe(0);
  });
});

describe('checkRubric', () => {
  it('accepts whole weights summing to 100', () => {
    const check = checkRubric(defaultRubric({ technical: '技术', price: '报价', team: '团队' }));
    expect(check).toMatchObject({ total: 100, totalOk: true, ok: true, issues: [] });
  });

  it('refuses a total other than 100 and reports it', () => {
    const check = checkRubric([c({ weight: 60 }), c({ key: 'price', weight: 30 })]);
    expect(check.total).toBe(90);
    expect(check.totalOk).toBe(false);
    expect(check.ok).toBe(false);
    expect(check.issues).toEqual([{ code: 'total' }]);
  });

  it('refuses an empty rubric', () => {
    expect(checkRubric([]).issues).toEqual([{ code: 'empty' }]);
  });

  it('names each bad field by row', () => {
    const check = checkRubric([
      c({ key: 'Bad Key', name: ' ', weight: 50.5, scaleMax: 0 }),
      c({ key: 'technical', weight: 49.5 }),
      c({ key: 'technical', weight: 0, scaleMax: 101 }),
    ]);
    expect(check.issues).toEqual(
      expect.arrayContaining([
        { code: 'key_format', index: 0, field: 'key' },
        { code: 'name_required', index: 0, field: 'name' },
        { code: 'weight_range', index: 0, field: 'weight' },
        { code: 'scale_range', index: 0, field: 'scaleMax' },
        { code: 'weight_range', index: 1, field: 'weight' },
        { code: 'key_duplicate', index: 2, field: 'key' },
        { code: 'weight_range', index: 2, field: 'weight' },
        { code: 'scale_range', index: 2, field: 'scaleMax' },
      ]),
    );
    expect(check.ok).toBe(false);
  });

  it('refuses more than 20 criteria', () => {
    const many = Array.from({ length: 21 }, (_, i) => c({ key: `k${i}`, weight: i === 0 ? 80 : 1 }));
    expect(checkRubric(many).issues).toContainEqual({ code: 'too_many' });
  });
});

describe('toRubric and nextCriterionKey', () => {
  it('trims and converts', () => {
    expect(toRubric([c({ key: ' technical ', name: ' 技术 ', commentRequired: true })])).toEqual([
      { key: 'technical', name: '技术', weight: 100, scaleMax: 10, commentRequired: true },
    ]);
  });
  it('finds an unused key', () => {
    expect(nextCriterionKey([{ key: 'criterion_2' }])).toBe('criterion_3');
    expect(nextCriterionKey([{ key: 'a' }, { key: 'criterion_3' }])).toBe('criterion_4');
  });
});
