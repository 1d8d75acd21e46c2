import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queue';

/**
 * The email channel's rate limit, shared by every worker: a fixed one-second window in Redis
 * (`<prefix>:notifications:email-rate:<second>`), EMAIL_RATE_LIMIT_PER_SECOND sends per window.
 * `acquire()` waits for the next window when this one is full. 0 = no limit.
 */
@Injectable()
export class EmailRateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailRateLimiter.name);
  private redis?: Redis;

  constructor(private readonly config: AppConfig) {}

  /** Resolves when a send may go, with the one-second window (epoch second) it was counted in (null: no limit). */
  async acquire(signal?: AbortSignal): Promise<number | null> {
    const limit = this.config.EMAIL_RATE_LIMIT_PER_SECOND;
    if (limit <= 0) return null;
    if (!this.redis) {
      this.redis = new Redis({ ...redisOptionsFromUrl(this.config.REDIS_URL), maxRetriesPerRequest: 3 });
      this.redis.on('error', (e: Error) => this.logger.warn(`Rate limiter Redis: ${e.message}`));
    }
    for (;;) {
      if (signal?.aborted) throw new Error('Aborted while waiting for the email rate limit');
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const key = `${this.config.REDIS_PREFIX}:notifications:email-rate:${second}`;
      const [[, count]] = (await this.redis.multi().incr(key).expire(key, 5).exec()) as [[null, number], unknown];
      if (count <= limit) return second;
      await new Promise((r) => setTimeout(r, (second + 1) * 1000 - now + 1));
    }
  }

  /** Closed last (after the workers' drain, during which jobs may still send). */
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
    this.redis = undefined;
  }
}
