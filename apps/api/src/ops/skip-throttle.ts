import { SkipThrottle } from '@nestjs/throttler';

/**
 * Probes and scrapes are not rate limited: they come from the orchestrator and Prometheus, and must
 * not depend on Redis (the throttler's storage) to say that the process is alive. Lists every named
 * throttler configured in api.module.ts.
 */
export const NotThrottled = () => SkipThrottle({ global: true, login: true, register: true });
