import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ImportRejectedError, type ImportRowError } from './imports.errors';
import { checkXlsxBounds, XLSX_MAX_CELL_ELEMENTS, XLSX_MAX_ROW_ELEMENTS, XLSX_MAX_UNPACKED_BYTES } from './xlsx-bounds';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest import file, in bytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows per import. */
export const IMPORT_MAX_ROWS = 2000;
/** Separator of list cells in CSV and XLSX (`cv_inspection|edge_computing`). */
export const LIST_SEPARATOR = '|';

/**
 * How a cell is read. CSV cells are text; XLSX cells may be numbers, dates or booleans; JSON values
 * keep their JSON type. Text that does not convert is passed on as it is, so the DTO's own rule
 * (`isInt`, `isBoolean`…) names the problem.
 */
export type ColumnType = 'text' | 'int' | 'list' | 'bool' | 'datetime' | 'kpis' | 'cases';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** The column must be in the header (CSV/XLSX) — a value may still be required per row. */
  required?: boolean;
  /** For the documentation. */
  description: string;
}

/** One data row: its number (spreadsheet row, header = 1; JSON: 1-based item) and its cells by column. */
export interface RawRow {
  row: number;
  values: Record<string, unknown>;
}

export interface ReadTable {
  rows: RawRow[];
  /** Row-level problems found while reading (unknown keys of a JSON item). */
  errors: ImportRowError[];
}

const fileError = (error: ImportRowError): ImportRejectedError =>
  new ImportRejectedError('IMPORT_FILE_INVALID', [error]);

/** Decodes UTF-8 (a BOM is dropped), refusing anything else (GBK “CSV” from older Excel versions). */
export function decodeUtf8(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw fileError({ row: null, field: '(file)', rule: 'import.encoding' });
  }
}

/** A cell's value as an error message shows it: at most 100 characters (a file may hold megabytes). */
export function shown(value: unknown): string {
  const chars = Array.from(String(value));
  return chars.length <= 100 ? chars.join('') : `${chars.slice(0, 99).join('')}…`;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Cell value to what the DTO expects for a column of `type`; blank is undefined (the field is absent). */
export function cellValue(type: ColumnType, raw: unknown): unknown {
  if (isBlank(raw)) return undefined;
  switch (type) {
    case 'text':
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      if (raw instanceof Date) return raw.toISOString();
      return raw;
    case 'int':
      if (typeof raw === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(raw)) return Number(raw.trim());
      return raw;
    case 'bool':
      if (typeof raw === 'number' && (raw === 0 || raw === 1)) return raw === 1;
      if (typeof raw === 'string') {
        const v = raw.trim().toLowerCase();
        if (['true', 'yes', 'y', '1', '是'].includes(v)) return true;
        if (['false', 'no', 'n', '0', '否'].includes(v)) return false;
      }
      return raw;
    case 'datetime':
      if (raw instanceof Date) return raw.toISOString();
      return typeof raw === 'string' ? raw.trim() : raw;
    case 'list':
    case 'cases':
      if (typeof raw === 'string') return splitList(raw);
      if (typeof raw === 'number') return [String(raw)];
      return raw;
    case 'kpis':
      return raw;
  }
}

/** `a | b|c` → `['a', 'b', 'c']` (blank items dropped). */
export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Checks a header row against the columns: no unknown, duplicate or missing required column. */
function checkHeader(header: string[], columns: readonly ColumnSpec[]): void {
  const known = new Set(columns.map((c) => c.name));
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '' && i === header.length - 1) return; // a trailing separator
    if (!known.has(name))
      errors.push({
        row: 1,
        field: name ? shown(name) : `(column ${i + 1})`,
        rule: 'import.unknown_column',
        params: { column: shown(name) },
      });
    else if (seen.has(name))
      errors.push({ row: 1, field: name, rule: 'import.duplicate_column', params: { column: shown(name) } });
    seen.add(name);
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.name))
      errors.push({ row: 1, field: c.name, rule: 'import.missing_column', params: { column: c.name } });
  }
  if (errors.length) throw new ImportRejectedError('IMPORT_FILE_INVALID', errors);
}

function fromMatrix(matrix: { row: number; cells: unknown[] }[], columns: readonly ColumnSpec[]): ReadTable {
  if (matrix.length === 0) throw fileError({ row: null, field: '(file)', rule: 'import.no_rows' });
  const header = matrix[0].cells.map((c) => (c == null ? '' : String(c).trim()));
  checkHeader(header, columns);
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const rows: RawRow[] = [];
  const errors: ImportRowError[] = [];
  for (const { row, cells } of matrix.slice(1)) {
    if (cells.every(isBlank)) continue;
    // A filled cell right of the header (an unquoted comma, a shifted row) would be lost silently;
    // so would one under a trailing empty header cell (`title,domain,`).
    for (let i = 0; i < cells.length; i++) {
      if ((i >= header.length || header[i] === '') && !isBlank(cells[i]))
        errors.push({ row, field: `(column ${i + 1})`, rule: 'import.extra_cells' });
    }
    const values: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const type = types.get(name);
      if (!type) return;
      const v = cellValue(type, cells[i]);
      if (v !== undefined) values[name] = v;
    });
    rows.push({ row, values });
  }
  return limitRows({ rows, errors });
}

