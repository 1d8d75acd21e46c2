import type { LocalisedText } from '@app/common';
import type { NotificationType } from '../notification-types';

/** What each notification type is called in the preferences screen and the digest. */
export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, LocalisedText> = {
  'scenario.matched': { 'zh-CN': '匹配到适合本单位的新场景', en: 'New scenarios matching your organisation' },
  'matching.invited': { 'zh-CN': '赋能中心邀请揭榜', en: 'Invitations to apply from the enablement centre' },
  'saved_search.matched': { 'zh-CN': '订阅的搜索条件有新场景', en: 'New scenarios for your saved searches' },
  'scenario.amended': { 'zh-CN': '关注或参与的场景发生变更', en: 'Amendments to scenarios you follow or bid on' },
  'scenario.question_answered': {
    'zh-CN': '关注或参与的场景有新的答疑',
    en: 'Answers to questions on scenarios you follow or bid on',
  },
  'scenario.deadline_reminder': { 'zh-CN': '揭榜截止提醒', en: 'Proposal deadline reminders' },
  'scenario.proposals_at_closing': { 'zh-CN': '揭榜截止时的方案数量', en: 'Proposal count at closing' },
  'scenario.vetting_decision': { 'zh-CN': '场景审核结果', en: 'Vetting decisions on your scenarios' },
  'organisation.verification_result': { 'zh-CN': '单位认证结果', en: 'Organisation verification results' },
  'evaluation.panel_assigned': { 'zh-CN': '受邀参加评审专家组', en: 'Evaluation panel assignments' },
  'evaluation.scoring_opened': { 'zh-CN': '评审打分开始', en: 'Scoring opened' },
  'evaluation.panel_closed': { 'zh-CN': '评审结束', en: 'Evaluation panel closed' },
  'award.result': { 'zh-CN': '揭榜结果（中选或未中选）', en: 'Award results' },
  'objection.update': { 'zh-CN': '异议处理进展', en: 'Objection updates' },
  'delivery.milestone_due': { 'zh-CN': '里程碑即将到期', en: 'Milestones due soon' },
  'delivery.milestone_overdue': { 'zh-CN': '里程碑已逾期', en: 'Overdue milestones' },
  'delivery.acceptance_result': { 'zh-CN': '验收结论', en: 'Acceptance results' },
};
