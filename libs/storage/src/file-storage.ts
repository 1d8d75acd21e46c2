import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are server-generated relative paths (`a/b/c`, segments of letters,
 * digits, `.`, `_` and `-`, none starting with a dot). Implementations must make a write visible only
 * once complete: a failed or aborted `put` leaves nothing under the key.
 */
export abstract class FileStorage {
  /** Stores the stream's bytes under `key` (replacing any object there); rejects if the stream errors. */
  abstract put(key: string, content: Readable): Promise<void>;
  /** The object's bytes; `StorageError('STORAGE_OBJECT_NOT_FOUND')` when there is none. */
  abstract get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error. */
  abstract delete(key: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Whether `key` is a well-formed storage key (no traversal, no absolute paths, no hidden segments). */
export function isValidStorageKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && segment !== '..');
}
