import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type VendorErrorCode =
  'VENDOR_PROFILE_NOT_FOUND' | 'VENDOR_ORGANISATION_NOT_FOUND' | 'VENDOR_PROFILE_VERSION_CONFLICT';

export class VendorError extends DomainError<VendorErrorCode> {
  constructor(code: VendorErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const vendorMessages: MessageCatalogue<VendorErrorCode> = {
  VENDOR_PROFILE_NOT_FOUND: { 'zh-CN': '未找到该供给方的能力清单', en: 'Vendor capability profile not found' },
  VENDOR_ORGANISATION_NOT_FOUND: {
    'zh-CN': '未找到您所在的供给方单位',
    en: 'Your vendor organisation was not found',
  },
  VENDOR_PROFILE_VERSION_CONFLICT: {
    'zh-CN': '能力清单已被他人修改（当前版本 {current}），请刷新后重试',
    en: 'The capability profile was changed meanwhile (now version {current}); reload and try again',
  },
};

/** Named field rules of capability profiles (`rule` in each field violation; `{code}` is the offending value). */
export const vendorRuleMessages: Record<string, LocalisedText> = {
  'vendor.unknown_domain': { 'zh-CN': '未知的领域代码：{code}', en: 'Unknown domain code: {code}' },
  'vendor.unknown_capability': { 'zh-CN': '未知的能力代码：{code}', en: 'Unknown capability code: {code}' },
  'vendor.unknown_industry_field': {
    'zh-CN': '未知的产业领域代码：{code}',
    en: 'Unknown industry field code: {code}',
  },
  'vendor.unknown_district': { 'zh-CN': '未知的区县代码：{code}', en: 'Unknown district code: {code}' },
  'vendor.budget_range': {
    'zh-CN': '典型预算下限不能高于上限',
    en: 'The minimum typical budget must not exceed the maximum',
  },
  'vendor.case_year_future': { 'zh-CN': '案例年份不能晚于今年（{year}）', en: 'The year must not be after {year}' },
  'vendor.case_scenario_duplicate': {
    'zh-CN': '同一场景只能关联一个案例',
    en: 'Each scenario may be linked to one case only',
  },
  'vendor.case_scenario_unknown': {
    'zh-CN': '关联的场景不存在或未公开',
    en: 'The linked scenario does not exist or is not public',
  },
  'vendor.date': { 'zh-CN': '必须是有效日期（YYYY-MM-DD）', en: 'Must be a valid date (YYYY-MM-DD)' },
  'vendor.list_budget_range': {
    'zh-CN': '预算下限不能高于上限',
    en: 'The minimum budget must not exceed the maximum',
  },
};
