import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/outbox';
import { DEFAULT_JOB_OPTIONS, type DomainEventJobData, type DomainEventType } from '@app/queue';
import { jobFinished, startWorkerContext, type WorkerTestContext } from '../testing/worker-test-context';
import { type DomainEventHandler, HandlesDomainEvent } from './domain-event-handler';
import { DomainEventDispatcher } from './domain-event-dispatcher';

/**
 * What the handlers below saw, in order. They handle `scenario.followed`, an event no product handler
 * consumes, so the platform's own handlers (notifications, matching) stay out of these assertions.
 */
const seen: Array<{ handler: string; eventId: string }> = [];
/** Event ids whose second handler fails on its first call. */
const failOnceFor = new Set<string>();

@HandlesDomainEvent('scenario.followed')
@Injectable()
class RecordVerification implements DomainEventHandler<'scenario.followed'> {
  async handle(event: DomainEventJobData<'scenario.followed'>): Promise<void> {
    seen.push({ handler: 'RecordVerification', eventId: event.eventId });
  }
}

@HandlesDomainEvent('scenario.followed')
@Injectable()
class NotifyVerification implements DomainEventHandler<'scenario.followed'> {
  async handle(event: DomainEventJobData<'scenario.followed'>): Promise<void> {
    seen.push({ handler: 'NotifyVerification', eventId: event.eventId });
    if (failOnceFor.delete(event.eventId)) throw new Error('mail server unavailable');
  }
}

function eventData<T extends DomainEventType>(
  type: T,
  payload: DomainEventJobData<T>['payload'],
): DomainEventJobData<T> {
  return {
    eventId: randomUUID(),
    type,
    aggregateType: 'organisation',
    aggregateId: 'org-1',
    payload,
    occurredAt: new Date().toISOString(),
    requestId: null,
  };
}

const calls = (handler: string, eventId: string) =>
  seen.filter((s) => s.handler === handler && s.eventId === eventId).length;

describe('domain-events processor', () => {
  let t: WorkerTestContext;

  beforeAll(async () => {
    t = await startWorkerContext({ handlers: [RecordVerification, NotifyVerification] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers each @HandlesDomainEvent provider under its event type', () => {
    const dispatcher = t.app.get(DomainEventDispatcher);
    expect(dispatcher.handlerNames('scenario.followed')).toEqual(['RecordVerification', 'NotifyVerification']);
    expect(dispatcher.handlerNames('user.created')).toEqual([]);
  });

  it('delivers an event committed to the outbox to its handlers (relay + processor)', async () => {
    const ds = t.app.get(DataSource);
    const eventId = await ds.transaction((em) =>
      new OutboxService().publish(
        em,
        { requestId: 'req-1' },
        {
          type: 'scenario.followed',
          aggregateType: 'scenario',
          aggregateId: 's-7',
          payload: { scenarioId: 's-7', userId: 'u-7' },
        },
      ),
    );

    const job = await jobFinished(t.inspect, eventId).catch(async () => {
      throw new Error(`not relayed: ${JSON.stringify(await ds.query(`SELECT * FROM outbox_event`))}`);
    });
    expect(job.finishedOn).toBeDefined();
    expect(job.returnvalue).toEqual({ handledBy: ['RecordVerification', 'NotifyVerification'] });
    expect(calls('RecordVerification', eventId)).toBe(1);
    expect(calls('NotifyVerification', eventId)).toBe(1);
  });

  it('handles an event once even when it is enqueued twice', async () => {
    const data = eventData('scenario.followed', { scenarioId: 's-2', userId: 'u-2' });
    const opts = { ...DEFAULT_JOB_OPTIONS, jobId: data.eventId };
    await t.queue.add(data.type, data, opts);
    await t.queue.add(data.type, data, opts);

    const job = await jobFinished(t.inspect, data.eventId);
    await new Promise((r) => setTimeout(r, 300)); // room for a second run, were there one
    expect(job.returnvalue).toEqual({ handledBy: ['RecordVerification', 'NotifyVerification'] });
    expect(calls('RecordVerification', data.eventId)).toBe(1);
    expect(calls('NotifyVerification', data.eventId)).toBe(1);
  });

  it('on retry, runs only the handlers that have not succeeded yet', async () => {
    const data = eventData('scenario.followed', { scenarioId: 's-3', userId: 'u-3' });
    failOnceFor.add(data.eventId);
    await t.queue.add(data.type, data, { ...DEFAULT_JOB_OPTIONS, jobId: data.eventId, backoff: 50 });

    const job = await jobFinished(t.inspect, data.eventId);
    expect(job.returnvalue).toEqual({ handledBy: ['RecordVerification', 'NotifyVerification'] });
    expect(job.attemptsMade).toBe(2);
    expect(calls('RecordVerification', data.eventId)).toBe(1); // not re-run by the retry
    expect(calls('NotifyVerification', data.eventId)).toBe(2); // failed once, then succeeded
  });

  it('completes an event that has no handler yet', async () => {
    const data = eventData('user.created', { userId: 'u1', organisationId: null, role: 'platform_admin' });
    await t.queue.add(data.type, data, { ...DEFAULT_JOB_OPTIONS, jobId: data.eventId });

    const job = await jobFinished(t.inspect, data.eventId);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ handledBy: [] });
  });

  it('fails a malformed job at once, without retrying it', async () => {
    const data = eventData('scenario.followed', { scenarioId: 's-4', userId: 'u-4' });
    const id = randomUUID();
    await t.queue.add('scenario.unfollowed', data, { ...DEFAULT_JOB_OPTIONS, jobId: id });

    const job = await jobFinished(t.inspect, id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/differs from the job name/);
    expect(seen.some((s) => s.eventId === data.eventId)).toBe(false);
  });
});
