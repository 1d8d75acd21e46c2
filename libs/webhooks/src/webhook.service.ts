import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { WebhookQueue } from './webhook-queue';

/** What the notification router hands to the webhook channel: one event for some organisations. */
export interface WebhookEventInput {
  /** Stable per event (e.g. the domain event id, or `<eventId>:<notificationType>`): the Idempotency-Key base. */
  eventKey: string;
  /** Notification type, e.g. `scenario.matched`, `award.result`. */
  type: string;
  occurredAt: string;
  organisationIds: string[];
  /** What the receiving system gets as `data` (ids, statuses, titles: never sealed content). */
  data: Record<string, unknown>;
}

/**
 * Inserts one delivery per active endpoint of the organisations that takes the type (empty
 * `event_types` = all), skipping (endpoint, event key) pairs that exist already. Returns the new ids.
 */
export async function insertWebhookDeliveries(em: EntityManager, input: WebhookEventInput): Promise<string[]> {
  if (input.organisationIds.length === 0) return [];
  const rows = (await em.query(
    `INSERT INTO webhook_delivery (endpoint_id, event_key, type, payload, status, next_attempt_at)
     SELECT e.id, $1, $2, $3::jsonb, 'pending', now()
       FROM webhook_endpoint e
      WHERE e.organisation_id = ANY ($4::uuid[])
        AND e.active
        AND (cardinality(e.event_types) = 0 OR $2 = ANY (e.event_types))
     ON CONFLICT (endpoint_id, event_key) DO NOTHING
     RETURNING id`,
    [
      input.eventKey,
      input.type,
      JSON.stringify({ occurredAt: input.occurredAt, data: input.data }),
      [...new Set(input.organisationIds)],
    ],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/**
 * The webhook channel's entry point for the notification router. Rows are written in the caller's
 * transaction when `em` is one, and their jobs queued only once it has committed (a TypeORM
 * transaction subscriber), so a job never runs before its row exists and a rolled-back event
 * queues nothing. A job that cannot be queued (Redis down) leaves its row `pending` for the sweep.
 */
@Injectable()
export class WebhookService implements OnModuleInit, EntitySubscriberInterface {
  /** Deliveries written in a transaction still open, by its query runner. */
  private readonly afterCommit = new WeakMap<QueryRunner, string[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: WebhookQueue,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Records one delivery per active endpoint of each organisation and queues it (idempotent per eventKey+endpoint). */
  async enqueueForOrganisations(input: WebhookEventInput, em?: EntityManager): Promise<void> {
    const runner = em?.queryRunner;
    if (em && runner?.isTransactionActive) {
      const ids = await insertWebhookDeliveries(em, input);
      if (ids.length) this.afterCommit.set(runner, [...(this.afterCommit.get(runner) ?? []), ...ids]);
      return;
    }
    const ids = await (em ?? this.dataSource.manager).transaction((tx) => insertWebhookDeliveries(tx, input));
    await this.queue.add(ids);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    // A savepoint released inside a larger transaction is not a commit yet.
    if (runner.isTransactionActive) return;
    const ids = this.afterCommit.get(runner);
    if (!ids) return;
    this.afterCommit.delete(runner);
    await this.queue.add(ids); // never throws: failures leave the rows to the sweep
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.afterCommit.delete(event.queryRunner);
  }
}
