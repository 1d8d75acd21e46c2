import { Redis } from 'ioredis';
import type { AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queue';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../../test/support/test-run';
import { type StreamListener, type StreamMessage, NotificationStreamHub } from './notification-stream';

const message = (userId: string, id: string): StreamMessage => ({
  userId,
  notification: { id, type: 'award.result', params: {}, createdAt: '2026-11-24T00:00:00.000Z', readAt: null },
});

/** A listener that collects the ids of what it is given. */
function collector(): StreamListener & { ids: string[] } {
  const ids: string[] = [];
  return { ids, message: (m) => ids.push(m.notification.id), close: () => undefined };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('NotificationStreamHub (live inbox over Redis pub/sub, real Redis)', () => {
  const config = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('stream') } as AppConfig;
  let publisher: NotificationStreamHub;
  let subscriber: NotificationStreamHub;

  beforeEach(() => {
    publisher = new NotificationStreamHub(config);
    subscriber = new NotificationStreamHub(config);
  });
  afterEach(async () => {
    await publisher.onApplicationShutdown();
    await subscriber.onApplicationShutdown();
  });

  it('hands each user exactly their notifications from batches larger than one pub/sub message', async () => {
    const alice = collector();
    const bob = collector();
    await subscriber.listen('alice', alice);
    await subscriber.listen('bob', bob);
    // 1,200 messages: more than two PUBLISH batches; every third for bob.
    const messages = Array.from({ length: 1200 }, (_, i) => message(i % 3 === 0 ? 'bob' : 'alice', `n${i}`));
    await publisher.publish(messages);
    await until(() => alice.ids.length + bob.ids.length >= 1200, 'every message');
    expect(bob.ids).toEqual(messages.filter((m) => m.userId === 'bob').map((m) => m.notification.id));
    expect(alice.ids).toEqual(messages.filter((m) => m.userId === 'alice').map((m) => m.notification.id));
  });

  it('still reads the single-message form a worker of the previous version publishes', async () => {
    const alice = collector();
    await subscriber.listen('alice', alice);
    const raw = new Redis(redisOptionsFromUrl(TEST_REDIS_URL));
    try {
      await raw.publish(subscriber.channel, JSON.stringify(message('alice', 'single')));
      await raw.publish(subscriber.channel, 'not json');
      await raw.publish(subscriber.channel, JSON.stringify([message('alice', 'batched')]));
    } finally {
      await raw.quit();
    }
    await until(() => alice.ids.length >= 2, 'both messages');
    expect(alice.ids).toEqual(['single', 'batched']);
  });
});
