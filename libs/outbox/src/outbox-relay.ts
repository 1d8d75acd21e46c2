import { Logger, type LoggerService } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_JOB_OPTIONS,
  type DomainEventJobData,
  type DomainEventMap,
  type DomainEventType,
  settlesWithin,
} from '@app/queue';
import { backoffDelayMs } from './relay-backoff';

/**
 * What the relay needs from BullMQ: a `Queue` fits as it is. It should fail fast while Redis is
 * unreachable (see `createFailFastQueue`), since the relay holds row locks while it adds.
 */
export interface OutboxRelayProducer {
  waitUntilReady(): Promise<unknown>;
  add(name: string, data: DomainEventJobData, opts: JobsOptions): Promise<unknown>;
}

export interface OutboxRelayOptions {
  /** Events moved per transaction. */
  batchSize: number;
  /** Pause between polls when the outbox was drained. */
  pollMs: number;
  /** Longest pause between attempts while Redis (or Postgres) keeps failing. */
  maxBackoffMs?: number;
  /** How long a batch waits for the producer's first connection before giving up. */
  readyTimeoutMs?: number;
  logger?: Pick<LoggerService, 'log' | 'warn' | 'error'>;
}

interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  request_id: string | null;
  created_at: Date;
}

const LAST_ERROR_MAX_LENGTH = 2000;

export class RelayProducerNotReadyError extends Error {
  constructor(ms: number) {
    super(`Redis connection not ready within ${ms} ms`);
    this.name = 'RelayProducerNotReadyError';
  }
}

/**
 * Moves committed domain events from the `outbox_event` table to the domain-events queue.
 *
 * Each batch is one transaction: lock unsent rows (SKIP LOCKED, so several relays share the work),
 * add one job per event with `jobId` = event id, mark the rows sent, commit. Redis first, commit
 * second: a crash in between re-sends the batch, and BullMQ ignores a job whose id it already holds,
 * so each event is enqueued once. Delivery order holds within a batch, not across relays.
 */
export class OutboxRelay {
  private readonly logger: Pick<LoggerService, 'log' | 'warn' | 'error'>;
  private readonly maxBackoffMs: number;
  private readonly readyTimeoutMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  private failuresInARow = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: OutboxRelayProducer,
    private readonly options: OutboxRelayOptions,
  ) {
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 2_000;
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Failed batches since the last successful one (0 when healthy). */
  get consecutiveFailures(): number {
    return this.failuresInARow;
  }

  /**
   * Relays at most one batch; resolves with the number of events sent. On failure the transaction is
   * rolled back, the attempt is recorded on the rows (best effort) and the error is rethrown.
   */
  async relayBatch(): Promise<number> {
    let lockedIds: string[] = [];
    try {
      return await this.dataSource.transaction(async (em) => {
        const rows: OutboxRow[] = await em.query(
          `SELECT id, type, aggregate_type, aggregate_id, payload, request_id, created_at
             FROM outbox_event
            WHERE sent_at IS NULL
            ORDER BY created_at, id
            LIMIT $1
            FOR UPDATE SKIP LOCKED`,
          [this.options.batchSize],
        );
        if (rows.length === 0) return 0;
        lockedIds = rows.map((row) => row.id);
        // BullMQ holds a queue's first commands until its connection is up; do not hold the locks forever.
        if (!(await settlesWithin(this.producer.waitUntilReady(), this.readyTimeoutMs))) {
          throw new RelayProducerNotReadyError(this.readyTimeoutMs);
        }
        // One at a time, so jobs enter the queue in outbox order.
        for (const row of rows) {
          await this.producer.add(row.type, toJobData(row), { ...DEFAULT_JOB_OPTIONS, jobId: row.id });
        }
        await em.query(`UPDATE outbox_event SET sent_at = now() WHERE id = ANY($1::uuid[])`, [lockedIds]);
        return rows.length;
      });
    } catch (error) {
      if (lockedIds.length > 0) await this.recordFailedAttempt(lockedIds, error);
      throw error;
    }
  }

  /** Polls until `stop()`: every `pollMs`, at once after a full batch, with backoff after failures. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops polling; resolves once the batch in flight (if any) has committed or rolled back. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.stopping = true;
    this.wake?.();
    await loop;
    if (this.loop === loop) this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let pauseMs: number;
      try {
        const sent = await this.relayBatch();
        if (this.failuresInARow > 0) {
          this.logger.log(`Outbox relay recovered after ${this.failuresInARow} failed attempt(s)`);
        }
        this.failuresInARow = 0;
        pauseMs = sent >= this.options.batchSize ? 0 : this.options.pollMs;
      } catch (error) {
        this.failuresInARow += 1;
        pauseMs = backoffDelayMs(this.failuresInARow, { baseMs: this.options.pollMs, maxMs: this.maxBackoffMs });
        const message = `Outbox relay attempt ${this.failuresInARow} failed (${describe(error)}); retrying in ${pauseMs} ms`;
        if (this.failuresInARow === 1) this.logger.error(message);
        else this.logger.warn(message);
      }
      if (pauseMs > 0) await this.pause(pauseMs);
    }
  }

  /** A sleep that `stop()` cuts short. */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /** Separate statement, after the rollback: the failure is recorded even though the batch was not. */
  private async recordFailedAttempt(ids: string[], error: unknown): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE outbox_event SET attempts = attempts + 1, last_error = $2
          WHERE id = ANY($1::uuid[]) AND sent_at IS NULL`,
        [ids, describe(error).slice(0, LAST_ERROR_MAX_LENGTH)],
      );
    } catch (recordError) {
      this.logger.warn(`Could not record a failed outbox relay attempt: ${describe(recordError)}`);
    }
  }
}

function toJobData(row: OutboxRow): DomainEventJobData {
  return {
    eventId: row.id,
    type: row.type as DomainEventType,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: row.payload as unknown as DomainEventMap[DomainEventType],
    occurredAt: row.created_at.toISOString(),
    requestId: row.request_id,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
