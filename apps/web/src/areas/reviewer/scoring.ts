import type { CriterionScore, EvaluationStatus, ReviewerProposal, RubricCriterion } from './types';

/** One criterion in the scoring form (named `scores.<key>.value` / `.comment`, as the API names errors). */
export interface CriterionInput {
  value?: number | null;
  comment?: string | null;
}

export interface ScoringFormValues {
  scores: Record<string, CriterionInput | undefined>;
}

export interface WeightedTotal {
  /** Σ value / scaleMax × weight over the criteria scored so far (0–100 once all are). */
  total: number;
  /** Every criterion has a value. */
  complete: boolean;
  /** How many criteria have a value. */
  scored: number;
}

const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A reviewer's weighted total on the 0–100 scale, as the API computes it (libs/evaluation/src/aggregation.ts):
 * Σ value/scaleMax × weight. Criteria without a value add nothing (the form shows the total so far).
 */
export function weightedTotal(
  criteria: readonly RubricCriterion[],
  values: Readonly<Record<string, number | null | undefined>>,
): WeightedTotal {
  let total = 0;
  let scored = 0;
  for (const c of criteria) {
    const v = values[c.key];
    if (!isScore(v) || c.scaleMax <= 0) continue;
    total += (Math.min(Math.max(v, 0), c.scaleMax) / c.scaleMax) * c.weight;
    scored++;
  }
  return { total, complete: scored === criteria.length && criteria.length > 0, scored };
}

/** Two decimals, as the API shows totals. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The form's values as the totals want them. */
export function valuesOf(form: ScoringFormValues | undefined): Record<string, number | null | undefined> {
  return Object.fromEntries(Object.entries(form?.scores ?? {}).map(([k, v]) => [k, v?.value]));
}

/** The form filled with the reviewer's earlier scores (empty when not scored yet). */
export function formValuesFrom(
  criteria: readonly RubricCriterion[],
  mine: readonly CriterionScore[],
): ScoringFormValues {
  const byKey = new Map(mine.map((s) => [s.criterion, s]));
  return {
    scores: Object.fromEntries(
      criteria.map((c) => [
        c.key,
        { value: byKey.get(c.key)?.value ?? null, comment: byKey.get(c.key)?.comment ?? '' },
      ]),
    ),
  };
}

/** The body of PUT …/scores: one entry per criterion, in rubric order; blank comments as null. */
export function scoresPayload(
  criteria: readonly RubricCriterion[],
  form: ScoringFormValues,
): { scores: { criterion: string; value: number; comment: string | null }[] } {
  return {
    scores: criteria.map((c) => {
      const input = form.scores?.[c.key];
      const comment = input?.comment?.trim();
      return { criterion: c.key, value: input?.value as number, comment: comment ? comment : null };
    }),
  };
}

/** How far the reviewer is: proposals with a complete set of scores out of those they may score. */
export function scoringProgress(proposals: readonly Pick<ReviewerProposal, 'myTotal'>[]): {
  scored: number;
  total: number;
  percent: number;
} {
  const scored = proposals.filter((p) => p.myTotal !== null && p.myTotal !== undefined).length;
  const total = proposals.length;
  return { scored, total, percent: total ? Math.round((scored / total) * 100) : 0 };
}

/** Scores may be given and revised only while the panel is scoring. */
export const canScore = (status: EvaluationStatus): boolean => status === 'scoring';

/** Proposals can be read once scoring opened (and afterwards), never in setup. */
export const canRead = (status: EvaluationStatus): boolean => status !== 'setup';

/** The reviewer's step: 0 declare conflicts, 1 score, 2 panel closed. */
export function reviewerStep(status: EvaluationStatus, declarationsComplete: boolean): 0 | 1 | 2 {
  if (status === 'closed' || status === 'decided') return 2;
  return declarationsComplete ? 1 : 0;
}

/** The reader's words for the API's blind stand-ins. */
export interface BlindWords {
  vendor: (letters: string) => string;
  contact: string;
  teamMember: (n: string) => string;
  client: (n: string) => string;
}

/**
 * In a blind round the API writes `Vendor A`, `Vendor B`… for the vendors (also inside the text),
 * `Contact person` for their contacts, `Team member 1…` and `Client 1…` for the people and reference
 * clients (libs/evaluation/src/masking.ts). In Chinese they read 供应商 A, 联系人, 团队成员 1, 客户 1;
 * other text is left alone.
 */
export function localiseBlind(text: string, words: BlindWords): string {
  return text
    .replace(/\bVendor ([A-Z]{1,3})\b/g, (_, letters: string) => words.vendor(letters))
    .replace(/\bContact person\b/g, words.contact)
    .replace(/\bTeam member (\d+)\b/g, (_, n: string) => words.teamMember(n))
    .replace(/\bClient (\d+)\b/g, (_, n: string) => words.client(n));
}
