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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text form of a timestamptz (`2026-11-24 23:00:00.123456+00`) or an ISO 8601 instant. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):([0-5]\d):([0-5]\d)(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2}){0,2})$/;

/**
 * Whether PostgreSQL casts `text` to timestamptz: the forms above, on a real calendar day from year 1.
 * `Date.parse` is no test: it takes `foo 1`, `2020-02-30` and year 0, which PostgreSQL refuses (a 500).
 */
export function isCursorTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23) return false;
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0); // day 0 of the next month (setUTCFullYear keeps years below 100)
  return day <= lastDay.getUTCDate();
}

/**
 * A keyset cursor of (timestamp, uuid) — the newest-first lists — with both values checked so
 * PostgreSQL can cast them; anything else is a 400 naming `field`.
 */
export function decodeTimeIdCursor(cursor: string, field = 'cursor'): [string, string] {
  const [at, id] = decodeCursor(cursor, 2, field);
  if (typeof at !== 'string' || !isCursorTimestamp(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw new ValidationFailedError([{ field, rule: 'cursor' }]);
  }
  return [at, id];
}