function limitRows(table: ReadTable): ReadTable {
  if (table.rows.length === 0) throw fileError({ row: null, field: '(file)', rule: 'import.no_rows' });
  if (table.rows.length > IMPORT_MAX_ROWS)
    throw fileError({ row: null, field: '(file)', rule: 'import.too_many_rows', params: { max: IMPORT_MAX_ROWS } });
  return table;
}

/** CSV: UTF-8 (BOM or not), comma-separated, RFC 4180 quoting, first line the header. */
export function readCsv(buffer: Buffer, columns: readonly ColumnSpec[]): ReadTable {
  const text = decodeUtf8(buffer);
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    throw fileError({
      row: typeof err.lines === 'number' ? err.lines : null,
      field: '(file)',
      rule: 'import.csv_syntax',
      params: { reason: err.code ?? 'CSV' },
    });
  }
  return fromMatrix(
    records.map((cells, i) => ({ row: i + 1, cells })),
    columns,
  );
}

/** Huzhou keeps UTC+8 all year. */
const HUZHOU_OFFSET_MS = 8 * 3_600_000;

/**
 * What an ExcelJS cell holds, as a plain value (rich text joined, formulas by their result, links by
 * their text). Excel date cells carry no time zone and ExcelJS hands their wall-clock time over as if
 * it were UTC: they are read as Huzhou time (UTC+8), what the people filling the sheet mean.
 */
function xlsxCell(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime() - HUZHOU_OFFSET_MS);
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return xlsxCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return (value as ExcelJS.CellHyperlinkValue).text;
  if ('error' in value) return null;
  return null;
}

/** XLSX: the first worksheet, row 1 the header. */
export async function readXlsx(buffer: Buffer, columns: readonly ColumnSpec[]): Promise<ReadTable> {
  const problem = checkXlsxBounds(buffer);
  if (problem === 'unreadable') throw fileError({ row: null, field: '(file)', rule: 'import.xlsx_unreadable' });
  if (problem === 'too_large')
    throw fileError({
      row: null,
      field: '(file)',
      rule: 'import.xlsx_too_large',
      params: { maxBytes: XLSX_MAX_UNPACKED_BYTES, maxRows: XLSX_MAX_ROW_ELEMENTS, maxCells: XLSX_MAX_CELL_ELEMENTS },
    });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileError({ row: null, field: '(file)', rule: 'import.xlsx_unreadable' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError({ row: null, field: '(file)', rule: 'import.no_rows' });
  const matrix: { row: number; cells: unknown[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(xlsxCell(r.getCell(c).value));
    if (rowNumber > IMPORT_MAX_ROWS + 1) return;
    matrix.push({ row: rowNumber, cells });
  });
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1)
    throw fileError({ row: null, field: '(file)', rule: 'import.too_many_rows', params: { max: IMPORT_MAX_ROWS } });
  return fromMatrix(matrix, columns);
}

/** JSON: an array of objects keyed by column name; values may be typed (numbers, arrays) or text. */
export function readJson(buffer: Buffer, columns: readonly ColumnSpec[]): ReadTable {
  const text = decodeUtf8(buffer).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw fileError({
      row: null,
      field: '(file)',
      rule: 'import.json_syntax',
      params: { reason: (e as Error).message.slice(0, 200) },
    });
  }
  if (!Array.isArray(data)) throw fileError({ row: null, field: '(file)', rule: 'import.json_shape' });
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const rows: RawRow[] = [];
  const errors: ImportRowError[] = [];
  data.forEach((item: unknown, i) => {
    const row = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ row, field: '(row)', rule: 'import.row_not_object' });
      return;
    }
    const values: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(item)) {
      const type = types.get(key);
      if (!type) {
        errors.push({ row, field: shown(key), rule: 'import.unknown_column', params: { column: shown(key) } });
        continue;
      }
      const v = cellValue(type, raw);
      if (v !== undefined) values[key] = v;
    }
    rows.push({ row, values });
  });
  if (data.length === 0) throw fileError({ row: null, field: '(file)', rule: 'import.no_rows' });
  if (data.length > IMPORT_MAX_ROWS)
    throw fileError({ row: null, field: '(file)', rule: 'import.too_many_rows', params: { max: IMPORT_MAX_ROWS } });
  return { rows, errors };
}

export async function readTable(
  format: ImportFormat,
  buffer: Buffer,
  columns: readonly ColumnSpec[],
): Promise<ReadTable> {
  switch (format) {
    case 'csv':
      return readCsv(buffer, columns);
    case 'xlsx':
      return readXlsx(buffer, columns);
    case 'json':
      return readJson(buffer, columns);
  }
}
