import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, Clock, decodeTimeIdCursor, encodeCursor, type Page } from '@app/common';
import { NotificationError } from '../notifications.errors';
import type { InboxQuery } from './inbox.dto';
import { type InboxNotificationView, type InboxRow, toInboxView } from './inbox.views';

const DEFAULT_LIMIT = 20;

/** The caller's in-app inbox: always scoped to the actor's own user id. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: InboxQuery): Promise<Page<InboxNotificationView>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [actor.userId, limit + 1];
    let where = `recipient_user_id = $1`;
    if (query.unread) where += ` AND read_at IS NULL`;
    if (query.cursor) {
      const [createdAt, id] = decodeTimeIdCursor(query.cursor);
      params.push(createdAt, id);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT id, type, params, created_at, read_at FROM notification WHERE ${where}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    )) as InboxRow[];
    const items = rows.slice(0, limit).map(toInboxView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null };
  }

  /** Whether a token's user may open a live stream (exists and is active; checked once per connection). */
  async isActiveUser(userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM app_user WHERE id = $1 AND status = 'active'`, [
      userId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return row.n;
  }

  /** Marks one of the caller's notifications read (idempotent); another user's is 404, never revealed. */
  async markRead(actor: Actor, id: string): Promise<{ unreadCount: number }> {
    const rows = (await this.dataSource.query(
      `UPDATE notification SET read_at = coalesce(read_at, $3) WHERE id = $1 AND recipient_user_id = $2 RETURNING id`,
      [id, actor.userId, this.clock.now()],
    )) as [unknown[], number];
    if (!rows[0].length) throw new NotificationError('NOTIFICATION_NOT_FOUND');
    return { unreadCount: await this.unreadCount(actor.userId) };
  }

  async markAllRead(actor: Actor): Promise<{ marked: number; unreadCount: number }> {
    const [, marked] = (await this.dataSource.query(
      `UPDATE notification SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [actor.userId, this.clock.now()],
    )) as [unknown[], number];
    return { marked, unreadCount: await this.unreadCount(actor.userId) };
  }
}
