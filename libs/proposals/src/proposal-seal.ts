import { createCipheriv, createDecipheriv, type DecipherGCM, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';

/** Envelope format: version byte, 12-byte IV, 16-byte GCM tag, ciphertext. */
const ENVELOPE_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Sealed data that cannot be opened: altered, truncated, bound to another record, or sealed with another key. */
export class SealBrokenError extends Error {
  constructor(what: string) {
    super(`Sealed data cannot be opened (${what}): altered, or sealed with another key`);
    this.name = 'SealBrokenError';
  }
}

/** A stream being sealed: pipe the plaintext through `stream`; `iv` is known at once, `tag()` once it ended. */
export interface SealingStream {
  iv: Buffer;
  stream: Transform;
  tag(): Buffer;
}

/**
 * Seals proposal content and attachments at rest with AES-256-GCM under PROPOSAL_SEAL_KEY, so neither
 * a database reader nor a search or export bug can read a proposal. Each sealed value is bound to the
 * record it belongs to (the additional authenticated data, e.g. `proposal:<id>:content`): moved to
 * another row it no longer opens. Any alteration is detected when it is opened.
 */
@Injectable()
export class ProposalSealer {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(config.PROPOSAL_SEAL_KEY, 'base64');
    if (this.key.length !== 32) throw new Error('PROPOSAL_SEAL_KEY must be the base64 of 32 bytes');
  }

  seal(plaintext: Buffer, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([ENVELOPE_V1]), iv, cipher.getAuthTag(), body]);
  }

  open(envelope: Buffer, aad: string): Buffer {
    if (envelope.length < HEADER_BYTES || envelope[0] !== ENVELOPE_V1) throw new SealBrokenError(aad);
    const iv = envelope.subarray(1, 1 + IV_BYTES);
    const tag = envelope.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(envelope.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new SealBrokenError(aad);
    }
  }

  sealText(text: string, aad: string): Buffer {
    return this.seal(Buffer.from(text, 'utf8'), aad);
  }

  openText(envelope: Buffer, aad: string): string {
    return this.open(envelope, aad).toString('utf8');
  }

  /** A stream that seals what passes through it (attachments); the tag is stored beside the file. */
  sealingStream(aad: string): SealingStream {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(aad, 'utf8'));
    let tag: Buffer | undefined;
    const stream = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        callback(null, cipher.update(chunk));
      },
      flush(callback: TransformCallback) {
        const last = cipher.final();
        tag = cipher.getAuthTag();
        callback(null, last);
      },
    });
    return {
      iv,
      stream,
      tag: () => {
        if (!tag) throw new Error('The sealing stream has not ended');
        return tag;
      },
    };
  }

  /**
   * A stream that opens a sealed attachment. The tag is only checked at the end: an altered file fails
   * there (with SealBrokenError), after the bytes before it went through.
   */
  openingStream(iv: Buffer, tag: Buffer, aad: string): Transform {
    let decipher: DecipherGCM;
    try {
      decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
    } catch {
      throw new SealBrokenError(aad);
    }
    return new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        callback(null, decipher.update(chunk));
      },
      flush(callback: TransformCallback) {
        try {
          callback(null, decipher.final());
        } catch {
          callback(new SealBrokenError(aad));
        }
      },
    });
  }
}

export const contentAad = (proposalId: string) => `proposal:${proposalId.toLowerCase()}:content`;
export const attachmentAad = (attachmentId: string) => `proposal-attachment:${attachmentId.toLowerCase()}:content`;
export const attachmentNameAad = (attachmentId: string) =>
  `proposal-attachment:${attachmentId.toLowerCase()}:file-name`;
