import { randomBytes } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock, decodeTimeIdCursor, encodeCursor, huzhouDate, type Page } from '@app/common';
import { AppConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import {
  EmailTransport,
  escapeHtml,
  listUnsubscribeHeaders,
  messageIdFor,
  RawEmailTemplate,
  renderDigestEmail,
  renderNotificationEmail,
  UNSUBSCRIBE_ALL,
  UnsubscribeLinks,
} from '../channels.module';
import { NOTIFICATION_JOBS, type RetryDeliveryJobData } from '../notification-jobs';
import type { NotificationLocale, NotificationType } from '../notification-types';
import { NotificationError } from '../notifications.errors';
import { deliveryGuard } from './email-delivery-status';
import { EmailRateLimiter } from './email-rate-limiter';
import { SentMarks } from './sent-marks';
import type { DeliveryListQuery } from './delivery.dto';
import { type DeliveryView, toDeliveryView, type DeliveryViewRow } from './delivery.views';

interface PendingRow {
  id: string;
  recipient_user_id: string;
  email: string;
  locale: string;
  type: NotificationType;
  params: Record<string, unknown>;
  idempotency_key: string;
  attempts: number;
}

export interface SendOutcome {
  sent: number;
  /** Marked failed now (attempts exhausted). */
  failed: number;
  /** Failed this time, to be retried. */
  retrying: number;
  lastError?: string;
}

interface PreparedEmail {
  template: RawEmailTemplate;
  /** The rendered parts split at the unsubscribe placeholder (joined with each recipient's URL). */
  html: string[];
  text: string[];
}

/**
 * Stands for the recipient's unsubscribe URL in an email rendered once for many recipients (random
 * per process, so no text a user typed into a param can match it).
 */
const UNSUBSCRIBE_PLACEHOLDER = `https://sx-unsubscribe-${randomBytes(12).toString('hex')}.invalid/u`;

const DIGEST_PAGE = 200;
const DIGEST_ITEMS_MAX = 100;

/**
 * The email channel: sends pending deliveries one row at a time per lane (rate-limited across
 * workers), marks each sent right after its send (marks of parallel lanes grouped, see SentMarks), counts failed attempts and gives up after
 * NOTIFICATION_EMAIL_MAX_ATTEMPTS (status failed: listed to staff, who may retry). Every email
 * carries its delivery's idempotency key (`X-Idempotency-Key`, Message-ID) so receivers can drop repeats.
 */
@Injectable()
export class EmailDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailDeliveryService.name);
  readonly marks: SentMarks;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly transport: EmailTransport,
    private readonly links: UnsubscribeLinks,
    private readonly limiter: EmailRateLimiter,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {
    this.marks = new SentMarks(dataSource, () => clock.now());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.marks.release();
  }

  /** The recipient's email language (app_user.locale; anything unexpected reads as zh-CN). */
  private localeOf(stored: string | null | undefined): NotificationLocale {
    return stored === 'en' ? 'en' : 'zh-CN';
  }

  private async pending(where: string, params: unknown[]): Promise<PendingRow[]> {
    return (await this.dataSource.query(
      `SELECT d.id, d.recipient_user_id, u.email, u.locale, d.type, d.params, d.idempotency_key, d.attempts
         FROM notification_delivery d JOIN app_user u ON u.id = d.recipient_user_id
        WHERE d.channel = 'email' AND d.status = 'pending' AND ${where}
        ORDER BY d.recipient_user_id`,
      params,
    )) as PendingRow[];
  }

  /** Sends the pending emails of one event to these users (a chunk's). */
  async sendPendingFor(eventKey: string, userIds: string[], signal?: AbortSignal): Promise<SendOutcome> {
    if (!userIds.length) return { sent: 0, failed: 0, retrying: 0 };
    // One index lookup per user (the LATERAL with LIMIT cannot be flattened into a join, which the
    // planner could run as a scan of the whole event per chunk: quadratic over a large fan-out).
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.recipient_user_id, u.email, u.locale,
              d.type, d.params, d.idempotency_key, d.attempts
         FROM unnest($2::uuid[]) AS x(user_id)
         CROSS JOIN LATERAL (
           SELECT * FROM notification_delivery d
            WHERE d.event_key = $1 AND d.recipient_user_id = x.user_id AND d.channel = 'email'
              AND (d.status = 'pending') IS TRUE
            LIMIT 1) d
         CROSS JOIN LATERAL (SELECT a.email, a.locale FROM app_user a WHERE a.id = d.recipient_user_id) u
        ORDER BY d.recipient_user_id`,
      [eventKey, userIds],
    )) as PendingRow[];
    return this.sendRows(rows, signal);
  }

  /** Sends one delivery (a staff retry). */
  async sendDelivery(deliveryId: string): Promise<SendOutcome> {
    return this.sendRows(await this.pending(`d.id = $1`, [deliveryId]));
  }

  /**
   * Sends rows in NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB lanes. A lane sends one email, waits until its
   * row is marked sent (SentMarks: the marks of every lane and job in this process share one UPDATE
   * per round trip), then sends the next: after a crash at most one email per lane may go again,
   * with the same idempotency key. A failed send is recorded on its row at once (attempts, error).
   */
  private async sendRows(rows: PendingRow[], signal?: AbortSignal): Promise<SendOutcome> {
    const outcome: SendOutcome = { sent: 0, failed: 0, retrying: 0 };
    if (!rows.length) return outcome;
    const prepared = new Map<string, PreparedEmail | null>();
    const inFlight = Math.max(1, this.config.NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB);
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        if (signal?.aborted) throw new Error('Aborted while sending emails');
        const row = rows[next++];
        await this.sendRow(row, outcome, prepared, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, rows.length) }, lane));
    return outcome;
  }

  /**
   * The email of one (type, params, locale) rendered once, with a placeholder where each recipient's
   * unsubscribe URL goes, and its MIME template: every recipient of a chunk gets the same words, so
   * only the URL, To, Message-ID and the idempotency headers are written per recipient. Null when
   * the rendering does not carry the placeholder in both parts (then each email is rendered whole).
   */
  private prepare(row: PendingRow, locale: NotificationLocale, cache: Map<string, PreparedEmail | null>) {
    const cacheKey = `${row.type}\u0000${locale}\u0000${JSON.stringify(row.params)}`;
    if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;
    let prepared: PreparedEmail | null = null;
    const rendered = renderNotificationEmail(row.type, row.params, locale, {
      appUrl: this.config.PUBLIC_BASE_URL,
      unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    });
    const template = this.transport.template(rendered.subject, this.clock.now());
    if (
      template &&
      rendered.html.includes(UNSUBSCRIBE_PLACEHOLDER) &&
      rendered.text.includes(UNSUBSCRIBE_PLACEHOLDER)
    ) {
      prepared = {
        template,
        html: rendered.html.split(UNSUBSCRIBE_PLACEHOLDER),
        text: rendered.text.split(UNSUBSCRIBE_PLACEHOLDER),
      };
    }
    cache.set(cacheKey, prepared);
    return prepared;
  }

  private async sendOne(row: PendingRow, cache: Map<string, PreparedEmail | null>): Promise<void> {
    const locale = this.localeOf(row.locale);
    const unsubscribeUrl = this.links.urlFor(row.recipient_user_id, row.type);
    const headers = { 'X-Idempotency-Key': row.idempotency_key, ...listUnsubscribeHeaders(unsubscribeUrl) };
    const prepared = this.prepare(row, locale, cache);
    if (prepared && RawEmailTemplate.canBuild(row.email, headers)) {
      const raw = prepared.template.build({
        to: row.email,
        messageId: messageIdFor(row.idempotency_key, this.config.MAIL_FROM),
        headers,
        html: prepared.html.join(escapeHtml(unsubscribeUrl)),
        text: prepared.text.join(unsubscribeUrl),
      });
      await this.transport.sendRaw(row.email, raw);
      return;
    }
    const rendered = renderNotificationEmail(row.type, row.params, locale, {
      appUrl: this.config.PUBLIC_BASE_URL,
      unsubscribeUrl,
    });
    await this.transport.send({
      to: row.email,
      ...rendered,
      idempotencyKey: row.idempotency_key,
      headers: listUnsubscribeHeaders(unsubscribeUrl),
    });
  }

  private async sendRow(
    row: PendingRow,
    outcome: SendOutcome,
    cache: Map<string, PreparedEmail | null>,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.limiter.acquire(signal);
    try {
      await this.sendOne(row, cache);
    } catch (error) {
      const message = (error as Error).message?.slice(0, 1000) ?? String(error);
      const exhausted = row.attempts + 1 >= this.config.NOTIFICATION_EMAIL_MAX_ATTEMPTS;
      const guard = deliveryGuard(exhausted ? 'exhaust' : 'fail_attempt');
      await this.dataSource.query(
        `UPDATE notification_delivery SET attempts = attempts + 1, last_error = $2, status = $3, updated_at = $4
          WHERE id = $1 AND (status = ANY ($5::text[])) IS TRUE`, // by primary key, never the status index (SentMarks)
        [row.id, message, guard.to, this.clock.now(), guard.from],
      );
      if (exhausted) outcome.failed++;
      else outcome.retrying++;
      outcome.lastError = message;
      return;
    }
    await this.marks.mark(row.id);
    outcome.sent++;
  }

  /** Deliveries by status for staff (failed by default), most recently changed first. */
  async list(query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [query.status ?? 'failed', limit + 1];
    let where = `d.status = $1`;
    if (query.cursor) {
      const [updatedAt, id] = decodeTimeIdCursor(query.cursor);
      params.push(updatedAt, id);
      where += ` AND (d.updated_at, d.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.event_key, d.recipient_user_id, u.email, d.type, d.channel, d.status, d.attempts, d.retries,
              d.last_error, d.created_at, d.updated_at, d.sent_at
         FROM notification_delivery d JOIN app_user u ON u.id = d.recipient_user_id
        WHERE ${where} ORDER BY d.updated_at DESC, d.id DESC LIMIT $2`,
      params,
    )) as DeliveryViewRow[];
    const items = rows.slice(0, limit).map(toDeliveryView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt, last.id]) : null };
  }

  /** Staff: a failed delivery back to pending with fresh attempts, sent by a job. */
  async retry(deliveryId: string): Promise<DeliveryView> {
    const guard = deliveryGuard('retry');
    const [rows] = (await this.dataSource.query(
      `UPDATE notification_delivery SET status = $3, attempts = 0, retries = retries + 1, updated_at = $2
        WHERE id = $1 AND status = ANY ($4::text[]) RETURNING id, retries`,
      [deliveryId, this.clock.now(), guard.to, guard.from],
    )) as [{ id: string; retries: number }[], number];
    if (!rows.length) {
      const exists = (await this.dataSource.query(`SELECT 1 FROM notification_delivery WHERE id = $1`, [
        deliveryId,
      ])) as unknown[];
      throw new NotificationError(
        exists.length ? 'NOTIFICATION_DELIVERY_NOT_FAILED' : 'NOTIFICATION_DELIVERY_NOT_FOUND',
      );
    }
    await this.queue.add(NOTIFICATION_JOBS.retryDelivery, { deliveryId } satisfies RetryDeliveryJobData, {
      ...DEFAULT_JOB_OPTIONS,
      jobId: `retry-${deliveryId}-${rows[0].retries}`,
    });
    const [view] = (await this.dataSource.query(
      `SELECT d.id, d.event_key, d.recipient_user_id, u.email, d.type, d.channel, d.status, d.attempts, d.retries,
              d.last_error, d.created_at, d.updated_at, d.sent_at
         FROM notification_delivery d JOIN app_user u ON u.id = d.recipient_user_id WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryViewRow[];
    return toDeliveryView(view);
  }

  /**
   * The daily digest: per user with digest_pending rows, one email listing them, then the rows are
   * marked sent. Once per user and Huzhou day (notification_digest); a crash after the send and before
   * the marks repeats that user's digest with the same idempotency key.
   */
  async sendDigests(signal?: AbortSignal): Promise<{ users: number; items: number }> {
    const day = huzhouDate(this.clock.now());
    let after: string | null = null;
    const totals = { users: 0, items: 0 };
    for (;;) {
      const users = (await this.dataSource.query(
        `SELECT DISTINCT d.recipient_user_id AS id FROM notification_delivery d
          WHERE d.status = 'digest_pending' AND ($1::uuid IS NULL OR d.recipient_user_id > $1::uuid)
            AND NOT EXISTS (SELECT 1 FROM notification_digest g
                             WHERE g.user_id = d.recipient_user_id AND g.day = $2 AND g.sent_at IS NOT NULL)
          ORDER BY 1 LIMIT $3`,
        [after, day, DIGEST_PAGE],
      )) as { id: string }[];
      if (!users.length) break;
      for (const { id } of users) {
        if (signal?.aborted) throw new Error('Digest aborted');
        totals.items += await this.sendDigest(id, day);
        totals.users++;
      }
      after = users[users.length - 1].id;
    }
    return totals;
  }

  private async sendDigest(userId: string, day: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.type, d.params, d.created_at, u.email, u.locale FROM notification_delivery d
         JOIN app_user u ON u.id = d.recipient_user_id
        WHERE d.recipient_user_id = $1 AND d.status = 'digest_pending' ORDER BY d.created_at, d.id LIMIT $2`,
      [userId, DIGEST_ITEMS_MAX],
    )) as {
      id: string;
      type: NotificationType;
      params: Record<string, unknown>;
      created_at: Date;
      email: string;
      locale: string;
    }[];
    if (!rows.length) return 0;
    await this.dataSource.query(
      `INSERT INTO notification_digest (user_id, day, items) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, day) DO UPDATE SET items = EXCLUDED.items WHERE notification_digest.sent_at IS NULL`,
      [userId, day, rows.length],
    );
    // A digest mixes types: its link turns every notification email off.
    const unsubscribeUrl = this.links.urlFor(userId, UNSUBSCRIBE_ALL);
    const rendered = renderDigestEmail(
      rows.map((r) => ({ type: r.type, params: r.params, createdAt: new Date(r.created_at).toISOString() })),
      this.localeOf(rows[0].locale),
      { appUrl: this.config.PUBLIC_BASE_URL, unsubscribeUrl },
    );
    await this.limiter.acquire();
    await this.transport.send({
      to: rows[0].email,
      ...rendered,
      idempotencyKey: `digest:${userId}:${day}`,
      headers: listUnsubscribeHeaders(unsubscribeUrl),
    });
    const now = this.clock.now();
    const guard = deliveryGuard('send_digest');
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `UPDATE notification_delivery SET status = $4, sent_at = $2, updated_at = $2, digest_day = $3,
                attempts = attempts + 1
          WHERE id = ANY ($1::uuid[]) AND status = ANY ($5::text[])`,
        [rows.map((r) => r.id), now, day, guard.to, guard.from],
      );
      await em.query(`UPDATE notification_digest SET sent_at = $3 WHERE user_id = $1 AND day = $2`, [userId, day, now]);
    });
    return rows.length;
  }
}
