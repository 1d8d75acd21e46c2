import { ValidationFailedError } from '../errors/domain-error';
import { decodeTimeIdCursor, encodeCursor, isCursorTimestamp } from './cursor';

const ID = '0b8a4c6e-1f2d-4e3a-9b5c-7d6e5f4a3b2c';

describe('keyset cursors of (timestamp, uuid)', () => {
  it('takes the forms the lists hand out: PostgreSQL text and ISO instants', () => {
    for (const at of [
      '2026-11-24 23:00:00.123456+00',
      '2026-11-24 23:00:00+05:30',
      '2026-11-24T23:00:00.123Z',
      '2024-02-29T00:00:00.000Z',
      '0001-01-01 00:00:00+00',
    ]) {
      expect(isCursorTimestamp(at)).toBe(true);
      expect(decodeTimeIdCursor(encodeCursor([at, ID]))).toEqual([at, ID]);
    }
  });

  it('refuses what Date.parse takes but PostgreSQL does not, and bad ids, as a 400 naming the field', () => {
    for (const at of [
      'foo 1',
      '2020-02-30T00:00:00.000Z',
      '2023-02-29 00:00:00+00',
      '0000-01-01T00:00:00.000Z',
      '2026-13-01T00:00:00Z',
      '2026-11-24T25:00:00Z',
      '2026-11-24',
    ]) {
      expect(isCursorTimestamp(at)).toBe(false);
      expect(() => decodeTimeIdCursor(encodeCursor([at, ID]))).toThrow(ValidationFailedError);
    }
    expect(() => decodeTimeIdCursor(encodeCursor(['2026-11-24T23:00:00.000Z', 'not-a-uuid']))).toThrow(
      ValidationFailedError,
    );
    try {
      decodeTimeIdCursor(encodeCursor([1, ID]), 'after');
      throw new Error('not thrown');
    } catch (e) {
      expect((e as ValidationFailedError).violations).toEqual([{ field: 'after', rule: 'cursor' }]);
    }
  });
});
