import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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

/** Webhook channel (stub: the webhooks context replaces the implementation, not the signature). */
@Injectable()
export class WebhookService {
  /** Records one delivery per active endpoint of each organisation and queues it (idempotent per eventKey+endpoint). */
  async enqueueForOrganisations(input: WebhookEventInput, em?: EntityManager): Promise<void> {
    void input;
    void em;
  }
}
