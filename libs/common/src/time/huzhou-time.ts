/** Huzhou keeps UTC+8 all year (no daylight saving): the city's calendar days and years. */
const HUZHOU_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in Huzhou at `at`, as `YYYY-MM-DD`. */
export function huzhouDate(at: Date): string {
  return new Date(at.getTime() + HUZHOU_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year in Huzhou at `at`. */
export function huzhouYear(at: Date): number {
  return new Date(at.getTime() + HUZHOU_OFFSET_MS).getUTCFullYear();
}
