import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Job, Queue } from 'bullmq';
import { awaitHandshake, QUEUES, redisOptionsFromUrl } from '@app/queue';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from '../../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../../test/support/test-run';
import { WorkerRootModule } from '../worker-root.module';

export interface WorkerTestContext {
  app: INestApplicationContext;
  db: TestDatabase;
  /** The app's own domain-events queue (closed with the app). */
  queue: Queue;
  /** A queue on a connection of its own, to look at jobs after the app has closed. */
  inspect: Queue;
  /** Closes the app as a SIGTERM does (Nest's shutdown hooks), once. */
  closeApp(): Promise<void>;
  /** Closes the app if still open, then everything else; restores the environment. */
  close(): Promise<void>;
}

class WorkerTestModule {}

/**
 * The standalone worker process as main.ts builds it (WorkerRootModule), on this test file's own
 * database and Redis prefix, plus whatever handler providers the test registers.
 */
export async function startWorkerContext(
  options: { handlers?: Provider[]; env?: Record<string, string> } = {},
): Promise<WorkerTestContext> {
  const db = await createTestDatabase();
  const prefix = uniqueRedisPrefix('worker');
  const savedEnv = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    OUTBOX_POLL_MS: '50',
    ...options.env,
  });
  const app = await NestFactory.createApplicationContext(
    { module: WorkerTestModule, imports: [WorkerRootModule], providers: options.handlers ?? [] },
    // A failing start-up throws into the test instead of Nest's default process.exit(1), which kills Jest.
    { logger: false, abortOnError: false },
  );
  const inspect = new Queue(QUEUES.domainEvents, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
  let appClosing: Promise<void> | undefined;
  const closeApp = () => (appClosing ??= app.close());
  return {
    app,
    db,
    queue: app.get<Queue>(getQueueToken(QUEUES.domainEvents)),
    inspect,
    closeApp,
    async close() {
      await closeApp();
      await awaitHandshake(inspect);
      await inspect.close();
      await db.drop();
      process.env = savedEnv;
    },
  };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits (10 s at most) until job `id` completed or failed, and returns it. */
export async function jobFinished(queue: Queue, id: string): Promise<Job> {
  await waitFor(
    async () => ['completed', 'failed'].includes(await queue.getJobState(id)),
    10_000,
    `job ${id} to finish`,
  );
  return (await queue.getJob(id))!;
}
