import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

/**
 * Counts the security-critical limits (login, registration) in Redis, so every API instance shares
 * them and brute force cannot be spread across instances; counts the coarse global per-IP limit in
 * each process, which spares every request a Redis round trip (the limit then applies per instance).
 */
@Injectable()
export class SplitThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly local = new ThrottlerStorageService();

  constructor(
    private readonly shared: ThrottlerStorageRedisService,
    private readonly localThrottlers: ReadonlySet<string>,
  ) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const store = this.localThrottlers.has(throttlerName) ? this.local : this.shared;
    return store.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.local.onApplicationShutdown();
    this.shared.onModuleDestroy();
  }
}
