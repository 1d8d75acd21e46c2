import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import {
  DEADLINE_REMINDER_EVERY_MS,
  DEADLINE_REMINDER_SCHEDULER_ID,
  NOTIFICATION_REMINDER_JOBS,
} from '@app/notifications';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { jobFinished, startWorkerContext, type WorkerTestContext } from '../testing/worker-test-context';
import { NotificationRemindersProcessor } from './notification-reminders.processor';

describe('notification-reminders processor', () => {
  const prefix = uniqueRedisPrefix('reminders');
  let a: WorkerTestContext;
  let b: WorkerTestContext;
  let queue: Queue;

  beforeAll(async () => {
    // Two workers on one Redis prefix, as two worker processes of one deployment.
    a = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    b = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    await a.app.get(NotificationRemindersProcessor).sweepRegistered;
    await b.app.get(NotificationRemindersProcessor).sweepRegistered;
    queue = a.app.get<Queue>(getQueueToken(QUEUES.notificationReminders));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('registers the hourly sweep once, however many workers start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: DEADLINE_REMINDER_SCHEDULER_ID,
      name: NOTIFICATION_REMINDER_JOBS.deadlineSweep,
      every: DEADLINE_REMINDER_EVERY_MS,
    });
  });

  it('runs a sweep job through the reminder service (nothing published: nothing written)', async () => {
    const id = `sweep-${randomUUID()}`;
    await queue.add(NOTIFICATION_REMINDER_JOBS.deadlineSweep, {}, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ reminders: { '1': 0, '3': 0 } });
  });

  it('fails an unknown job at once, without retrying it', async () => {
    const id = `unknown-${randomUUID()}`;
    await queue.add('no-such-job', {}, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
  });
});
