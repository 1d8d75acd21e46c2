import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError, type Actor, Clock, decodeTimeIdCursor, encodeCursor, isCentreRole, type Page } from '@app/common';
import { AuditService } from '@app/audit';
import { webhookOrganisationOf, type WebhookActorContext } from './webhook-endpoint.service';
import { WebhookQueue } from './webhook-queue';
import { WebhookSecretBox } from './webhook-secret-box';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';
import { fromStatuses, webhookDeliveryMachine, type WebhookDeliveryStatus } from './webhook-status';
import { WebhookTargets, type WebhookSendResult } from './webhook-targets';
import type { AdminWebhookDeliveryQuery, WebhookDeliveryQuery } from './webhook.dto';
import { WebhookError } from './webhook.errors';
import { type WebhookDeliveryRow, WebhookDeliveryView } from './webhook.views';

/** The outcome of one job run for a delivery. */
export type WebhookAttemptOutcome =
  | { outcome: 'missing' }
  | { outcome: 'skipped'; status: WebhookDeliveryStatus }
  | { outcome: 'throttled'; waitMs: number }
  | { outcome: 'delivered' | 'failed' | 'dead'; result: WebhookSendResult };

interface AttemptRow {
  id: string;
  event_key: string;
  type: string;
  payload: { occurredAt: string; data: Record<string, unknown> };
  status: WebhookDeliveryStatus;
  endpoint_id: string;
  url: string;
  secret: string;
  active: boolean;
}

const LIST_SQL = `
  SELECT d.id, d.endpoint_id, e.organisation_id, e.url, d.event_key, d.type, d.status, d.attempts,
         d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.delivered_at
    FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id`;

