import type { JobsOptions } from 'bullmq';

/** Queue names: the only place they are spelled. */
export const QUEUES = {
  /** Domain events relayed from the outbox; consumers fan out by job name (= event type). */
  domainEvents: 'domain-events',
  /** Time-driven scenario work: scheduled batch publication and the deadline sweep. */
  scenarioSchedule: 'scenario-schedule',
  /** Time-driven delivery work: the milestone sweep (due and overdue announcements). */
  deliverySchedule: 'delivery-schedule',
  /** Matching runs: a scenario against all verified vendors, a vendor against all open scenarios, the nightly rematch. */
  matching: 'matching',
  /** Notification fan-out (chunks of recipients), reminders and daily digests. */
  notifications: 'notifications',
  /** Email deliveries over SMTP (rate-limited). */
  email: 'email',
  /** Webhook deliveries per organisation endpoint (rate-limited, long backoff, dead letter). */
  webhooks: 'webhooks',
  /** Time-driven notification work of notify-prefs: the hourly proposal-deadline reminder sweep. */
  notificationReminders: 'notification-reminders',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/**
 * Defaults for every job: retried with exponential backoff; completed jobs are kept a week (by age,
 * not count, so a relay that re-sends an event within that window is deduplicated by its jobId).
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50000 },
};
