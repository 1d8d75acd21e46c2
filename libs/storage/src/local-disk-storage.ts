import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, isValidStorageKey } from './file-storage';
import { InvalidStorageKeyError, StorageError } from './storage.errors';

/** Where in-progress writes go: inside the root (same file system, so the final rename is atomic). */
const TMP_DIR = '.tmp';

/**
 * Files under a root directory, one file per key. Writes go to a temporary file that is renamed into
 * place once complete and flushed, so a reader never sees half an upload.
 */
export class LocalDiskStorage extends FileStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, content: Readable): Promise<void> {
    const target = this.pathFor(key);
    const tmpDir = join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    try {
      await pipeline(content, createWriteStream(tmp, { flags: 'wx', flush: true }));
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (error) {
      content.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathFor(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR')
        throw new StorageError('STORAGE_OBJECT_NOT_FOUND');
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  /** The file for `key`, refusing anything that could resolve outside the root. */
  private pathFor(key: string): string {
    if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(key);
    const path = resolve(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key);
    return path;
  }
}
