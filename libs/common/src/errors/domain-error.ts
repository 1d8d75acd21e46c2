/**
 * Base for every error a library throws on purpose. Libraries never throw HTTP exceptions: the
 * API's exception filter maps `code` to a status and a localised message at the edge.
 */
export abstract class DomainError<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    /** Values interpolated into the localised message, and returned to the client as `details`. */
    readonly params: Record<string, string | number | boolean | null> = {},
    /** The request field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(`${code}${field ? ` (${field})` : ''}`);
    this.name = new.target.name;
  }
}

export type CommonErrorCode =
  | 'COMMON_VALIDATION_FAILED'
  | 'COMMON_NOT_FOUND'
  | 'COMMON_CONFLICT'
  | 'COMMON_CONCURRENT_UPDATE'
  | 'COMMON_RATE_LIMITED'
  | 'COMMON_PAYLOAD_TOO_LARGE'
  | 'COMMON_UNSUPPORTED_MEDIA_TYPE'
  | 'COMMON_MALFORMED_REQUEST'
  | 'COMMON_INVALID_TRANSITION';

export interface FieldViolation {
  /** Dotted path of the offending field, e.g. `organisation.uscc`. */
  field: string;
  /** Constraint key (class-validator's, or a domain rule name) used to pick the localised message. */
  rule: string;
  params?: Record<string, string | number>;
}

export class CommonError extends DomainError<CommonErrorCode> {
  constructor(code: CommonErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

/** A request whose fields break one or more rules; carries one violation per field and rule. */
export class ValidationFailedError extends DomainError<'COMMON_VALIDATION_FAILED'> {
  constructor(readonly violations: FieldViolation[]) {
    super('COMMON_VALIDATION_FAILED', { count: violations.length }, violations[0]?.field);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
