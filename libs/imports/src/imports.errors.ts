import { DomainError, type LocalisedText, type MessageCatalogue } from '@app/common';

export type ImportErrorCode =
  | 'IMPORT_ROWS_INVALID'
  | 'IMPORT_FILE_INVALID'
  | 'IMPORT_FILE_TYPE_NOT_ALLOWED'
  | 'IMPORT_FILE_TOO_LARGE'
  | 'IMPORT_AGENCY_NOT_FOUND';

/** One problem of an import file: the row (spreadsheet row, or 1-based JSON item; null for the file) and the column. */
export interface ImportRowError {
  row: number | null;
  /** The column as named in the import format, with an index or sub-field when there is one (`capabilities[1]`). */
  field: string;
  /** The rule broken (class-validator's constraint, a context's named rule or an `import.*` rule). */
  rule: string;
  params?: Record<string, string | number>;
}

export class ImportError extends DomainError<ImportErrorCode> {
  constructor(code: ImportErrorCode, params: Record<string, string | number | boolean | null> = {}, field?: string) {
    super(code, params, field);
  }
}

/**
 * An import refused as a whole: every row error found (rows are all validated before anything is
 * written). `IMPORT_ROWS_INVALID` (422) for row errors, `IMPORT_FILE_INVALID` (400) for a file that
 * cannot be read as a table of the format at all.
 */
export class ImportRejectedError extends DomainError<'IMPORT_ROWS_INVALID' | 'IMPORT_FILE_INVALID'> {
  constructor(
    code: 'IMPORT_ROWS_INVALID' | 'IMPORT_FILE_INVALID',
    readonly rowErrors: ImportRowError[],
  ) {
    super(code, { count: rowErrors.length }, rowErrors[0]?.field);
  }
}

export const importMessages: MessageCatalogue<ImportErrorCode> = {
  IMPORT_ROWS_INVALID: {
    'zh-CN': '导入文件有 {count} 处错误，未导入任何数据',
    en: 'The import file has {count} error(s); nothing was imported',
  },
  IMPORT_FILE_INVALID: {
    'zh-CN': '无法读取导入文件（{count} 处错误），未导入任何数据',
    en: 'The import file could not be read ({count} error(s)); nothing was imported',
  },
  IMPORT_FILE_TYPE_NOT_ALLOWED: {
    'zh-CN': '导入文件必须是 CSV（UTF-8）、XLSX 或 JSON，且扩展名与内容一致',
    en: 'The import file must be CSV (UTF-8), XLSX or JSON, with an extension that matches its content',
  },
  IMPORT_FILE_TOO_LARGE: {
    'zh-CN': '导入文件不能超过 {maxBytes} 字节',
    en: 'The import file must not exceed {maxBytes} bytes',
  },
  IMPORT_AGENCY_NOT_FOUND: {
    'zh-CN': '未找到已认证的需求方单位',
    en: 'No verified agency organisation with this id',
  },
};

/** Texts of the `import.*` row rules (`{…}` from the error's params). */
export const importRuleMessages: Record<string, LocalisedText> = {
  'import.required': { 'zh-CN': '必填', en: 'Is required' },
  'import.unknown_column': { 'zh-CN': '未知的列：{column}', en: 'Unknown column: {column}' },
  'import.duplicate_column': { 'zh-CN': '重复的列：{column}', en: 'Duplicate column: {column}' },
  'import.missing_column': { 'zh-CN': '缺少必需的列：{column}', en: 'Missing required column: {column}' },
  'import.unknown_code': { 'zh-CN': '未知的{kind}代码：{code}', en: 'Unknown {kind} code: {code}' },
  'import.more_errors': { 'zh-CN': '另有 {count} 处错误', en: 'And {count} more error(s)' },
  'import.extra_cells': {
    'zh-CN': '该行的单元格多于表头（未加引号的逗号？）',
    en: 'The row has more cells than the header (an unquoted comma?)',
  },
  'import.xlsx_too_large': {
    'zh-CN': 'XLSX 文件解压后过大（最多 {maxBytes} 字节、{maxRows} 行、{maxCells} 个单元格）',
    en: 'The XLSX file unpacks to too much (at most {maxBytes} bytes, {maxRows} rows, {maxCells} cells)',
  },
  'import.no_rows': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'import.too_many_rows': { 'zh-CN': '最多 {max} 行数据', en: 'At most {max} data rows' },
  'import.csv_syntax': { 'zh-CN': 'CSV 格式错误：{reason}', en: 'CSV syntax error: {reason}' },
  'import.json_syntax': { 'zh-CN': 'JSON 格式错误：{reason}', en: 'JSON syntax error: {reason}' },
  'import.json_shape': {
    'zh-CN': 'JSON 文件必须是对象数组',
    en: 'The JSON file must be an array of objects',
  },
  'import.row_not_object': { 'zh-CN': '每一行必须是对象', en: 'Each row must be an object' },
  'import.xlsx_unreadable': { 'zh-CN': '无法读取 XLSX 文件', en: 'The XLSX file cannot be read' },
  'import.encoding': {
    'zh-CN': '文件不是 UTF-8 编码（请另存为“CSV UTF-8”）',
    en: 'The file is not UTF-8 (save it as “CSV UTF-8”)',
  },
  'import.kpis_format': {
    'zh-CN': '指标格式应为 JSON 数组或“指标:目标值”列表',
    en: 'KPIs must be a JSON array or a list of metric:target',
  },
  'import.case_format': {
    'zh-CN': '案例必须是文本或包含 title、client、year、outcome 的对象',
    en: 'A case must be text or an object with title, client, year and outcome',
  },
  'import.duplicate_in_file': {
    'zh-CN': '与第 {otherRow} 行重复（{value}）',
    en: 'Same as row {otherRow} ({value})',
  },
  'import.agency_unknown': {
    'zh-CN': '未找到已认证的需求方单位：{name}',
    en: 'No verified agency organisation named {name}',
  },
  'import.agency_ambiguous': {
    'zh-CN': '有多个名为 {name} 的已认证需求方单位，请使用 agencyOrganisationId',
    en: 'Several verified agencies are named {name}; use agencyOrganisationId',
  },
  'import.agency_required': {
    'zh-CN': '请填写 agency 列或提供 agencyOrganisationId',
    en: 'Give the agency column or agencyOrganisationId',
  },
  'import.organisation_not_vendor': {
    'zh-CN': '该统一社会信用代码属于非供给方单位',
    en: 'This USCC belongs to an organisation that is not a vendor',
  },
  'import.organisation_not_verified': {
    'zh-CN': '该供给方单位尚未通过认证，请先审核',
    en: 'This vendor organisation is not verified yet; verify it first',
  },
  'import.name_taken': {
    'zh-CN': '已有同名单位（统一社会信用代码不同）',
    en: 'An organisation with this name but another USCC exists',
  },
};
