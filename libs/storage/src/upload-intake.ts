import { pipeline, type Readable, type Transform } from 'node:stream';
import type { FileStorage } from './file-storage';
import { type FileUpload, UploadInspector } from './upload-inspector';

/**
 * Runs the cheap checks of an upload before a byte of it is read; on refusal the rest of the upload
 * is drained (and its errors ignored) so the request can be answered.
 */
export async function checkBeforeReading<T>(upload: FileUpload, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    upload.content.on('error', () => undefined).resume();
    throw error;
  }
}

/** What the inspector found in a stored upload. */
export interface InspectedFile {
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface StoreUploadOptions<T> {
  storageKey: string;
  /** The sanitised file name (its extension must agree with the content). */
  fileName: string;
  maxBytes: number;
  tooLarge: () => Error;
  typeNotAllowed: () => Error;
  /** A stage between the inspector and storage (e.g. encryption): what it emits is what is stored. */
  through?: Transform;
  /** The stored file as plain bytes, for sniffing a whole file when its start does not tell (default: as stored). */
  readBack?: () => Promise<Readable>;
  /** Writes the file's record (row, event, audit) once the file is stored. */
  record: (file: InspectedFile) => Promise<T>;
  /** Told when a refused upload's file could not be removed (it is an orphan then). */
  onOrphan: (error: unknown) => void;
}

/**
 * Streams an upload into storage while counting, hashing and sniffing it, then records it. On any
 * refusal or failure — too large, a type not allowed, the record refused — nothing stays behind: the
 * stored file is removed and the error goes to the caller.
 */
export async function storeUpload<T>(storage: FileStorage, upload: FileUpload, options: StoreUploadOptions<T>) {
  const { storageKey } = options;
  const inspector = new UploadInspector({
    fileName: options.fileName,
    maxBytes: options.maxBytes,
    truncated: upload.truncated ?? (() => false),
    tooLarge: options.tooLarge,
    typeNotAllowed: options.typeNotAllowed,
  });
  try {
    const stages = options.through
      ? pipeline(upload.content, inspector, options.through, () => undefined)
      : pipeline(upload.content, inspector, () => undefined);
    await storage.put(storageKey, stages);
    const mediaType = await inspector.mediaType(options.readBack ?? (() => storage.get(storageKey)));
    return await options.record({ mediaType, sizeBytes: inspector.size, sha256: inspector.sha256 });
  } catch (error) {
    await storage.delete(storageKey).catch(options.onOrphan);
    throw error;
  }
}
