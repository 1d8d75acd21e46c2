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
import { evaluationMessages, type EvaluationErrorCode, evaluationRuleMessages } from '@app/evaluation';
import { proposalMessages, type ProposalErrorCode, proposalRuleMessages } from '@app/proposals';
import { vendorMessages, type VendorErrorCode, vendorRuleMessages } from '@app/vendors';
import { deliveryMessages, type DeliveryErrorCode, deliveryRuleMessages } from '@app/delivery';
import {
  notificationSettingsMessages,
  type NotificationSettingsErrorCode,
  notificationSettingsRuleMessages,
} from '@app/notifications';
import { matchingMessages, type MatchingErrorCode } from '@app/matching';
import { notificationMessages, type NotificationErrorCode } from '@app/notifications';
import { webhookMessages, type WebhookErrorCode } from '@app/webhooks';
import { importMessages, type ImportErrorCode, importRuleMessages } from '@app/imports';

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
  | StorageErrorCode
  | EvaluationErrorCode
  | ProposalErrorCode
  | VendorErrorCode
  | WebhookErrorCode
  | DeliveryErrorCode
  | MatchingErrorCode
  | NotificationErrorCode
  | ImportErrorCode
  | NotificationSettingsErrorCode;

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
  ...evaluationMessages,
  ...proposalMessages,
  ...vendorMessages,
  ...webhookMessages,
  ...deliveryMessages,
  ...matchingMessages,
  ...notificationMessages,
  ...importMessages,
  ...notificationSettingsMessages,
};

/** Field-rule texts: class-validator's constraints plus each context's own named rules. */
export const RULE_MESSAGES: Record<string, LocalisedText> = {
  ...ruleMessages,
  ...usccRuleMessages,
  ...scenarioRuleMessages,
  ...batchRuleMessages,
  ...amendmentRuleMessages,
  ...attachmentRuleMessages,
  ...evaluationRuleMessages,
  ...proposalRuleMessages,
  ...vendorRuleMessages,
  ...deliveryRuleMessages,
  ...importRuleMessages,
  ...notificationSettingsRuleMessages,
};

