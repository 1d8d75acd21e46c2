import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/outbox';
import { QUEUES } from '@app/queue';
import { createTestApp } from '../../../test/support/test-app';
import { waitFor } from './testing/worker-test-context';

/** The API with WorkerModule imported (PROCESS_ROLE=all), built as production builds it. */
describe('API in all-in-one mode', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(() => process.on('unhandledRejection', onRejection));
  afterAll(() => process.off('unhandledRejection', onRejection));

  it('relays an outbox event to the domain-events processor in the same process', async () => {
    const t = await createTestApp({ withWorkers: true, env: { OUTBOX_POLL_MS: '50' } });
    try {
      const ds = t.app.get(DataSource);
      const eventId = await ds.transaction((em) =>
        new OutboxService().publish(
          em,
          { requestId: 'req-all-in-one' },
          { type: 'user.password_changed', aggregateType: 'user', aggregateId: 'u1', payload: { userId: 'u1' } },
        ),
      );
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.domainEvents));
      await waitFor(async () => (await queue.getJobState(eventId)) === 'completed', 10_000, 'the event to be handled');
      expect((await queue.getJob(eventId))!.returnvalue).toEqual({ handledBy: [] });
    } finally {
      await t.close();
    }
  });

  it('can be created and closed at once, twice in a row, without unhandled connection errors', async () => {
    for (let i = 0; i < 2; i++) {
      const t = await createTestApp({ withWorkers: true });
      await t.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(rejections.map(String)).toEqual([]);
  });
});
