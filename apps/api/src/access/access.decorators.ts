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

/** Every named per-IP throttler: `global` applies to all routes, the others only where marked. */
export const THROTTLER_NAMES = ['global', 'login', 'register'] as const;
export type ThrottlerName = (typeof THROTTLER_NAMES)[number];
/** Extra per-IP throttlers that apply to a route only when it is marked with `@RateLimited(name)`. */
export type RateLimitName = Exclude<ThrottlerName, 'global'>;
export const RateLimited = (...names: RateLimitName[]) => SetMetadata(RATE_LIMITS, names);
