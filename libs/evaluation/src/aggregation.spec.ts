import fc from 'fast-check';
import {
  aggregateProposal,
  mean,
  populationStdDev,
  rankProposals,
  type ReviewerScores,
  reviewerTotal,
} from './aggregation';
import type { Rubric, RubricCriterion } from './rubric';

const criterion = (key: string, weight: number, scaleMax: number, commentRequired = false): RubricCriterion => ({
  key,
  name: key,
  weight,
  scaleMax,
  commentRequired,
});

/** Technical 50 on 0–10, price 30 on 0–5, team 20 on 0–100. */
const RUBRIC: Rubric = [criterion('technical', 50, 10), criterion('price', 30, 5), criterion('team', 20, 100)];

/** Whole weights summing to 100, split at distinct cut points of 1..99. */
const weightsArb = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 7 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), 100];
  return points.slice(1).map((p, i) => p - points[i]);
});
const rubricArb: fc.Arbitrary<Rubric> = weightsArb.chain((weights) =>
  fc
    .array(fc.integer({ min: 1, max: 100 }), { minLength: weights.length, maxLength: weights.length })
    .map((scales) => weights.map((w, i) => criterion(`c${i}`, w, scales[i]))),
);
const valuesArb = (rubric: Rubric) =>
  fc
    .tuple(...rubric.map((c) => fc.integer({ min: 0, max: c.scaleMax })))
    .map((vs) => Object.fromEntries(rubric.map((c, i) => [c.key, vs[i]])));
const reviewersArb = (rubric: Rubric, minLength = 0) =>
  fc
    .uniqueArray(fc.uuid(), { minLength, maxLength: 9 })
    .chain((ids) =>
      fc
        .tuple(...ids.map(() => valuesArb(rubric)))
        .map((values) => ids.map((reviewerId, i) => ({ reviewerId, values: values[i] }) as ReviewerScores)),
    );
const rubricAndReviewers = (minLength = 0) =>
  rubricArb.chain((rubric) => reviewersArb(rubric, minLength).map((reviewers) => ({ rubric, reviewers })));

/** The same total by exact rational arithmetic (BigInt over a common denominator), for comparison. */
function exactTotal(rubric: Rubric, values: Record<string, number>): number {
  const denominator = rubric.reduce((d, c) => d * BigInt(c.scaleMax), 1n);
  const numerator = rubric.reduce(
    (n, c) => n + (BigInt(values[c.key]) * BigInt(c.weight) * denominator) / BigInt(c.scaleMax),
    0n,
  );
  return Number((numerator * 1_000_000n) / denominator) / 1_000_000;
}

