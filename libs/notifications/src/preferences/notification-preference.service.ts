import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type FieldViolation, ValidationFailedError } from '@app/common';
import { IdentityError } from '@app/identity';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types';
import {
  type ChannelModes,
  defaultModes,
  type EmailMode,
  type InAppMode,
  isModeAllowed,
  type NotificationChannel,
  type NotificationMode,
} from './notification-modes';
import { NOTIFICATION_TYPE_LABELS } from './notification-type-labels';
import type { UpdateNotificationPreferencesDto } from './notification-preference.dto';
import type { NotificationPreferencesView } from './notification-preference.views';

export type { ChannelModes, EmailMode, InAppMode } from './notification-modes';

interface PreferenceRow {
  user_id: string;
  type: string;
  channel: NotificationChannel;
  mode: NotificationMode;
}

const isFkViolation = (e: unknown) => (e as { driverError?: { code?: string } })?.driverError?.code === '23503';

/** Rules of a preferences update beyond each item's shape: the mode fits the channel, no item twice. */
export function preferenceUpdateViolations(items: UpdateNotificationPreferencesDto['items']): FieldViolation[] {
  const out: FieldViolation[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!isModeAllowed(item.channel, item.mode))
      out.push({ field: `items[${i}].mode`, rule: 'notificationModeForChannel' });
    const key = `${item.type}|${item.channel}`;
    if (seen.has(key)) out.push({ field: `items[${i}]`, rule: 'notificationItemDuplicate' });
    seen.add(key);
  });
  return out;
}

/**
 * Per user, per notification type, per channel: instant, daily digest (email only) or off. A row
 * exists only where the user chose something; everything else is `defaultModes(type)`.
 */
@Injectable()
export class NotificationPreferenceService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every given user's modes for one type (defaults where the user chose nothing); one query. */
  async modesFor(userIds: string[], type: NotificationType, em?: EntityManager): Promise<Map<string, ChannelModes>> {
    const out = new Map<string, ChannelModes>();
    if (userIds.length === 0) return out;
    for (const id of userIds) out.set(id, defaultModes(type));
    const rows = (await (em ?? this.dataSource).query(
      `SELECT user_id, channel, mode FROM notification_preference WHERE user_id = ANY ($1::uuid[]) AND type = $2`,
      [userIds, type],
    )) as PreferenceRow[];
    for (const r of rows) {
      const modes = out.get(r.user_id);
      if (!modes) continue;
      if (r.channel === 'in_app') modes.inApp = r.mode as InAppMode;
      else modes.email = r.mode as EmailMode;
    }
    return out;
  }

  /** A user's modes for every type, with the labels and the defaults (the preferences screen). */
  async list(userId: string, em?: EntityManager): Promise<NotificationPreferencesView> {
    const rows = (await (em ?? this.dataSource).query(
      `SELECT user_id, type, channel, mode FROM notification_preference WHERE user_id = $1`,
      [userId],
    )) as PreferenceRow[];
    const chosen = new Map(rows.map((r) => [`${r.type}|${r.channel}`, r.mode]));
    return {
      items: NOTIFICATION_TYPES.map((type) => {
        const defaults = defaultModes(type);
        return {
          type,
          label: NOTIFICATION_TYPE_LABELS[type],
          inApp: (chosen.get(`${type}|in_app`) as InAppMode | undefined) ?? defaults.inApp,
          email: (chosen.get(`${type}|email`) as EmailMode | undefined) ?? defaults.email,
          defaults,
        };
      }),
    };
  }

  /** Sets the given (type, channel) modes, leaving the others; returns the whole list as it now is. */
  async update(userId: string, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesView> {
    const violations = preferenceUpdateViolations(dto.items);
    if (violations.length) throw new ValidationFailedError(violations);
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.upsert(em, userId, dto.items);
        return this.list(userId, em);
      });
    } catch (e) {
      if (isFkViolation(e)) throw new IdentityError('IDENTITY_USER_NOT_FOUND');
      throw e;
    }
  }

  /** Sets some types' email mode (the one-click unsubscribe). */
  async setEmailModes(
    userId: string,
    types: readonly NotificationType[],
    mode: EmailMode,
    em?: EntityManager,
  ): Promise<void> {
    await this.upsert(
      em ?? this.dataSource.manager,
      userId,
      types.map((type) => ({ type, channel: 'email', mode })),
    );
  }

  private async upsert(
    em: EntityManager,
    userId: string,
    items: { type: NotificationType; channel: NotificationChannel; mode: NotificationMode }[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO notification_preference (user_id, type, channel, mode)
       SELECT $1, i.type, i.channel, i.mode
         FROM unnest($2::text[], $3::text[], $4::text[]) AS i (type, channel, mode)
       ON CONFLICT (user_id, type, channel) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
      [userId, items.map((i) => i.type), items.map((i) => i.channel), items.map((i) => i.mode)],
    );
  }
}
