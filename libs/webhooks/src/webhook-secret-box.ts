import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';

/** `v1:` + base64 of IV (12 bytes), GCM tag (16 bytes) and the ciphertext. */
const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret that cannot be opened: altered, moved to another endpoint, or sealed with another key. */
export class WebhookSecretBrokenError extends Error {
  constructor(endpointId: string) {
    super(`The signing secret of webhook endpoint ${endpointId} cannot be opened (altered, or another key)`);
    this.name = 'WebhookSecretBrokenError';
  }
}

/**
 * Seals webhook endpoints' signing secrets at rest with AES-256-GCM under WEBHOOK_SECRET_KEY, so a
 * database dump or a read replica does not let anyone sign requests as the platform. A sealed value is
 * bound to its endpoint (additional authenticated data `webhook_endpoint:<id>:secret`). Values without
 * the `v1:` prefix are secrets stored before sealing existed: they are read as they are, and
 * WebhookEndpointService seals them at start-up.
 */
@Injectable()
export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(config.WEBHOOK_SECRET_KEY, 'base64');
    if (this.key.length !== 32) throw new Error('WEBHOOK_SECRET_KEY must be the base64 of 32 bytes');
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  seal(secret: string, endpointId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(aad(endpointId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(stored: string, endpointId: string): string {
    if (!WebhookSecretBox.isSealed(stored)) return stored;
    const envelope = Buffer.from(stored.slice(PREFIX.length), 'base64');
    if (envelope.length <= IV_BYTES + TAG_BYTES) throw new WebhookSecretBrokenError(endpointId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, envelope.subarray(0, IV_BYTES)).setAAD(
        aad(endpointId),
      );
      decipher.setAuthTag(envelope.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(envelope.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new WebhookSecretBrokenError(endpointId);
    }
  }
}

const aad = (endpointId: string) => Buffer.from(`webhook_endpoint:${endpointId}:secret`, 'utf8');
