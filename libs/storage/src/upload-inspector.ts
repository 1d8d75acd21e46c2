import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type';
import { agreedMediaType, extensionOf } from './attachment-types';

/** One uploaded file as the transport hands it over. */
export interface FileUpload {
  /** The client's file name (sanitised by the service). */
  fileName: string;
  /** The bytes; consumed (or destroyed) by the service. */
  content: Readable;
  /** True when the transport cut the content short at its own size limit (the file was larger). */
  truncated?: () => boolean;
}

/** How much of the start of a file is buffered for sniffing before anything is written. */
const SNIFF_BYTES = 64 * 1024;
/** OOXML files are zips; when the start alone does not tell, the whole stored file is sniffed. */
const OOXML_EXTENSIONS = ['docx', 'xlsx', 'pptx'];

export interface UploadInspectorOptions {
  /** The sanitised file name (its extension must agree with the content). */
  fileName: string;
  maxBytes: number;
  truncated: () => boolean;
  /** The error for a file over `maxBytes` (each context has its own). */
  tooLarge: () => Error;
  /** The error for content that is not allowed or does not match the extension. */
  typeNotAllowed: () => Error;
}

/**
 * Passes an upload through while counting, hashing and sniffing it. Nothing goes downstream until the
 * first bytes have been sniffed and accepted, so a refused file is never written anywhere.
 */
export class UploadInspector extends Transform {
  size = 0;
  /** What the first bytes look like (file-type's extension); set once decided. */
  sniffed: string | undefined;
  /** The sniffed bytes were the whole file. */
  sniffedWhole = false;
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;
  private readonly hash = createHash('sha256');

  constructor(private readonly options: UploadInspectorOptions) {
    super();
  }

  /** SHA-256 of the bytes seen so far (all of them once the stream has ended), hex. */
  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.options.maxBytes) return callback(this.options.tooLarge());
    this.hash.update(chunk);
    if (this.decided) return callback(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return callback();
    this.decide(false).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.options.truncated()) return callback(this.options.tooLarge());
    if (this.decided) return callback();
    this.decide(true).then(() => callback(), callback);
  }

  /**
   * The media type to store, once the stream has ended: from the sniffed start, or, for a zip that may
   * be an OOXML document, from the whole file (`whole()` reads it back). Throws `typeNotAllowed()`.
   */
  async mediaType(whole: () => Promise<Readable>): Promise<string> {
    let mediaType = agreedMediaType(this.sniffed, this.options.fileName);
    if (!mediaType && this.sniffed === 'zip' && !this.sniffedWhole) {
      const sniffed = await fileTypeFromStream(await whole());
      mediaType = agreedMediaType(sniffed?.ext, this.options.fileName);
    }
    if (!mediaType) throw this.options.typeNotAllowed();
    return mediaType;
  }

  private async decide(whole: boolean): Promise<void> {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.decided = true;
    // Exactly the first SNIFF_BYTES (chunks may be larger): the outcome must not depend on chunking.
    this.sniffedWhole = whole && head.length <= SNIFF_BYTES;
    this.sniffed = (await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES)))?.ext;
    const maybeOoxml =
      this.sniffed === 'zip' &&
      !this.sniffedWhole &&
      OOXML_EXTENSIONS.includes(extensionOf(this.options.fileName) ?? '');
    if (!maybeOoxml && !agreedMediaType(this.sniffed, this.options.fileName)) throw this.options.typeNotAllowed();
    this.push(head);
  }
}
