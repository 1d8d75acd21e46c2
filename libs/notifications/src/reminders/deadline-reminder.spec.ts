import { reminderDue } from './deadline-reminder.service';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('reminderDue', () => {
  it('owes the 3-day reminder from 72 h down to just over 24 h, then the 1-day one, then nothing', () => {
    expect(reminderDue(inHours(100), NOW)).toBeNull();
    expect(reminderDue(inHours(72.01), NOW)).toBeNull();
    expect(reminderDue(inHours(72), NOW)).toBe(3);
    expect(reminderDue(inHours(24.01), NOW)).toBe(3);
    expect(reminderDue(inHours(24), NOW)).toBe(1);
    expect(reminderDue(inHours(0.5), NOW)).toBe(1);
    expect(reminderDue(NOW, NOW)).toBeNull();
    expect(reminderDue(inHours(-1), NOW)).toBeNull();
  });

  it('takes other day counts in any order', () => {
    expect(reminderDue(inHours(100), NOW, [1, 7, 3])).toBe(7);
    expect(reminderDue(inHours(50), NOW, [7, 1, 3])).toBe(3);
  });
});
