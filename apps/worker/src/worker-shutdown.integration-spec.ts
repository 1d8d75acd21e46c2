import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, type DomainEventJobData } from '@app/queue';
import {
  type DomainEventHandler,
  type DomainEventHandlerContext,
  HandlesDomainEvent,
} from './domain-events/domain-event-handler';
import { OutboxRelayRunner } from './outbox-relay/outbox-relay.runner';
import { startWorkerContext, waitFor, type WorkerTestContext } from './testing/worker-test-context';

/** Timeline of one slow job, to compare with when shutdown steps happened. */
const timeline = { started: 0, finished: 0, aborted: 0, relayStopped: 0 };

/** Takes `durationMs` (or until the worker asks it to abort), then writes to the database. */
@HandlesDomainEvent('user.password_changed')
@Injectable()
class SlowHandler implements DomainEventHandler<'user.password_changed'> {
  static durationMs = 1000;

  constructor(private readonly dataSource: DataSource) {}

  async handle(_event: DomainEventJobData<'user.password_changed'>, { signal }: DomainEventHandlerContext) {
    timeline.started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, SlowHandler.durationMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        timeline.aborted = Date.now();
        reject(new Error('aborted by shutdown'));
      });
    });
    // Work at the end of the job needs the pool: shutdown must not have closed it yet.
    await this.dataSource.query(`SELECT 1`);
    timeline.finished = Date.now();
  }
}

function passwordChanged(): DomainEventJobData<'user.password_changed'> {
  return {
    eventId: randomUUID(),
    type: 'user.password_changed',
    aggregateType: 'user',
    aggregateId: 'u1',
    payload: { userId: 'u1' },
    occurredAt: new Date().toISOString(),
    requestId: null,
  };
}

async function startSlowJob(t: WorkerTestContext): Promise<string> {
  const data = passwordChanged();
  await t.queue.add(data.type, data, { ...DEFAULT_JOB_OPTIONS, jobId: data.eventId });
  await waitFor(() => timeline.started > 0, 10_000, 'the job to start');
  return data.eventId;
}

function recordRelayStop(t: WorkerTestContext): void {
  const runner = t.app.get(OutboxRelayRunner);
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    await stop();
    timeline.relayStopped = Date.now();
  };
}

describe('worker shutdown', () => {
  let t: WorkerTestContext;

  beforeEach(() => {
    Object.assign(timeline, { started: 0, finished: 0, aborted: 0, relayStopped: 0 });
  });
  afterEach(async () => {
    await t.close();
  });

  it('lets a job in flight finish before close() returns, after stopping the relay', async () => {
    SlowHandler.durationMs = 1000;
    t = await startWorkerContext({ handlers: [SlowHandler], env: { SHUTDOWN_GRACE_MS: '10000' } });
    recordRelayStop(t);
    const id = await startSlowJob(t);

    const closing = Date.now();
    await t.closeApp();
    const closedAt = Date.now();

    expect(timeline.finished).toBeGreaterThan(0);
    expect(timeline.aborted).toBe(0);
    expect(closedAt).toBeGreaterThanOrEqual(timeline.finished); // close waited for the job ...
    expect(closedAt - closing).toBeGreaterThanOrEqual(timeline.started + 1000 - closing - 50);
    expect(timeline.relayStopped).toBeGreaterThan(0);
    expect(timeline.relayStopped).toBeLessThanOrEqual(timeline.finished); // ... the relay had stopped first
    const job = (await t.inspect.getJob(id))!;
    expect(await job.getState()).toBe('completed'); // not failed, not left active to stall
    expect(job.attemptsMade).toBe(1);
    expect(job.returnvalue).toEqual({ handledBy: ['SlowHandler'] });
  });

  it('does not wait past SHUTDOWN_GRACE_MS: the job is asked to abort and is retried later', async () => {
    SlowHandler.durationMs = 30_000;
    t = await startWorkerContext({ handlers: [SlowHandler], env: { SHUTDOWN_GRACE_MS: '1000' } });
    const id = await startSlowJob(t);

    const closing = Date.now();
    await t.closeApp();
    const took = Date.now() - closing;

    expect(took).toBeGreaterThanOrEqual(1000 - 50);
    expect(took).toBeLessThan(5000);
    expect(timeline.aborted - closing).toBeGreaterThanOrEqual(1000 - 50);
    expect(timeline.finished).toBe(0);
    const job = (await t.inspect.getJob(id))!;
    expect(await job.getState()).toBe('delayed'); // this attempt failed; the retry waits its backoff
    expect(job.failedReason).toMatch(/aborted by shutdown/);
  });
});