describe('aggregation (examples)', () => {
  it('weights each value by its share of the scale', () => {
    // 8/10 × 50 + 3/5 × 30 + 70/100 × 20 = 40 + 18 + 14
    expect(reviewerTotal(RUBRIC, { technical: 8, price: 3, team: 70 })).toBeCloseTo(72, 10);
    expect(reviewerTotal(RUBRIC, { technical: 10, price: 5, team: 100 })).toBe(100);
    expect(reviewerTotal(RUBRIC, { technical: 0, price: 0, team: 0 })).toBe(0);
  });

  it('averages reviewers, measures their spread and flags disagreement above the threshold', () => {
    const reviewers = [
      { reviewerId: 'a', values: { technical: 10, price: 5, team: 100 } }, // 100
      { reviewerId: 'b', values: { technical: 4, price: 2, team: 50 } }, // 20 + 12 + 10 = 42
      { reviewerId: 'c', values: { technical: 8, price: 3, team: 70 } }, // 72
    ];
    const agg = aggregateProposal(RUBRIC, reviewers, 15);
    expect(agg.weightedMean).toBeCloseTo((100 + 42 + 72) / 3, 10);
    const m = (100 + 42 + 72) / 3;
    expect(agg.stdDev).toBeCloseTo(Math.sqrt(((100 - m) ** 2 + (42 - m) ** 2 + (72 - m) ** 2) / 3), 10);
    expect(agg.stdDev).toBeGreaterThan(15);
    expect(agg.disagreement).toBe(true);
    expect(agg.criteria).toEqual([
      { key: 'technical', mean: expect.closeTo(22 / 3, 10), scaleMax: 10 },
      { key: 'price', mean: expect.closeTo(10 / 3, 10), scaleMax: 5 },
      { key: 'team', mean: expect.closeTo(220 / 3, 10), scaleMax: 100 },
    ]);
    expect(agg.totals.map((t) => t.reviewerId)).toEqual(['a', 'b', 'c']);
    expect(aggregateProposal(RUBRIC, reviewers, 30).disagreement).toBe(false);
  });

  it('gives no mean, spread or disagreement to a proposal nobody scored', () => {
    expect(aggregateProposal(RUBRIC, [], 15)).toEqual({
      weightedMean: null,
      criteria: RUBRIC.map((c) => ({ key: c.key, mean: null, scaleMax: c.scaleMax })),
      stdDev: null,
      disagreement: false,
      reviewerCount: 0,
      totals: [],
    });
  });

  it('refuses rubrics whose weights do not sum to 100, and values off the scale or missing', () => {
    expect(() => reviewerTotal([criterion('a', 60, 5), criterion('b', 30, 5)], { a: 1, b: 1 })).toThrow(/sum to 90/);
    expect(() => reviewerTotal([criterion('a', 50.5, 5), criterion('b', 49.5, 5)], { a: 1, b: 1 })).toThrow(
      /not a positive integer/,
    );
    expect(() => reviewerTotal([], {})).toThrow(RangeError);
    expect(() => reviewerTotal(RUBRIC, { technical: 11, price: 0, team: 0 })).toThrow(/technical is out of scale/);
    expect(() => reviewerTotal(RUBRIC, { technical: -1, price: 0, team: 0 })).toThrow(/out of scale/);
    expect(() => reviewerTotal(RUBRIC, { technical: 1, price: 0 })).toThrow(/No value for criterion team/);
    expect(() => aggregateProposal([criterion('a', 99, 5)], [], 15)).toThrow(/sum to 99/);
  });

  it('ranks by mean, then lower spread, then proposal id; unscored proposals last', () => {
    const ranked = rankProposals([
      { proposalId: 'p-unscored', weightedMean: null, stdDev: null },
      { proposalId: 'p-b', weightedMean: 80, stdDev: 5 },
      { proposalId: 'p-a', weightedMean: 80, stdDev: 5 },
      { proposalId: 'p-calm', weightedMean: 80, stdDev: 1 },
      { proposalId: 'p-top', weightedMean: 91.5, stdDev: 20 },
      { proposalId: 'p-low', weightedMean: 10, stdDev: 0 },
    ]);
    expect(ranked.map((r) => [r.rank, r.proposalId])).toEqual([
      [1, 'p-top'],
      [2, 'p-calm'],
      [3, 'p-a'],
      [4, 'p-b'],
      [5, 'p-low'],
      [6, 'p-unscored'],
    ]);
  });

  it('treats totals that differ only by floating-point noise as a tie', () => {
    const ranked = rankProposals([
      { proposalId: 'b', weightedMean: 0.1 + 0.2, stdDev: 0 },
      { proposalId: 'a', weightedMean: 0.3, stdDev: 0 },
    ]);
    expect(ranked.map((r) => r.proposalId)).toEqual(['a', 'b']);
  });
});

