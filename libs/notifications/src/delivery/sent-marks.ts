import type { DataSource, QueryRunner } from 'typeorm';
import { deliveryGuard } from './email-delivery-status';

const SEND = deliveryGuard('send');

interface Waiter {
  id: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** How long the connection stays checked out after the last flush. */
const IDLE_RELEASE_MS = 250;
const MAX_BATCH = 2000;
/**
 * How long the first mark of a batch waits for others (1 ms: at 16 parallel lanes ~15 rows per
 * UPDATE instead of ~6 with no wait; PostgreSQL CPU per email 0.18 ms instead of 0.25 ms).
 */
const GATHER_MS = 1;

/**
 * Group commit of "sent" marks: `mark(id)` resolves once the delivery row is marked sent. Marks
 * asked for while a flush is running (or within GATHER_MS of the first) go out together in ONE
 * UPDATE, so many jobs sending in parallel share a round trip instead of paying one each — and
 * every caller still waits for its own mark before sending its next email, so after a crash at most
 * one email per sending lane was accepted by the server without being marked.
 *
 * The status test is written `(status = ANY (…)) IS TRUE` so it can never be an index condition:
 * on a freshly filled table (no statistics yet) the planner otherwise picks the status index and
 * reads every pending row of the table for each flush (2 ms instead of 0.2 ms for 6 rows at 10,000
 * pending); this way it always goes by primary key.
 *
 * The UPDATE runs on a connection of its own with `synchronous_commit = off`: the mark only saves a
 * re-send, so the flush to disk is not waited for (a PostgreSQL crash within the WAL writer delay
 * could lose a mark: that email goes again with the same idempotency key — still at-least-once).
 */
export class SentMarks {
  private queue: Waiter[] = [];
  private flushing = false;
  private runner?: QueryRunner;
  private idle?: NodeJS.Timeout;
  /** Flushes so far and rows they marked (for the bench and tests). */
  readonly stats = { flushes: 0, rows: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  mark(id: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ id, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setTimeout(() => void this.flush(), GATHER_MS);
      }
    });
  }

  private async connection(): Promise<QueryRunner> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.runner) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.query(`SET synchronous_commit = off`);
      this.runner = runner;
    }
    return this.runner;
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const runner = await this.connection();
        await runner.query(
          `UPDATE notification_delivery SET attempts = attempts + 1, status = $3, sent_at = $2, updated_at = $2,
                  last_error = NULL
            WHERE id = ANY ($1::uuid[]) AND (status = ANY ($4::text[])) IS TRUE`,
          [batch.map((w) => w.id), this.now(), SEND.to, SEND.from],
        );
        this.stats.flushes++;
        this.stats.rows += batch.length;
        for (const w of batch) w.resolve();
      } catch (error) {
        await this.release();
        for (const w of batch) w.reject(error as Error);
      }
    }
    this.flushing = false;
    if (this.runner && !this.idle) {
      this.idle = setTimeout(() => void this.release(), IDLE_RELEASE_MS);
      this.idle.unref();
    }
  }

  /** Gives the connection back to the pool (after idling, and at shutdown). */
  async release(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const runner = this.runner;
    this.runner = undefined;
    if (!runner || runner.isReleased) return;
    await runner.query(`RESET synchronous_commit`).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }
}
