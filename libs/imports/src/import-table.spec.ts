import ExcelJS from 'exceljs';
import { SCENARIO_COLUMNS, VENDOR_COLUMNS } from './import-columns';
import { cellValue, readCsv, readJson, readTable, readXlsx, splitList } from './import-table';
import { checkContent, claimedFormat } from './import-upload';
import { ImportRejectedError, type ImportRowError } from './imports.errors';

/** The row errors of a refused read. */
async function refusal(read: () => unknown): Promise<{ code: string; errors: ImportRowError[] }> {
  try {
    await read();
  } catch (e) {
    if (e instanceof ImportRejectedError) return { code: e.code, errors: e.rowErrors };
    throw e;
  }
  throw new Error('not refused');
}

describe('readCsv', () => {
  it('reads a header and rows, with RFC 4180 quoting (commas, doubled quotes, line breaks) and a BOM', () => {
    const csv =
      '\uFEFFtitle,domain,summary\r\n"A, with comma",manufacturing,"say ""hi""\nsecond line"\r\nB,transport,\r\n';
    const t = readCsv(Buffer.from(csv), SCENARIO_COLUMNS);
    expect(t.rows).toEqual([
      { row: 2, values: { title: 'A, with comma', domain: 'manufacturing', summary: 'say "hi"\nsecond line' } },
      { row: 3, values: { title: 'B', domain: 'transport' } },
    ]);
  });

  it('splits list cells on | (spaces and empty items dropped) and converts integers, leaving bad ones for the DTO', () => {
    const csv =
      'title,domain,capabilities,budgetMin,budgetMax,trlRequired\nA,manufacturing, cv_inspection | edge_computing ||,500000,1.5e6,七\n';
    const [row] = readCsv(Buffer.from(csv), SCENARIO_COLUMNS).rows;
    expect(row.values).toEqual({
      title: 'A',
      domain: 'manufacturing',
      capabilities: ['cv_inspection', 'edge_computing'],
      budgetMin: 500000,
      budgetMax: '1.5e6',
      trlRequired: '七',
    });
  });

  it('skips blank lines and rows of empty cells (a spreadsheet’s trailing ",,,")', () => {
    const t = readCsv(Buffer.from('title,domain\nA,manufacturing\n\n,\n'), SCENARIO_COLUMNS);
    expect(t.rows.map((r) => r.row)).toEqual([2]);
  });

  it('refuses unknown, duplicate and missing required columns, naming each (row 1)', async () => {
    const r = await refusal(() => readCsv(Buffer.from('title,colour,title\nA,red,B\n'), SCENARIO_COLUMNS));
    expect(r.code).toBe('IMPORT_FILE_INVALID');
    expect(r.errors).toEqual([
      { row: 1, field: 'colour', rule: 'import.unknown_column', params: { column: 'colour' } },
      { row: 1, field: 'title', rule: 'import.duplicate_column', params: { column: 'title' } },
      { row: 1, field: 'domain', rule: 'import.missing_column', params: { column: 'domain' } },
    ]);
  });

  it('refuses broken quoting, non-UTF-8 text and files without data rows', async () => {
    expect(
      (await refusal(() => readCsv(Buffer.from('title,domain\n"A,manufacturing\n'), SCENARIO_COLUMNS))).errors[0],
    ).toMatchObject({
      rule: 'import.csv_syntax',
    });
    const gbk = Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xba, 0xfe]);
    expect((await refusal(() => readCsv(gbk, SCENARIO_COLUMNS))).errors[0].rule).toBe('import.encoding');
    expect((await refusal(() => readCsv(Buffer.from('title,domain\n'), SCENARIO_COLUMNS))).errors[0].rule).toBe(
      'import.no_rows',
    );
    expect((await refusal(() => readCsv(Buffer.from(''), SCENARIO_COLUMNS))).errors[0].rule).toBe('import.no_rows');
  });
});

