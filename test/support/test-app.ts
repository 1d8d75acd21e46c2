import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Actor } from '@app/common';
import { AccessTokens } from '@app/identity';
import { createApiApp } from '../../apps/api/src/app.factory';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from './test-database';
import { TEST_REDIS_URL } from './test-run';

export const WEB_FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'web-dist');

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  redisPrefix: string;
  /** This app's own file storage root (STORAGE_DIR), removed by close(). */
  storageDir: string;
  /** Sends a request through the real HTTP stack (Fastify inject: no socket). */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A valid access token for any actor, without going through login. */
  tokenFor(actor: Actor): string;
  close(): Promise<void>;
}

/**
 * The API as production builds it, on this test file's own database and Redis prefix.
 * `env` overrides config (e.g. low rate limits); workers run in-process only when asked.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; withWorkers?: boolean; logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const redisPrefix = uniqueRedisPrefix('api');
  const storageDir = options.env?.STORAGE_DIR ?? (await mkdtemp(join(tmpdir(), 'sx-storage-')));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    RATE_LIMIT_GLOBAL_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    RATE_LIMIT_REGISTER_PER_HOUR: '1000',
    // Tests change data and read the list at once; the cache has its own test.
    PUBLIC_LIST_CACHE_SECONDS: '0',
    STORAGE_DIR: storageDir,
    // A tiny stand-in for the web build (dist/apps/web), so HTTP tests do not depend on `npm run build`.
    WEB_DIST_DIR: WEB_FIXTURE_DIR,
    ...options.env,
  });
  const app = await createApiApp({ withWorkers: options.withWorkers ?? false, logStream: options.logStream });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const tokens = app.get(AccessTokens);
  return {
    app,
    db,
    redisPrefix,
    storageDir,
    request: (o) => app.getHttpAdapter().getInstance().inject(o),
    tokenFor: (actor) => tokens.sign(actor).token,
    async close() {
      await app.close();
      await db.drop();
      if (!options.env?.STORAGE_DIR) await rm(storageDir, { recursive: true, force: true });
    },
  };
}
