import { describe, expect, it } from 'vitest';
import { breakdownChartOption, formatDays, funnelChartOption, funnelQuery, funnelRows } from './funnel';
import type { FunnelView } from '../types';

const stages: FunnelView['stages'] = [
  // Out of order and one missing, as a careless API might send them.
  { stage: 'awarded', count: 5 },
  { stage: 'published', count: 20 },
  { stage: 'with_proposals', count: 10 },
  { stage: 'demonstration', count: 1 },
];

describe('funnelRows', () => {
  it('orders the stages, fills the missing ones and computes conversions', () => {
    expect(funnelRows(stages)).toEqual([
      { stage: 'published', count: 20, ofPrevious: null, ofPublished: 100 },
      { stage: 'with_proposals', count: 10, ofPrevious: 50, ofPublished: 50 },
      { stage: 'awarded', count: 5, ofPrevious: 50, ofPublished: 25 },
      { stage: 'accepted', count: 0, ofPrevious: 0, ofPublished: 0 },
      { stage: 'demonstration', count: 1, ofPrevious: null, ofPublished: 5 },
    ]);
  });

  it('gives no rates when nothing was published', () => {
    const rows = funnelRows([]);
    expect(rows.map((r) => r.count)).toEqual([0, 0, 0, 0, 0]);
    expect(rows.every((r) => r.ofPublished === null)).toBe(true);
  });
});

describe('funnelChartOption', () => {
  it('maps the stages to one funnel series in order with labels', () => {
    const option = funnelChartOption(stages, (s) => `L:${s}`);
    expect(option.series).toHaveLength(1);
    const [series] = option.series;
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.max).toBe(20);
    expect(series.data).toEqual([
      { name: 'L:published', value: 20 },
      { name: 'L:with_proposals', value: 10 },
      { name: 'L:awarded', value: 5 },
      { name: 'L:accepted', value: 0 },
      { name: 'L:demonstration', value: 1 },
    ]);
  });

  it('keeps a positive max for an empty funnel', () => {
    expect(funnelChartOption([], String).series[0].max).toBe(1);
  });
});

describe('breakdownChartOption', () => {
  const rows: FunnelView['byDomain'] = [
    {
      domain: 'manufacturing',
      published: 8,
      withProposals: 5,
      awarded: 2,
      accepted: 1,
      demonstration: 1,
      medianDaysToAward: 40,
    },
    {
      domain: 'transport',
      published: 4,
      withProposals: 1,
      awarded: 0,
      accepted: 0,
      demonstration: 0,
      medianDaysToAward: null,
    },
  ];

  it('makes one bar series per stage over the categories', () => {
    const option = breakdownChartOption(
      rows,
      (r) => r.domain,
      (c) => c.toUpperCase(),
      (s) => s,
    );
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['MANUFACTURING', 'TRANSPORT'] });
    expect(option.series.map((s) => s.name)).toEqual([
      'published',
      'with_proposals',
      'awarded',
      'accepted',
      'demonstration',
    ]);
    expect(option.series.map((s) => s.data)).toEqual([
      [8, 4],
      [5, 1],
      [2, 0],
      [1, 0],
      [1, 0],
    ]);
  });

  it('lays the bars horizontally on narrow screens', () => {
    const option = breakdownChartOption(rows, (r) => r.domain, String, String, true);
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['manufacturing', 'transport'] });
    expect(option.xAxis).toMatchObject({ type: 'value' });
  });
});

describe('formatDays and funnelQuery', () => {
  it('rounds days to one decimal', () => {
    expect(formatDays(12.345, '天')).toBe('12.3 天');
    expect(formatDays(null, '天')).toBe('—');
  });
  it('leaves empty filters out', () => {
    expect(funnelQuery({ domain: 'transport', district: '', from: '2026-01-01', to: undefined })).toEqual({
      domain: 'transport',
      from: '2026-01-01',
    });
  });
});
