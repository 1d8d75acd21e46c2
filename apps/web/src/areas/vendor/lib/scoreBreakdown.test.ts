import type { MatchComponent } from '../types';
import { breakdownRows, componentNote, formatPoints } from './scoreBreakdown';

const c = (key: string, points: number, max: number, detail: Record<string, unknown> = {}): MatchComponent => ({
  key,
  points,
  max,
  detail,
});

describe('breakdownRows', () => {
  it('puts the components in the engine order and the feedback last, unknown keys after', () => {
    const rows = breakdownRows([
      c('feedback', 0, 16, { own: null, similar: [] }),
      c('novelty', 1, 2),
      c('text', 30, 30),
      c('domain', 12, 12, { rule: 'declared' }),
      c('track_record', 1.2, 6),
    ]);
    expect(rows.map((r) => r.key)).toEqual(['domain', 'text', 'track_record', 'feedback', 'novelty']);
  });

  it('gives each row its points as a share of its maximum', () => {
    const [capability, trackRecord] = breakdownRows([c('capability', 19.1, 26), c('track_record', 1.2, 6)]);
    expect(capability).toMatchObject({ points: 19.1, max: 26, percent: 73.5, negative: false });
    expect(trackRecord.percent).toBe(20);
  });

  it('shows a negative feedback adjustment by its size and marks it negative', () => {
    const [row] = breakdownRows([c('feedback', -8, 16, { own: null, similar: [{}, {}] })]);
    expect(row).toMatchObject({ percent: 50, negative: true });
    expect(row.note).toEqual({ key: 'feedback.similar', params: { similar: 2 } });
  });

  it('clamps the bar to 0–100 and copes with a zero maximum', () => {
    expect(breakdownRows([c('budget', 9, 7)])[0].percent).toBe(100);
    expect(breakdownRows([c('budget', 1, 0)])[0].percent).toBe(0);
    expect(breakdownRows(undefined)).toEqual([]);
  });

  it('marks context points cut for low relevance', () => {
    expect(breakdownRows([c('district', 2, 8, { rule: 'citywide', relevanceFactor: 0.25 })])[0].discounted).toBe(true);
    expect(breakdownRows([c('district', 8, 8, { rule: 'citywide' })])[0].discounted).toBe(false);
  });
});

describe('componentNote', () => {
  it('names the matched capabilities once each', () => {
    const note = componentNote(
      c('capability', 19.1, 26, {
        ticked: ['amr_agv', 'smart_warehousing'],
        shownInText: ['amr_agv'],
        matched: { amr_agv: 1, production_scheduling: 0.5 },
      }),
    );
    expect(note).toEqual({
      key: 'capability.matched',
      params: {},
      codes: ['amr_agv', 'smart_warehousing', 'production_scheduling'],
    });
  });

  it('explains rules of district, budget, TRL and track record', () => {
    expect(componentNote(c('district', 4.8, 8, { rule: 'other_district' }))?.key).toBe('district.other_district');
    expect(componentNote(c('budget', 3.5, 7, { hidden: true }))?.key).toBe('budget.hidden');
    expect(componentNote(c('budget', 7, 7, { rule: 'overlap' }))?.key).toBe('budget.overlap');
    expect(componentNote(c('trl', 3.25, 5, { rule: 'below', required: 7, vendor: 6 }))).toEqual({
      key: 'trl.below',
      params: { required: 7, vendor: 6 },
    });
    expect(componentNote(c('track_record', 1.2, 6, { acceptedDeliveries: 0, pastCases: 2 }))).toEqual({
      key: 'track_record.counts',
      params: { accepted: 0, cases: 2 },
    });
    expect(componentNote(c('text', 27, 30, { fit: 0.9 }))).toEqual({ key: 'text.fit', params: { percent: 90 } });
  });

  it('tells the own feedback before similar ones', () => {
    expect(componentNote(c('feedback', 10, 16, { own: 'interested', similar: [] }))?.key).toBe('feedback.interested');
    expect(componentNote(c('feedback', 0, 16, { own: null, similar: [] }))?.key).toBe('feedback.none');
  });
});

describe('formatPoints', () => {
  it('rounds to one decimal and uses a real minus sign', () => {
    expect(formatPoints(19.14)).toBe('19.1');
    expect(formatPoints(12)).toBe('12');
    expect(formatPoints(-4.5)).toBe('−4.5');
  });
});
