import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';
import { WEBHOOK_JOBS, WEBHOOK_SWEEP_SCHEDULER_ID, WebhookQueue } from '@app/webhooks';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { jobFinished, startWorkerContext, type WorkerTestContext } from '../testing/worker-test-context';
import { WebhooksProcessor } from './webhooks.processor';

describe('webhooks processor (standalone worker process)', () => {
  const prefix = uniqueRedisPrefix('webhooks');
  let a: WorkerTestContext;
  let b: WorkerTestContext;
  let queue: Queue;

  beforeAll(async () => {
    a = await startWorkerContext({ env: { REDIS_PREFIX: prefix, WEBHOOK_RATE_LIMIT_MAX: '7' } });
    b = await startWorkerContext({ env: { REDIS_PREFIX: prefix, WEBHOOK_RATE_LIMIT_MAX: '7' } });
    await a.app.get(WebhooksProcessor).sweepRegistered;
    await b.app.get(WebhooksProcessor).sweepRegistered;
    queue = a.app.get<Queue>(getQueueToken(QUEUES.webhooks));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('registers the sweep once however many workers start, and applies the configured limiter', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: WEBHOOK_SWEEP_SCHEDULER_ID, name: WEBHOOK_JOBS.sweep, every: 60000 });
    expect(a.app.get(WebhooksProcessor).worker.opts.limiter).toEqual({ max: 7, duration: 1000 });
  });

  it('runs a sweep (nothing open: nothing re-queued) and completes a delivery job whose row is gone', async () => {
    const sweepId = `sweep-${randomUUID()}`;
    await queue.add(WEBHOOK_JOBS.sweep, {}, { jobId: sweepId });
    expect((await jobFinished(queue, sweepId)).returnvalue).toEqual({ checked: 0, requeued: 0 });
    const deliveryId = randomUUID();
    const opts = a.app.get(WebhookQueue).jobOptions(deliveryId);
    await queue.add(WEBHOOK_JOBS.deliver, { deliveryId, retryDelaysMs: [10] }, opts);
    const job = await jobFinished(queue, opts.jobId!);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ outcome: 'missing' });
  });

  it('fails an unknown job at once, without retrying it', async () => {
    const id = `unknown-${randomUUID()}`;
    await queue.add('no-such-job', {}, { attempts: 3, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
  });
});
