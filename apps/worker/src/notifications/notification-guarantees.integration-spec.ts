import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES, redisOptionsFromUrl } from '@app/queue';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from '../../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../../test/support/test-run';
import { randomUUID } from 'node:crypto';
import { systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { scenarioSetup } from '../../../../test/support/scenario-setup';
import { waitFor } from '../testing/worker-test-context';
import { freePort, RedisProcess } from './testing/redis-process';
import { SmtpSink } from './testing/smtp-sink';
import { killHard, spawnWorker, stopGracefully } from './testing/worker-process';

const RECIPIENTS = 10_000;

async function count(pg: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pg.query<{ n: number }>(sql, params);
  return Number(rows[0].n);
}

/** A verified vendor organisation with `users` active users (bulk SQL), and its verification event in the outbox. */
async function organisationWithUsers(pg: Client, users: number): Promise<string> {
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
     VALUES ('vendor', '湖州压测科技有限公司', '91330500MA2B9X0001', '330502', '张三', '13800000000', 'ops@load.test', 'verified')
     RETURNING id`,
  );
  const orgId = rows[0].id;
  await pg.query(
    `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
     SELECT 'user' || g || '@load.test', 'x', '用户' || g, $1, 'vendor_member' FROM generate_series(1, $2) g`,
    [orgId, users],
  );
  await pg.query(
    `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
     VALUES ('organisation.verified', 'organisation', $1, jsonb_build_object('organisationId', $1::text))`,
    [orgId],
  );
  return orgId;
}

describe('notification guarantees (real worker processes, PostgreSQL, Redis, SMTP)', () => {
  let db: TestDatabase;
  let pg: Client;
  let sink: SmtpSink;
  let prefix: string;
  let inspect: Queue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    sink = await new SmtpSink().start();
    sink.keepMails = false;
    prefix = uniqueRedisPrefix('notify');
    inspect = new Queue(QUEUES.notifications, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
  });

  afterAll(async () => {
    for (const w of workers) await killHard(w);
    await inspect?.obliterate({ force: true }).catch(() => undefined);
    await inspect?.close();
    await pg?.end();
    await sink?.stop();
    await db?.drop();
  }, 60_000);

  const workerEnv = () => ({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: '4',
    OUTBOX_POLL_MS: '100',
    NOTIFICATION_CHUNK_SIZE: '500',
    NOTIFICATION_WORKER_CONCURRENCY: '4',
    NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB: '1',
    EMAIL_RATE_LIMIT_PER_SECOND: '0',
    NOTIFICATION_LOCK_MS: '2000',
    NOTIFICATION_STALLED_INTERVAL_MS: '1000',
    SHUTDOWN_GRACE_MS: '2000',
  });

  it('SIGKILL mid fan-out of 10,000 recipients: none missed, in-app exactly once, duplicate emails ≤ jobs in flight', async () => {
    const orgId = await organisationWithUsers(pg, RECIPIENTS);

    const first = spawnWorker(workerEnv(), 'worker-1');
    workers.push(first);
    // Mid-way: some emails out, most still to go.
    await waitFor(() => sink.total >= 1500, 120_000, 'the fan-out to be under way');
    await killHard(first);
    const sentAtKill = sink.total;
    const inFlightAtKill = await inspect.getActiveCount();
    const rowsAtKill = await count(pg, `SELECT count(*) AS n FROM notification`);
    expect(sentAtKill).toBeLessThan(RECIPIENTS); // really killed mid-way
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = spawnWorker(workerEnv(), 'worker-2');
    workers.push(second);
    await waitFor(
      async () =>
        sink.byKey.size >= RECIPIENTS &&
        (await count(pg, `SELECT count(*) AS n FROM notification_delivery WHERE status = 'sent'`)) === RECIPIENTS,
      180_000,
      'every email to be sent after the restart',
    );
    const stopped = await stopGracefully(second);
    // A graceful stop ends by itself (Nest re-raises SIGTERM after closing), well before the shutdown
    // deadline (grace + 10 s) that would end a process kept alive by a connection left open.
    expect(stopped.signal === 'SIGTERM' || stopped.code === 0).toBe(true);
    expect(stopped.tookMs).toBeLessThan(10_000);

    // Every recipient has exactly one in-app row (the unique key makes more impossible; none is missing).
    const users = await count(pg, `SELECT count(*) AS n FROM app_user WHERE organisation_id = $1`, [orgId]);
    expect(users).toBe(RECIPIENTS);
    expect(
      await count(
        pg,
        `SELECT count(*) AS n FROM app_user u WHERE u.organisation_id = $1 AND
           (SELECT count(*) FROM notification n WHERE n.recipient_user_id = u.id
              AND n.type = 'organisation.verification_result') = 1`,
        [orgId],
      ),
    ).toBe(RECIPIENTS);
    expect(await count(pg, `SELECT count(*) AS n FROM notification`)).toBe(RECIPIENTS);
    // Every email delivered at least once; repeats only for jobs that were in flight at the kill.
    expect(sink.byKey.size).toBe(RECIPIENTS);
    expect(sink.duplicates).toBeLessThanOrEqual(inFlightAtKill);
    expect(await count(pg, `SELECT count(*) AS n FROM notification_delivery WHERE status <> 'sent'`)).toBe(0);

    console.log(
      `[notification-guarantees] SIGKILL after ${sentAtKill} emails / ${rowsAtKill} in-app rows; ` +
        `jobs in flight at kill: ${inFlightAtKill}; duplicate emails: ${sink.duplicates}; ` +
        `total emails received: ${sink.total} for ${sink.byKey.size} keys; graceful stop took ${stopped.tookMs} ms`,
    );
  }, 360_000);
});

describe("notifications while Redis is down (a Redis of the test's own, stopped and restarted)", () => {
  let redis: RedisProcess;
  let sink: SmtpSink;
  let t: TestApp;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    sink = await new SmtpSink().start();
    t = await createTestApp({ env: { REDIS_URL: redis.url, SMTP_URL: sink.url } });
  }, 60_000);

  afterAll(async () => {
    if (worker) await killHard(worker);
    await t?.close();
    await redis?.stop();
    await sink?.stop();
  }, 60_000);

  it('keeps the events of scenarios published during the outage in the outbox and notifies once Redis is back', async () => {
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    try {
      const { organisation, approvedScenario } = scenarioSetup(t);
      const agency = await organisation('agency');
      const scenarios = [
        await approvedScenario(agency),
        await approvedScenario(agency),
        await approvedScenario(agency),
      ];
      const decisions = (decision: string) =>
        count(
          pg,
          `SELECT count(*) AS n FROM notification WHERE type = 'scenario.vetting_decision'
              AND params->>'decision' = $1 AND recipient_user_id = $2`,
          [decision, agency.userId],
        );

      worker = spawnWorker({
        DATABASE_URL: t.db.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: redis.url,
        REDIS_PREFIX: t.redisPrefix,
        SMTP_URL: sink.url,
        OUTBOX_POLL_MS: '100',
        EMAIL_RATE_LIMIT_PER_SECOND: '0',
      });
      // Before the outage: the approvals are notified.
      await waitFor(async () => (await decisions('approved')) === 3, 120_000, 'the approvals to be notified');

      await redis.stop();
      const service = t.app.get(ScenarioService);
      for (const s of scenarios) await service.transition(systemContext(randomUUID()), s.id, 'publish');
      await new Promise((r) => setTimeout(r, 2000));
      // Nothing could be relayed: the events wait in the outbox, nothing was notified.
      expect(
        await count(
          pg,
          `SELECT count(*) AS n FROM outbox_event WHERE type = 'scenario.transitioned' AND sent_at IS NULL
              AND payload->>'to' = 'published'`,
        ),
      ).toBe(3);
      expect(await decisions('published')).toBe(0);

      await redis.start();
      await waitFor(async () => (await decisions('published')) === 3, 120_000, 'the publications to be notified');
      const publishedKeys = (
        await pg.query<{ idempotency_key: string }>(
          `SELECT idempotency_key FROM notification_delivery WHERE type = 'scenario.vetting_decision'
              AND params->>'decision' = 'published'`,
        )
      ).rows.map((r) => r.idempotency_key);
      expect(publishedKeys).toHaveLength(3);
      await waitFor(() => publishedKeys.every((k) => sink.byKey.has(k)), 60_000, 'the emails to arrive');
      expect(
        await count(
          pg,
          `SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL AND type = 'scenario.transitioned'`,
        ),
      ).toBe(0);
    } finally {
      await pg.end();
    }
  }, 300_000);
});
