import { ValidationFailedError } from '../errors/domain-error';

/** Opaque keyset cursor: base64url of the sort key values of the last item returned. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'cursor'): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field, rule: 'cursor' }]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
