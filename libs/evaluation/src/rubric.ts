import type { FieldViolation, LocalisedText } from '@app/common';

/** One criterion of a rubric: scored on 0..scaleMax, weighing `weight` points of the 100. */
export interface RubricCriterion {
  /** Stable identifier (`technical_quality`), named in scores and errors. */
  key: string;
  name: string;
  /** Whole points out of 100; the rubric's weights sum to exactly 100. */
  weight: number;
  /** The top of the criterion's scale (its bottom is 0). */
  scaleMax: number;
  /** Whether a reviewer must explain each score given on this criterion. */
  commentRequired: boolean;
}

export type Rubric = readonly RubricCriterion[];

export const RUBRIC_MAX_CRITERIA = 20;
export const RUBRIC_TOTAL_WEIGHT = 100;
export const CRITERION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Rules a rubric must meet beyond each field's own shape (checked by the DTO): keys unique, weights
 * whole and summing to 100, scales whole and positive. One violation per offending field.
 */
export function rubricViolations(criteria: Rubric, field = 'criteria'): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (criteria.length === 0) return [{ field, rule: 'arrayMinSize', params: { min: 1 } }];
  if (criteria.length > RUBRIC_MAX_CRITERIA)
    return [{ field, rule: 'arrayMaxSize', params: { max: RUBRIC_MAX_CRITERIA } }];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (!CRITERION_KEY_PATTERN.test(c.key)) violations.push({ field: `${field}[${i}].key`, rule: 'matches' });
    else if (seen.has(c.key)) violations.push({ field: `${field}[${i}].key`, rule: 'evaluation.duplicate_key' });
    seen.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > RUBRIC_TOTAL_WEIGHT)
      violations.push({ field: `${field}[${i}].weight`, rule: 'evaluation.weight_range' });
    if (!Number.isInteger(c.scaleMax) || c.scaleMax < 1 || c.scaleMax > 100)
      violations.push({ field: `${field}[${i}].scaleMax`, rule: 'evaluation.scale_range' });
  });
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (violations.length === 0 && total !== RUBRIC_TOTAL_WEIGHT)
    violations.push({ field, rule: 'evaluation.weights_sum', params: { total } });
  return violations;
}

/** Field-rule texts for rubric and score violations (merged into the API's rule catalogue). */
export const evaluationRuleMessages: Record<string, LocalisedText> = {
  'evaluation.duplicate_key': { 'zh-CN': '评分项标识重复', en: 'Criterion keys must be unique' },
  'evaluation.weight_range': {
    'zh-CN': '权重必须是 1–100 的整数',
    en: 'The weight must be a whole number from 1 to 100',
  },
  'evaluation.scale_range': {
    'zh-CN': '分值上限必须是 1–100 的整数',
    en: 'The scale maximum must be a whole number from 1 to 100',
  },
  'evaluation.weights_sum': {
    'zh-CN': '各评分项权重之和必须为 100（当前为 {total}）',
    en: 'The weights must sum to 100 (they sum to {total})',
  },
  'evaluation.score_out_of_scale': {
    'zh-CN': '评分项 {criterion} 的分值必须是 0–{max} 的整数',
    en: 'The score for {criterion} must be a whole number from 0 to {max}',
  },
  'evaluation.comment_required': {
    'zh-CN': '评分项 {criterion} 要求填写评语',
    en: 'A comment is required for {criterion}',
  },
  'evaluation.unknown_criterion': {
    'zh-CN': '评分细则中没有评分项 {criterion}',
    en: 'The rubric has no criterion {criterion}',
  },
  'evaluation.criterion_missing': {
    'zh-CN': '缺少评分项 {criterion} 的分值',
    en: 'A score for {criterion} is missing',
  },
  'evaluation.duplicate_criterion': {
    'zh-CN': '评分项 {criterion} 重复评分',
    en: 'The criterion {criterion} is scored twice',
  },
  'evaluation.winners_required': {
    'zh-CN': '授予决定至少需要一个中标方案',
    en: 'An award names at least one winning proposal',
  },
  'evaluation.winners_forbidden': {
    'zh-CN': '不授予决定不能指定中标方案',
    en: 'A no-award decision names no winners',
  },
  'evaluation.duplicate_proposal': { 'zh-CN': '方案重复', en: 'The proposal is named twice' },
  'evaluation.not_a_reviewer': {
    'zh-CN': '该用户不是可用的评审专家',
    en: 'This user is not an active reviewer',
  },
  'evaluation.unknown_proposal': {
    'zh-CN': '本次评审中没有该方案',
    en: 'No such proposal in this evaluation',
  },
  'evaluation.duplicate_vendor': { 'zh-CN': '同一供应商重复声明', en: 'This vendor is declared twice' },
  'evaluation.not_a_vendor': {
    'zh-CN': '该单位未参与本场景的揭榜',
    en: 'This organisation has no proposal in this evaluation',
  },
};
