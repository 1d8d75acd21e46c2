import type { RubricCriterion } from '../types';

/** The API's rules (libs/evaluation/src/rubric.ts), checked in the browser before saving. */
export const RUBRIC_TOTAL_WEIGHT = 100;
export const RUBRIC_MAX_CRITERIA = 20;
export const CRITERION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A criterion as edited: numbers may be blank while typing. */
export interface CriterionDraft {
  key: string;
  name: string;
  weight: number | null | undefined;
  scaleMax: number | null | undefined;
  commentRequired: boolean;
}

export type RubricIssueCode =
  'empty' | 'too_many' | 'key_format' | 'key_duplicate' | 'name_required' | 'weight_range' | 'scale_range' | 'total';

export interface RubricIssue {
  code: RubricIssueCode;
  /** The criterion (row) concerned; absent for the rubric as a whole. */
  index?: number;
  field?: 'key' | 'name' | 'weight' | 'scaleMax';
}

export interface RubricCheck {
  /** Sum of the weights typed so far (blank counts as 0). */
  total: number;
  /** total === 100 */
  totalOk: boolean;
  ok: boolean;
  issues: RubricIssue[];
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** The sum of the weights; blank or non-numeric weights count as 0. */
export function rubricTotal(criteria: readonly Pick<CriterionDraft, 'weight'>[]): number {
  return criteria.reduce(
    (sum, c) => sum + (typeof c.weight === 'number' && Number.isFinite(c.weight) ? c.weight : 0),
    0,
  );
}

/** Every problem that would make the API refuse the rubric, one per field, plus the total. */
export function checkRubric(criteria: readonly CriterionDraft[]): RubricCheck {
  const issues: RubricIssue[] = [];
  const total = rubricTotal(criteria);
  if (criteria.length === 0) issues.push({ code: 'empty' });
  if (criteria.length > RUBRIC_MAX_CRITERIA) issues.push({ code: 'too_many' });
  const seen = new Set<string>();
  criteria.forEach((c, index) => {
    const key = (c.key ?? '').trim();
    if (!CRITERION_KEY_PATTERN.test(key)) issues.push({ code: 'key_format', index, field: 'key' });
    else if (seen.has(key)) issues.push({ code: 'key_duplicate', index, field: 'key' });
    seen.add(key);
    if (!(c.name ?? '').trim()) issues.push({ code: 'name_required', index, field: 'name' });
    if (!isWhole(c.weight) || c.weight < 1 || c.weight > RUBRIC_TOTAL_WEIGHT)
      issues.push({ code: 'weight_range', index, field: 'weight' });
    if (!isWhole(c.scaleMax) || c.scaleMax < 1 || c.scaleMax > 100)
      issues.push({ code: 'scale_range', index, field: 'scaleMax' });
  });
  const totalOk = total === RUBRIC_TOTAL_WEIGHT;
  if (criteria.length > 0 && !totalOk) issues.push({ code: 'total' });
  return { total, totalOk, ok: issues.length === 0, issues };
}

/** The body of `PUT scenarios/:id/evaluation` from checked drafts (trimmed). */
export function toRubric(criteria: readonly CriterionDraft[]): RubricCriterion[] {
  return criteria.map((c) => ({
    key: c.key.trim(),
    name: c.name.trim(),
    weight: Number(c.weight),
    scaleMax: Number(c.scaleMax),
    commentRequired: !!c.commentRequired,
  }));
}

/** A free key like `criterion_3` that no row uses yet. */
export function nextCriterionKey(criteria: readonly Pick<CriterionDraft, 'key'>[]): string {
  const used = new Set(criteria.map((c) => c.key));
  let n = criteria.length + 1;
  while (used.has(`criterion_${n}`)) n++;
  return `criterion_${n}`;
}

/** A sensible starting rubric for a scenario without one (weights sum to 100). */
export function defaultRubric(names: { technical: string; price: string; team: string }): CriterionDraft[] {
  return [
    { key: 'technical', name: names.technical, weight: 50, scaleMax: 10, commentRequired: true },
    { key: 'price', name: names.price, weight: 20, scaleMax: 5, commentRequired: false },
    { key: 'team', name: names.team, weight: 30, scaleMax: 10, commentRequired: false },
  ];
}
