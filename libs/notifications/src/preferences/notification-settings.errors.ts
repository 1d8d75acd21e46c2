import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

/** Errors of notification settings: preferences, one-click unsubscribe and saved searches. */
export type NotificationSettingsErrorCode =
  'NOTIFICATION_UNSUBSCRIBE_TOKEN_INVALID' | 'SAVED_SEARCH_NOT_FOUND' | 'SAVED_SEARCH_LIMIT_REACHED';

export class NotificationSettingsError extends DomainError<NotificationSettingsErrorCode> {
  constructor(
    code: NotificationSettingsErrorCode,
    params: Record<string, string | number | boolean | null> = {},
    field?: string,
  ) {
    super(code, params, field);
  }
}

export const notificationSettingsMessages: MessageCatalogue<NotificationSettingsErrorCode> = {
  NOTIFICATION_UNSUBSCRIBE_TOKEN_INVALID: {
    'zh-CN': '退订链接无效或已损坏',
    en: 'This unsubscribe link is invalid or damaged',
  },
  SAVED_SEARCH_NOT_FOUND: { 'zh-CN': '未找到该订阅的搜索条件', en: 'Saved search not found' },
  SAVED_SEARCH_LIMIT_REACHED: {
    'zh-CN': '最多可保存 {max} 个搜索条件，请先删除不再需要的',
    en: 'At most {max} saved searches; delete one you no longer need first',
  },
};

/** Field rules of notification settings (named by the DTOs' validators). */
export const notificationSettingsRuleMessages: Record<string, LocalisedText> = {
  notificationModeForChannel: {
    'zh-CN': '站内通知只能是 instant 或 off；邮件可以是 instant、digest 或 off',
    en: 'In-app notifications are instant or off; email is instant, digest or off',
  },
  notificationItemDuplicate: {
    'zh-CN': '同一通知类型和渠道只能出现一次',
    en: 'Each type and channel may appear only once',
  },
  savedSearchFiltersEmpty: {
    'zh-CN': '至少需要一个筛选条件（关键词、领域、行业、区县、能力、资金来源、预算等）',
    en: 'Give at least one filter (keywords, domain, sector, district, capability, funding type, budget…)',
  },
  savedSearchBudgetRange: { 'zh-CN': '预算下限不能大于上限', en: 'budgetMin must not exceed budgetMax' },
};
