import { createServer } from 'node:net';
import { type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '@app/config';
import { uniqueRedisPrefix } from '../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../test/support/test-run';
import { QueueModule } from './queue.module';

@Module({ imports: [AppConfigModule, QueueModule] })
class QueueOnlyModule {}

describe('QueueModule lifecycle', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(() => {
    Object.assign(process.env, { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('qm') });
    process.on('unhandledRejection', onRejection);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.env.REDIS_URL = TEST_REDIS_URL;
  });

  it('closes right after start without an unhandled "Connection is closed" rejection', async () => {
    for (let i = 0; i < 30; i++) {
      const app = await NestFactory.createApplicationContext(QueueOnlyModule, { logger: false });
      // Close at different points of the connection handshake: the bug lives in a window of ~1 ms.
      await new Promise((r) => setTimeout(r, i % 4));
      await app.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(rejections.map(String)).toEqual([]);
  });

  it('logs connection errors while Redis is unreachable, and still closes promptly', async () => {
    process.env.REDIS_URL = `redis://127.0.0.1:${await unusedPort()}/0`;
    const errors: string[] = [];
    const capture: LoggerService = {
      log: () => undefined,
      warn: () => undefined,
      error: (message: unknown) => void errors.push(String(message)),
    };
    const app = await NestFactory.createApplicationContext(QueueOnlyModule, { logger: capture });
    await waitUntil(() => errors.some((e) => /Queue domain-events: .*ECONNREFUSED/.test(e)), 5000);

    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(4000);
    // ioredis arms a 2 s timer when it disconnects a socket that had already failed; let it run out.
    await new Promise((r) => setTimeout(r, 2100));
    expect(rejections.map(String)).toEqual([]);
  });
});

/** A port nothing listens on (just released by the OS). */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
