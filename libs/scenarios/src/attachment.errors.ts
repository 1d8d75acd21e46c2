import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type AttachmentErrorCode =
  'ATTACHMENT_NOT_FOUND' | 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_LIMIT_REACHED';

export class AttachmentError extends DomainError<AttachmentErrorCode> {
  constructor(
    code: AttachmentErrorCode,
    params: Record<string, string | number | boolean | null> = {},
    field?: string,
  ) {
    super(code, params, field);
  }
}

export const attachmentMessages: MessageCatalogue<AttachmentErrorCode> = {
  ATTACHMENT_NOT_FOUND: { 'zh-CN': '未找到该附件', en: 'Attachment not found' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '附件类型不允许或与文件扩展名不符（允许 PDF、图片 PNG/JPEG/WebP/GIF、Word/Excel/PowerPoint 文件）',
    en: 'The file type is not allowed or does not match its extension (allowed: PDF, PNG/JPEG/WebP/GIF images, Word/Excel/PowerPoint files)',
  },
  ATTACHMENT_TOO_LARGE: {
    'zh-CN': '附件过大，最大 {maxBytes} 字节',
    en: 'The file is too large (at most {maxBytes} bytes)',
  },
  ATTACHMENT_LIMIT_REACHED: {
    'zh-CN': '每个场景最多 {max} 个附件',
    en: 'A scenario may have at most {max} attachments',
  },
};

/** Named field rules of uploads (`rule` in each field violation). */
export const attachmentRuleMessages: Record<string, LocalisedText> = {
  'attachment.file_required': {
    'zh-CN': '请以 multipart/form-data 上传一个名为 file 的文件',
    en: 'Send one file in a multipart/form-data part named file',
  },
  'attachment.file_name': {
    'zh-CN': '文件名无效（需包含可用字符和扩展名）',
    en: 'The file name is not usable (it needs usable characters and an extension)',
  },
  'attachment.upload_incomplete': {
    'zh-CN': '上传的数据不完整或格式错误',
    en: 'The upload was incomplete or malformed',
  },
};