/**
 * Deliveries: sending one attempt (the worker), the lists (dead letters and history) for the
 * organisation admin and staff, replay and retry, and the sweep that re-queues rows whose job is missing.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly targets: WebhookTargets,
    private readonly queue: WebhookQueue,
    private readonly clock: Clock,
    private readonly box: WebhookSecretBox,
  ) {}

  /** The endpoint's signing secret in plaintext, or null (logged) when its sealed value cannot be opened. */
  private openSecret(row: Pick<AttemptRow, 'secret' | 'endpoint_id'>): string | null {
    try {
      return this.box.open(row.secret, row.endpoint_id);
    } catch (error) {
      this.logger.error((error as Error).message);
      return null;
    }
  }

  /** The body a delivery sends: the same bytes at every attempt. */
  static body(row: Pick<AttemptRow, 'id' | 'event_key' | 'type' | 'payload'>): string {
    return JSON.stringify({
      id: row.id,
      eventKey: row.event_key,
      type: row.type,
      occurredAt: row.payload.occurredAt,
      data: row.payload.data,
    });
  }

  /**
   * One attempt. A delivered or dead row is not sent again (a job run twice is harmless); the row
   * records the attempt whatever happens. `nextDelayMs` is the wait before the next attempt, or null
   * when this is the last one (then a failure makes the delivery dead).
   */
  async attempt(
    deliveryId: string,
    nextDelayMs: number | null,
    /** The endpoint's rate limit: how long this delivery must wait (0 = go now); nothing is recorded when it waits. */
    gate?: (endpointId: string) => Promise<number>,
  ): Promise<WebhookAttemptOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.event_key, d.type, d.payload, d.status, d.endpoint_id, e.url, e.secret, e.active
         FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
        WHERE d.id = $1`,
      [deliveryId],
    )) as AttemptRow[];
    if (!row) return { outcome: 'missing' };
    if (!webhookDeliveryMachine.available(row.status).includes('deliver'))
      return { outcome: 'skipped', status: row.status };
    if (row.active && gate) {
      const waitMs = await gate(row.endpoint_id);
      if (waitMs > 0) return { outcome: 'throttled', waitMs };
    }
    let result: WebhookSendResult;
    let secret: string | null = null;
    if (!row.active) {
      result = { ok: false, statusCode: null, error: 'endpoint inactive', durationMs: 0 };
    } else if ((secret = this.openSecret(row)) === null) {
      result = { ok: false, statusCode: null, error: 'signing secret cannot be opened', durationMs: 0 };
    } else {
      const body = WebhookDeliveryService.body(row);
      const timestamp = Math.floor(this.clock.now().getTime() / 1000);
      result = await this.targets.post(
        row.url,
        {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.idempotencyKey]: `${row.event_key}:${row.endpoint_id}`,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
        },
        body,
      );
    }
    const outcome = result.ok ? 'deliver' : !row.active || nextDelayMs === null ? 'exhaust' : 'fail_attempt';
    const status = webhookDeliveryMachine.next(row.status, outcome);
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE webhook_delivery
          SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4,
              next_attempt_at = $5, delivered_at = $6, updated_at = now()
        WHERE id = $1 AND status = ANY ($7::text[])`,
      [
        deliveryId,
        status,
        result.statusCode,
        // A receiver's answer may hold NUL, which PostgreSQL text refuses: the update would fail at every
        // attempt, the row would never record one nor become dead, and the sweep would retry it forever.
        result.error?.replaceAll('\u0000', '\ufffd') ?? null,
        outcome === 'fail_attempt' ? new Date(now.getTime() + (nextDelayMs ?? 0)) : null,
        result.ok ? now : null,
        fromStatuses(outcome),
      ],
    );
    return { outcome: status === 'delivered' ? 'delivered' : status === 'dead' ? 'dead' : 'failed', result };
  }

  /** The actor's organisation's deliveries (newest first), e.g. `?status=dead` for the dead letters. */
  listForOrganisation(actor: Actor, query: WebhookDeliveryQuery): Promise<Page<WebhookDeliveryView>> {
    return this.list({ ...query, organisationId: webhookOrganisationOf(actor) });
  }

  /** Every organisation's deliveries, for staff. */
  listAll(actor: Actor, query: AdminWebhookDeliveryQuery): Promise<Page<WebhookDeliveryView>> {
    if (!isCentreRole(actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    return this.list(query);
  }

  private async list(query: AdminWebhookDeliveryQuery): Promise<Page<WebhookDeliveryView>> {
    const limit = query.limit ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.organisationId) add('e.organisation_id = ?', query.organisationId);
    if (query.endpointId) add('d.endpoint_id = ?', query.endpointId);
    if (query.status) add('d.status = ?', query.status);
    if (query.cursor) {
      const [createdAt, id] = decodeTimeIdCursor(query.cursor);
      params.push(createdAt, id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `${LIST_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    )) as WebhookDeliveryRow[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => WebhookDeliveryView.of(r)),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.created_at).toISOString(), last.id]) : null,
    };
  }

  /**
   * The organisation admin sends a dead delivery again: a fresh round (attempts from 0, the full
   * retry schedule), the same event key and so the same Idempotency-Key.
   */
  async replay(ctx: WebhookActorContext, deliveryId: string): Promise<WebhookDeliveryView> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    return this.restart(ctx, deliveryId, 'replay', organisationId);
  }

  /** Staff retry a dead or failed delivery now (a fresh round, like a replay). */
  async retry(ctx: WebhookActorContext, deliveryId: string): Promise<WebhookDeliveryView> {
    if (!isCentreRole(ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    return this.restart(ctx, deliveryId, 'retry_now', null);
  }

  private async restart(
    ctx: WebhookActorContext,
    deliveryId: string,
    transition: 'replay' | 'retry_now',
    organisationId: string | null,
  ): Promise<WebhookDeliveryView> {
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `SELECT d.status FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
          WHERE d.id = $1 AND ($2::uuid IS NULL OR e.organisation_id = $2) FOR UPDATE OF d`,
        [deliveryId, organisationId],
      )) as { status: WebhookDeliveryStatus }[];
      if (!row) throw new WebhookError('WEBHOOK_DELIVERY_NOT_FOUND');
      if (!webhookDeliveryMachine.available(row.status).includes(transition))
        throw new WebhookError('WEBHOOK_DELIVERY_NOT_REPLAYABLE', { status: row.status });
      await em.query(
        `UPDATE webhook_delivery SET status = $2, attempts = 0, next_attempt_at = now(), updated_at = now()
          WHERE id = $1`,
        [deliveryId, webhookDeliveryMachine.next(row.status, transition)],
      );
      await this.audit.record(em, ctx, {
        action: transition === 'replay' ? 'webhook_delivery.replay' : 'webhook_delivery.retry',
        objectType: 'webhook_delivery',
        objectId: deliveryId,
        before: { status: row.status },
        after: { status: 'pending' },
      });
    });
    try {
      await this.queue.ensure(deliveryId, true);
    } catch (error) {
      this.logger.warn(`Delivery ${deliveryId} left pending for the sweep: ${(error as Error).message}`);
    }
    const [view] = (await this.dataSource.query(`${LIST_SQL} WHERE d.id = $1`, [deliveryId])) as WebhookDeliveryRow[];
    return WebhookDeliveryView.of(view);
  }

  /**
   * Re-queues open deliveries (pending, or failed with the next attempt due) untouched for `graceMs`
   * whose job is missing or finished — Redis was down when they were written, lost its data, or a
   * job was given up on. Idempotent: a delivery with a live job is left alone. Walks every candidate
   * in batches of `batch` (oldest first): a backlog of open deliveries with live jobs (throttled ones
   * wait for hours) must not hide a lost one behind it run after run.
   */
  async sweep(graceMs = 30_000, batch = 500): Promise<{ checked: number; requeued: number }> {
    let checked = 0;
    let requeued = 0;
    // The cursor's time as PostgreSQL's text (microseconds: a JS Date would cut them and loop over one batch).
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id, updated_at::text AS at FROM webhook_delivery
          WHERE status IN ('pending', 'failed')
            AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
            AND (status = 'pending' OR next_attempt_at < now() - make_interval(secs => $1::double precision / 1000))
            AND ($3::timestamptz IS NULL OR (updated_at, id) > ($3::timestamptz, $4::uuid))
          ORDER BY updated_at, id LIMIT $2`,
        [graceMs, batch, after?.at ?? null, after?.id ?? null],
      )) as { id: string; at: string }[];
      for (const { id } of rows) if (await this.queue.ensure(id)) requeued++;
      checked += rows.length;
      if (rows.length < batch) return { checked, requeued };
      after = rows[rows.length - 1];
    }
  }
}
