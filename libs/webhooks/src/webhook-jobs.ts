/** Jobs of the `webhooks` queue (QUEUES.webhooks). */
export const WEBHOOK_JOBS = {
  /** One delivery (retried on the delivery's schedule; data: WebhookDeliverJobData). */
  deliver: 'deliver',
  /** The repeatable sweep: re-queues open deliveries whose job is missing (Redis was down at enqueue). */
  sweep: 'sweep-pending',
} as const;

export interface WebhookDeliverJobData {
  deliveryId: string;
  /** The retry delays this job runs on (from config when it was queued; read by the backoff strategy). */
  retryDelaysMs: number[];
}

/**
 * The job id of a delivery's job. BullMQ refuses custom ids with one `:` (they collide with its own
 * repeat-key format), so `webhook-<deliveryId>` rather than `webhook:<deliveryId>`.
 */
export const webhookJobId = (deliveryId: string): string => `webhook-${deliveryId}`;

/** Fixed id of the sweep's job scheduler: every worker start upserts the same one. */
export const WEBHOOK_SWEEP_SCHEDULER_ID = 'webhook-sweep';
/** Type of the ping a `POST …/:id/test` sends. */
export const WEBHOOK_PING_TYPE = 'webhook.ping';
