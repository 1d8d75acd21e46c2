import { plainToInstance } from 'class-transformer';
import { type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  accessMessages,
  commonMessages,
  DomainError,
  type FieldViolation,
  interpolate,
  type Locale,
  type LocalisedText,
  ruleMessages,
  ValidationFailedError,
} from '@app/common';
// Deep imports: main.ts uses this file before the environment is validated, and the libraries'
// index files load AppConfigModule, whose import already starts validating it.
import { ConfigValidationError } from '@app/config/app-config';
import { identityMessages } from '@app/identity/identity.errors';
import { usccRuleMessages } from '@app/identity/uscc/is-uscc.decorator';

export type CliErrorCode =
  | 'CLI_DATABASE_MISSING'
  | 'CLI_DATABASE_UNREACHABLE'
  | 'CLI_MIGRATIONS_PENDING'
  | 'CLI_CONFLICTING_OPTIONS'
  | 'CLI_SEED_REFUSED_IN_PRODUCTION';

/** Expected failures of the CLI itself (no database, schema behind): one line, exit code 1. */
export class CliError extends DomainError<CliErrorCode> {
  constructor(code: CliErrorCode, params: Record<string, string | number | boolean | null> = {}) {
    super(code, params);
  }
}

const cliMessages: Record<CliErrorCode, LocalisedText> = {
  CLI_DATABASE_MISSING: {
    'zh-CN': '数据库 {database} 不存在，请先运行 migrate',
    en: 'Database {database} does not exist; run `migrate` first',
  },
  CLI_DATABASE_UNREACHABLE: {
    'zh-CN': '无法连接数据库 {database}：{reason}',
    en: 'Cannot connect to database {database}: {reason}',
  },
  CLI_MIGRATIONS_PENDING: {
    'zh-CN': '数据库结构落后 {count} 个迁移（{names}），请先运行 migrate',
    en: 'The database is {count} migration(s) behind ({names}); run `migrate` first',
  },
  CLI_CONFLICTING_OPTIONS: { 'zh-CN': '选项 {options} 不能同时使用', en: 'Options {options} cannot be used together' },
  CLI_SEED_REFUSED_IN_PRODUCTION: {
    'zh-CN': 'NODE_ENV=production：拒绝写入使用公开密码的演示账号（确需写入请加 --allow-production）',
    en: 'NODE_ENV=production: refusing to create demo accounts with a published password (pass --allow-production to override)',
  },
};

const MESSAGES: Record<string, LocalisedText> = {
  ...commonMessages,
  ...accessMessages,
  ...identityMessages,
  ...cliMessages,
};
const RULES: Record<string, LocalisedText> = { ...ruleMessages, ...usccRuleMessages };

/** zh-CN when the shell's locale is Chinese, English otherwise. */
export function detectLocale(env: Record<string, string | undefined> = process.env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function violationText(v: FieldViolation, locale: Locale): string {
  const text = RULES[v.rule]?.[locale] ?? String(v.params?.message ?? v.rule);
  return `${v.field}: ${interpolate(text, v.params)}`;
}

/**
 * One line for an expected error: the localised message, then the code (and field) for searching
 * logs. Anything else is a bug or an outage: its stack is kept.
 */
export function describeError(error: unknown, locale: Locale): string {
  if (error instanceof ValidationFailedError) {
    return `error: ${error.violations.map((v) => violationText(v, locale)).join('; ')} [${error.code}]`;
  }
  if (error instanceof DomainError) {
    const template = MESSAGES[error.code]?.[locale] ?? error.code;
    const where = error.field ? `, ${error.field}` : '';
    return `error: ${interpolate(template, error.params)} [${error.code}${where}]`;
  }
  if (error instanceof ConfigValidationError) return `error: ${error.message}`;
  if (error instanceof Error) return `error: ${error.stack ?? error.message}`;
  return `error: ${String(error)}`;
}

function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => {
      // Custom constraints name their exact rule as `rule:<name>` (see IsUscc).
      const named = /^rule:([\w.]+)$/.exec(message)?.[1];
      return named ? { field, rule: named } : { field, rule, params: { message } };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Command options checked with the same DTO the API validates the same input with, so a CLI user
 * gets the same rules (email format, lengths) as an HTTP client.
 */
export function validatedInput<T extends object>(dto: ClassConstructor<T>, plain: Record<string, unknown>): T {
  const instance = plainToInstance(dto, plain);
  const violations = flatten(validateSync(instance, { forbidUnknownValues: false }));
  if (violations.length) throw new ValidationFailedError(violations);
  return instance;
}
