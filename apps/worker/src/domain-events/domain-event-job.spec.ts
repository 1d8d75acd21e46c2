import { UnrecoverableError } from 'bullmq';
import { domainEventFromJob, handledSoFar } from './domain-event-job';

const valid = {
  eventId: '0b7c5a4e-1f0e-4a47-9a8e-6c1d7c1e2f3a',
  type: 'organisation.verified',
  aggregateType: 'organisation',
  aggregateId: 'org-1',
  payload: { organisationId: 'org-1' },
  occurredAt: '2026-05-01T08:00:00.000Z',
  requestId: 'req-1',
};

describe('domainEventFromJob', () => {
  it('returns the event a well-formed job carries', () => {
    expect(domainEventFromJob('organisation.verified', valid)).toEqual(valid);
    expect(domainEventFromJob('organisation.verified', { ...valid, requestId: null }).requestId).toBeNull();
  });

  it.each([
    ['a job name that is not the event type', 'organisation.rejected', valid, /differs from the job name/],
    ['a missing event id', 'organisation.verified', { ...valid, eventId: undefined }, /eventId/],
    ['an event id that is not a uuid', 'organisation.verified', { ...valid, eventId: '42' }, /eventId/],
    ['a payload that is not an object', 'organisation.verified', { ...valid, payload: 'x' }, /payload/],
    ['a bad timestamp', 'organisation.verified', { ...valid, occurredAt: 'yesterday' }, /occurredAt/],
    ['data that is not an object', 'organisation.verified', null, /not an object/],
  ])('refuses %s, unrecoverably', (_what, name, data, message) => {
    expect(() => domainEventFromJob(name, data)).toThrow(UnrecoverableError);
    expect(() => domainEventFromJob(name, data)).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => domainEventFromJob('organisation.verified', { ...valid, eventId: 1, aggregateId: 2 })).toThrow(
      /eventId.*aggregateId/,
    );
  });
});

describe('handledSoFar', () => {
  it('reads the handlers an earlier attempt recorded', () => {
    expect(handledSoFar({ handledBy: ['A', 'B'] })).toEqual(['A', 'B']);
  });

  it('is empty for a first attempt or progress it does not recognise', () => {
    expect(handledSoFar(0)).toEqual([]);
    expect(handledSoFar({})).toEqual([]);
    expect(handledSoFar({ handledBy: 'A' })).toEqual([]);
    expect(handledSoFar({ handledBy: ['A', 3] })).toEqual(['A']);
  });
});