describe('readJson', () => {
  it('takes an array of objects with typed values or the same texts as CSV', () => {
    const t = readJson(
      Buffer.from(JSON.stringify([{ name: 'A', uscc: 'X', domains: ['manufacturing'], capabilities: 'a|b', trl: 7 }])),
      VENDOR_COLUMNS,
    );
    expect(t.rows[0]).toEqual({
      row: 1,
      values: { name: 'A', uscc: 'X', domains: ['manufacturing'], capabilities: ['a', 'b'], trl: 7 },
    });
  });

  it('reports shape errors: not an array, an item that is not an object, unknown keys (row-level)', async () => {
    expect((await refusal(() => readJson(Buffer.from('{"rows": []}'), VENDOR_COLUMNS))).errors[0].rule).toBe(
      'import.json_shape',
    );
    expect((await refusal(() => readJson(Buffer.from('[{"name": '), VENDOR_COLUMNS))).errors[0].rule).toBe(
      'import.json_syntax',
    );
    expect((await refusal(() => readJson(Buffer.from('[]'), VENDOR_COLUMNS))).errors[0].rule).toBe('import.no_rows');
    const t = readJson(Buffer.from('[{"name": "A"}, 5, {"name": "B", "colour": "red"}]'), VENDOR_COLUMNS);
    expect(t.rows.map((r) => r.row)).toEqual([1, 3]);
    expect(t.errors).toEqual([
      { row: 2, field: '(row)', rule: 'import.row_not_object' },
      { row: 3, field: 'colour', rule: 'import.unknown_column', params: { column: 'colour' } },
    ]);
  });
});

describe('readXlsx', () => {
  it('round-trips a workbook written by exceljs: typed cells, rich text, dates, formulas, blank rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow(['title', 'domain', 'budgetMin', 'proposalDeadline', 'contactPublic', 'capabilities']);
    ws.addRow([
      { richText: [{ text: '航道' }, { text: '识别' }] },
      'transport',
      300000,
      new Date('2030-01-02T03:04:05Z'),
      true,
      'v2x|edge_computing',
    ]);
    ws.addRow([]);
    ws.addRow(['B', 'transport', { formula: '1+1', result: 2 }, null, '否', null]);
    const t = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), SCENARIO_COLUMNS);
    expect(t.rows).toEqual([
      {
        row: 2,
        values: {
          title: '航道识别',
          domain: 'transport',
          budgetMin: 300000,
          proposalDeadline: '2030-01-01T19:04:05.000Z', // 03:04:05 on the sheet is Huzhou time (UTC+8)
          contactPublic: true,
          capabilities: ['v2x', 'edge_computing'],
        },
      },
      { row: 4, values: { title: 'B', domain: 'transport', budgetMin: 2, contactPublic: false } },
    ]);
  });

  it('refuses bytes that are not a workbook', async () => {
    expect(
      (await refusal(() => readTable('xlsx', Buffer.from('title,domain\n'), SCENARIO_COLUMNS))).errors[0].rule,
    ).toBe('import.xlsx_unreadable');
  });
});

describe('cells and files', () => {
  it('reads booleans in English, digits and Chinese; leaves others for the DTO', () => {
    expect(['true', 'No', '1', '是', '否', 'maybe'].map((v) => cellValue('bool', v))).toEqual([
      true,
      false,
      true,
      true,
      false,
      'maybe',
    ]);
    expect(splitList(' a |b| |')).toEqual(['a', 'b']);
  });

  it('decides the format from the extension and checks the content agrees', async () => {
    expect(['a.CSV', 'b.xlsx', 'c.json', 'd.txt', 'e'].map(claimedFormat)).toEqual(['csv', 'xlsx', 'json', null, null]);
    await expect(checkContent('csv', Buffer.from('title\nA\n'))).resolves.toBeUndefined();
    await expect(checkContent('csv', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'))).rejects.toMatchObject({
      code: 'IMPORT_FILE_TYPE_NOT_ALLOWED',
    });
    await expect(checkContent('json', Buffer.from([0x7b, 0x00, 0x7d]))).rejects.toMatchObject({
      code: 'IMPORT_FILE_TYPE_NOT_ALLOWED',
    });
    await expect(checkContent('xlsx', Buffer.from('title\n'))).rejects.toMatchObject({
      code: 'IMPORT_FILE_TYPE_NOT_ALLOWED',
    });
  });
});
