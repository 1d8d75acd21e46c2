const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Ends the process if a graceful shutdown has not finished `ms` after the first SIGTERM or SIGINT:
 * a job that ignores its abort signal must not keep a stopping worker alive for ever.
 * The timer is unref'd, so a shutdown that finishes in time is not held up by it.
 */
export function armShutdownDeadline(ms: number, onExpired: (signal: NodeJS.Signals) => void): void {
  const arm = (signal: NodeJS.Signals) => {
    // Removed at once: Nest re-raises the signal after closing, and a listener would swallow it.
    for (const s of SIGNALS) process.removeListener(s, arm);
    setTimeout(() => {
      onExpired(signal);
      process.exit(1);
    }, ms).unref();
  };
  for (const s of SIGNALS) process.once(s, arm);
}
