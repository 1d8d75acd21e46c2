import { DomainError, type MessageCatalogue } from '@app/common';

export type EvaluationErrorCode =
  | 'EVALUATION_NOT_FOUND'
  | 'EVALUATION_PROPOSAL_NOT_FOUND'
  | 'EVALUATION_PANEL_MEMBER_NOT_FOUND'
  | 'EVALUATION_SCENARIO_NOT_EVALUABLE'
  | 'EVALUATION_RUBRIC_LOCKED'
  | 'EVALUATION_PANEL_LOCKED'
  | 'EVALUATION_PANEL_EMPTY'
  | 'EVALUATION_NOT_BLIND'
  | 'EVALUATION_DECLARATIONS_INCOMPLETE'
  | 'EVALUATION_CONFLICT_FINAL'
  | 'EVALUATION_CONFLICTED'
  | 'EVALUATION_NOT_OPEN'
  | 'EVALUATION_NOT_SCORING'
  | 'EVALUATION_NOT_CLOSED'
  | 'EVALUATION_RESULT_NOT_AVAILABLE'
  | 'AWARD_ALREADY_DECIDED'
  | 'AWARD_WINNER_NOT_ELIGIBLE'
  | 'AWARD_NO_CURRENT_DECISION'
  | 'OBJECTION_NOT_FOUND'
  | 'OBJECTION_STANDSTILL_OVER'
  | 'OBJECTION_NOT_UNSUCCESSFUL'
  | 'OBJECTION_ALREADY_LODGED';

export class EvaluationError extends DomainError<EvaluationErrorCode> {
  constructor(
    code: EvaluationErrorCode,
    params: Record<string, string | number | boolean | null> = {},
    field?: string,
  ) {
    super(code, params, field);
  }
}

export const evaluationMessages: MessageCatalogue<EvaluationErrorCode> = {
  EVALUATION_NOT_FOUND: { 'zh-CN': '未找到该评审', en: 'Evaluation not found' },
  EVALUATION_PROPOSAL_NOT_FOUND: { 'zh-CN': '本次评审中没有该方案', en: 'No such proposal in this evaluation' },
  EVALUATION_PANEL_MEMBER_NOT_FOUND: {
    'zh-CN': '该专家不在本次评审组中',
    en: 'This reviewer is not on the panel',
  },
  EVALUATION_SCENARIO_NOT_EVALUABLE: {
    'zh-CN': '场景当前状态（{status}）下不能设置评审',
    en: 'An evaluation cannot be set up for a scenario in status {status}',
  },
  EVALUATION_RUBRIC_LOCKED: {
    'zh-CN': '评分已开始（{status}），评分细则不能再修改',
    en: 'Scoring has started ({status}); the rubric can no longer change',
  },
  EVALUATION_PANEL_LOCKED: {
    'zh-CN': '评审组已关闭（{status}），成员不能再调整',
    en: 'The panel is closed ({status}); its members can no longer change',
  },
  EVALUATION_PANEL_EMPTY: {
    'zh-CN': '请先指派评审专家再开始评分',
    en: 'Assign reviewers to the panel before opening scoring',
  },
  EVALUATION_NOT_BLIND: {
    'zh-CN': '本次评审没有匿名轮次，或供应商名称已公开',
    en: 'This evaluation has no blind round, or the names are already revealed',
  },
  EVALUATION_DECLARATIONS_INCOMPLETE: {
    'zh-CN': '请先对全部 {vendors} 家供应商声明利益冲突（还差 {missing} 家）',
    en: 'Declare conflicts of interest for all {vendors} vendors first ({missing} to go)',
  },
  EVALUATION_CONFLICT_FINAL: {
    'zh-CN': '已声明的利益冲突不能撤回',
    en: 'A declared conflict of interest cannot be withdrawn',
  },
  EVALUATION_CONFLICTED: {
    'zh-CN': '您已声明与该方案的供应商存在利益冲突，不能查看或评分',
    en: 'You declared a conflict of interest with this proposal’s vendor; you may not see or score it',
  },
  EVALUATION_NOT_OPEN: {
    'zh-CN': '评审尚未开始评分（当前状态 {status}），暂不能查看方案',
    en: 'Scoring has not opened yet ({status}); the proposals cannot be read',
  },
  EVALUATION_NOT_SCORING: {
    'zh-CN': '评审当前状态（{status}）下不能评分',
    en: 'Scores cannot be given while the evaluation is {status}',
  },
  EVALUATION_NOT_CLOSED: {
    'zh-CN': '请先关闭评审组（当前状态 {status}）',
    en: 'Close the panel first (the evaluation is {status})',
  },
  EVALUATION_RESULT_NOT_AVAILABLE: {
    'zh-CN': '评审结果尚未公布',
    en: 'The evaluation result is not available yet',
  },
  AWARD_ALREADY_DECIDED: {
    'zh-CN': '该场景已作出授予决定',
    en: 'An award decision has already been recorded for this scenario',
  },
  AWARD_WINNER_NOT_ELIGIBLE: {
    'zh-CN': '方案当前状态（{status}）不能被授予',
    en: 'A proposal in status {status} cannot be awarded',
  },
  AWARD_NO_CURRENT_DECISION: {
    'zh-CN': '该场景尚无有效的授予决定',
    en: 'This scenario has no current award decision',
  },
  OBJECTION_NOT_FOUND: { 'zh-CN': '未找到该异议', en: 'Objection not found' },
  OBJECTION_STANDSTILL_OVER: {
    'zh-CN': '异议期已于 {standstillEndsAt} 结束',
    en: 'The standstill period ended at {standstillEndsAt}',
  },
  OBJECTION_NOT_UNSUCCESSFUL: {
    'zh-CN': '只有未中标的方案可以提出异议',
    en: 'Only an unsuccessful proposal may object to the decision',
  },
  OBJECTION_ALREADY_LODGED: {
    'zh-CN': '该方案已对本次决定提出过异议',
    en: 'This proposal has already objected to this decision',
  },
};
