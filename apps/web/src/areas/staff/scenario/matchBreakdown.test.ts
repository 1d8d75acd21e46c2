import { describe, expect, it } from 'vitest';
import { scoreBreakdown, strongestComponents } from './matchBreakdown';
import type { MatchComponent } from '../types';

// Shaped like a real answer of GET scenarios/:id/matches (engine 1.1.0), in the API's (unsorted) order.
const components: MatchComponent[] = [
  {
    key: 'domain',
    max: 12,
    points: 10.6,
    detail: { fit: 1, rule: 'declared', scenarioDomain: 'manufacturing', relevanceFactor: 0.88 },
  },
  { key: 'sector', max: 6, points: 0, detail: { fit: 0, scenarioSector: 'textile' } },
  {
    key: 'capability',
    max: 26,
    points: 13,
    detail: {
      fit: 0.5,
      needed: { cv_inspection: 1, edge_computing: 1 },
      ticked: ['edge_computing'],
      shownInText: ['edge_computing', 'cv_inspection'],
    },
  },
  { key: 'text', max: 30, points: 20.3, detail: { fit: 0.677, terms: ['边缘计算', '识别'] } },
  { key: 'district', max: 8, points: 8, detail: { rule: 'citywide' } },
  { key: 'budget', max: 7, points: 7, detail: { fit: 1, rule: 'overlap' } },
  { key: 'trl', max: 5, points: 5, detail: { rule: 'meets', vendor: 8, required: 6 } },
  { key: 'track_record', max: 6, points: 0.6, detail: { pastCases: 1, acceptedDeliveries: 0 } },
];

describe('scoreBreakdown', () => {
  const rows = scoreBreakdown(components);

  it('orders the components with the strongest signals first', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'capability',
      'text',
      'domain',
      'sector',
      'district',
      'budget',
      'trl',
      'track_record',
    ]);
  });

  it('gives points, max and a whole percentage', () => {
    expect(rows[0]).toMatchObject({ key: 'capability', points: 13, max: 26, percent: 50, fit: 0.5 });
    expect(rows[1]).toMatchObject({ key: 'text', percent: 68 });
    expect(rows.find((r) => r.key === 'sector')).toMatchObject({ percent: 0, fit: 0 });
  });

  it('separates ticked capabilities from those only shown in texts', () => {
    expect(rows[0].capabilities).toEqual({ ticked: ['edge_computing'], shownInText: ['cv_inspection'] });
  });

  it('reads the rule, TRL, track record and reduction factors', () => {
    expect(rows.find((r) => r.key === 'budget')?.rule).toBe('overlap');
    expect(rows.find((r) => r.key === 'trl')?.trl).toEqual({ required: 6, vendor: 8 });
    expect(rows.find((r) => r.key === 'track_record')?.trackRecord).toEqual({ acceptedDeliveries: 0, pastCases: 1 });
    expect(rows.find((r) => r.key === 'domain')?.relevanceFactor).toBe(0.88);
    expect(rows.find((r) => r.key === 'text')?.relevanceFactor).toBeNull();
  });

  it('puts unknown components (feedback, future ones) last and copes with a missing detail', () => {
    const out = scoreBreakdown([
      { key: 'novel', max: 0, points: 0, detail: undefined as unknown as Record<string, unknown> },
      { key: 'feedback', max: 10, points: -5, detail: {} },
      { key: 'text', max: 30, points: 3, detail: {} },
    ]);
    expect(out.map((r) => r.key)).toEqual(['text', 'feedback', 'novel']);
    expect(out[1].percent).toBe(0);
    expect(out[2]).toMatchObject({ percent: 0, rule: null, fit: null });
  });
});

describe('strongestComponents', () => {
  it('lists the components bringing the most points', () => {
    expect(strongestComponents(components)).toEqual(['text', 'capability', 'domain']);
  });
});
