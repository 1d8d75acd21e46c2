import type { FacetCounts } from '../types';

/**
 * How many scenarios match the list's filters. The API gives no total, but its status facet counts
 * every matching scenario by status group, ignoring the status filter itself: the sum of the groups,
 * or the count of the one group asked for.
 */
export function totalFromStatusFacet(facets: FacetCounts | undefined, status?: string): number | null {
  const groups = facets?.status;
  if (!groups) return null;
  if (status) return groups[status] ?? 0;
  return Object.values(groups).reduce((a, b) => a + b, 0);
}

/**
 * The options of one facet: every value with a count (most first, then taxonomy order), plus the
 * selected values the counts do not mention (count 0), so a selection can always be undone.
 */
export function facetOptions(
  counts: Record<string, number> | undefined,
  selected: readonly string[],
  order: readonly string[],
): { value: string; count: number }[] {
  const rank = new Map(order.map((code, i) => [code, i]));
  const values = new Set([...Object.keys(counts ?? {}), ...selected]);
  return [...values]
    .filter((v) => rank.has(v))
    .map((value) => ({ value, count: counts?.[value] ?? 0 }))
    .sort((a, b) => b.count - a.count || (rank.get(a.value) ?? 0) - (rank.get(b.value) ?? 0));
}

const DAY_MS = 86_400_000;

/**
 * Whole days left until a deadline, counted in Huzhou calendar days (UTC+8): 0 on the deadline's own
 * day, negative once that day is over; null without a deadline.
 */
export function daysLeft(deadline: string | null | undefined, now: Date = new Date()): number | null {
  if (!deadline) return null;
  const t = Date.parse(deadline);
  if (Number.isNaN(t)) return null;
  const day = (ms: number) => Math.floor((ms + 8 * 3_600_000) / DAY_MS);
  return day(t) - day(now.getTime());
}

/** File sizes as people read them (KB, MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
