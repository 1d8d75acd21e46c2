import type { DeliveryStatus } from './delivery.dto';

/** A notification delivery as staff see it (the params stay out: they are in the recipient's inbox). */
export interface DeliveryView {
  id: string;
  eventKey: string;
  recipientUserId: string;
  recipientEmail: string;
  type: string;
  channel: 'email';
  status: DeliveryStatus;
  attempts: number;
  retries: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface DeliveryViewRow {
  id: string;
  event_key: string;
  recipient_user_id: string;
  email: string;
  type: string;
  channel: 'email';
  status: DeliveryStatus;
  attempts: number;
  retries: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

export function toDeliveryView(r: DeliveryViewRow): DeliveryView {
  return {
    id: r.id,
    eventKey: r.event_key,
    recipientUserId: r.recipient_user_id,
    recipientEmail: r.email,
    type: r.type,
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    retries: r.retries,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  };
}
