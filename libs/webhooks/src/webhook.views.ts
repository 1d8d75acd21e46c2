import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookEndpointEntity } from './webhook.entity';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from './webhook-status';

export class WebhookEndpointView {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String], description: 'Empty = all types' }) eventTypes: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  /** Only in the answers to create and rotate-secret: store it, it is never shown again. */
  @ApiPropertyOptional({ description: 'Only on create and rotate-secret: shown once' }) secret?: string;

  /** `secret`: the plaintext, given only by create and rotate (the entity holds it sealed). */
  static of(e: WebhookEndpointEntity, secret?: string): WebhookEndpointView {
    const v = new WebhookEndpointView();
    v.id = e.id;
    v.organisationId = e.organisationId;
    v.url = e.url;
    v.eventTypes = [...e.eventTypes];
    v.active = e.active;
    v.createdBy = e.createdBy;
    v.createdAt = new Date(e.createdAt).toISOString();
    v.updatedAt = new Date(e.updatedAt).toISOString();
    if (secret !== undefined) v.secret = secret;
    return v;
  }
}

/** A delivery row as the lists read it (joined with its endpoint). */
export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  organisation_id: string;
  url: string;
  event_key: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export class WebhookDeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() endpointId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() url: string;
  @ApiProperty() eventKey: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts in the current round (a replay starts again at 0)' }) attempts: number;
  @ApiProperty({ nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) deliveredAt: string | null;

  static of(r: WebhookDeliveryRow): WebhookDeliveryView {
    const v = new WebhookDeliveryView();
    v.id = r.id;
    v.endpointId = r.endpoint_id;
    v.organisationId = r.organisation_id;
    v.url = r.url;
    v.eventKey = r.event_key;
    v.type = r.type;
    v.status = r.status;
    v.attempts = r.attempts;
    v.nextAttemptAt = iso(r.next_attempt_at);
    v.lastStatusCode = r.last_status_code;
    v.lastError = r.last_error;
    v.createdAt = iso(r.created_at)!;
    v.deliveredAt = iso(r.delivered_at);
    return v;
  }
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] }) items: WebhookDeliveryView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}
