import { DomainError, type MessageCatalogue } from '@app/common';

export type NotificationErrorCode =
  'NOTIFICATION_NOT_FOUND' | 'NOTIFICATION_DELIVERY_NOT_FOUND' | 'NOTIFICATION_DELIVERY_NOT_FAILED';

export class NotificationError extends DomainError<NotificationErrorCode> {
  constructor(
    code: NotificationErrorCode,
    params: Record<string, string | number | boolean | null> = {},
    field?: string,
  ) {
    super(code, params, field);
  }
}

export const notificationMessages: MessageCatalogue<NotificationErrorCode> = {
  NOTIFICATION_NOT_FOUND: { 'zh-CN': '未找到该通知', en: 'Notification not found' },
  NOTIFICATION_DELIVERY_NOT_FOUND: { 'zh-CN': '未找到该投递记录', en: 'Delivery not found' },
  NOTIFICATION_DELIVERY_NOT_FAILED: {
    'zh-CN': '只有发送失败的投递可以重试',
    en: 'Only failed deliveries can be retried',
  },
};
