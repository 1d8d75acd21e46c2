import { describe, expect, it } from 'vitest';
import { auditQuery } from './auditQuery';

describe('auditQuery', () => {
  it('keeps the given filters, trimmed', () => {
    expect(
      auditQuery({ objectType: ' scenario ', objectId: 'abc', actorUserId: '', from: '2026-11-01T00:00:00.000Z' }),
    ).toEqual({ objectType: 'scenario', objectId: 'abc', from: '2026-11-01T00:00:00.000Z' });
  });
  it('drops an object id without a type', () => {
    expect(auditQuery({ objectId: 'abc', to: '2026-11-30T23:59:59.999Z' })).toEqual({ to: '2026-11-30T23:59:59.999Z' });
  });
  it('is empty without filters', () => {
    expect(auditQuery({})).toEqual({});
  });
});
