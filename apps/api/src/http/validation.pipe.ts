import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldViolation, ValidationFailedError } from '@app/common';

/** Characters Postgres cannot store (NUL) or that are not text at all (lone surrogates, C0 controls). */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unprintableFields(value: unknown, path: string, out: FieldViolation[], depth = 0): void {
  if (depth > 10 || out.length > 20) return;
  if (typeof value === 'string') {
    if (UNPRINTABLE.test(value)) out.push({ field: path || '(body)', rule: 'unicodePrintable' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unprintableFields(v, `${path}[${i}]`, out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNPRINTABLE.test(k))
        out.push({ field: `${path ? `${path}.` : ''}${k.replace(UNPRINTABLE, '?')}`, rule: 'unicodePrintable' });
      else unprintableFields(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own: FieldViolation[] = Object.entries(e.constraints ?? {}).map(([rule, message]) => {
      // A custom constraint may name the exact rule it broke with a message `rule:<name>`.
      const named = /^rule:([\w.]+)$/.exec(message)?.[1];
      return named ? { field, rule: named } : { field, rule, params: { ...constraintParams(rule, e), message } };
    });
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Numbers the localised messages need (min/max lengths and values), read from the message itself. */
function constraintParams(rule: string, e: ValidationError): Record<string, string | number> {
  const message = e.constraints?.[rule] ?? '';
  const n = /(-?\d+(?:\.\d+)?)/.exec(message)?.[1];
  if (n === undefined) return {};
  if (['minLength', 'min', 'arrayMinSize'].includes(rule)) return { min: Number(n) };
  if (['maxLength', 'max', 'arrayMaxSize'].includes(rule)) return { max: Number(n) };
  return {};
}

/**
 * The global pipe: whitelist + forbid unknown fields + transform, one violation per field and rule.
 * Bodies must be JSON objects, and no string may carry characters that are not text.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (metadata.type === 'body' && isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationFailedError([{ field: '(body)', rule: 'bodyRequired' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const bad: FieldViolation[] = [];
      unprintableFields(value, '', bad);
      if (bad.length) throw new ValidationFailedError(bad);
    }
    return super.transform(value, metadata);
  }
}
