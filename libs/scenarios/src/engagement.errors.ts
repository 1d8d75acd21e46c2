import { DomainError, type MessageCatalogue } from '@app/common';

/** Errors of vendors' engagement with a published scenario: clarification questions (Q&A) and follows. */
export type EngagementErrorCode =
  | 'ENGAGEMENT_VENDOR_NOT_VERIFIED'
  | 'ENGAGEMENT_QUESTION_NOT_FOUND'
  | 'ENGAGEMENT_QUESTIONS_CLOSED'
  | 'ENGAGEMENT_ANSWERS_CLOSED';

export class EngagementError extends DomainError<EngagementErrorCode> {
  constructor(
    code: EngagementErrorCode,
    params: Record<string, string | number | boolean | null> = {},
    field?: string,
  ) {
    super(code, params, field);
  }
}

export const engagementMessages: MessageCatalogue<EngagementErrorCode> = {
  ENGAGEMENT_VENDOR_NOT_VERIFIED: {
    'zh-CN': '供给方单位尚未通过审核，不能提问或关注场景',
    en: 'Only users of a verified vendor may ask questions or follow scenarios',
  },
  ENGAGEMENT_QUESTION_NOT_FOUND: { 'zh-CN': '未找到该问题', en: 'Question not found' },
  ENGAGEMENT_QUESTIONS_CLOSED: {
    'zh-CN': '场景当前状态（{status}）下不能提问，仅在揭榜期间（已发布）可以提问',
    en: 'Questions may be asked only while the scenario is open for proposals (published); it is {status}',
  },
  ENGAGEMENT_ANSWERS_CLOSED: {
    'zh-CN': '场景当前状态（{status}）下不能答复问题',
    en: 'Questions cannot be answered while the scenario is {status}',
  },
};
