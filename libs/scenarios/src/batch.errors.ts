import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type BatchErrorCode =
  | 'BATCH_NOT_FOUND'
  | 'BATCH_NOT_OPEN'
  | 'BATCH_EMPTY'
  | 'BATCH_SCENARIO_NOT_APPROVED'
  | 'BATCH_SCENARIO_IN_OTHER_BATCH'
  | 'BATCH_SCENARIO_NOT_IN_BATCH';

export class BatchError extends DomainError<BatchErrorCode> {
  constructor(code: BatchErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const batchMessages: MessageCatalogue<BatchErrorCode> = {
  BATCH_NOT_FOUND: { 'zh-CN': '未找到该批次', en: 'Batch not found' },
  BATCH_NOT_OPEN: {
    'zh-CN': '批次当前状态（{status}）下不能修改',
    en: 'The batch cannot be changed in status {status}',
  },
  BATCH_EMPTY: { 'zh-CN': '批次中没有场景，不能发布', en: 'The batch has no scenarios to publish' },
  BATCH_SCENARIO_NOT_APPROVED: {
    'zh-CN': '场景 {code} 尚未通过审核（当前状态 {status}），不能加入批次',
    en: 'Scenario {code} is not approved (status {status}) and cannot join a batch',
  },
  BATCH_SCENARIO_IN_OTHER_BATCH: {
    'zh-CN': '场景 {code} 已在其他批次中',
    en: 'Scenario {code} is already in another batch',
  },
  BATCH_SCENARIO_NOT_IN_BATCH: { 'zh-CN': '该场景不在此批次中', en: 'The scenario is not in this batch' },
};

/** Named field rules of batch requests. */
export const batchRuleMessages: Record<string, LocalisedText> = {
  'batch.publish_at_future': { 'zh-CN': '发布时间必须在未来', en: 'The publication time must be in the future' },
};
