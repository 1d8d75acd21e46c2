import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@app/config';
import { QUEUES } from '@app/queue';
import {
  endpointRateLimitWait,
  type RateLimitRedis,
  WEBHOOK_JOBS,
  WEBHOOK_SWEEP_SCHEDULER_ID,
  webhookBackoffStrategy,
  type WebhookDeliverJobData,
  WebhookDeliveryService,
} from '@app/webhooks';

/**
 * Webhook deliveries: one attempt per job run, retried by BullMQ on the delivery's own schedule (a
 * custom backoff strategy reading the delays the job carries) until the last attempt, which makes
 * the delivery dead on failure. The queue's limiter (config) caps the channel's rate across all
 * workers; each endpoint has its own limit too (a Redis window: a throttled job is delayed, not failed). The sweep is a job scheduler with a fixed id (upserted at every start: it exists once).
 */
@Processor(QUEUES.webhooks, { autorun: false, settings: { backoffStrategy: webhookBackoffStrategy } })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {
    super();
  }

  /** The sweep's registration (settles once Redis has answered; failures are logged). */
  sweepRegistered: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    // Worker options that come from config (the decorator's are fixed at class definition); BullMQ
    // reads both at each fetch, and the worker has not started yet.
    this.worker.opts.limiter = {
      max: this.config.WEBHOOK_RATE_LIMIT_MAX,
      duration: this.config.WEBHOOK_RATE_LIMIT_DURATION_MS,
    };
    this.worker.concurrency = this.config.WEBHOOK_CONCURRENCY;
    this.sweepRegistered = this.queue
      .upsertJobScheduler(
        WEBHOOK_SWEEP_SCHEDULER_ID,
        { every: this.config.WEBHOOK_SWEEP_EVERY_MS },
        { name: WEBHOOK_JOBS.sweep, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the webhook sweep: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case WEBHOOK_JOBS.deliver:
        return this.deliver(job as Job<WebhookDeliverJobData>, token);
      case WEBHOOK_JOBS.sweep:
        return this.deliveries.sweep(Math.min(30_000, this.config.WEBHOOK_SWEEP_EVERY_MS));
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.webhooks}`);
    }
  }

  /** The endpoint's own rate limit (a Redis fixed window shared by all workers). */
  private readonly endpointGate = async (endpointId: string): Promise<number> =>
    endpointRateLimitWait(
      (await this.queue.client) as unknown as RateLimitRedis,
      this.config.REDIS_PREFIX,
      endpointId,
      this.config.WEBHOOK_ENDPOINT_RATE_LIMIT_MAX,
      this.config.WEBHOOK_ENDPOINT_RATE_LIMIT_WINDOW_MS,
      Date.now(),
    );

  private async deliver(job: Job<WebhookDeliverJobData>, token?: string): Promise<unknown> {
    const delays = Array.isArray(job.data.retryDelaysMs) ? job.data.retryDelaysMs : [];
    const attempt = job.attemptsMade + 1;
    const last = attempt >= (job.opts.attempts ?? 1) || delays[job.attemptsMade] === undefined;
    const result = await this.deliveries.attempt(
      job.data.deliveryId,
      last ? null : delays[job.attemptsMade],
      this.endpointGate,
    );
    if (result.outcome === 'throttled') {
      // Over the endpoint's limit: wait for its next window without using up an attempt.
      await job.moveToDelayed(Date.now() + result.waitMs, token);
      throw new DelayedError();
    }
    if (result.outcome === 'failed') throw new Error(result.result.error ?? 'delivery failed');
    if (result.outcome === 'dead') throw new UnrecoverableError(result.result.error ?? 'delivery failed');
    return result.outcome === 'delivered'
      ? { outcome: 'delivered', statusCode: result.result.statusCode, attempt }
      : result;
  }
}
