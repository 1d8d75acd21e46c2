import type { LoggerService } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { awaitHandshake, settlesWithin } from '@app/queue';

/** After the grace period, how long jobs that were asked to abort get to do so. */
const ABORT_SETTLE_MS = 2000;

/**
 * Stops a worker taking jobs and waits for the active ones, at most `graceMs`. Past that, signals
 * the remaining jobs to abort (their processors get an AbortSignal; an aborted job fails this attempt
 * and is retried) and stops waiting. Resolves true when the worker closed cleanly.
 *
 * Jobs that ignore the signal keep running: the process-level shutdown deadline ends them, and
 * BullMQ's stalled-job check hands them to another worker.
 */
export async function drainWorker(
  worker: Worker,
  graceMs: number,
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>,
): Promise<boolean> {
  await awaitHandshake(worker);
  const closing = worker.close();
  if (await settlesWithin(closing, graceMs)) return true;
  logger.warn(`Worker ${worker.name}: jobs still running after ${graceMs} ms; asking them to abort`);
  worker.cancelAllJobs('shutdown grace period elapsed');
  if (await settlesWithin(closing, ABORT_SETTLE_MS)) return true;
  logger.error(`Worker ${worker.name}: jobs ignored the abort; leaving them to the stalled-job check`);
  return false;
}
