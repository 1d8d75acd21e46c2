import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import { DELIVERY_SCHEDULE_JOBS, SWEEP_MILESTONES_EVERY_MS, SWEEP_MILESTONES_SCHEDULER_ID } from '@app/delivery';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { jobFinished, startWorkerContext, type WorkerTestContext } from '../testing/worker-test-context';
import { DeliveryScheduleProcessor } from './delivery-schedule.processor';

describe('delivery-schedule processor', () => {
  const prefix = uniqueRedisPrefix('delivery');
  let a: WorkerTestContext;
  let b: WorkerTestContext;
  let queue: Queue;

  beforeAll(async () => {
    // Two workers on one Redis prefix, as two worker processes of one deployment.
    a = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    b = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    await a.app.get(DeliveryScheduleProcessor).sweepRegistered;
    await b.app.get(DeliveryScheduleProcessor).sweepRegistered;
    queue = a.app.get<Queue>(getQueueToken(QUEUES.deliverySchedule));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('registers the milestone sweep once, however many workers start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: SWEEP_MILESTONES_SCHEDULER_ID,
      name: DELIVERY_SCHEDULE_JOBS.sweepMilestones,
      every: SWEEP_MILESTONES_EVERY_MS,
    });
  });

  it('runs a sweep job through the milestone service (nothing in delivery: nothing announced)', async () => {
    const id = `sweep-${randomUUID()}`;
    await queue.add(DELIVERY_SCHEDULE_JOBS.sweepMilestones, {}, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ due: 0, overdue: 0 });
  });

  it('fails an unknown job at once, without retrying it', async () => {
    const id = `unknown-${randomUUID()}`;
    await queue.add('no-such-job', {}, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
  });
});
