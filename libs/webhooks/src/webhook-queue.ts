import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { AppConfig } from '@app/config';
import { createFailFastQueue, type FailFastQueue, QUEUES } from '@app/queue';
import { type WebhookRetryPolicy, WEBHOOK_BACKOFF_TYPE, webhookRetrySchedule } from './webhook-backoff';
import { WEBHOOK_JOBS, type WebhookDeliverJobData, webhookJobId } from './webhook-jobs';

/** No Redis call of a producer waits longer than this (a down Redis must not hold a request or a commit). */
const PRODUCER_TIMEOUT_MS = 3000;

function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: Redis did not answer in ${PRODUCER_TIMEOUT_MS} ms`)),
      PRODUCER_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Job states in which a delivery's job will still run by itself. */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Puts delivery jobs on the webhooks queue through a fail-fast connection: while Redis is down a call
 * fails at once (or after PRODUCER_TIMEOUT_MS) instead of hanging, the row stays `pending`, and the
 * sweep queues it later. Every job id is `webhook-<deliveryId>`, so queueing twice runs once.
 */
@Injectable()
export class WebhookQueue implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookQueue.name);
  private queue: FailFastQueue | null = null;
  readonly retryDelaysMs: number[];

  constructor(private readonly config: AppConfig) {
    const policy: WebhookRetryPolicy = {
      baseMs: config.WEBHOOK_BACKOFF_BASE_MS,
      maxDelayMs: config.WEBHOOK_BACKOFF_MAX_DELAY_MS,
      windowMs: config.WEBHOOK_RETRY_WINDOW_MS,
    };
    this.retryDelaysMs = webhookRetrySchedule(policy);
  }

  private get q(): FailFastQueue {
    this.queue ??= createFailFastQueue(QUEUES.webhooks, {
      redisUrl: this.config.REDIS_URL,
      prefix: this.config.REDIS_PREFIX,
    });
    return this.queue;
  }

  jobOptions(deliveryId: string): JobsOptions {
    return {
      jobId: webhookJobId(deliveryId),
      attempts: this.retryDelaysMs.length + 1,
      backoff: { type: WEBHOOK_BACKOFF_TYPE },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600, count: 50000 },
    };
  }

  /** Queues fresh deliveries; false (logged) when Redis is unreachable: the sweep will do it. */
  async add(deliveryIds: readonly string[]): Promise<boolean> {
    if (deliveryIds.length === 0) return true;
    try {
      await bounded(
        this.q.addBulk(
          deliveryIds.map((deliveryId) => ({
            name: WEBHOOK_JOBS.deliver,
            data: { deliveryId, retryDelaysMs: this.retryDelaysMs } satisfies WebhookDeliverJobData,
            opts: this.jobOptions(deliveryId),
          })),
        ),
        'queue webhook deliveries',
      );
      return true;
    } catch (error) {
      this.logger.warn(`Webhook deliveries left pending for the sweep: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Makes sure a delivery has a live job: nothing to do when one is waiting, delayed or running
   * (unless `fresh`: then a waiting or delayed one is replaced, for a retry now with a fresh attempt
   * count); a finished job (completed/failed: an earlier round) is removed and a new one queued.
   * Returns whether a job was queued. Throws when Redis is unreachable.
   */
  async ensure(deliveryId: string, fresh = false): Promise<boolean> {
    const id = webhookJobId(deliveryId);
    const state = await bounded(this.q.getJobState(id), 'read webhook job state');
    if (state === 'active') return false;
    if (LIVE_STATES.has(state) && !fresh) return false;
    if (state !== 'unknown') await bounded(this.q.remove(id), 'remove webhook job');
    await bounded(
      this.q.add(
        WEBHOOK_JOBS.deliver,
        { deliveryId, retryDelaysMs: this.retryDelaysMs } satisfies WebhookDeliverJobData,
        this.jobOptions(deliveryId),
      ),
      'queue webhook delivery',
    );
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.queue) await this.queue.close().catch(() => undefined);
  }
}
