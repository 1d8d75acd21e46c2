/** The two Redis commands the limiter uses (ioredis, or BullMQ's client). */
export interface RateLimitRedis {
  incr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

/**
 * Per-endpoint rate limit: a fixed-window counter in Redis (`<prefix>:webhooks:rate:<endpointId>:<window>`),
 * shared by all workers. Returns 0 when the delivery may go now, else how long to wait (ms): to the
 * first window with room for it if the ones queued before it each take `max`. `max` 0 = no limit.
 */
export async function endpointRateLimitWait(
  client: RateLimitRedis,
  prefix: string,
  endpointId: string,
  max: number,
  windowMs: number,
  nowMs: number,
): Promise<number> {
  if (max <= 0) return 0;
  const window = Math.floor(nowMs / windowMs);
  const key = `${prefix}:webhooks:rate:${endpointId}:${window}`;
  const count = await client.incr(key);
  if (count === 1) await client.pexpire(key, windowMs * 2);
  if (count <= max) return 0;
  // Over the limit: the (count - max)-th waiting delivery goes in window `ceil((count - max) / max)` ahead, so each
  // window boundary wakes about `max` of them — not the whole backlog, every one of which would take a slot of the
  // channel's limiter only to be throttled again (holding every other endpoint back).
  return (window + Math.ceil((count - max) / max)) * windowMs - nowMs;
}
