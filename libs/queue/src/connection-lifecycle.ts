/** Anything BullMQ that owns Redis connections: Queue, Worker, QueueEvents. */
export interface RedisConnectionOwner {
  waitUntilReady(): Promise<unknown>;
}

/** True when `promise` settles (either way) within `ms`; false when it is still pending. Never rejects. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a closing queue or worker waits for its connection handshake. */
export const HANDSHAKE_SETTLE_MS = 2000;

/**
 * Waits (bounded) until a queue's or worker's connection handshake is over, so it can be closed safely.
 *
 * Why: BullMQ's close() during the handshake (socket open, INFO in flight) disconnects and drops every
 * listener; the handshake then fails with "Connection is closed." and BullMQ re-emits that as an 'error'
 * nobody listens to, i.e. an unhandled rejection (taskforcesh/bullmq#3546). With Redis reachable the
 * handshake takes milliseconds; with Redis down it never ends, and closing during reconnect attempts
 * does not hit that window, so the wait is bounded.
 */
export async function awaitHandshake(owner: RedisConnectionOwner, ms = HANDSHAKE_SETTLE_MS): Promise<void> {
  await settlesWithin(owner.waitUntilReady(), ms);
}

/**
 * An 'error' listener that reports each distinct message at once but the same message at most once
 * per `windowMs`, with how often it recurred: while Redis is down every reconnect attempt of every
 * connection fails the same way, and one line says as much as hundreds.
 */
export function errorReporter(
  report: (message: string, stack?: string) => void,
  windowMs = 30_000,
  now: () => number = Date.now,
): (error: Error) => void {
  let lastMessage: string | undefined;
  let lastReportedAt = 0;
  let repeats = 0;
  return (error) => {
    const at = now();
    if (error.message === lastMessage && at - lastReportedAt < windowMs) {
      repeats += 1;
      return;
    }
    const suffix = error.message === lastMessage && repeats > 0 ? ` (${repeats} more since last reported)` : '';
    report(`${error.message}${suffix}`, error.stack);
    lastMessage = error.message;
    lastReportedAt = at;
    repeats = 0;
  };
}
