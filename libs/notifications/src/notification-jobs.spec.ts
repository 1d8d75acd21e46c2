import { eventKeyOf } from './notification-jobs';
import { isNotificationType, NOTIFICATION_TYPES } from './notification-types';

describe('notification event keys and job ids', () => {
  const eventId = '0b7c1c52-6a8e-4a55-9f77-2f5f1e0f2a11';

  it('is <eventId>:<type>, with ~<discriminator> when one event raises several of a type', () => {
    expect(eventKeyOf(eventId, 'award.result')).toBe(`${eventId}:award.result`);
    expect(eventKeyOf(eventId, 'award.result', 'p1')).toBe(`${eventId}:award.result~p1`);
  });

  it('refuses parts with a colon (job ids <eventKey>:<n> must have exactly three parts)', () => {
    expect(() => eventKeyOf('a:b', 'award.result')).toThrow(/':'/);
    expect(() => eventKeyOf(eventId, 'award.result', 'x:y')).toThrow(/':'/);
  });

  it('gives chunk and fan-out job ids of three colon parts (what BullMQ accepts in a custom id)', () => {
    const key = eventKeyOf(eventId, 'scenario.matched', '7f1d');
    for (const jobId of [`${key}:0`, `${key}:41`, `${key}:fanout`]) expect(jobId.split(':')).toHaveLength(3);
  });

  it('has a catalogue of 17 distinct types', () => {
    expect(new Set(NOTIFICATION_TYPES).size).toBe(17);
    expect(isNotificationType('award.result')).toBe(true);
    expect(isNotificationType('award.nothing')).toBe(false);
  });
});
