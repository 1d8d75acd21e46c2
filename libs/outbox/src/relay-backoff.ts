export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** Ceiling: a relay whose Redis has been gone for an hour still retries this often. */
  maxMs: number;
}

/**
 * Delay before the next attempt after `consecutiveFailures` failures in a row: doubling from
 * `baseMs`, capped at `maxMs`, with "equal jitter" (between half and all of it) so relays that
 * failed together do not retry in lockstep.
 */
export function backoffDelayMs(
  consecutiveFailures: number,
  { baseMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (consecutiveFailures < 1) return 0;
  // Exponent capped so 2 ** n stays finite however long the outage.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(consecutiveFailures - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
