import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@app/config';
import { WebhookSecretBox, WebhookSecretBrokenError } from './webhook-secret-box';

const box = (fill = 3) =>
  new WebhookSecretBox({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, fill).toString('base64') } as AppConfig);

describe('WebhookSecretBox', () => {
  const endpoint = randomUUID();
  const secret = 'whsec_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

  it('seals a secret so the stored value does not contain it, and opens it again', () => {
    const sealed = box().seal(secret, endpoint);
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box().open(sealed, endpoint)).toBe(secret);
    // A fresh IV each time: the same secret never seals to the same value.
    expect(box().seal(secret, endpoint)).not.toBe(sealed);
  });

  it('refuses a value moved to another endpoint, altered, truncated or sealed with another key', () => {
    const sealed = box().seal(secret, endpoint);
    expect(() => box().open(sealed, randomUUID())).toThrow(WebhookSecretBrokenError);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box().open(`v1:${bytes.toString('base64')}`, endpoint)).toThrow(WebhookSecretBrokenError);
    expect(() => box().open('v1:AAAA', endpoint)).toThrow(WebhookSecretBrokenError);
    expect(() => box(4).open(sealed, endpoint)).toThrow(WebhookSecretBrokenError);
  });

  it('reads a secret stored before sealing as it is', () => {
    expect(WebhookSecretBox.isSealed(secret)).toBe(false);
    expect(box().open(secret, endpoint)).toBe(secret);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(
      () => new WebhookSecretBox({ WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString('base64') } as AppConfig),
    ).toThrow(/32 bytes/);
  });
});
