import type { FieldViolation } from '@app/common';

/** `YYYY-MM-DD` (a Huzhou calendar day) or a full ISO 8601 date-time with its offset. */
export const DAY_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A time window over first publication: `start` inclusive, `end` inclusive or exclusive. */
export interface PublicationPeriod {
  start: Date | null;
  end: Date | null;
  /** A date-time `to` includes that instant; a calendar day `to` runs up to (not including) the next day. */
  endInclusive: boolean;
}

/** A Huzhou calendar day starts at 00:00 UTC+8 (China has no daylight saving time). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The window of `from`/`to` (both optional, already checked against DAY_OR_DATE_TIME): a calendar day
 * counts whole, in Huzhou time; a date-time is taken as it is. Returns the violations instead when `to`
 * lies before `from`.
 */
export function publicationPeriod(from?: string, to?: string): PublicationPeriod | FieldViolation[] {
  const start = from ? (DAY_ONLY.test(from) ? dayStart(from) : new Date(from)) : null;
  let end: Date | null = null;
  let endInclusive = false;
  if (to) {
    if (DAY_ONLY.test(to)) end = new Date(dayStart(to).getTime() + DAY_MS);
    else {
      end = new Date(to);
      endInclusive = true;
    }
  }
  if (start && end && (endInclusive ? end < start : end <= start)) {
    return [{ field: 'to', rule: 'min', params: { min: from as string } }];
  }
  return { start, end, endInclusive };
}
