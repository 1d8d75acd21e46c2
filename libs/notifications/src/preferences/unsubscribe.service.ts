import { Injectable } from '@nestjs/common';
import type { LocalisedText } from '@app/common';
import { NOTIFICATION_TYPES } from '../notification-types';
import { NotificationSettingsError } from './notification-settings.errors';
import { NotificationPreferenceService } from './notification-preference.service';
import { NOTIFICATION_TYPE_LABELS } from './notification-type-labels';
import { UNSUBSCRIBE_ALL, UnsubscribeLinks, type UnsubscribeScope } from './unsubscribe-links';

const isFkViolation = (e: unknown) => (e as { driverError?: { code?: string } })?.driverError?.code === '23503';

const ALL_LABEL: LocalisedText = { 'zh-CN': '全部通知邮件', en: 'all notification emails' };

export interface UnsubscribeTarget {
  userId: string;
  type: UnsubscribeScope;
  label: LocalisedText;
}

/** One-click unsubscribe (RFC 8058): a signed token turns one type's emails (or all of them) off. */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly links: UnsubscribeLinks,
    private readonly preferences: NotificationPreferenceService,
  ) {}

  /** What a token unsubscribes from; a malformed or forged token is a 400 naming `token`. */
  target(token: string): UnsubscribeTarget {
    const verified = this.links.verify(token);
    if (!verified) throw new NotificationSettingsError('NOTIFICATION_UNSUBSCRIBE_TOKEN_INVALID', {}, 'token');
    const label = verified.type === UNSUBSCRIBE_ALL ? ALL_LABEL : NOTIFICATION_TYPE_LABELS[verified.type];
    return { ...verified, label };
  }

  /**
   * Sets the email mode of the token's type (or of every type) to `off`. Idempotent; a user who no
   * longer exists has nothing left to unsubscribe from, which is success too.
   */
  async unsubscribe(token: string): Promise<UnsubscribeTarget> {
    const target = this.target(token);
    const types = target.type === UNSUBSCRIBE_ALL ? NOTIFICATION_TYPES : [target.type];
    try {
      await this.preferences.setEmailModes(target.userId, types, 'off');
    } catch (e) {
      if (!isFkViolation(e)) throw e;
    }
    return target;
  }
}
