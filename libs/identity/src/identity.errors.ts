import { DomainError, type MessageCatalogue } from '@app/common';

export type IdentityErrorCode =
  | 'IDENTITY_INVALID_CREDENTIALS'
  | 'IDENTITY_USER_DISABLED'
  | 'IDENTITY_EMAIL_TAKEN'
  | 'IDENTITY_USCC_TAKEN'
  | 'IDENTITY_USCC_INVALID'
  | 'IDENTITY_UNKNOWN_DISTRICT'
  | 'IDENTITY_ROLE_NOT_ALLOWED'
  | 'IDENTITY_ORGANISATION_NOT_FOUND'
  | 'IDENTITY_USER_NOT_FOUND'
  | 'IDENTITY_REFRESH_TOKEN_INVALID'
  | 'IDENTITY_REFRESH_TOKEN_REUSED'
  | 'IDENTITY_WEAK_PASSWORD'
  | 'IDENTITY_WRONG_PASSWORD';

export class IdentityError extends DomainError<IdentityErrorCode> {
  constructor(code: IdentityErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

export const identityMessages: MessageCatalogue<IdentityErrorCode> = {
  IDENTITY_INVALID_CREDENTIALS: { 'zh-CN': '邮箱或密码错误', en: 'Wrong email or password' },
  IDENTITY_USER_DISABLED: { 'zh-CN': '该账号已停用', en: 'This account is disabled' },
  IDENTITY_EMAIL_TAKEN: { 'zh-CN': '该邮箱已注册', en: 'This email is already registered' },
  IDENTITY_USCC_TAKEN: {
    'zh-CN': '该统一社会信用代码已注册',
    en: 'An organisation with this unified social credit code is already registered',
  },
  IDENTITY_USCC_INVALID: {
    'zh-CN': '统一社会信用代码无效：{reason}',
    en: 'Invalid unified social credit code: {reasonEn}',
  },
  IDENTITY_UNKNOWN_DISTRICT: { 'zh-CN': '未知的区县代码：{district}', en: 'Unknown district code: {district}' },
  IDENTITY_ROLE_NOT_ALLOWED: {
    'zh-CN': '角色 {role} 不适用于该类型的机构',
    en: 'Role {role} is not allowed for this organisation type',
  },
  IDENTITY_ORGANISATION_NOT_FOUND: { 'zh-CN': '未找到该机构', en: 'Organisation not found' },
  IDENTITY_USER_NOT_FOUND: { 'zh-CN': '未找到该用户', en: 'User not found' },
  IDENTITY_REFRESH_TOKEN_INVALID: {
    'zh-CN': '刷新令牌无效或已过期，请重新登录',
    en: 'Refresh token is invalid or expired; log in again',
  },
  IDENTITY_REFRESH_TOKEN_REUSED: {
    'zh-CN': '刷新令牌被重复使用，该登录会话已全部注销，请重新登录',
    en: 'Refresh token reuse detected; the whole session was revoked, log in again',
  },
  IDENTITY_WEAK_PASSWORD: {
    'zh-CN': '密码强度不足：至少 10 个字符，且同时包含字母和数字',
    en: 'Password too weak: at least 10 characters with both letters and digits',
  },
  IDENTITY_WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
};
