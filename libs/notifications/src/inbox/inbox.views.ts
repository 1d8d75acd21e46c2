import type { NotificationType } from '../notification-types';

/** One inbox entry as the API returns it (and the live stream pushes it). */
export interface InboxNotificationView {
  id: string;
  type: NotificationType;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxRow {
  id: string;
  type: string;
  params: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

export function toInboxView(row: InboxRow): InboxNotificationView {
  return {
    id: row.id,
    type: row.type as NotificationType,
    params: row.params,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
