import { backoffDelayMs } from './relay-backoff';

describe('backoffDelayMs', () => {
  const opts = { baseMs: 500, maxMs: 30_000 };
  const top = () => 1;
  const bottom = () => 0;

  it('is zero before any failure', () => {
    expect(backoffDelayMs(0, opts, top)).toBe(0);
  });

  it('doubles from the base with each failure in a row', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, opts, top))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, however long the outage', () => {
    expect(backoffDelayMs(7, opts, top)).toBe(30_000);
    expect(backoffDelayMs(10_000, opts, top)).toBe(30_000);
    expect(Number.isFinite(backoffDelayMs(Number.MAX_SAFE_INTEGER, opts, top))).toBe(true);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelayMs(3, opts, bottom)).toBe(1000);
    expect(backoffDelayMs(3, opts, () => 0.5)).toBe(1500);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(20, opts);
      expect(d).toBeGreaterThanOrEqual(15_000);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });
});
