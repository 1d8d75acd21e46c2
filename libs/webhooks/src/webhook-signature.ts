import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a webhook delivery (lower case on the wire is fine: HTTP headers are case-insensitive). */
export const WEBHOOK_HEADERS = {
  timestamp: 'X-Scenario-Exchange-Timestamp',
  signature: 'X-Scenario-Exchange-Signature',
  idempotencyKey: 'Idempotency-Key',
} as const;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<rawBody>")>`: what the sender puts in the signature header. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

/**
 * What a receiver does with a delivery (pure; also in the README recipe): recomputes the HMAC over
 * `${timestamp}.${rawBody}` with the endpoint's secret and compares it in constant time with the
 * signature header, and refuses a timestamp more than `toleranceSeconds` away from `nowSeconds`
 * (replays of old deliveries). `rawBody` must be the bytes received, not re-serialised JSON.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number | undefined,
  rawBody: string | Buffer,
  header: string | undefined,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!secret || timestamp === undefined || header === undefined) return false;
  const ts = String(timestamp);
  if (!/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(nowSeconds - Number(ts)) > toleranceSeconds) return false;
  const match = /^sha256=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = Buffer.from(signWebhook(secret, ts, rawBody).slice('sha256='.length), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}
