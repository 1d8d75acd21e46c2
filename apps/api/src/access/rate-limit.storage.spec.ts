import { LocalWindowCounter } from './rate-limit.storage';

describe('LocalWindowCounter', () => {
  let counter: LocalWindowCounter;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    counter = new LocalWindowCounter();
  });
  afterEach(() => {
    counter.close();
    jest.useRealTimers();
  });

  it('counts hits per key and blocks past the limit for the block duration', () => {
    const hits = Array.from({ length: 4 }, () => counter.increment('ip-a', 60_000, 3, 60_000));
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3, 4]);
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true]);
    expect(hits[3].timeToBlockExpire).toBe(60);
    expect(counter.increment('ip-b', 60_000, 3, 60_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('opens a new window once the window and any block have passed', () => {
    for (let i = 0; i < 4; i++) counter.increment('ip-a', 60_000, 3, 120_000);
    jest.advanceTimersByTime(61_000);
    expect(counter.increment('ip-a', 60_000, 3, 120_000)).toMatchObject({ isBlocked: true });
    jest.advanceTimersByTime(60_000);
    expect(counter.increment('ip-a', 60_000, 3, 120_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
