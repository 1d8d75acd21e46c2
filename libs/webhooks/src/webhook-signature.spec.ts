import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test-secret-0123456789abcdef0123456789';
const body =
  '{"id":"d1","eventKey":"e1","type":"scenario.matched","occurredAt":"2026-11-24T00:00:00.000Z","data":{"a":"童装"}}';
const now = 1_795_000_000;

describe('webhook signature', () => {
  it('is sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`sha256=${expected}`);
    expect(signWebhook(secret, now, Buffer.from(body))).toBe(`sha256=${expected}`);
  });

  it('verifies a good signature within the tolerance', () => {
    const header = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(secret, String(now), body, header, 300, now)).toBe(true);
    expect(verifyWebhookSignature(secret, now, Buffer.from(body, 'utf8'), header, 300, now + 299)).toBe(true);
  });

  it('refuses a changed body, a wrong secret, a changed timestamp, a stale one and malformed headers', () => {
    const header = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(secret, now, body.replace('童装', '童裝'), header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, now, body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now + 1, body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, header, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, header, 300, now - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, header.toUpperCase(), 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, header.slice(0, -2), 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, undefined, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, 'abc', body, header, 300, now)).toBe(false);
  });
});
