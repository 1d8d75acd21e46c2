import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { humaniseDates } from './apiMessage';

describe('humaniseDates', () => {
  it('rewrites ISO instants in a message as local date and time', () => {
    const iso = '2026-12-04T21:14:28.988Z';
    expect(humaniseDates(`异议期至 ${iso} 结束，结束前不能启动实施`)).toBe(
      `异议期至 ${dayjs(iso).format('YYYY-MM-DD HH:mm')} 结束，结束前不能启动实施`,
    );
    expect(humaniseDates('until 2026-12-04T08:00+08:00.')).toBe(
      `until ${dayjs('2026-12-04T08:00+08:00').format('YYYY-MM-DD HH:mm')}.`,
    );
  });
  it('leaves other text alone', () => {
    expect(humaniseDates('有 1 项异议尚未处理 2026-12-04')).toBe('有 1 项异议尚未处理 2026-12-04');
  });
});
