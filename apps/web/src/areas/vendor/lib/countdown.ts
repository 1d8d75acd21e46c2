/** What is left until a deadline, in whole days, hours and minutes (rounded down). */
export interface Countdown {
  /** The deadline has passed (or is now). */
  expired: boolean;
  /** Less than 24 hours left (and not yet passed): shown in red. */
  urgent: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Milliseconds left, 0 once expired. */
  totalMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time left from `now` until `deadline`. A deadline that cannot be parsed counts as no deadline:
 * never expired, never urgent (the caller shows nothing then).
 */
export function countdown(deadline: string | Date | number, now: Date | number): Countdown {
  const end = deadline instanceof Date ? deadline.getTime() : new Date(deadline).getTime();
  const start = now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(end)) return { expired: false, urgent: false, days: 0, hours: 0, minutes: 0, totalMs: Infinity };
  const left = end - start;
  if (left <= 0) return { expired: true, urgent: false, days: 0, hours: 0, minutes: 0, totalMs: 0 };
  return {
    expired: false,
    urgent: left < DAY,
    days: Math.floor(left / DAY),
    hours: Math.floor((left % DAY) / HOUR),
    minutes: Math.floor((left % HOUR) / MINUTE),
    totalMs: left,
  };
}

/** Whether the deadline has passed at `now` (no deadline: never). */
export function deadlinePassed(deadline: string | null | undefined, now: Date | number): boolean {
  return !!deadline && countdown(deadline, now).expired;
}
