import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { CommonError } from '@app/common';
import { RATE_LIMITS, type RateLimitName } from './access.decorators';
import { CachedReflector } from './cached-reflector';

/** A named per-IP throttler applies only to routes marked with `@RateLimited(name)`. */
export function rateLimitSkip(name: RateLimitName) {
  // Route metadata never changes: look it up once per handler.
  const skipByHandler = new WeakMap<object, boolean>();
  return (context: ExecutionContext): boolean => {
    const handler = context.getHandler();
    let skip = skipByHandler.get(handler);
    if (skip === undefined) {
      const names = Reflect.getMetadata(RATE_LIMITS, handler) as RateLimitName[] | undefined;
      skip = !names?.includes(name);
      skipByHandler.set(handler, skip);
    }
    return skip;
  };
}

/** Per-IP limits (global, login, registration), counted in Redis so every API instance shares them. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
  ) {
    super(options, storage, new CachedReflector());
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.ceil(detail.timeToBlockExpire);
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(retryAfter));
    throw new CommonError('COMMON_RATE_LIMITED', { retryAfterSeconds: retryAfter });
  }
}
