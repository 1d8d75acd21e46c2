import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import {
  awaitHandshake,
  createFailFastQueue,
  type FailFastQueue,
  DEFAULT_JOB_OPTIONS,
  type DomainEventJobData,
  QUEUES,
  redisOptionsFromUrl,
} from '@app/queue';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from '../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../test/support/test-run';
import { OutboxService } from './outbox.service';
import { OutboxRelay, type OutboxRelayProducer } from './outbox-relay';
import { TcpProxy } from './testing/tcp-proxy';

const outbox = new OutboxService();
const redisTarget = new URL(TEST_REDIS_URL);

interface OutboxState {
  id: string;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

/** Commits `n` events through the real publisher, as a request handler would. */
async function publishEvents(ds: DataSource, n: number): Promise<string[]> {
  return ds.transaction(async (em) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        await outbox.publish(
          em,
          { requestId: `req-${i}` },
          { type: 'user.password_changed', aggregateType: 'user', aggregateId: `u${i}`, payload: { userId: `u${i}` } },
        ),
      );
    }
    return ids;
  });
}

async function outboxState(ds: DataSource): Promise<OutboxState[]> {
  return ds.query(`SELECT id, sent_at, attempts, last_error FROM outbox_event ORDER BY created_at, id`);
}

async function unsentCount(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`);
  return n;
}

/** Every job the queue holds, in any state. */
async function jobIds(queue: Queue): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'], 0, -1);
  return jobs.map((job) => job.id!).sort();
}

async function jobCount(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function recordingLogger() {
  const lines: string[] = [];
  const push = (m: unknown) => void lines.push(String(m));
  return { lines, logger: { log: push, warn: push, error: push } };
}

/** Wraps a producer to count adds and, optionally, run something before the n-th add. */
function countingProducer(queue: Queue, beforeAdd?: (n: number) => Promise<void> | void) {
  const counter = { adds: 0 };
  const producer: OutboxRelayProducer = {
    waitUntilReady: () => queue.waitUntilReady(),
    add: async (name, data, opts) => {
      counter.adds += 1;
      await beforeAdd?.(counter.adds);
      return queue.add(name, data, opts);
    },
  };
  return { producer, counter };
}

describe('OutboxRelay (Postgres + Redis)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let prefix: string;
  /** Reads what reached BullMQ, on a plain connection of its own. */
  let inspect: Queue;
  const closers: Array<() => Promise<unknown>> = [];

  function failFastQueue(redisUrl = TEST_REDIS_URL): FailFastQueue {
    const queue = createFailFastQueue(QUEUES.domainEvents, { redisUrl, prefix, commandTimeoutMs: 2000 });
    closers.push(() => queue.close());
    return queue;
  }

  async function openDataSource(): Promise<DataSource> {
    // TypeORM would log the failures these tests provoke on purpose.
    const source = await new DataSource({ ...dataSourceOptions(db.url, 4), logging: false }).initialize();
    closers.push(() => source.destroy());
    return source;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  beforeEach(async () => {
    prefix = uniqueRedisPrefix('outbox');
    ds = await openDataSource();
    await ds.query(`DELETE FROM outbox_event`);
    inspect = new Queue(QUEUES.domainEvents, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    closers.push(async () => {
      await awaitHandshake(inspect);
      await inspect.close();
    });
  });

  afterEach(async () => {
    // Last opened, first closed: relays and queues before the data sources they use.
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('moves a committed event to the domain-events queue as a job named by its type, keyed by its id', async () => {
    const [id] = await publishEvents(ds, 1);
    const relay = new OutboxRelay(ds, failFastQueue(), { batchSize: 10, pollMs: 50 });

    expect(await relay.relayBatch()).toBe(1);
    expect(await relay.relayBatch()).toBe(0);

    const job = await inspect.getJob(id);
    expect(job).toBeDefined();
    expect(job!.name).toBe('user.password_changed');
    const [row] = await ds.query(`SELECT created_at, sent_at FROM outbox_event WHERE id = $1`, [id]);
    expect(job!.data).toEqual<DomainEventJobData>({
      eventId: id,
      type: 'user.password_changed',
      aggregateType: 'user',
      aggregateId: 'u0',
      payload: { userId: 'u0' },
      occurredAt: row.created_at.toISOString(),
      requestId: 'req-0',
    });
    expect(job!.opts.attempts).toBe(DEFAULT_JOB_OPTIONS.attempts);
    expect(job!.opts.removeOnComplete).toEqual(DEFAULT_JOB_OPTIONS.removeOnComplete);
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it('two relays running at once enqueue each of 300 events exactly once', async () => {
    const ids = await publishEvents(ds, 300);
    // Separate pools, as two worker processes would have; a tick between adds lets them interleave.
    const tick = () => new Promise<void>((r) => setImmediate(r));
    const a = countingProducer(failFastQueue(), tick);
    const b = countingProducer(failFastQueue(), tick);
    const relayA = new OutboxRelay(await openDataSource(), a.producer, { batchSize: 20, pollMs: 20 });
    const relayB = new OutboxRelay(await openDataSource(), b.producer, { batchSize: 20, pollMs: 20 });

    relayA.start();
    relayB.start();
    await waitFor(async () => (await unsentCount(ds)) === 0, 20_000, 'every event to be sent');
    await Promise.all([relayA.stop(), relayB.stop()]);

    // SKIP LOCKED shares the rows out: no event is even offered to BullMQ twice, and both relays worked.
    expect(a.counter.adds + b.counter.adds).toBe(300);
    expect(a.counter.adds).toBeGreaterThan(0);
    expect(b.counter.adds).toBeGreaterThan(0);
    expect(await jobCount(inspect)).toBe(300);
    expect(await jobIds(inspect)).toEqual([...ids].sort());
    const rows = await outboxState(ds);
    expect(rows.every((r) => r.sent_at instanceof Date && r.attempts === 0)).toBe(true);
  });

  it('keeps events unsent while Redis is unreachable, records the attempts, and relays each once when it is back', async () => {
    const proxy = new TcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
    await proxy.start();
    closers.push(() => proxy.stop());
    const producer = failFastQueue(`redis://127.0.0.1:${proxy.port}/0`);
    producer.on('error', () => undefined); // refused reconnects while the proxy is down are expected here
    await producer.waitUntilReady();
    const { lines, logger } = recordingLogger();
    const relay = new OutboxRelay(ds, producer, { batchSize: 50, pollMs: 50, maxBackoffMs: 200, logger });
    closers.push(() => relay.stop());

    const ids = await publishEvents(ds, 120); // committed while Redis was fine ...
    await proxy.stop(); // ... then Redis goes away before the relay runs

    const started = Date.now();
    await expect(relay.relayBatch()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500); // fails fast, does not wait for Redis
    let rows = await outboxState(ds);
    expect(rows.every((r) => r.sent_at === null)).toBe(true);
    expect(rows.slice(0, 50).every((r) => r.attempts === 1 && !!r.last_error)).toBe(true);
    expect(rows.slice(50).every((r) => r.attempts === 0 && r.last_error === null)).toBe(true);

    // The loop keeps trying (with backoff) while Redis stays away, and stops promptly when asked.
    relay.start();
    await waitFor(async () => relay.consecutiveFailures >= 3, 5000, 'repeated failed attempts');
    const stopping = Date.now();
    await relay.stop();
    expect(Date.now() - stopping).toBeLessThan(1500);
    expect(await unsentCount(ds)).toBe(120);
    expect(await jobCount(inspect)).toBe(0);
    expect(lines.some((l) => /attempt 3 failed/.test(l))).toBe(true);

    await proxy.start();
    relay.start();
    await waitFor(async () => (await unsentCount(ds)) === 0, 15_000, 'the backlog to drain after Redis returned');
    await relay.stop();

    expect(await jobCount(inspect)).toBe(120);
    expect(await jobIds(inspect)).toEqual([...ids].sort());
    rows = await outboxState(ds);
    expect(rows.slice(0, 50).every((r) => r.attempts >= 4)).toBe(true);
    expect(lines.some((l) => /recovered after/.test(l))).toBe(true);
  });

  it('a relay that dies after k adds rolls back; the next run sends everything and each event is queued once', async () => {
    const ids = await publishEvents(ds, 40);
    const queue = failFastQueue();
    const k = 15;
    const dying = countingProducer(queue, (n) => {
      if (n > k) throw new Error('relay process died');
    });

    await expect(new OutboxRelay(ds, dying.producer, { batchSize: 100, pollMs: 50 }).relayBatch()).rejects.toThrow(
      'relay process died',
    );
    expect(await jobCount(inspect)).toBe(k); // k jobs reached Redis ...
    const rows = await outboxState(ds);
    expect(rows.every((r) => r.sent_at === null && r.attempts === 1)).toBe(true); // ... but nothing was committed
    expect(rows[0].last_error).toMatch(/relay process died/);

    const healthy = countingProducer(queue);
    expect(await new OutboxRelay(ds, healthy.producer, { batchSize: 100, pollMs: 50 }).relayBatch()).toBe(40);
    expect(healthy.counter.adds).toBe(40); // the k events were offered again ...
    expect(await jobCount(inspect)).toBe(40); // ... and BullMQ kept one job per id
    expect(await jobIds(inspect)).toEqual([...ids].sort());
    expect(await unsentCount(ds)).toBe(0);
  });

  it('a batch whose jobs all reached Redis but whose commit failed is re-sent without duplicates', async () => {
    const ids = await publishEvents(ds, 30);
    // Marking rows sent fails, after every add has succeeded: the dual-write gap the job ids close.
    await ds.query(`
      CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'commit lost'; END $$;
      CREATE TRIGGER refuse_sent BEFORE UPDATE ON outbox_event
        FOR EACH ROW WHEN (NEW.sent_at IS NOT NULL) EXECUTE FUNCTION refuse_sent();`);
    const queue = failFastQueue();
    const relay = new OutboxRelay(ds, queue, { batchSize: 100, pollMs: 50 });
    try {
      await expect(relay.relayBatch()).rejects.toThrow('commit lost');
      expect(await jobCount(inspect)).toBe(30);
      expect(await unsentCount(ds)).toBe(30);
    } finally {
      await ds.query(`DROP TRIGGER refuse_sent ON outbox_event; DROP FUNCTION refuse_sent();`);
    }

    expect(await relay.relayBatch()).toBe(30);
    expect(await jobCount(inspect)).toBe(30);
    expect(await jobIds(inspect)).toEqual([...ids].sort());
  });

  it('re-polls at once after a full batch and stop() waits for the batch in flight', async () => {
    await publishEvents(ds, 95);
    const queue = failFastQueue();
    let releaseAdd!: () => void;
    const addGate = new Promise<void>((r) => (releaseAdd = r));
    const gated = countingProducer(queue, (n) => (n === 91 ? addGate : undefined));
    // A poll interval far longer than the test: only the "full batch, go again" rule drains 95 events.
    const relay = new OutboxRelay(ds, gated.producer, { batchSize: 10, pollMs: 60_000 });

    relay.start();
    await waitFor(async () => gated.counter.adds === 91, 10_000, 'the tenth batch to start');
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false); // still waiting for the batch that is adding
    releaseAdd();
    await stopping;

    expect(await unsentCount(ds)).toBe(0); // the in-flight batch committed before stop() returned
    expect(await jobCount(inspect)).toBe(95);
    expect(relay.running).toBe(false);
  });
});
