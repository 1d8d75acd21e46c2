import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { loadConfig } from '@app/config';
import { attachmentAad, contentAad, ProposalSealer, SealBrokenError } from './proposal-seal';

const sealer = new ProposalSealer(loadConfig({}));
const other = new ProposalSealer(loadConfig({ PROPOSAL_SEAL_KEY: randomBytes(32).toString('base64') }));

async function through(chunks: Buffer[], ...streams: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  let s: NodeJS.ReadableStream = Readable.from(chunks);
  for (const next of streams) s = s.pipe(next);
  const out: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) out.push(c);
  return Buffer.concat(out);
}

describe('ProposalSealer (AES-256-GCM at rest)', () => {
  it('round-trips any text, never showing it in the sealed bytes (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (text) => {
        const sealed = sealer.sealText(text, contentAad('p1'));
        return sealer.openText(sealed, contentAad('p1')) === text && !sealed.includes(Buffer.from(text, 'utf8'));
      }),
    );
  });

  it('seals the same text differently each time (random IV)', () => {
    expect(sealer.sealText('报价 90 万元', 'x').equals(sealer.sealText('报价 90 万元', 'x'))).toBe(false);
  });

  it('refuses altered bytes, another record, another key and a truncated envelope', () => {
    const sealed = sealer.sealText('技术路线', contentAad('p1'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, bit) => {
        const altered = Buffer.from(sealed);
        altered[i] ^= bit;
        expect(() => sealer.open(altered, contentAad('p1'))).toThrow(SealBrokenError);
      }),
    );
    expect(() => sealer.open(sealed, contentAad('p2'))).toThrow(SealBrokenError);
    expect(() => other.open(sealed, contentAad('p1'))).toThrow(SealBrokenError);
    expect(() => sealer.open(sealed.subarray(0, 20), contentAad('p1'))).toThrow(SealBrokenError);
  });

  it('seals and opens streams chunk by chunk, and detects an altered sealed file at its end', async () => {
    const plain = randomBytes(200_000);
    const sealing = sealer.sealingStream(attachmentAad('a1'));
    const sealed = await through([plain.subarray(0, 70_000), plain.subarray(70_000)], sealing.stream);
    expect(sealed.length).toBe(plain.length);
    expect(sealed.equals(plain)).toBe(false);
    const opened = await through([sealed], sealer.openingStream(sealing.iv, sealing.tag(), attachmentAad('a1')));
    expect(opened.equals(plain)).toBe(true);

    const altered = Buffer.from(sealed);
    altered[123_456] ^= 1;
    await expect(
      through([altered], sealer.openingStream(sealing.iv, sealing.tag(), attachmentAad('a1'))),
    ).rejects.toBeInstanceOf(SealBrokenError);
    await expect(
      through([sealed], sealer.openingStream(sealing.iv, sealing.tag(), attachmentAad('a2'))),
    ).rejects.toBeInstanceOf(SealBrokenError);
  });

  it('refuses a key that is not 32 bytes', () => {
    const config = loadConfig({});
    config.PROPOSAL_SEAL_KEY = randomBytes(16).toString('base64');
    expect(() => new ProposalSealer(config)).toThrow(/32 bytes/);
  });
});
