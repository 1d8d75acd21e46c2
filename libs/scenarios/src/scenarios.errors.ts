import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type ScenarioErrorCode =
  | 'SCENARIO_NOT_FOUND'
  | 'SCENARIO_AGENCY_NOT_VERIFIED'
  | 'SCENARIO_NOT_EDITABLE'
  | 'SCENARIO_VERSION_CONFLICT'
  | 'SCENARIO_DEADLINE_PASSED'
  | 'SCENARIO_EXPORT_TOO_LARGE';

export class ScenarioError extends DomainError<ScenarioErrorCode> {
  constructor(code: ScenarioErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const scenarioMessages: MessageCatalogue<ScenarioErrorCode> = {
  SCENARIO_NOT_FOUND: { 'zh-CN': '未找到该场景', en: 'Scenario not found' },
  SCENARIO_AGENCY_NOT_VERIFIED: {
    'zh-CN': '发布单位尚未通过审核，不能发布场景',
    en: 'Only verified agencies may post scenarios',
  },
  SCENARIO_NOT_EDITABLE: {
    'zh-CN': '场景当前状态（{status}）下不能修改',
    en: 'The scenario cannot be changed in status {status}',
  },
  SCENARIO_VERSION_CONFLICT: {
    'zh-CN': '场景已被他人修改（当前版本 {current}），请刷新后重试',
    en: 'The scenario was changed meanwhile (now version {current}); reload and try again',
  },
  SCENARIO_EXPORT_TOO_LARGE: {
    'zh-CN': '导出结果超过 {max} 条，请缩小筛选范围',
    en: 'The export would exceed {max} rows; narrow the filters',
  },
  SCENARIO_DEADLINE_PASSED: {
    'zh-CN': '场景 {code} 的揭榜截止时间已过，不能发布',
    en: 'The proposal deadline of scenario {code} has passed; it cannot be published',
  },
};

/** Named field rules used by submission checks (`rule` in each field violation). */
export const scenarioRuleMessages: Record<string, LocalisedText> = {
  'scenario.required': { 'zh-CN': '提交前必须填写', en: 'Is required before submission' },
  'scenario.kpi_required': { 'zh-CN': '至少填写 1 项指标', en: 'At least one KPI is required' },
  'scenario.budget_range': { 'zh-CN': '预算下限不能高于上限', en: 'The minimum budget must not exceed the maximum' },
  'scenario.deadline_past': { 'zh-CN': '截止时间必须在未来', en: 'The deadline must be in the future' },
  'scenario.sector_domain': { 'zh-CN': '细分行业不属于所选领域', en: 'The sector does not belong to the domain' },
  'scenario.comments': {
    'zh-CN': '意见须针对场景字段，且每条不为空、不超过 2000 字',
    en: 'Comments must name scenario fields, each non-empty and at most 2000 characters',
  },
};
