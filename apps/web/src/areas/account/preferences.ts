import type { NotificationChannel, NotificationMode, NotificationPreference, PreferenceChange } from './types';

/** The channels in the order the table shows them. */
export const CHANNELS: readonly NotificationChannel[] = ['in_app', 'email'];

/** What each channel allows: the inbox has no digest (libs/notifications/src/preferences/notification-modes.ts). */
export const MODES_BY_CHANNEL: Record<NotificationChannel, readonly NotificationMode[]> = {
  in_app: ['instant', 'off'],
  email: ['instant', 'digest', 'off'],
};

/** A preference (or its defaults) on one channel: the API names the channels `inApp` and `email` there. */
export function modeOf(
  modes: Pick<NotificationPreference, 'inApp' | 'email'>,
  channel: NotificationChannel,
): NotificationMode {
  return channel === 'in_app' ? modes.inApp : modes.email;
}

/** The changes that put every type back on its defaults (nothing for what already is). */
export function changesToDefaults(items: readonly NotificationPreference[]): PreferenceChange[] {
  return items.flatMap((p) =>
    CHANNELS.filter((c) => modeOf(p, c) !== modeOf(p.defaults, c)).map((channel) => ({
      type: p.type,
      channel,
      mode: modeOf(p.defaults, channel),
    })),
  );
}