describe('aggregation (properties)', () => {
  it('keeps every reviewer total within 0..100 and equal to the exact rational total', () => {
    fc.assert(
      fc.property(
        rubricArb.chain((rubric) => valuesArb(rubric).map((values) => ({ rubric, values }))),
        ({ rubric, values }) => {
          const total = reviewerTotal(rubric, values);
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(100);
          expect(Math.abs(total - exactTotal(rubric, values))).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives exactly 100 for all values at the top of their scales and exactly 0 for all zeros', () => {
    fc.assert(
      fc.property(rubricArb, (rubric) => {
        expect(reviewerTotal(rubric, Object.fromEntries(rubric.map((c) => [c.key, c.scaleMax])))).toBe(100);
        expect(reviewerTotal(rubric, Object.fromEntries(rubric.map((c) => [c.key, 0])))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers a total when one value rises', () => {
    fc.assert(
      fc.property(
        rubricArb.chain((rubric) =>
          fc.tuple(fc.constant(rubric), valuesArb(rubric), fc.nat({ max: rubric.length - 1 })),
        ),
        ([rubric, values, i]) => {
          const c = rubric[i];
          fc.pre(values[c.key] < c.scaleMax);
          const raised = { ...values, [c.key]: values[c.key] + 1 };
          expect(reviewerTotal(rubric, raised)).toBeGreaterThan(reviewerTotal(rubric, values));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the reviewers, to the last bit', () => {
    fc.assert(
      fc.property(
        rubricAndReviewers().chain(({ rubric, reviewers }) =>
          fc.shuffledSubarray(reviewers, { minLength: reviewers.length }).map((shuffled) => ({
            rubric,
            reviewers,
            shuffled,
          })),
        ),
        fc.integer({ min: 0, max: 50 }),
        ({ rubric, reviewers, shuffled }, threshold) => {
          expect(aggregateProposal(rubric, shuffled, threshold)).toEqual(
            aggregateProposal(rubric, reviewers, threshold),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the mean between the lowest and highest total, the spread within 0..50, and flags exactly above the threshold', () => {
    fc.assert(
      fc.property(rubricAndReviewers(1), fc.double({ min: 0, max: 60, noNaN: true }), ({ rubric, reviewers }, t) => {
        const agg = aggregateProposal(rubric, reviewers, t);
        const totals = agg.totals.map((x) => x.total);
        expect(agg.reviewerCount).toBe(reviewers.length);
        expect(agg.weightedMean!).toBeGreaterThanOrEqual(Math.min(...totals) - 1e-9);
        expect(agg.weightedMean!).toBeLessThanOrEqual(Math.max(...totals) + 1e-9);
        expect(agg.weightedMean!).toBeGreaterThanOrEqual(0);
        expect(agg.weightedMean!).toBeLessThanOrEqual(100);
        expect(agg.stdDev!).toBeGreaterThanOrEqual(0);
        expect(agg.stdDev!).toBeLessThanOrEqual(50 + 1e-9);
        expect(agg.disagreement).toBe(agg.stdDev! > t);
        for (const c of agg.criteria) {
          expect(c.mean!).toBeGreaterThanOrEqual(0);
          expect(c.mean!).toBeLessThanOrEqual(c.scaleMax);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds no spread and no disagreement when every reviewer gives the same scores', () => {
    fc.assert(
      fc.property(
        rubricArb.chain((rubric) => fc.tuple(fc.constant(rubric), valuesArb(rubric), fc.integer({ min: 1, max: 9 }))),
        ([rubric, values, n]) => {
          const reviewers = Array.from({ length: n }, (_, i) => ({ reviewerId: `r${i}`, values }));
          const agg = aggregateProposal(rubric, reviewers, 0);
          expect(agg.stdDev).toBe(0);
          expect(agg.disagreement).toBe(false);
          expect(agg.weightedMean).toBeCloseTo(reviewerTotal(rubric, values), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('computes mean and population standard deviation like their definitions', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        expect(mean(xs)).toBeCloseTo(m, 9);
        expect(populationStdDev(xs)).toBeCloseTo(Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks 1..n by mean (descending), independently of input order', () => {
    const itemArb = fc.record({
      proposalId: fc.uuid(),
      weightedMean: fc.option(
        fc.integer({ min: 0, max: 20 }).map((x) => x * 5),
        { nil: null },
      ),
      stdDev: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc
          .uniqueArray(itemArb, { selector: (i) => i.proposalId, maxLength: 12 })
          .chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))),
        ([items, shuffled]) => {
          const ranked = rankProposals(items);
          expect(rankProposals(shuffled)).toEqual(ranked);
          expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
          for (let i = 1; i < ranked.length; i++) {
            const [prev, cur] = [ranked[i - 1].weightedMean, ranked[i].weightedMean];
            if (cur !== null) expect(prev).not.toBeNull();
            if (prev !== null && cur !== null) expect(prev).toBeGreaterThanOrEqual(cur);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