/** The HTTP status for each domain error code; exhaustive, so a new code must be mapped to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'COMMON_VALIDATION_FAILED':
    case 'COMMON_MALFORMED_REQUEST':
    case 'SCENARIO_EXPORT_TOO_LARGE':
    case 'IDENTITY_USCC_INVALID':
    case 'IMPORT_FILE_INVALID':
    case 'IMPORT_AGENCY_NOT_FOUND':
    case 'IDENTITY_UNKNOWN_DISTRICT':
    case 'IDENTITY_ROLE_NOT_ALLOWED':
    case 'IDENTITY_WEAK_PASSWORD':
    case 'IDENTITY_WRONG_PASSWORD':
    case 'PROPOSAL_MEMBER_NOT_ELIGIBLE':
    case 'NOTIFICATION_UNSUBSCRIBE_TOKEN_INVALID':
    case 'WEBHOOK_URL_INVALID':
    case 'WEBHOOK_URL_SCHEME_NOT_ALLOWED':
    case 'WEBHOOK_URL_CREDENTIALS':
    case 'WEBHOOK_URL_UNRESOLVABLE':
    case 'WEBHOOK_URL_PRIVATE_ADDRESS':
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
    case 'EVALUATION_CONFLICTED':
    case 'PROPOSAL_VENDOR_NOT_VERIFIED':
    case 'DELIVERY_OWN_CHANGE':
    case 'MATCHING_NOT_PUBLISHED':
    case 'MATCHING_VENDOR_NOT_VERIFIED':
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
    case 'EVALUATION_NOT_FOUND':
    case 'EVALUATION_PROPOSAL_NOT_FOUND':
    case 'EVALUATION_PANEL_MEMBER_NOT_FOUND':
    case 'OBJECTION_NOT_FOUND':
    case 'PROPOSAL_NOT_FOUND':
    case 'PROPOSAL_MEMBER_NOT_FOUND':
    case 'PROPOSAL_NO_RECEIPT':
    case 'PROPOSAL_ATTACHMENT_NOT_FOUND':
    case 'VENDOR_PROFILE_NOT_FOUND':
    case 'VENDOR_ORGANISATION_NOT_FOUND':
    case 'WEBHOOK_ORGANISATION_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_DELIVERY_NOT_FOUND':
    case 'DELIVERY_NOT_FOUND':
    case 'DELIVERY_MILESTONE_NOT_FOUND':
    case 'DELIVERY_CHANGE_NOT_FOUND':
    case 'DELIVERY_REPORT_NOT_FOUND':
    case 'DELIVERY_ATTACHMENT_NOT_FOUND':
    case 'SAVED_SEARCH_NOT_FOUND':
    case 'MATCHING_SCENARIO_NOT_FOUND':
    case 'MATCHING_VENDOR_NOT_FOUND':
    case 'NOTIFICATION_NOT_FOUND':
    case 'NOTIFICATION_DELIVERY_NOT_FOUND':
      return 404;
    case 'COMMON_CONFLICT':
    case 'COMMON_CONCURRENT_UPDATE':
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
    case 'EVALUATION_SCENARIO_NOT_EVALUABLE':
    case 'EVALUATION_RUBRIC_LOCKED':
    case 'EVALUATION_PANEL_LOCKED':
    case 'EVALUATION_PANEL_EMPTY':
    case 'EVALUATION_NOT_BLIND':
    case 'EVALUATION_DECLARATIONS_INCOMPLETE':
    case 'EVALUATION_CONFLICT_FINAL':
    case 'EVALUATION_NOT_OPEN':
    case 'EVALUATION_NOT_SCORING':
    case 'EVALUATION_NOT_CLOSED':
    case 'EVALUATION_RESULT_NOT_AVAILABLE':
    case 'AWARD_ALREADY_DECIDED':
    case 'AWARD_WINNER_NOT_ELIGIBLE':
    case 'AWARD_NO_CURRENT_DECISION':
    case 'OBJECTION_STANDSTILL_OVER':
    case 'OBJECTION_NOT_UNSUCCESSFUL':
    case 'OBJECTION_ALREADY_LODGED':
    case 'PROPOSAL_ALREADY_EXISTS':
    case 'PROPOSAL_SCENARIO_NOT_OPEN':
    case 'PROPOSAL_DEADLINE_PASSED':
    case 'PROPOSAL_NOT_EDITABLE':
    case 'PROPOSAL_VERSION_CONFLICT':
    case 'PROPOSAL_SEALED':
    case 'PROPOSAL_CONSORTIUM_FULL':
    case 'PROPOSAL_CONSORTIUM_UNCONFIRMED':
    case 'PROPOSAL_ATTACHMENT_LIMIT_REACHED':
    case 'VENDOR_PROFILE_VERSION_CONFLICT':
    case 'WEBHOOK_ENDPOINT_LIMIT_REACHED':
    case 'WEBHOOK_ENDPOINT_INACTIVE':
    case 'WEBHOOK_DELIVERY_NOT_REPLAYABLE':
    case 'DELIVERY_NO_AWARD':
    case 'DELIVERY_STANDSTILL_NOT_ENDED':
    case 'DELIVERY_OPEN_OBJECTION':
    case 'DELIVERY_WINNER_NOT_AWARDED':
    case 'DELIVERY_NOT_IN_DELIVERY':
    case 'DELIVERY_CHANGE_PENDING':
    case 'DELIVERY_ACCEPTANCE_INCOMPLETE':
    case 'DELIVERY_NOT_DEMONSTRATION':
    case 'DELIVERY_ATTACHMENT_LIMIT_REACHED':
    case 'SAVED_SEARCH_LIMIT_REACHED':
    case 'MATCHING_SCENARIO_NOT_OPEN':
    case 'MATCHING_ALREADY_INVITED':
    case 'NOTIFICATION_DELIVERY_NOT_FAILED':
      return 409;
    case 'COMMON_PAYLOAD_TOO_LARGE':
    case 'ATTACHMENT_TOO_LARGE':
    case 'PROPOSAL_ATTACHMENT_TOO_LARGE':
    case 'IMPORT_FILE_TOO_LARGE':
      return 413;
    case 'COMMON_UNSUPPORTED_MEDIA_TYPE':
    case 'ATTACHMENT_TYPE_NOT_ALLOWED':
    case 'PROPOSAL_ATTACHMENT_TYPE_NOT_ALLOWED':
    case 'IMPORT_FILE_TYPE_NOT_ALLOWED':
      return 415;
    case 'IMPORT_ROWS_INVALID':
      return 422;
    case 'COMMON_RATE_LIMITED':
      return 429;
    default:
      return assertNever(code);
  }
}
