import { countdown, deadlinePassed } from './countdown';

const now = new Date('2026-11-24T12:00:00Z');

describe('countdown', () => {
  it('splits the time left into days, hours and minutes, rounding down', () => {
    const c = countdown('2026-11-27T15:42:59Z', now);
    expect(c).toMatchObject({ expired: false, urgent: false, days: 3, hours: 3, minutes: 42 });
    expect(c.totalMs).toBe(((3 * 24 + 3) * 60 + 42) * 60_000 + 59_000);
  });

  it('is urgent in the last 24 hours, not at exactly 24 hours', () => {
    expect(countdown('2026-11-25T12:00:00Z', now)).toMatchObject({ urgent: false, days: 1, hours: 0, minutes: 0 });
    expect(countdown('2026-11-25T11:59:00Z', now)).toMatchObject({ urgent: true, days: 0, hours: 23, minutes: 59 });
    expect(countdown('2026-11-24T12:00:30Z', now)).toMatchObject({ urgent: true, days: 0, hours: 0, minutes: 0 });
  });

  it('is expired at the deadline and after it, with nothing left', () => {
    expect(countdown('2026-11-24T12:00:00Z', now)).toEqual({
      expired: true,
      urgent: false,
      days: 0,
      hours: 0,
      minutes: 0,
      totalMs: 0,
    });
    expect(countdown('2026-11-01T00:00:00Z', now).expired).toBe(true);
  });

  it('takes dates, timestamps and offsets alike', () => {
    const byOffset = countdown('2026-11-25T09:00:00+08:00', now.getTime());
    expect(byOffset).toMatchObject({ days: 0, hours: 13, minutes: 0, urgent: true });
    expect(countdown(new Date('2026-11-25T01:00:00Z'), now)).toEqual(byOffset);
  });

  it('treats an unparseable deadline as none', () => {
    expect(countdown('not a date', now)).toMatchObject({ expired: false, urgent: false });
  });
});

describe('deadlinePassed', () => {
  it('is false without a deadline and true once it passed', () => {
    expect(deadlinePassed(null, now)).toBe(false);
    expect(deadlinePassed('2026-11-24T11:59:59Z', now)).toBe(true);
    expect(deadlinePassed('2026-11-24T12:00:01Z', now)).toBe(false);
  });
});
