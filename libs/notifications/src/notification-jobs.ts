import type { NotificationParamsMap, NotificationType } from './notification-types';

/** Job names on `QUEUES.notifications`. */
export const NOTIFICATION_JOBS = {
  /** One notification for a set of recipients: resolves them in keyset pages and queues chunk jobs. */
  fanout: 'notification-fanout',
  /** Up to NOTIFICATION_CHUNK_SIZE recipients: in-app rows, delivery rows, emails. */
  chunk: 'notification-chunk',
  /** One email delivery retried by staff. */
  retryDelivery: 'notification-retry-delivery',
  /** The daily digest (repeatable, 08:00 Asia/Shanghai). */
  dailyDigest: 'notification-daily-digest',
} as const;

/** Fixed job-scheduler id of the daily digest: one schedule however many workers start. */
export const DAILY_DIGEST_SCHEDULER_ID = 'notification-daily-digest';
export const DAILY_DIGEST_CRON = '0 8 * * *';
export const DAILY_DIGEST_TZ = 'Asia/Shanghai';

/**
 * Who receives a notification: users named one by one, and every active user of some organisations
 * followers of a scenario, the vendors bidding on it. Resolved in keyset pages by user id in SQL,
 * never all at once.
 */
export interface RecipientSpec {
  userIds?: string[];
  organisationIds?: string[];
  /** Every user following this scenario. */
  followersOfScenarioId?: string;
  /** Every user of the lead and confirmed members of this scenario's proposals in these statuses. */
  proposersOf?: { scenarioId: string; statuses: string[] };
}

/**
 * One notification to send: `eventKey` is `<domain event id>:<type>` (plus `~<discriminator>` when one
 * event raises several notifications of one type with different params, e.g. per proposal). It is
 * the exactly-once key with each recipient, and the base of every job id and idempotency key.
 */
export interface NotificationIntent<T extends NotificationType = NotificationType> {
  eventKey: string;
  type: T;
  params: NotificationParamsMap[T];
  recipients: RecipientSpec;
  /** Organisations whose webhook endpoints also get the event (vendors, agencies; not persons). */
  webhookOrganisationIds?: string[];
  occurredAt: string;
}

export interface FanoutJobData {
  intent: NotificationIntent;
}

export interface FanoutProgress {
  /** Chunks queued so far and the last user id they covered: a retried fan-out resumes there. */
  chunks: number;
  afterUserId: string | null;
  webhooksQueued: boolean;
}

export interface ChunkJobData {
  eventKey: string;
  type: NotificationType;
  params: Record<string, unknown>;
  userIds: string[];
  chunkNo: number;
}

export interface RetryDeliveryJobData {
  deliveryId: string;
}

/** `<eventId>:<type>` (+ `~<discriminator>`): two colon-free parts, so job ids `<eventKey>:<suffix>` are valid in BullMQ. */
export function eventKeyOf(eventId: string, type: NotificationType, discriminator?: string): string {
  const key = `${eventId}:${type}${discriminator ? `~${discriminator}` : ''}`;
  if (key.split(':').length !== 2) throw new Error(`Event key parts must not contain ':' (${key})`);
  return key;
}
