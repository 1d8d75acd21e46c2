import type { Locale } from '../auth/request-context';
import type { AccessErrorCode } from '../errors/access-error';
import type { CommonErrorCode } from '../errors/domain-error';

export type LocalisedText = Record<Locale, string>;
/** One message per error code: typed as a full record so a new code without text fails to compile. */
export type MessageCatalogue<C extends string> = Record<C, LocalisedText>;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    params[key] === undefined || params[key] === null ? whole : String(params[key]),
  );
}

export const commonMessages: MessageCatalogue<CommonErrorCode> = {
  COMMON_VALIDATION_FAILED: {
    'zh-CN': '请求有 {count} 处字段不符合要求',
    en: 'The request has {count} invalid field(s)',
  },
  COMMON_NOT_FOUND: { 'zh-CN': '未找到该资源', en: 'Not found' },
  COMMON_CONFLICT: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  COMMON_CONCURRENT_UPDATE: {
    'zh-CN': '数据正被同时修改，请稍后重试',
    en: 'The data was being changed at the same time; please try again',
  },
  COMMON_RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  COMMON_PAYLOAD_TOO_LARGE: { 'zh-CN': '请求体过大', en: 'Request body too large' },
  COMMON_UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型',
    en: 'Unsupported content type',
  },
  COMMON_INVALID_TRANSITION: {
    'zh-CN': '当前状态（{from}）下不能执行此操作（{transition}）',
    en: 'Cannot {transition} from status {from}',
  },
  COMMON_MALFORMED_REQUEST: {
    'zh-CN': '请求格式错误：{reason}',
    en: 'Malformed request: {reason}',
  },
};

/**
 * Field-rule messages, keyed by class-validator constraint name or a domain rule name. Rules not
 * listed fall back to the validator's own (English) message.
 */
export const ruleMessages: Record<string, LocalisedText> = {
  whitelistValidation: { 'zh-CN': '不允许的字段', en: 'This field is not allowed' },
  isDefined: { 'zh-CN': '必填', en: 'Is required' },
  isNotEmpty: { 'zh-CN': '不能为空', en: 'Must not be empty' },
  isString: { 'zh-CN': '必须是文本', en: 'Must be a string' },
  isBoolean: { 'zh-CN': '必须是布尔值', en: 'Must be a boolean' },
  isInt: { 'zh-CN': '必须是整数', en: 'Must be an integer' },
  isNumber: { 'zh-CN': '必须是数字', en: 'Must be a number' },
  isObject: { 'zh-CN': '必须是对象', en: 'Must be an object' },
  isArray: { 'zh-CN': '必须是数组', en: 'Must be an array' },
  isEmail: { 'zh-CN': '邮箱格式不正确', en: 'Must be a valid email address' },
  isUUID: { 'zh-CN': '必须是 UUID', en: 'Must be a UUID' },
  isIn: { 'zh-CN': '取值不在允许范围内', en: 'Must be one of the allowed values' },
  isEnum: { 'zh-CN': '取值不在允许范围内', en: 'Must be one of the allowed values' },
  isISO8601: { 'zh-CN': '必须是 ISO 8601 日期时间', en: 'Must be an ISO 8601 date-time' },
  isMobilePhone: { 'zh-CN': '手机号码格式不正确', en: 'Must be a valid mobile phone number' },
  matches: { 'zh-CN': '格式不正确', en: 'Has the wrong format' },
  minLength: { 'zh-CN': '长度不能少于 {min} 个字符', en: 'Must be at least {min} characters' },
  maxLength: { 'zh-CN': '长度不能超过 {max} 个字符', en: 'Must be at most {max} characters' },
  min: { 'zh-CN': '不能小于 {min}', en: 'Must not be less than {min}' },
  max: { 'zh-CN': '不能大于 {max}', en: 'Must not be greater than {max}' },
  arrayMaxSize: { 'zh-CN': '最多 {max} 项', en: 'Must have at most {max} items' },
  arrayMinSize: { 'zh-CN': '至少 {min} 项', en: 'Must have at least {min} items' },
  nestedValidation: { 'zh-CN': '必须是对象', en: 'Must be a nested object' },
  unicodePrintable: {
    'zh-CN': '包含不可见或非法字符',
    en: 'Contains control or invalid characters',
  },
  atLeastOneOf: { 'zh-CN': '至少需要提供以下之一：{fields}', en: 'Give at least one of: {fields}' },
  cursor: { 'zh-CN': '分页游标无效', en: 'Invalid pagination cursor' },
  invalidJson: { 'zh-CN': '请求体不是有效的 JSON', en: 'Body is not valid JSON' },
  bodyRequired: { 'zh-CN': '缺少请求体', en: 'A JSON object body is required' },
};

export const accessMessages: MessageCatalogue<AccessErrorCode> = {
  ACCESS_UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Authentication required' },
  ACCESS_TOKEN_INVALID: { 'zh-CN': '登录凭证无效或已过期', en: 'Access token is invalid or expired' },
  ACCESS_FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You may not do this' },
  ACCESS_NO_POLICY: { 'zh-CN': '该接口未声明访问策略，已拒绝', en: 'This route declares no access policy' },
};
