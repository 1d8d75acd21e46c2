import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk-storage';
import { InvalidStorageKeyError, StorageError } from './storage.errors';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('LocalDiskStorage (real files in a temp dir)', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sx-storage-spec-'));
    storage = new LocalDiskStorage(root);
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('stores, reads back, replaces and deletes an object', async () => {
    const bytes = Buffer.from('湖州 scenario attachment \u0000\u00ff bytes');
    await storage.put('attachments/s1/a1', Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
    expect(await readAll(await storage.get('attachments/s1/a1'))).toEqual(bytes);
    expect(await exists(join(root, 'attachments', 's1', 'a1'))).toBe(true);

    await storage.put('attachments/s1/a1', Readable.from([Buffer.from('v2')]));
    expect((await readAll(await storage.get('attachments/s1/a1'))).toString()).toBe('v2');

    await storage.delete('attachments/s1/a1');
    expect(await exists(join(root, 'attachments', 's1', 'a1'))).toBe(false);
    await expect(storage.get('attachments/s1/a1')).rejects.toBeInstanceOf(StorageError);
  });

  it('throws STORAGE_OBJECT_NOT_FOUND for a missing object, and deleting one is a no-op', async () => {
    await expect(storage.get('never/written')).rejects.toMatchObject({ code: 'STORAGE_OBJECT_NOT_FOUND' });
    await expect(storage.delete('never/written')).resolves.toBeUndefined();
    await expect(storage.delete('never/written')).resolves.toBeUndefined();
  });

  it('never shows a half-written object, and leaves nothing behind when the stream fails', async () => {
    const source = new PassThrough();
    const writing = storage.put('attachments/s2/a2', source);
    source.write(Buffer.alloc(64 * 1024, 1));
    await new Promise((r) => setTimeout(r, 50));
    // Mid-upload: the key does not exist yet.
    await expect(storage.get('attachments/s2/a2')).rejects.toMatchObject({ code: 'STORAGE_OBJECT_NOT_FOUND' });
    source.destroy(new Error('client went away'));
    await expect(writing).rejects.toThrow('client went away');
    await expect(storage.get('attachments/s2/a2')).rejects.toMatchObject({ code: 'STORAGE_OBJECT_NOT_FOUND' });
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

  it.each([
    '',
    '../outside',
    'a/../../outside',
    '/etc/passwd',
    'a//b',
    'a/./b',
    '.tmp/x',
    'a\\..\\b',
    'a/b/',
    'a/\u0000b',
    '中文',
  ])('refuses the key %j (path traversal and odd keys)', async (key) => {
    await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it('keeps everything under its root', async () => {
    const key = `only-here-${Date.now().toString(36)}`;
    await storage.put(key, Readable.from([Buffer.from('1')]));
    expect(await exists(join(root, key))).toBe(true);
    expect(await exists(join(root, '..', key))).toBe(false);
  });
});
