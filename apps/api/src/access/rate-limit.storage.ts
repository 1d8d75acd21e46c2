import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

/**
 * Fixed-window counters in this process: O(1) per hit. (@nestjs/throttler's in-memory storage keeps
 * one timestamp per hit and filters them on every request, which dominated CPU at high limits.)
 */
export class LocalWindowCounter {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  increment(key: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || (w.endsAt <= now && w.blockedUntil <= now)) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, w);
    }
    if (w.blockedUntil <= now) {
      w.hits++;
      if (w.hits > limit) w.blockedUntil = now + blockDuration;
    }
    const isBlocked = w.blockedUntil > now;
    return {
      totalHits: w.hits,
      timeToExpire: Math.max(0, Math.ceil((w.endsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    };
  }

  close(): void {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(key);
  }
}

/**
 * Counts the security-critical limits (login, registration) in Redis, so every API instance shares
 * them and brute force cannot be spread across instances; counts the coarse global per-IP limit in
 * each process, which spares every request a Redis round trip (the limit then applies per instance).
 */
@Injectable()
export class SplitThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly local = new LocalWindowCounter();

  constructor(
    private readonly shared: ThrottlerStorageRedisService,
    private readonly localThrottlers: ReadonlySet<string>,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.localThrottlers.has(throttlerName)) return this.local.increment(key, ttl, limit, blockDuration);
    return this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.local.close();
    this.shared.onModuleDestroy();
  }
}
