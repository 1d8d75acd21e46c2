import type { FunnelBreakdownRow, FunnelStage, FunnelView } from '../types';

/** The order of the funnel, widest first. */
export const FUNNEL_STAGES: readonly FunnelStage[] = [
  'published',
  'with_proposals',
  'awarded',
  'accepted',
  'demonstration',
];

/** The breakdown rows' field of each stage. */
export const STAGE_FIELD: Record<FunnelStage, keyof Omit<FunnelBreakdownRow, 'medianDaysToAward'>> = {
  published: 'published',
  with_proposals: 'withProposals',
  awarded: 'awarded',
  accepted: 'accepted',
  demonstration: 'demonstration',
};

export interface FunnelRow {
  stage: FunnelStage;
  count: number;
  /** Share of the previous stage, in percent (one decimal); null for the first stage or after a 0. */
  ofPrevious: number | null;
  /** Share of the first stage (published), in percent (one decimal); null when nothing was published. */
  ofPublished: number | null;
}

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The five stages in order (missing ones as 0) with their conversion rates. */
export function funnelRows(stages: FunnelView['stages']): FunnelRow[] {
  const counts = new Map(stages.map((s) => [s.stage, s.count]));
  const first = counts.get('published') ?? 0;
  return FUNNEL_STAGES.map((stage, i) => {
    const count = counts.get(stage) ?? 0;
    const previous = i === 0 ? null : (counts.get(FUNNEL_STAGES[i - 1]) ?? 0);
    return {
      stage,
      count,
      ofPrevious: previous === null ? null : pct(count, previous),
      ofPublished: pct(count, first),
    };
  });
}

/** ECharts option of the funnel chart (series `funnel`, stages in order, labels with counts). */
export function funnelChartOption(stages: FunnelView['stages'], stageLabel: (s: FunnelStage) => string) {
  const rows = funnelRows(stages);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return {
    tooltip: { trigger: 'item' as const, formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel' as const,
        name: 'funnel',
        sort: 'none' as const,
        min: 0,
        max,
        minSize: '12%',
        left: '4%',
        width: '58%',
        top: 10,
        bottom: 10,
        gap: 2,
        // Outside on the right: small stages are too narrow for their names.
        label: { show: true, position: 'right' as const, formatter: '{b} {c}', color: '#262626' },
        labelLine: { show: true, length: 12 },
        data: rows.map((r) => ({ name: stageLabel(r.stage), value: r.count })),
      },
    ],
  };
}

/**
 * ECharts option of a breakdown (by domain or by district): one bar group per category, one series per
 * stage. Categories keep the API's order; `categoryLabel` turns codes into names.
 */
export function breakdownChartOption<R extends FunnelBreakdownRow>(
  rows: readonly R[],
  category: (row: R) => string,
  categoryLabel: (code: string) => string,
  stageLabel: (s: FunnelStage) => string,
  narrow = false,
) {
  const categories = rows.map((r) => categoryLabel(category(r)));
  return {
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { top: 0, type: 'scroll' as const },
    grid: { left: narrow ? 8 : 16, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: narrow
      ? { type: 'value' as const, minInterval: 1 }
      : { type: 'category' as const, data: categories, axisLabel: { interval: 0 } },
    yAxis: narrow
      ? { type: 'category' as const, data: categories, inverse: true }
      : { type: 'value' as const, minInterval: 1 },
    series: FUNNEL_STAGES.map((stage) => ({
      type: 'bar' as const,
      name: stageLabel(stage),
      data: rows.map((r) => r[STAGE_FIELD[stage]] ?? 0),
    })),
  };
}

/** Days shown with at most one decimal; a dash when unknown. */
export function formatDays(days: number | null | undefined, unit: string): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  return `${Math.round(days * 10) / 10} ${unit}`;
}

export interface FunnelFilters {
  domain?: string;
  district?: string;
  /** Calendar days (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
}

/** The query string of `GET admin/funnel`: empty filters left out. */
export function funnelQuery(filters: FunnelFilters): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of ['domain', 'district', 'from', 'to'] as const) {
    const v = filters[key]?.trim();
    if (v) q[key] = v;
  }
  return q;
}
