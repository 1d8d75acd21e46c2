import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { isNotificationType, type NotificationType } from '../notification-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/;
/** Bumped if the token format changes; old links then stop working (bad token: 400). */
const VERSION = 'u1';

export const UNSUBSCRIBE_PATH = '/api/v1/notifications/unsubscribe';

/** A link for every notification email at once (used in the daily digest). */
export const UNSUBSCRIBE_ALL = 'all';
/** What one link unsubscribes from: one notification type, or every email (`all`). */
export type UnsubscribeScope = NotificationType | typeof UNSUBSCRIBE_ALL;

const isScope = (value: string | undefined): value is UnsubscribeScope =>
  value === UNSUBSCRIBE_ALL || isNotificationType(value);

/** The token's payload, before signing: version, user and type (base64url of `u1:<userId>:<type>`). */
function payloadOf(userId: string, type: UnsubscribeScope): string {
  return Buffer.from(`${VERSION}:${userId}:${type}`, 'utf8').toString('base64url');
}

/** HMAC-SHA256 over the payload with the secret, base64url (43 characters). */
export function signUnsubscribePayload(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`unsubscribe.${payload}`).digest('base64url');
}

export function unsubscribeToken(secret: string, userId: string, type: UnsubscribeScope): string {
  const payload = payloadOf(userId.toLowerCase(), type);
  return `${payload}.${signUnsubscribePayload(secret, payload)}`;
}

/** The user and type a token names, or null when it is malformed or its signature is not ours. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; type: UnsubscribeScope } | null {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const [payload, signature] = token.split('.');
  const expected = Buffer.from(signUnsubscribePayload(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [version, userId, type, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (version !== VERSION || rest.length || !UUID.test(userId ?? '') || !isScope(type)) return null;
  return { userId, type };
}

/**
 * Signed one-click unsubscribe links (RFC 8058): one per (user, notification type) — or `all` for
 * every email, as in the daily digest — signed with
 * NOTIFICATION_UNSUBSCRIBE_SECRET so nobody can unsubscribe somebody else. Links do not expire (an
 * old email's link still works); rotating the secret invalidates them all.
 */
@Injectable()
export class UnsubscribeLinks {
  constructor(private readonly config: AppConfig) {}

  /** The signed token for (user, type). */
  tokenFor(userId: string, type: UnsubscribeScope): string {
    return unsubscribeToken(this.config.NOTIFICATION_UNSUBSCRIBE_SECRET, userId, type);
  }

  /** Absolute URL of the one-click unsubscribe endpoint for (user, type): GET shows a page, POST unsubscribes. */
  urlFor(userId: string, type: UnsubscribeScope): string {
    return `${this.config.PUBLIC_BASE_URL}${UNSUBSCRIBE_PATH}?token=${this.tokenFor(userId, type)}`;
  }

  /** The token's user and type, or null when it is malformed or forged. */
  verify(token: string): { userId: string; type: UnsubscribeScope } | null {
    return verifyUnsubscribeToken(this.config.NOTIFICATION_UNSUBSCRIBE_SECRET, token);
  }
}
