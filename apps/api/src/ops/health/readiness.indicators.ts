import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { pendingMigrations } from '@app/database';
import { ALL_QUEUES } from '@app/queue';
import { withTimeout } from '../with-timeout';

/** Each readiness check gives up after this long, so a hung dependency reads as down, not as a hung probe. */
export const READINESS_TIMEOUT_MS = 1500;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What /health/ready checks: PostgreSQL answers, Redis answers, and every known migration is applied. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    // Any queue will do: they share the Redis server, and pinging through one avoids an extra connection.
    @InjectQueue(ALL_QUEUES[0]) private readonly queue: Queue,
  ) {}

  database(key = 'database' as const) {
    return this.typeorm.pingCheck(key, { connection: this.dataSource, timeout: READINESS_TIMEOUT_MS });
  }

  async redis(key = 'redis' as const) {
    const check = this.indicators.check(key);
    try {
      const client = await withTimeout(this.queue.client, READINESS_TIMEOUT_MS, 'redis connection');
      // A connection that is not ready would queue the PING until Redis comes back: report it now.
      if (client.status !== 'ready') return check.down({ message: `connection is ${client.status}` });
      // BullMQ connects with ioredis (QueueModule passes ioredis options); its client interface omits PING.
      const reply = await withTimeout((client as unknown as Redis).ping(), READINESS_TIMEOUT_MS, 'redis ping');
      return reply === 'PONG' ? check.up() : check.down({ message: `unexpected reply to PING: ${reply}` });
    } catch (error) {
      return check.down({ message: messageOf(error) });
    }
  }

  /** One small query on the migrations table (schema_migration); no caching, so a rollback shows at once. */
  async migrations(key = 'migrations' as const) {
    const check = this.indicators.check(key);
    try {
      const pending = await withTimeout(pendingMigrations(this.dataSource), READINESS_TIMEOUT_MS, 'migrations check');
      return pending.length ? check.down({ pending }) : check.up({ applied: this.dataSource.migrations.length });
    } catch (error) {
      return check.down({ message: messageOf(error) });
    }
  }
}
