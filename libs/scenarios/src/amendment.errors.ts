import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type AmendmentErrorCode = 'AMENDMENT_NOT_FOUND' | 'AMENDMENT_SCENARIO_NOT_PUBLISHED';

export class AmendmentError extends DomainError<AmendmentErrorCode> {
  constructor(code: AmendmentErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const amendmentMessages: MessageCatalogue<AmendmentErrorCode> = {
  AMENDMENT_NOT_FOUND: { 'zh-CN': '未找到该变更记录', en: 'Amendment not found' },
  AMENDMENT_SCENARIO_NOT_PUBLISHED: {
    'zh-CN': '只有发布中的场景可以变更（当前状态 {status}）',
    en: 'Only a published scenario can be amended (status {status})',
  },
};

/** Named field rules of amendments (`rule` in each field violation). */
export const amendmentRuleMessages: Record<string, LocalisedText> = {
  'amendment.no_change': {
    'zh-CN': '变更内容与当前场景相同，没有任何修改',
    en: 'The changes leave the scenario as it is: nothing to amend',
  },
};
