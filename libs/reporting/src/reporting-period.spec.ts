import { DAY_OR_DATE_TIME, publicationPeriod } from './reporting-period';

describe('publicationPeriod', () => {
  it('counts calendar days whole, in Huzhou time (UTC+8)', () => {
    expect(publicationPeriod('2026-11-01', '2026-11-24')).toEqual({
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-24T16:00:00Z'),
      endInclusive: false,
    });
  });

  it('takes date-times as they are, `to` inclusive', () => {
    expect(publicationPeriod('2026-11-01T08:00:00+08:00', '2026-11-02T10:30:00Z')).toEqual({
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-11-02T10:30:00Z'),
      endInclusive: true,
    });
  });

  it('leaves out what is not given', () => {
    expect(publicationPeriod()).toEqual({ start: null, end: null, endInclusive: false });
    expect(publicationPeriod(undefined, '2026-01-01')).toEqual({
      start: null,
      end: new Date('2026-01-01T16:00:00Z'),
      endInclusive: false,
    });
  });

  it('accepts one and the same day, and refuses `to` before `from` naming `to`', () => {
    expect(Array.isArray(publicationPeriod('2026-11-24', '2026-11-24'))).toBe(false);
    expect(Array.isArray(publicationPeriod('2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z'))).toBe(false);
    expect(publicationPeriod('2026-11-24', '2026-11-23')).toEqual([
      { field: 'to', rule: 'min', params: { min: '2026-11-24' } },
    ]);
  });

  it('knows its formats: a day or a full date-time with offset, nothing vaguer', () => {
    for (const ok of ['2026-11-24', '2026-11-24T10:00Z', '2026-11-24T10:00:00.123+08:00'])
      expect(DAY_OR_DATE_TIME.test(ok)).toBe(true);
    for (const bad of ['2026', '2026-11', '2026-W47', '24/11/2026', '2026-11-24T10:00', 'yesterday'])
      expect(DAY_OR_DATE_TIME.test(bad)).toBe(false);
  });
});
