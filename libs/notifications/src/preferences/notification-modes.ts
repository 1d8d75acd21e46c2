import type { NotificationType } from '../notification-types';

export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_MODES = ['instant', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
export type InAppMode = 'instant' | 'off';
export type EmailMode = 'instant' | 'digest' | 'off';

/** What one user gets for one notification type, per channel. */
export interface ChannelModes {
  inApp: InAppMode;
  email: EmailMode;
}

/** The modes a channel allows: the in-app inbox has no digest. */
export const MODES_BY_CHANNEL: Record<NotificationChannel, readonly NotificationMode[]> = {
  in_app: ['instant', 'off'],
  email: ['instant', 'digest', 'off'],
};

export function isModeAllowed(channel: NotificationChannel, mode: NotificationMode): boolean {
  return MODES_BY_CHANNEL[channel].includes(mode);
}

/**
 * Types whose emails are frequent and not urgent: gathered in the daily digest unless the user asks
 * otherwise. Decisions, awards, deadlines and everything else personal go out at once.
 */
const DIGEST_BY_DEFAULT: ReadonlySet<NotificationType> = new Set<NotificationType>([
  'scenario.matched',
  'saved_search.matched',
  'scenario.question_answered',
]);

/** The modes of a user who has chosen nothing for this type. */
export function defaultModes(type: NotificationType): ChannelModes {
  return { inApp: 'instant', email: DIGEST_BY_DEFAULT.has(type) ? 'digest' : 'instant' };
}
