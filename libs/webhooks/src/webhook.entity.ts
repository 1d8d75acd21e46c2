import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookDeliveryStatus } from './webhook-status';

/** An organisation's webhook endpoint: where its notifications are POSTed, signed with `secret`. */
@Entity('webhook_endpoint')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  url: string;

  /** The HMAC key: shown once (on create and on rotate), never in any other view or log. */
  @Column('text')
  secret: string;

  /** Notification types this endpoint receives; empty = all. */
  @Column('text', { name: 'event_types', array: true, default: () => "'{}'" })
  eventTypes: string[];

  @Column('boolean', { default: true })
  active: boolean;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One event for one endpoint (unique per endpoint and event key), with its attempts so far. */
@Entity('webhook_delivery')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Column('text', { name: 'event_key' })
  eventKey: string;

  @Column('text')
  type: string;

  /** `{occurredAt, data}`: the body is built from it at each attempt (same bytes every time). */
  @Column('jsonb')
  payload: { occurredAt: string; data: Record<string, unknown> };

  @Column('text')
  status: WebhookDeliveryStatus;

  @Column('int')
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('int', { name: 'last_status_code', nullable: true })
  lastStatusCode: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;
}
