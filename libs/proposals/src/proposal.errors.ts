import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type ProposalErrorCode =
  | 'PROPOSAL_NOT_FOUND'
  | 'PROPOSAL_VENDOR_NOT_VERIFIED'
  | 'PROPOSAL_ALREADY_EXISTS'
  | 'PROPOSAL_SCENARIO_NOT_OPEN'
  | 'PROPOSAL_DEADLINE_PASSED'
  | 'PROPOSAL_NOT_EDITABLE'
  | 'PROPOSAL_VERSION_CONFLICT'
  | 'PROPOSAL_SEALED'
  | 'PROPOSAL_CONSORTIUM_FULL'
  | 'PROPOSAL_CONSORTIUM_UNCONFIRMED'
  | 'PROPOSAL_MEMBER_NOT_ELIGIBLE'
  | 'PROPOSAL_MEMBER_NOT_FOUND'
  | 'PROPOSAL_NO_RECEIPT'
  | 'PROPOSAL_ATTACHMENT_NOT_FOUND'
  | 'PROPOSAL_ATTACHMENT_LIMIT_REACHED'
  | 'PROPOSAL_ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'PROPOSAL_ATTACHMENT_TOO_LARGE';

/** Errors of the proposals context. Parameters carry ids, statuses and counts only, never proposal content. */
export class ProposalError extends DomainError<ProposalErrorCode> {
  constructor(code: ProposalErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const proposalMessages: MessageCatalogue<ProposalErrorCode> = {
  PROPOSAL_NOT_FOUND: { 'zh-CN': '未找到该揭榜方案', en: 'Proposal not found' },
  PROPOSAL_VENDOR_NOT_VERIFIED: {
    'zh-CN': '仅通过审核的供给方可以揭榜',
    en: 'Only users of verified vendors may take part in proposals',
  },
  PROPOSAL_ALREADY_EXISTS: {
    'zh-CN': '贵单位已参与该场景的一份揭榜方案（牵头或联合体成员），每个场景只能参与一份',
    en: 'Your organisation already takes part in a proposal for this scenario (as lead or member); one per scenario',
  },
  PROPOSAL_SCENARIO_NOT_OPEN: {
    'zh-CN': '场景当前状态（{status}）不接受揭榜',
    en: 'The scenario does not accept proposals in status {status}',
  },
  PROPOSAL_DEADLINE_PASSED: {
    'zh-CN': '揭榜截止时间（{deadline}）已过，以服务器时间为准',
    en: 'The proposal deadline ({deadline}) has passed, by server time',
  },
  PROPOSAL_NOT_EDITABLE: {
    'zh-CN': '揭榜方案当前状态（{status}）下不能修改，请先撤回修改（revise）',
    en: 'The proposal cannot be changed in status {status}; revise it first',
  },
  PROPOSAL_VERSION_CONFLICT: {
    'zh-CN': '揭榜方案已被修改（当前版本 {current}），请刷新后重试',
    en: 'The proposal was changed meanwhile (now version {current}); reload and try again',
  },
  PROPOSAL_SEALED: {
    'zh-CN': '揭榜截止前方案密封，不能查看',
    en: 'Proposals are sealed until the deadline has passed and the scenario is closed',
  },
  PROPOSAL_CONSORTIUM_FULL: {
    'zh-CN': '联合体最多 {max} 家成员单位（不含牵头单位）',
    en: 'A consortium has at most {max} member vendors besides the lead',
  },
  PROPOSAL_CONSORTIUM_UNCONFIRMED: {
    'zh-CN': '还有 {pending} 家联合体成员未确认，全部确认后才能提交',
    en: '{pending} consortium member(s) have not confirmed; all must confirm before submission',
  },
  PROPOSAL_MEMBER_NOT_ELIGIBLE: {
    'zh-CN': '只能邀请其他已通过审核的供给方单位加入联合体',
    en: 'Only other verified vendor organisations can be invited to a consortium',
  },
  PROPOSAL_MEMBER_NOT_FOUND: { 'zh-CN': '该单位不是此联合体的成员', en: 'The organisation is not in this consortium' },
  PROPOSAL_NO_RECEIPT: {
    'zh-CN': '该揭榜方案尚未提交，没有回执',
    en: 'The proposal has not been submitted: there is no receipt',
  },
  PROPOSAL_ATTACHMENT_NOT_FOUND: { 'zh-CN': '未找到该附件', en: 'Attachment not found' },
  PROPOSAL_ATTACHMENT_LIMIT_REACHED: {
    'zh-CN': '每份揭榜方案最多 {max} 个附件',
    en: 'A proposal may have at most {max} attachments',
  },
  PROPOSAL_ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '附件类型不允许或与文件扩展名不符（允许 PDF、图片 PNG/JPEG/WebP/GIF、Word/Excel/PowerPoint 文件）',
    en: 'The file type is not allowed or does not match its extension (allowed: PDF, PNG/JPEG/WebP/GIF images, Word/Excel/PowerPoint files)',
  },
  PROPOSAL_ATTACHMENT_TOO_LARGE: {
    'zh-CN': '附件过大，最大 {maxBytes} 字节',
    en: 'The file is too large (at most {maxBytes} bytes)',
  },
};

/** Named field rules of proposal submission (`rule` in each field violation). */
export const proposalRuleMessages: Record<string, LocalisedText> = {
  'proposal.required': { 'zh-CN': '提交前必须填写', en: 'Is required before submission' },
  'proposal.kpi_unanswered': {
    'zh-CN': '须说明如何达成场景指标「{metric}」',
    en: 'Say how the scenario KPI "{metric}" will be met',
  },
  'proposal.kpi_unknown': { 'zh-CN': '不是该场景的指标', en: 'Is not a KPI of the scenario' },
  'proposal.kpi_duplicate': { 'zh-CN': '该指标已作答', en: 'This KPI is answered twice' },
  'proposal.price_breakdown_sum': {
    'zh-CN': '报价明细合计须等于总报价',
    en: 'The breakdown must sum to the price',
  },
  'proposal.milestone_past': { 'zh-CN': '里程碑日期须在今天之后', en: 'The milestone must be due after today' },
  'proposal.milestones_order': {
    'zh-CN': '里程碑须按日期先后排列',
    en: 'Milestones must be in date order',
  },
  'proposal.payment_percent_sum': {
    'zh-CN': '里程碑付款比例合计须为 100%',
    en: 'Milestone payment percentages must sum to 100',
  },
  'proposal.trial_plan_required': {
    'zh-CN': '场景在试验场实施，须填写试验方案',
    en: 'The scenario runs at the test ground: a trial plan is required',
  },
  'proposal.due_date': { 'zh-CN': '须为有效日期（YYYY-MM-DD）', en: 'Must be a valid date (YYYY-MM-DD)' },
};
