import { type Rubric, RUBRIC_TOTAL_WEIGHT } from './rubric';

/**
 * The arithmetic of expert evaluation, as pure functions. Every sum is taken over sorted values, so
 * the order in which reviewers (or proposals) are given cannot change a result, not even in the last
 * bit of a floating-point number.
 */

/** One reviewer's complete set of scores for one proposal: a value for every criterion of the rubric. */
export interface ReviewerScores {
  reviewerId: string;
  values: Readonly<Record<string, number>>;
}

export interface CriterionAggregate {
  key: string;
  /** Mean of the reviewers' values, on the criterion's own scale (0..scaleMax); null without reviewers. */
  mean: number | null;
  scaleMax: number;
}

export interface ProposalAggregate {
  /** Mean of the reviewers' weighted totals, 0..100; null when nobody scored the proposal yet. */
  weightedMean: number | null;
  criteria: CriterionAggregate[];
  /** Population standard deviation of the reviewers' totals (0..100 scale); null without reviewers. */
  stdDev: number | null;
  /** The reviewers disagree: their totals' standard deviation exceeds the threshold. */
  disagreement: boolean;
  reviewerCount: number;
  /** Each reviewer's weighted total (0..100), ordered by reviewer id. */
  totals: { reviewerId: string; total: number }[];
}

const ascending = (a: number, b: number) => a - b;

/** Sum in ascending order: the same numbers give the same sum, whatever order they came in. */
function orderedSum(values: readonly number[]): number {
  return [...values].sort(ascending).reduce((sum, v) => sum + v, 0);
}

/**
 * Arithmetic mean (order-independent); NaN for no values. Taken as the lowest value plus the mean
 * excess over it and kept within [lowest, highest], so equal values have exactly their own value as
 * mean (and no spread) and no rounding can leave the range.
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const m = low + orderedSum(values.map((v) => v - low)) / values.length;
  return Math.min(high, Math.max(low, m));
}

/** Population standard deviation (divides by n, not n − 1: the panel is the whole population). */
export function populationStdDev(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(orderedSum(values.map((v) => (v - m) ** 2)) / values.length);
}

/** Refuses a rubric the maths is not defined for: weights must be whole, positive and sum to 100. */
export function assertAggregatable(rubric: Rubric): void {
  if (rubric.length === 0) throw new RangeError('A rubric needs at least one criterion');
  let total = 0;
  for (const c of rubric) {
    if (!Number.isInteger(c.weight) || c.weight <= 0)
      throw new RangeError(`Weight of ${c.key} is not a positive integer`);
    if (!Number.isInteger(c.scaleMax) || c.scaleMax <= 0) throw new RangeError(`Scale of ${c.key} is not positive`);
    total += c.weight;
  }
  if (total !== RUBRIC_TOTAL_WEIGHT) throw new RangeError(`Weights sum to ${total}, not ${RUBRIC_TOTAL_WEIGHT}`);
}

/**
 * A reviewer's weighted total on the 0–100 scale: Σ value / scaleMax × weight. All values at the
 * top of their scales give exactly 100, all zeros exactly 0. Each term is computed as
 * (value × weight) / scaleMax — one rounding per term, monotone, so no total exceeds 100.
 */
export function reviewerTotal(rubric: Rubric, values: Readonly<Record<string, number>>): number {
  assertAggregatable(rubric);
  const terms = rubric.map((c) => {
    const v = values[c.key];
    if (v === undefined) throw new RangeError(`No value for criterion ${c.key}`);
    if (!Number.isFinite(v) || v < 0 || v > c.scaleMax) throw new RangeError(`Value for ${c.key} is out of scale`);
    return (v * c.weight) / c.scaleMax;
  });
  return orderedSum(terms);
}

/** Aggregates the reviewers' complete score sets for one proposal. */
export function aggregateProposal(
  rubric: Rubric,
  reviewers: readonly ReviewerScores[],
  disagreementThreshold: number,
): ProposalAggregate {
  assertAggregatable(rubric);
  const totals = reviewers
    .map((r) => ({ reviewerId: r.reviewerId, total: reviewerTotal(rubric, r.values) }))
    .sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
  const criteria = rubric.map((c) => ({
    key: c.key,
    mean: reviewers.length ? mean(reviewers.map((r) => r.values[c.key])) : null,
    scaleMax: c.scaleMax,
  }));
  if (totals.length === 0)
    return { weightedMean: null, criteria, stdDev: null, disagreement: false, reviewerCount: 0, totals };
  const values = totals.map((t) => t.total);
  const stdDev = populationStdDev(values);
  return {
    weightedMean: mean(values),
    criteria,
    stdDev,
    disagreement: stdDev > disagreementThreshold,
    reviewerCount: totals.length,
    totals,
  };
}

export interface Rankable {
  proposalId: string;
  weightedMean: number | null;
  stdDev: number | null;
}

/** Compared at a millionth of a point: totals reached by different sums may differ in the last bits. */
const comparable = (x: number) => Math.round(x * 1e6);

/**
 * Ranks proposals 1..n: highest weighted mean first; ties go to the lower standard deviation (the
 * panel agreed more), then to the proposal id, so the ranking never depends on input order.
 * Proposals nobody scored come last.
 */
export function rankProposals<T extends Rankable>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => {
    if (a.weightedMean === null || b.weightedMean === null) {
      if (a.weightedMean !== b.weightedMean) return a.weightedMean === null ? 1 : -1;
    } else if (comparable(a.weightedMean) !== comparable(b.weightedMean)) {
      return comparable(b.weightedMean) - comparable(a.weightedMean);
    }
    const sa = a.stdDev === null ? Infinity : comparable(a.stdDev);
    const sb = b.stdDev === null ? Infinity : comparable(b.stdDev);
    if (sa !== sb) return sa - sb;
    return a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0;
  });
  return sorted.map((item, i) => ({ ...item, rank: i + 1 }));
}
