import { DomainError } from './domain-error';

export type AccessErrorCode =
  'ACCESS_UNAUTHENTICATED' | 'ACCESS_TOKEN_INVALID' | 'ACCESS_FORBIDDEN' | 'ACCESS_NO_POLICY';

/** Thrown by guards and object policies: who is asking may not see or change this. */
export class AccessError extends DomainError<AccessErrorCode> {
  constructor(code: AccessErrorCode, params: Record<string, string | number | boolean | null> = {}) {
    super(code, params);
  }
}
