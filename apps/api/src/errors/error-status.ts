import {
  accessMessages,
  type AccessErrorCode,
  assertNever,
  commonMessages,
  type CommonErrorCode,
  type LocalisedText,
  ruleMessages,
} from '@app/common';
import { identityMessages, type IdentityErrorCode, usccRuleMessages } from '@app/identity';
import { scenarioMessages, type ScenarioErrorCode, scenarioRuleMessages } from '@app/scenarios';
import { batchMessages, type BatchErrorCode, batchRuleMessages } from '@app/scenarios';
import { engagementMessages, type EngagementErrorCode } from '@app/scenarios';
import { amendmentMessages, type AmendmentErrorCode, amendmentRuleMessages } from '@app/scenarios';
import { attachmentMessages, type AttachmentErrorCode, attachmentRuleMessages } from '@app/scenarios';
import { storageMessages, type StorageErrorCode } from '@app/storage';

/** Every code a library may throw. Adding a context adds its codes here and its cases below. */
export type ErrorCode =
  | CommonErrorCode
  | AccessErrorCode
  | IdentityErrorCode
  | ScenarioErrorCode
  | BatchErrorCode
  | EngagementErrorCode
  | AmendmentErrorCode
  | AttachmentErrorCode
  | StorageErrorCode;

export const ERROR_MESSAGES: Record<ErrorCode, LocalisedText> = {
  ...commonMessages,
  ...accessMessages,
  ...identityMessages,
  ...scenarioMessages,
  ...batchMessages,
  ...engagementMessages,
  ...amendmentMessages,
  ...attachmentMessages,
  ...storageMessages,
};

/** Field-rule texts: class-validator's constraints plus each context's own named rules. */
export const RULE_MESSAGES: Record<string, LocalisedText> = {
  ...ruleMessages,
  ...usccRuleMessages,
  ...scenarioRuleMessages,
  ...batchRuleMessages,
  ...amendmentRuleMessages,
  ...attachmentRuleMessages,
};

/** The HTTP status for each domain error code; exhaustive, so a new code must be mapped to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'COMMON_VALIDATION_FAILED':
    case 'COMMON_MALFORMED_REQUEST':
    case 'SCENARIO_EXPORT_TOO_LARGE':
    case 'IDENTITY_USCC_INVALID':
    case 'IDENTITY_UNKNOWN_DISTRICT':
    case 'IDENTITY_ROLE_NOT_ALLOWED':
    case 'IDENTITY_WEAK_PASSWORD':
    case 'IDENTITY_WRONG_PASSWORD':
      return 400;
    case 'ACCESS_UNAUTHENTICATED':
    case 'ACCESS_TOKEN_INVALID':
    case 'IDENTITY_INVALID_CREDENTIALS':
    case 'IDENTITY_REFRESH_TOKEN_INVALID':
    case 'IDENTITY_REFRESH_TOKEN_REUSED':
      return 401;
    case 'ACCESS_FORBIDDEN':
    case 'ACCESS_NO_POLICY':
    case 'IDENTITY_USER_DISABLED':
    case 'SCENARIO_AGENCY_NOT_VERIFIED':
    case 'ENGAGEMENT_VENDOR_NOT_VERIFIED':
      return 403;
    case 'COMMON_NOT_FOUND':
    case 'IDENTITY_ORGANISATION_NOT_FOUND':
    case 'IDENTITY_USER_NOT_FOUND':
    case 'SCENARIO_NOT_FOUND':
    case 'AMENDMENT_NOT_FOUND':
    case 'ENGAGEMENT_QUESTION_NOT_FOUND':
    case 'BATCH_NOT_FOUND':
    case 'BATCH_SCENARIO_NOT_IN_BATCH':
    case 'ATTACHMENT_NOT_FOUND':
    case 'STORAGE_OBJECT_NOT_FOUND':
      return 404;
    case 'COMMON_CONFLICT':
    case 'COMMON_INVALID_TRANSITION':
    case 'IDENTITY_EMAIL_TAKEN':
    case 'IDENTITY_USCC_TAKEN':
    case 'SCENARIO_NOT_EDITABLE':
    case 'SCENARIO_VERSION_CONFLICT':
    case 'AMENDMENT_SCENARIO_NOT_PUBLISHED':
    case 'SCENARIO_DEADLINE_PASSED':
    case 'ENGAGEMENT_QUESTIONS_CLOSED':
    case 'ENGAGEMENT_ANSWERS_CLOSED':
    case 'BATCH_NOT_OPEN':
    case 'BATCH_EMPTY':
    case 'BATCH_SCENARIO_NOT_APPROVED':
    case 'BATCH_SCENARIO_IN_OTHER_BATCH':
    case 'ATTACHMENT_LIMIT_REACHED':
      return 409;
    case 'COMMON_PAYLOAD_TOO_LARGE':
    case 'ATTACHMENT_TOO_LARGE':
      return 413;
    case 'COMMON_UNSUPPORTED_MEDIA_TYPE':
    case 'ATTACHMENT_TYPE_NOT_ALLOWED':
      return 415;
    case 'COMMON_RATE_LIMITED':
      return 429;
    default:
      return assertNever(code);
  }
}
