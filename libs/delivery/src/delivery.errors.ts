import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type DeliveryErrorCode =
  | 'DELIVERY_NOT_FOUND'
  | 'DELIVERY_MILESTONE_NOT_FOUND'
  | 'DELIVERY_CHANGE_NOT_FOUND'
  | 'DELIVERY_REPORT_NOT_FOUND'
  | 'DELIVERY_ATTACHMENT_NOT_FOUND'
  | 'DELIVERY_NO_AWARD'
  | 'DELIVERY_STANDSTILL_NOT_ENDED'
  | 'DELIVERY_OPEN_OBJECTION'
  | 'DELIVERY_WINNER_NOT_AWARDED'
  | 'DELIVERY_NOT_IN_DELIVERY'
  | 'DELIVERY_CHANGE_PENDING'
  | 'DELIVERY_OWN_CHANGE'
  | 'DELIVERY_ACCEPTANCE_INCOMPLETE'
  | 'DELIVERY_NOT_DEMONSTRATION'
  | 'DELIVERY_ATTACHMENT_LIMIT_REACHED';

export class DeliveryError extends DomainError<DeliveryErrorCode> {
  constructor(code: DeliveryErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const deliveryMessages: MessageCatalogue<DeliveryErrorCode> = {
  DELIVERY_NOT_FOUND: { 'zh-CN': '未找到该场景的实施信息', en: 'No delivery found for this scenario' },
  DELIVERY_MILESTONE_NOT_FOUND: { 'zh-CN': '未找到该里程碑', en: 'Milestone not found' },
  DELIVERY_CHANGE_NOT_FOUND: { 'zh-CN': '未找到该里程碑变更', en: 'Milestone change not found' },
  DELIVERY_REPORT_NOT_FOUND: { 'zh-CN': '未找到该进度报告', en: 'Progress report not found' },
  DELIVERY_ATTACHMENT_NOT_FOUND: { 'zh-CN': '未找到该附件', en: 'Attachment not found' },
  DELIVERY_NO_AWARD: {
    'zh-CN': '该场景没有有效的中榜决定，不能启动实施',
    en: 'The scenario has no award decision with winners; delivery cannot start',
  },
  DELIVERY_STANDSTILL_NOT_ENDED: {
    'zh-CN': '异议期至 {standstillEndsAt} 结束，结束前不能启动实施',
    en: 'The standstill period runs until {standstillEndsAt}; delivery cannot start before it ends',
  },
  DELIVERY_OPEN_OBJECTION: {
    'zh-CN': '有 {openObjections} 项异议尚未处理，不能启动实施',
    en: '{openObjections} objection(s) are still open; delivery cannot start',
  },
  DELIVERY_WINNER_NOT_AWARDED: {
    'zh-CN': '中榜方案 {proposalId} 不处于中榜状态，不能启动实施',
    en: 'Winning proposal {proposalId} is not in status awarded; delivery cannot start',
  },
  DELIVERY_NOT_IN_DELIVERY: {
    'zh-CN': '场景当前状态（{status}）下不能执行此实施操作',
    en: 'The scenario is in status {status}, not in delivery',
  },
  DELIVERY_CHANGE_PENDING: {
    'zh-CN': '该里程碑已有一项待对方确认的变更',
    en: 'A change to this milestone is already awaiting an answer',
  },
  DELIVERY_OWN_CHANGE: {
    'zh-CN': '变更须由另一方同意或拒绝',
    en: 'A change is agreed or refused by the other party, not the one that proposed it',
  },
  DELIVERY_ACCEPTANCE_INCOMPLETE: {
    'zh-CN': '发布单位与赋能中心均须给出验收结论（且均非“未达标”）后方可验收通过',
    en: 'Both the agency and the centre must record a verdict, neither not met, before acceptance',
  },
  DELIVERY_NOT_DEMONSTRATION: {
    'zh-CN': '只有示范场景可以复制推广（当前状态 {status}）',
    en: 'Only demonstration scenarios can be replicated (status is {status})',
  },
  DELIVERY_ATTACHMENT_LIMIT_REACHED: {
    'zh-CN': '每份进度报告最多 {max} 个附件',
    en: 'A progress report may have at most {max} attachments',
  },
};

/** Named field rules of delivery requests (`rule` in each field violation). */
export const deliveryRuleMessages: Record<string, LocalisedText> = {
  'delivery.unchanged': { 'zh-CN': '与当前值相同', en: 'Is the same as the current value' },
  'delivery.date': { 'zh-CN': '必须是 YYYY-MM-DD 格式的有效日期', en: 'Must be a real date written YYYY-MM-DD' },
  'delivery.due_date_past': { 'zh-CN': '截止日期不能早于今天', en: 'The due date must not be before today' },
  'delivery.milestone_completed': {
    'zh-CN': '已完成的里程碑不能再变更',
    en: 'A completed milestone can no longer change',
  },
  'delivery.comments_required': {
    'zh-CN': '结论不是“达标”时必须填写意见',
    en: 'Comments are required unless the verdict is met',
  },
  'delivery.unknown_metric': {
    'zh-CN': '场景没有名为“{metric}”的指标（现有：{known}）',
    en: 'The scenario has no KPI named "{metric}" (known: {known})',
  },
  'delivery.measured_in_future': { 'zh-CN': '测量时间不能晚于当前时间', en: 'Must not be in the future' },
  'delivery.not_in_scenario': {
    'zh-CN': '不属于该场景的实施',
    en: 'Does not belong to this scenario’s delivery',
  },
  'delivery.milestone_not_in_delivery': {
    'zh-CN': '不是本实施的里程碑',
    en: 'Is not a milestone of this delivery',
  },
};
