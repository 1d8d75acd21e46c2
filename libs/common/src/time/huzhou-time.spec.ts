import fc from 'fast-check';
import { huzhouDate, huzhouYear } from './huzhou-time';

describe('Huzhou calendar (UTC+8, no daylight saving)', () => {
  it('turns the day and the year at 16:00 UTC', () => {
    expect(huzhouDate(new Date('2026-03-09T15:59:59.999Z'))).toBe('2026-03-09');
    expect(huzhouDate(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(huzhouYear(new Date('2026-12-31T15:30:00Z'))).toBe(2026);
    expect(huzhouYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(huzhouDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with the date a UTC+8 clock shows, every day of every year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        const local = new Date(at.getTime() + 8 * 3_600_000);
        const expected = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
        expect(huzhouDate(at)).toBe(expected);
        expect(huzhouYear(at)).toBe(local.getUTCFullYear());
      }),
    );
  });
});
