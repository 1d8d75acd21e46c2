import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError, type Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import {
  type ChunkJobData,
  DAILY_DIGEST_CRON,
  DAILY_DIGEST_SCHEDULER_ID,
  DAILY_DIGEST_TZ,
  EmailDeliveryService,
  type FanoutJobData,
  FanoutService,
  NOTIFICATION_JOBS,
  type RetryDeliveryJobData,
} from '@app/notifications';
import { QUEUES } from '@app/queue';

/**
 * Applies the configured lock and stalled-check intervals to a worker that has not started yet
 * (@Processor options are fixed at import time, before config is read). A crashed worker's jobs are
 * taken over by another one after about NOTIFICATION_LOCK_MS, checked every NOTIFICATION_STALLED_INTERVAL_MS.
 */
function applyTimings(worker: Worker, lockDuration: number, stalledInterval: number): void {
  worker.opts.lockDuration = lockDuration;
  worker.opts.lockRenewTime = Math.floor(lockDuration / 2);
  worker.opts.stalledInterval = stalledInterval;
  // The lock manager copied the defaults when the worker was built; build it again with ours.
  (worker as unknown as { createLockManager(): void }).createLockManager();
}

/**
 * The notifications queue: fan-out jobs (recipients → chunk jobs), chunk jobs (rows, live pushes,
 * emails), staff retries of failed emails and the daily digest (a job scheduler with a fixed id,
 * 08:00 Asia/Shanghai). Every job is idempotent; see FanoutService for the guarantees.
 */
@Processor(QUEUES.notifications, { autorun: false })
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly fanout: FanoutService,
    private readonly emails: EmailDeliveryService,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {
    super();
  }

  digestRegistered: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NOTIFICATION_WORKER_CONCURRENCY;
    applyTimings(this.worker, this.config.NOTIFICATION_LOCK_MS, this.config.NOTIFICATION_STALLED_INTERVAL_MS);
    this.digestRegistered = this.queue
      .upsertJobScheduler(
        DAILY_DIGEST_SCHEDULER_ID,
        { pattern: DAILY_DIGEST_CRON, tz: DAILY_DIGEST_TZ },
        { name: NOTIFICATION_JOBS.dailyDigest, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the daily digest: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
    switch (job.name) {
      case NOTIFICATION_JOBS.fanout:
        return this.fanout.runFanout(job as Job<FanoutJobData>, signal);
      case NOTIFICATION_JOBS.chunk:
        return this.fanout.runChunk(job.data as ChunkJobData, signal);
      case NOTIFICATION_JOBS.retryDelivery: {
        const outcome = await this.emails.sendDelivery((job.data as RetryDeliveryJobData).deliveryId);
        if (outcome.retrying) throw new Error(`Retry of delivery failed: ${outcome.lastError ?? ''}`);
        return outcome;
      }
      case NOTIFICATION_JOBS.dailyDigest:
        return this.emails.sendDigests(signal);
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.notifications}`);
    }
  }
}
