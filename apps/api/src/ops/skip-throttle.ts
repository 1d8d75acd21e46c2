import { SkipThrottle } from '@nestjs/throttler';
import { THROTTLER_NAMES } from '../access/access.decorators';

/**
 * Probes and scrapes are not rate limited: they come from the orchestrator and Prometheus, and must
 * not depend on Redis (the throttler's storage) to say that the process is alive.
 */
export const NotThrottled = () => SkipThrottle(Object.fromEntries(THROTTLER_NAMES.map((name) => [name, true])));
