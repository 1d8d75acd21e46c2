import fc from 'fast-check';
import { type RubricCriterion, rubricViolations } from './rubric';

const c = (key: string, weight: number, scaleMax = 10): RubricCriterion => ({
  key,
  name: key,
  weight,
  scaleMax,
  commentRequired: false,
});

describe('rubric rules', () => {
  it('accepts whole weights summing to 100 with unique keys', () => {
    expect(rubricViolations([c('technical', 60), c('price', 25, 5), c('team', 15, 100)])).toEqual([]);
    expect(rubricViolations([c('only', 100)])).toEqual([]);
  });

  it('names the total when the weights do not sum to 100', () => {
    expect(rubricViolations([c('a', 60), c('b', 30)])).toEqual([
      { field: 'criteria', rule: 'evaluation.weights_sum', params: { total: 90 } },
    ]);
    expect(rubricViolations([c('a', 60), c('b', 50)])).toEqual([
      { field: 'criteria', rule: 'evaluation.weights_sum', params: { total: 110 } },
    ]);
  });

  it('names each offending criterion field: duplicate or malformed key, weight or scale out of range', () => {
    expect(rubricViolations([c('a', 50), c('a', 50)])).toEqual([
      { field: 'criteria[1].key', rule: 'evaluation.duplicate_key' },
    ]);
    expect(rubricViolations([c('Bad Key', 50), c('b', 0), c('c', 50.5, 0)])).toEqual([
      { field: 'criteria[0].key', rule: 'matches' },
      { field: 'criteria[1].weight', rule: 'evaluation.weight_range' },
      { field: 'criteria[2].weight', rule: 'evaluation.weight_range' },
      { field: 'criteria[2].scaleMax', rule: 'evaluation.scale_range' },
    ]);
    expect(rubricViolations([])).toEqual([{ field: 'criteria', rule: 'arrayMinSize', params: { min: 1 } }]);
  });

  it('accepts exactly the whole-weight splits that sum to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }), (weights) => {
        const violations = rubricViolations(weights.map((w, i) => c(`c${i}`, w)));
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(violations.length === 0).toBe(sum === 100);
      }),
      { numRuns: 500 },
    );
  });
});
