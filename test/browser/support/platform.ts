import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { Clock } from '@app/common';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import { SCENARIO_SCHEDULE_JOBS } from '@app/scenarios';
import { createApiApp } from '../../../apps/api/src/app.factory';
import { CliDataModule } from '../../../apps/cli/src/cli-data.module';
import { DemoSeeder } from '../../../apps/cli/src/seed/demo-seeder';
import { type MailCatcher, startMailCatcher } from '../../../apps/mail-catcher/src/mail-catcher';
import { type TestDatabase, uniqueRedisPrefix } from '../../support/test-database';
import {
  ADMIN_DATABASE_URL,
  databasePrefix,
  databaseUrl,
  TEST_REDIS_URL,
  templateDatabase,
} from '../../support/test-run';
import { ensureWebBuild } from './web-build';

/** The demo accounts' password (Huzhou-Demo-2026, README) and the accounts themselves. */
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../apps/cli/src/seed/demo-data';

/** Queues whose work follows from a user's action within seconds (not the time-driven sweeps). */
const EVENT_QUEUES = [QUEUES.domainEvents, QUEUES.matching, QUEUES.notifications, QUEUES.email] as const;

export interface Platform {
  /** `http://127.0.0.1:<port>`: the web app at `/`, the API at `/api/v1`. */
  baseUrl: string;
  app: NestFastifyApplication;
  db: TestDatabase;
  redisPrefix: string;
  storageDir: string;
  /** Every email the platform sent (SMTP sink on an ephemeral port). */
  mail: MailCatcher;
  /** How long start-up took, by step (ms): to see where a slow run spends its time. */
  timings: Record<'database' | 'boot', number>;
  /** A query on this platform's database (for setup and assertions the UI cannot make). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The server's "now" (Clock of libs/common, shared by the API and the in-process workers). */
  serverNow(): Date;
  /** Moves the server's clock forward by `ms` (it keeps running from there); returns the new now. */
  advanceServerClock(ms: number): Date;
  /** Puts the server's clock at `date` (it keeps running from there). */
  setServerNow(date: Date): void;
  /** Back to the real time. */
  resetServerClock(): void;
  /**
   * Runs the deadline sweep now, as its job scheduler does every minute (a close-overdue job on the
   * scenario-schedule queue, processed by the in-process worker with the server clock), and returns
   * how many scenarios it closed. Follow with waitForWorkers() for what closing sets off (opening).
   */
  closeOverdueScenarios(): Promise<number>;
  /**
   * Waits until the outbox is relayed and the event-driven queues (domain events, matching,
   * notifications, email) have nothing waiting, active or due for retry: whatever a user's action
   * set off (matching, in-app notifications, emails) is done.
   */
  waitForWorkers(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Loads the demo data (the quick start's `seed`) into `url` through the CLI's own module, in this process. */
async function seedDemoData(url: string): Promise<void> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE };
  Object.assign(process.env, { DATABASE_URL: url, DATABASE_POOL_SIZE: '4' });
  try {
    const ctx = await NestFactory.createApplicationContext(CliDataModule, { logger: ['error'], abortOnError: false });
    try {
      await ctx.get(DemoSeeder).seed();
    } finally {
      await ctx.close();
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function cloneDatabase(admin: Client, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (e) {
      // 55006: the template is briefly in use by another test file's clone; try again.
      if ((e as { code?: string }).code !== '55006' || attempt > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The run's demo-seeded database: the run's migrated template plus the demo seed, made once per test
 * run by whichever browser test file needs it first (an advisory lock keeps parallel workers from
 * making it twice); every test file then clones it (seconds saved per file). Dropped with the run's
 * other databases by the global teardown.
 */
async function seededTemplate(): Promise<string> {
  const name = `${databasePrefix()}browser_seeded`;
  return withAdmin(async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [name]);
    try {
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (rowCount) return name;
      // Seeded under another name and renamed when complete: a failed seed never passes for a template.
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await cloneDatabase(admin, building, templateDatabase());
      await seedDemoData(databaseUrl(building));
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]);
    }
  });
}

let databases = 0;

/** A database of this test file's own, cloned from the demo-seeded template. */
async function createSeededDatabase(): Promise<TestDatabase> {
  const template = await seededTemplate();
  const name = `${databasePrefix()}${process.pid}_browser_${++databases}`;
  await withAdmin((admin) => cloneDatabase(admin, name, template));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The whole platform as the quick start runs it, for one test file: its own database (the run's
 * migrated template plus the demo seed), Redis prefix, storage directory and SMTP sink, the API with
 * its workers in this process (so tests can move its Clock) on an ephemeral port, serving the web build.
 */
export async function startPlatform(options: { env?: Record<string, string> } = {}): Promise<Platform> {
  const savedEnv = { ...process.env };
  const webDir = ensureWebBuild();
  let started = Date.now();
  const lap = () => {
    const ms = Date.now() - started;
    started = Date.now();
    return ms;
  };
  // The first test file of a run seeds the template (timed as `database`), the others only clone it.
  const db = await createSeededDatabase();
  const timings = { database: lap(), boot: 0 };
  const redisPrefix = uniqueRedisPrefix('browser');
  const storageDir = await mkdtemp(join(tmpdir(), 'sx-browser-storage-'));
  let mail: MailCatcher | undefined;
  let app: NestFastifyApplication | undefined;
  let pool: Pool | undefined;
  const cleanUp = async () => {
    await app?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await mail?.close().catch(() => undefined);
    await db.drop();
    await deleteRedisKeys(redisPrefix);
    await rm(storageDir, { recursive: true, force: true });
    process.env = savedEnv;
  };
  try {
    mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PROCESS_ROLE: 'all',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '8',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      RATE_LIMIT_GLOBAL_PER_MINUTE: '100000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_REGISTER_PER_HOUR: '1000',
      // Tests change data and read the list at once.
      PUBLIC_LIST_CACHE_SECONDS: '0',
      STORAGE_DIR: storageDir,
      WEB_DIST_DIR: webDir,
      SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}`,
      OUTBOX_POLL_MS: '100',
      ...options.env,
    });
    app = await createApiApp({ withWorkers: true, bufferLogs: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    timings.boot = lap();
    const { port } = app.getHttpServer().address() as AddressInfo;
    pool = new Pool({ connectionString: db.url, max: 2 });

    const clock = app.get(Clock);
    let offsetMs = 0;
    let spied = false;
    const moveClock = (offset: number) => {
      offsetMs = offset;
      if (!spied) {
        jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + offsetMs));
        spied = true;
      }
    };
    const runningApp = app;
    const runningPool = pool;
    const queue = (name: string) => runningApp.get<Queue>(getQueueToken(name));

    return {
      baseUrl: `http://127.0.0.1:${port}`,
      app,
      db,
      redisPrefix,
      storageDir,
      mail,
      timings,
      async sql<T>(text: string, params: unknown[] = []) {
        return (await runningPool.query(text, params)).rows as T[];
      },
      serverNow: () => clock.now(),
      advanceServerClock(ms) {
        moveClock(offsetMs + ms);
        return clock.now();
      },
      setServerNow(date) {
        moveClock(date.getTime() - Date.now());
      },
      resetServerClock() {
        if (spied) (clock.now as jest.Mock).mockRestore();
        spied = false;
        offsetMs = 0;
      },
      async closeOverdueScenarios() {
        const q = queue(QUEUES.scenarioSchedule);
        const jobId = `browser-test-close-overdue-${randomUUID()}`;
        await q.add(SCENARIO_SCHEDULE_JOBS.closeOverdue, {}, { ...DEFAULT_JOB_OPTIONS, attempts: 1, jobId });
        await waitUntil(
          async () => ['completed', 'failed'].includes(await q.getJobState(jobId)),
          30_000,
          'the deadline sweep',
        );
        const job = await q.getJob(jobId);
        if ((await job!.getState()) === 'failed') throw new Error(`The deadline sweep failed: ${job!.failedReason}`);
        return (job!.returnvalue as { closed: number }).closed;
      },
      async waitForWorkers(timeoutMs = 30_000) {
        await waitUntil(
          async () => {
            const [{ pending }] = (
              await runningPool.query<{ pending: number }>(
                `SELECT count(*)::int AS pending FROM outbox_event WHERE sent_at IS NULL`,
              )
            ).rows;
            if (pending > 0) return false;
            for (const name of EVENT_QUEUES) {
              const q = queue(name);
              const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
              if (c.waiting + c.active + c.prioritized + c['waiting-children'] > 0) return false;
              // Retries waiting out their backoff count; repeatable schedules (digests, sweeps) do not.
              const delayed = (await q.getDelayed()).filter((j) => !j.repeatJobKey);
              if (delayed.length > 0) return false;
            }
            return true;
          },
          timeoutMs,
          'the workers to finish (outbox relayed, event queues drained)',
          200,
        );
      },
      async stop() {
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}
