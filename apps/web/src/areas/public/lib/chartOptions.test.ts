import { describe, expect, it } from 'vitest';
import { chartHeight, STAT_SERIES, statisticsBarOption, statisticsTable, type StatRow } from './chartOptions';

const rows: StatRow[] = [
  { code: 'manufacturing', published: 5, awarded: 2, accepted: 1, demonstration: 1 },
  { code: 'agriculture', published: 4, awarded: 0, accepted: 0, demonstration: 0 },
  { code: 'other', published: 0, awarded: 0, accepted: 0, demonstration: 0 },
];
const labels: Record<string, string> = { manufacturing: '智能制造', agriculture: '智慧农业', other: '其他' };
const input = {
  rows,
  categoryLabel: (c: string) => labels[c],
  seriesLabel: (s: string) => `S:${s}`,
};

describe('statisticsBarOption', () => {
  it('has one category per row, in order, and one bar series per measure with its values', () => {
    const o = statisticsBarOption(input);
    expect(o.xAxis).toMatchObject({ type: 'category', data: ['智能制造', '智慧农业', '其他'] });
    expect(o.yAxis).toMatchObject({ type: 'value', minInterval: 1 });
    expect(o.series.map((s) => s.name)).toEqual(STAT_SERIES.map((s) => `S:${s}`));
    expect(o.series.map((s) => s.data)).toEqual([
      [5, 4, 0],
      [2, 0, 0],
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(o.series.every((s) => s.type === 'bar')).toBe(true);
    expect(o.legend.data).toEqual(STAT_SERIES.map((s) => `S:${s}`));
    expect(o.color).toHaveLength(4);
  });

  it('turns the chart on its side on narrow screens, categories top to bottom, no value labels', () => {
    const o = statisticsBarOption({ ...input, narrow: true });
    expect(o.yAxis).toMatchObject({ type: 'category', data: ['智能制造', '智慧农业', '其他'], inverse: true });
    expect(o.xAxis).toMatchObject({ type: 'value' });
    expect(o.series[0].label.show).toBe(false);
  });

  it('labels bars with their value but leaves zeros unlabelled', () => {
    const { formatter } = statisticsBarOption(input).series[0].label;
    expect(formatter({ value: 5 })).toBe('5');
    expect(formatter({ value: 0 })).toBe('');
  });

  it('gives horizontal charts room per category', () => {
    expect(chartHeight(7, true)).toBeGreaterThan(chartHeight(2, true));
    expect(chartHeight(7, false)).toBe(340);
  });
});

describe('statisticsTable', () => {
  it('holds the same numbers as the chart, one row per category', () => {
    expect(statisticsTable(rows, (c) => labels[c])).toEqual([
      { category: '智能制造', values: [5, 2, 1, 1] },
      { category: '智慧农业', values: [4, 0, 0, 0] },
      { category: '其他', values: [0, 0, 0, 0] },
    ]);
  });
});
