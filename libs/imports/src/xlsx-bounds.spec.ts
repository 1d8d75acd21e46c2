import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { checkXlsxBounds, XLSX_MAX_UNPACKED_BYTES } from './xlsx-bounds';

/** A zip of deflated entries; `declared` overrides the uncompressed size the headers state (a liar). */
function zip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('checkXlsxBounds', () => {
  it('passes a real workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['title', 'domain']);
    for (let i = 0; i < 2000; i++) ws.addRow([`场景 ${i}`, 'manufacturing']);
    expect(checkXlsxBounds(Buffer.from(await wb.xlsx.writeBuffer()))).toBeNull();
  });

  it('refuses a part that inflates past the limit even when its headers declare a small size', () => {
    const bomb = zip([
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(XLSX_MAX_UNPACKED_BYTES + 10), declared: 100 },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(checkXlsxBounds(bomb)).toBe('too_large');
  });

  it('counts the total over parts', () => {
    const half = Buffer.alloc(XLSX_MAX_UNPACKED_BYTES / 2 + 1);
    expect(
      checkXlsxBounds(
        zip([
          { name: 'a.xml', data: half },
          { name: 'b.xml', data: half },
        ]),
      ),
    ).toBe('too_large');
  });

  it('refuses worksheets with too many rows or cells, prefixed or not', () => {
    const rows = `<x:sheetData>${'<x:row r="1"/>'.repeat(20_001)}</x:sheetData>`;
    expect(checkXlsxBounds(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(rows) }]))).toBe('too_large');
    const cells = `<row r="1">${'<c r="A1"/>'.repeat(200_001)}</row>`;
    expect(checkXlsxBounds(zip([{ name: 'xl/worksheets/sheet2.xml', data: Buffer.from(cells) }]))).toBe('too_large');
    // Other elements starting with c or row do not count.
    const other = `<cols>${'<col min="1"/>'.repeat(300_000)}</cols>`;
    expect(checkXlsxBounds(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(other) }]))).toBeNull();
  });

  it('calls anything that is not a readable zip unreadable', () => {
    expect(checkXlsxBounds(Buffer.from('not a zip at all'))).toBe('unreadable');
    const good = zip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(checkXlsxBounds(good.subarray(10))).toBe('unreadable');
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 30 + 'a.xml'.length, 30 + 'a.xml'.length + 2); // the deflate stream
    expect(checkXlsxBounds(corrupt)).toBe('unreadable');
  });
});
