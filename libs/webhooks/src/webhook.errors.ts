import { DomainError, type MessageCatalogue } from '@app/common';

export type WebhookErrorCode =
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_SCHEME_NOT_ALLOWED'
  | 'WEBHOOK_URL_CREDENTIALS'
  | 'WEBHOOK_URL_UNRESOLVABLE'
  | 'WEBHOOK_URL_PRIVATE_ADDRESS'
  | 'WEBHOOK_ORGANISATION_NOT_FOUND'
  | 'WEBHOOK_ENDPOINT_NOT_FOUND'
  | 'WEBHOOK_ENDPOINT_LIMIT_REACHED'
  | 'WEBHOOK_ENDPOINT_INACTIVE'
  | 'WEBHOOK_DELIVERY_NOT_FOUND'
  | 'WEBHOOK_DELIVERY_NOT_REPLAYABLE';

export class WebhookError extends DomainError<WebhookErrorCode> {
  constructor(code: WebhookErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const webhookMessages: MessageCatalogue<WebhookErrorCode> = {
  WEBHOOK_URL_INVALID: { 'zh-CN': 'Webhook 地址不是有效的 URL', en: 'The webhook URL is not a valid URL' },
  WEBHOOK_URL_SCHEME_NOT_ALLOWED: {
    'zh-CN': 'Webhook 地址必须使用 https',
    en: 'The webhook URL must use https',
  },
  WEBHOOK_URL_CREDENTIALS: {
    'zh-CN': 'Webhook 地址不能包含用户名或密码',
    en: 'The webhook URL must not contain a user name or password',
  },
  WEBHOOK_URL_UNRESOLVABLE: {
    'zh-CN': '无法解析 Webhook 地址的主机名：{host}',
    en: 'The webhook host name could not be resolved: {host}',
  },
  WEBHOOK_URL_PRIVATE_ADDRESS: {
    'zh-CN': 'Webhook 地址指向内网、本机或保留地址（{address}，{range}），不允许投递',
    en: 'The webhook URL points at a private, loopback or reserved address ({address}, {range}) and is refused',
  },
  WEBHOOK_ORGANISATION_NOT_FOUND: { 'zh-CN': '未找到您所在的单位', en: 'Your organisation was not found' },
  WEBHOOK_ENDPOINT_NOT_FOUND: { 'zh-CN': '未找到该 Webhook 端点', en: 'Webhook endpoint not found' },
  WEBHOOK_ENDPOINT_LIMIT_REACHED: {
    'zh-CN': '每个单位最多配置 {max} 个 Webhook 端点',
    en: 'An organisation may have at most {max} webhook endpoints',
  },
  WEBHOOK_ENDPOINT_INACTIVE: {
    'zh-CN': '该 Webhook 端点已停用，请先启用',
    en: 'This webhook endpoint is inactive; activate it first',
  },
  WEBHOOK_DELIVERY_NOT_FOUND: { 'zh-CN': '未找到该 Webhook 投递记录', en: 'Webhook delivery not found' },
  WEBHOOK_DELIVERY_NOT_REPLAYABLE: {
    'zh-CN': '该投递当前状态为 {status}，不能重新投递',
    en: 'This delivery is {status} and cannot be sent again',
  },
};
