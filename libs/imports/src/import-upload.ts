import { fileTypeFromBuffer } from 'file-type';
import { checkBeforeReading, extensionOf, type FileUpload, sanitizeFileName } from '@app/storage';
import { ImportError } from './imports.errors';
import { IMPORT_FORMATS, IMPORT_MAX_BYTES, type ImportFormat } from './import-table';

/** An import file read into memory (imports are small: IMPORT_MAX_BYTES). */
export interface ImportFile {
  fileName: string;
  format: ImportFormat;
  content: Buffer;
}

const typeNotAllowed = () => new ImportError('IMPORT_FILE_TYPE_NOT_ALLOWED', {}, 'file');
const tooLarge = (maxBytes: number) => new ImportError('IMPORT_FILE_TOO_LARGE', { maxBytes }, 'file');

/** The format a name's extension claims (checked before a byte is read). */
export function claimedFormat(fileName: string): ImportFormat | null {
  const ext = extensionOf(fileName);
  return (IMPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ImportFormat) : null;
}

/**
 * The content must be what the extension says, decided from the bytes (file-type's sniffing, as for
 * attachments): an `.xlsx` must be an OOXML spreadsheet; a `.csv` or `.json` must be text (nothing
 * file-type recognises, no NUL byte). 415 otherwise.
 */
export async function checkContent(format: ImportFormat, content: Buffer): Promise<void> {
  const sniffed = (await fileTypeFromBuffer(content))?.ext;
  if (format === 'xlsx') {
    if (sniffed !== 'xlsx') throw typeNotAllowed();
    return;
  }
  if (sniffed !== undefined || content.includes(0)) throw typeNotAllowed();
}

/**
 * Reads one uploaded file: the extension is checked before reading (the rest is drained on refusal),
 * the size while reading (413 above `maxBytes`), the content once read.
 */
export async function readImportUpload(upload: FileUpload, maxBytes = IMPORT_MAX_BYTES): Promise<ImportFile> {
  const fileName = sanitizeFileName(upload.fileName);
  const format = await checkBeforeReading(upload, async () => {
    const f = claimedFormat(fileName);
    if (!f) throw typeNotAllowed();
    return f;
  });
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of upload.content) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > maxBytes)
      over = true; // keep draining: the request must be read to be answered
    else chunks.push(b);
  }
  if (over || upload.truncated?.()) throw tooLarge(maxBytes);
  const content = Buffer.concat(chunks);
  await checkContent(format, content);
  return { fileName, format, content };
}
