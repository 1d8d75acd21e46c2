import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import { CLOSE_OVERDUE_SCHEDULER_ID, publishBatchJobId, SCENARIO_SCHEDULE_JOBS } from '@app/scenarios';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { jobFinished, startWorkerContext, type WorkerTestContext } from '../testing/worker-test-context';
import { ScenarioScheduleProcessor } from './scenario-schedule.processor';

describe('scenario-schedule processor', () => {
  const prefix = uniqueRedisPrefix('schedule');
  let a: WorkerTestContext;
  let b: WorkerTestContext;
  let queue: Queue;

  beforeAll(async () => {
    // Two workers on one Redis prefix, as two worker processes of one deployment.
    a = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    b = await startWorkerContext({ env: { REDIS_PREFIX: prefix } });
    await a.app.get(ScenarioScheduleProcessor).sweepRegistered;
    await b.app.get(ScenarioScheduleProcessor).sweepRegistered;
    queue = a.app.get<Queue>(getQueueToken(QUEUES.scenarioSchedule));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('registers the deadline sweep once, however many workers start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: CLOSE_OVERDUE_SCHEDULER_ID,
      name: SCENARIO_SCHEDULE_JOBS.closeOverdue,
      every: 60_000,
    });
  });

  it('runs a due publish-batch job through the batch service (a batch that is not scheduled is skipped)', async () => {
    const batchId = randomUUID();
    const at = new Date(Date.now() - 1000);
    const id = publishBatchJobId(batchId, at);
    const data = { batchId, publishAt: at.toISOString() };
    await queue.add(SCENARIO_SCHEDULE_JOBS.publishBatch, data, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    await queue.add(SCENARIO_SCHEDULE_JOBS.publishBatch, data, { ...DEFAULT_JOB_OPTIONS, jobId: id }); // duplicate
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ outcome: 'skipped' });
  });

  it('fails an unknown job at once, without retrying it', async () => {
    const id = `unknown-${randomUUID()}`;
    await queue.add('no-such-job', {}, { ...DEFAULT_JOB_OPTIONS, jobId: id });
    const job = await jobFinished(queue, id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
  });
});
