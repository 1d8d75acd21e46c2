import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/common';

export const ACCESS_POLICY = 'sx:access-policy';
export const RATE_LIMITS = 'sx:rate-limits';

/**
 * The function-level policy every route must declare. Routes without one are refused for
 * everybody (default deny); object-level rules are applied by the services.
 */
export type AccessPolicy = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, logged in or not; a valid token still identifies the caller. */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);
/** Any logged-in user; the service decides per object. */
export const Authenticated = () => SetMetadata(ACCESS_POLICY, { kind: 'authenticated' } satisfies AccessPolicy);
/** Only these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** Extra per-IP throttlers (named in the throttler config) that apply to this route only. */
export type RateLimitName = 'login' | 'register';
export const RateLimited = (...names: RateLimitName[]) => SetMetadata(RATE_LIMITS, names);
