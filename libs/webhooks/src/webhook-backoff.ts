/** How retries of a failed delivery are spread out (all in milliseconds). */
export interface WebhookRetryPolicy {
  /** The first retry's delay; each next one doubles… */
  baseMs: number;
  /** …up to this many… */
  maxDelayMs: number;
  /** …until the delays add up to this window (the last one is cut short to end exactly there). */
  windowMs: number;
}

/** Never more retries than this, whatever the config says (a base of 1 ms would otherwise mean thousands). */
export const WEBHOOK_MAX_RETRIES = 50;

/**
 * The delay before each retry: `min(base · 2^n, maxDelay)`, the last trimmed so the sum is the
 * window. With the defaults (1 min, 4 h, 24 h): 1, 2, 4, 8, 16, 32, 64, 128 min, 4 h × 4, then
 * 3 h 45 min — 13 retries, 14 attempts, the last one 24 h after the first.
 */
export function webhookRetrySchedule(policy: WebhookRetryPolicy): number[] {
  const delays: number[] = [];
  let total = 0;
  while (total < policy.windowMs && delays.length < WEBHOOK_MAX_RETRIES) {
    const delay = Math.min(policy.baseMs * 2 ** delays.length, policy.maxDelayMs, policy.windowMs - total);
    delays.push(delay);
    total += delay;
  }
  return delays;
}

/** The BullMQ backoff type of webhook jobs (a custom strategy registered on the webhooks worker). */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-schedule';

/**
 * BullMQ's custom backoff strategy for webhook jobs: the delay after the `attemptsMade`-th failed
 * attempt is the job's own schedule (carried in its data, computed from config when it was queued),
 * so a retry never depends on which worker picks it up. No schedule entry left: no retry (-1).
 */
export function webhookBackoffStrategy(
  attemptsMade: number,
  _type?: string,
  _error?: Error,
  job?: { data?: unknown },
): number {
  const delays = (job?.data as { retryDelaysMs?: unknown } | undefined)?.retryDelaysMs;
  const delay = Array.isArray(delays) ? delays[attemptsMade - 1] : undefined;
  return typeof delay === 'number' && delay >= 0 ? delay : -1;
}
