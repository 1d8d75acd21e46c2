import { describe, expect, it } from 'vitest';
import { LISTABLE_STATUSES, reviewerOptions, scenarioListParams, scenarioOptionLabel } from './staffLists';
import type { UserView } from './types';

const user = (over: Partial<UserView>): UserView => ({
  id: 'u1',
  email: 'a@example.cn',
  displayName: '专家',
  role: 'reviewer',
  organisationId: null,
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('scenarioListParams', () => {
  it('leaves out empty filters and trims the text', () => {
    expect(scenarioListParams({ status: '', domain: '', q: '  ' })).toEqual({
      status: undefined,
      domain: undefined,
      q: undefined,
      cursor: undefined,
      limit: 50,
    });
  });

  it('passes the filters, the cursor and the page size', () => {
    expect(scenarioListParams({ status: 'approved', domain: 'agriculture', q: ' 茶园 ' }, 'abc', 100)).toEqual({
      status: 'approved',
      domain: 'agriculture',
      q: '茶园',
      cursor: 'abc',
      limit: 100,
    });
  });
});

describe('LISTABLE_STATUSES', () => {
  it('never offers drafts', () => {
    expect(LISTABLE_STATUSES).not.toContain('draft');
    expect(LISTABLE_STATUSES).toContain('approved');
  });
});

describe('reviewerOptions', () => {
  it('keeps active reviewers not yet seated, sorted by name', () => {
    const users = [
      user({ id: 'b', displayName: '王专家' }),
      user({ id: 'a', displayName: '李专家', email: 'li@example.cn' }),
      user({ id: 'c', displayName: '停用专家', status: 'disabled' }),
      user({ id: 'd', displayName: '工作人员', role: 'staff' }),
      user({ id: 'e', displayName: '已入组' }),
    ];
    expect(reviewerOptions(users, new Set(['e']))).toEqual([
      { id: 'a', displayName: '李专家', email: 'li@example.cn' },
      { id: 'b', displayName: '王专家', email: 'a@example.cn' },
    ]);
  });

  it('gives nothing for no users', () => {
    expect(reviewerOptions([])).toEqual([]);
  });
});

describe('scenarioOptionLabel', () => {
  it('puts the code before the title when there is one', () => {
    expect(scenarioOptionLabel({ code: 'HZ-2026-001', title: '茶园巡检' })).toBe('HZ-2026-001 茶园巡检');
    expect(scenarioOptionLabel({ code: null, title: '茶园巡检' })).toBe('茶园巡检');
  });
});
