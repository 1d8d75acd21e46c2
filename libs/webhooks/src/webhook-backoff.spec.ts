import { WEBHOOK_MAX_RETRIES, webhookBackoffStrategy, webhookRetrySchedule } from './webhook-backoff';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('webhook retry schedule', () => {
  it('doubles from 1 min to 4 h and spans 24 h with the defaults', () => {
    const delays = webhookRetrySchedule({ baseMs: MIN, maxDelayMs: 4 * HOUR, windowMs: 24 * HOUR });
    expect(delays.map((d) => d / MIN)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240, 240, 225]);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(24 * HOUR);
    for (let i = 1; i < 8; i++) expect(delays[i]).toBe(2 * delays[i - 1]);
  });

  it('sums to the window whatever the base, and is short in tests', () => {
    for (const baseMs of [1, 50, 1000, 30_000, 5 * MIN]) {
      const delays = webhookRetrySchedule({ baseMs: baseMs * 1000, maxDelayMs: 6 * HOUR, windowMs: 24 * HOUR });
      expect(delays.reduce((a, b) => a + b, 0)).toBe(24 * HOUR);
    }
    expect(webhookRetrySchedule({ baseMs: 50, maxDelayMs: 200, windowMs: 600 })).toEqual([50, 100, 200, 200, 50]);
    expect(webhookRetrySchedule({ baseMs: 1, maxDelayMs: 1, windowMs: 24 * HOUR })).toHaveLength(WEBHOOK_MAX_RETRIES);
  });

  it('the BullMQ strategy reads the job’s own schedule and stops after it', () => {
    const job = { data: { retryDelaysMs: [10, 20, 40] } };
    expect(webhookBackoffStrategy(1, 'webhook-schedule', undefined, job)).toBe(10);
    expect(webhookBackoffStrategy(3, 'webhook-schedule', undefined, job)).toBe(40);
    expect(webhookBackoffStrategy(4, 'webhook-schedule', undefined, job)).toBe(-1);
    expect(webhookBackoffStrategy(1, 'webhook-schedule', undefined, { data: {} })).toBe(-1);
  });
});
