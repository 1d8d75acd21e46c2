import { DomainError, type MessageCatalogue } from '@app/common';

export type MatchingErrorCode =
  | 'MATCHING_SCENARIO_NOT_FOUND'
  | 'MATCHING_NOT_PUBLISHED'
  | 'MATCHING_VENDOR_NOT_VERIFIED'
  | 'MATCHING_VENDOR_NOT_FOUND'
  | 'MATCHING_SCENARIO_NOT_OPEN'
  | 'MATCHING_ALREADY_INVITED';

export class MatchingError extends DomainError<MatchingErrorCode> {
  constructor(code: MatchingErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const matchingMessages: MessageCatalogue<MatchingErrorCode> = {
  MATCHING_SCENARIO_NOT_FOUND: { 'zh-CN': '未找到该场景', en: 'Scenario not found' },
  MATCHING_NOT_PUBLISHED: {
    'zh-CN': '场景发布后才能查看匹配结果',
    en: 'Matches are available once the scenario is published',
  },
  MATCHING_VENDOR_NOT_VERIFIED: {
    'zh-CN': '仅已认证的供给方单位可查看推荐场景',
    en: 'Only users of a verified vendor organisation receive recommendations',
  },
  MATCHING_VENDOR_NOT_FOUND: {
    'zh-CN': '未找到已认证的供给方单位',
    en: 'No verified vendor organisation with this id',
  },
  MATCHING_SCENARIO_NOT_OPEN: {
    'zh-CN': '场景未处于揭榜期（已发布）',
    en: 'The scenario is not open for proposals (published)',
  },
  MATCHING_ALREADY_INVITED: {
    'zh-CN': '已邀请过该供给方参与此场景揭榜',
    en: 'This vendor was already invited to this scenario',
  },
};
