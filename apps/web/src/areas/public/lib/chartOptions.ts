import type { StatisticsCounts } from '../types';

/** The four measures of the public statistics, in life-cycle order. */
export const STAT_SERIES = ['published', 'awarded', 'accepted', 'demonstration'] as const;
export type StatSeries = (typeof STAT_SERIES)[number];

/** Colours of the measures: blue → gold → green → magenta, as the status tags. */
export const STAT_COLOURS: Record<StatSeries, string> = {
  published: '#1f5fbf',
  awarded: '#d48806',
  accepted: '#389e0d',
  demonstration: '#c41d7f',
};

export interface StatRow extends StatisticsCounts {
  /** Taxonomy code of the category (domain or district). */
  code: string;
}

export interface BarOptionInput {
  rows: readonly StatRow[];
  categoryLabel: (code: string) => string;
  seriesLabel: (s: StatSeries) => string;
  /** Phones: horizontal bars, so long category names stay readable. */
  narrow?: boolean;
}

/**
 * The ECharts option of a grouped bar chart: one group per category (in the rows' order, the
 * taxonomy's), one bar per measure. Narrow screens get horizontal bars, categories top to bottom.
 */
export function statisticsBarOption({ rows, categoryLabel, seriesLabel, narrow = false }: BarOptionInput) {
  const categories = rows.map((r) => categoryLabel(r.code));
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    axisTick: { alignWithLabel: true },
    axisLabel: narrow
      ? { width: 84, overflow: 'break' as const }
      : { interval: 0, width: 96, overflow: 'break' as const },
    ...(narrow ? { inverse: true } : {}),
  };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    color: STAT_SERIES.map((s) => STAT_COLOURS[s]),
    animation: false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { top: 0, data: STAT_SERIES.map(seriesLabel) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: narrow ? valueAxis : categoryAxis,
    yAxis: narrow ? categoryAxis : valueAxis,
    series: STAT_SERIES.map((s) => ({
      type: 'bar' as const,
      name: seriesLabel(s),
      data: rows.map((r) => r[s]),
      barMaxWidth: 28,
      label: {
        show: !narrow,
        position: 'top' as const,
        formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
      },
    })),
  };
}

/** Height of a chart that keeps bars readable: horizontal bars need room per category. */
export function chartHeight(categories: number, narrow: boolean): number {
  return narrow ? Math.max(240, 60 + categories * 64) : 340;
}

/** The rows as a table (the accessible alternative to the chart): header row, then one row per category. */
export function statisticsTable(
  rows: readonly StatRow[],
  categoryLabel: (code: string) => string,
): { category: string; values: number[] }[] {
  return rows.map((r) => ({ category: categoryLabel(r.code), values: STAT_SERIES.map((s) => r[s]) }));
}
