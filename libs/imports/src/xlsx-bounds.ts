import { inflateRawSync } from 'node:zlib';

/** Most bytes an XLSX import may unpack to (all its parts together). */
export const XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
/** Most `<row>` elements over all worksheets (a sheet of empty rows is work for the reader too). */
export const XLSX_MAX_ROW_ELEMENTS = 20_000;
/** Most `<c>` (cell) elements over all worksheets. */
export const XLSX_MAX_CELL_ELEMENTS = 200_000;
/** Most parts (zip entries) in a workbook. */
const XLSX_MAX_ENTRIES = 1000;

export type XlsxBoundsProblem = 'unreadable' | 'too_large';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks an XLSX (zip) before ExcelJS reads it, so that a small file cannot make the server unpack
 * gigabytes (a zip bomb) or build millions of cells: every part is inflated here with a cap on the
 * output (the sizes the zip declares are not trusted), the total is capped, and the worksheets'
 * row and cell elements are counted. Null when within bounds.
 */
export function checkXlsxBounds(buffer: Buffer): XlsxBoundsProblem | null {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) return 'unreadable';
  const entries = buffer.readUInt16LE(eocd + 10);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (entries > XLSX_MAX_ENTRIES) return 'too_large';
  let p = cdOffset;
  let unpacked = 0;
  let rowElements = 0;
  let cellElements = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) return 'unreadable';
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) return 'too_large'; // ZIP64: never an import
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL) return 'unreadable';
    const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buffer.length) return 'unreadable';
    const data = buffer.subarray(start, start + compressedSize);
    const budget = XLSX_MAX_UNPACKED_BYTES - unpacked;
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (e) {
        return (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'unreadable';
      }
    } else return 'unreadable';
    unpacked += content.length;
    if (unpacked > XLSX_MAX_UNPACKED_BYTES) return 'too_large';
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
      const xml = content.toString('utf8');
      rowElements += count(xml, /<(?:\w+:)?row[\s>/]/g);
      cellElements += count(xml, /<(?:\w+:)?c[\s>/]/g);
      if (rowElements > XLSX_MAX_ROW_ELEMENTS || cellElements > XLSX_MAX_CELL_ELEMENTS) return 'too_large';
    }
  }
  return null;
}

function count(text: string, re: RegExp): number {
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** The end-of-central-directory record's offset (searched backwards over the comment), or -1. */
function findEndOfCentralDirectory(buffer: Buffer): number {
  const min = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= min; i--) {
    if (buffer.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}
