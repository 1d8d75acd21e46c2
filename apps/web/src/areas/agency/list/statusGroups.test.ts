import { describe, expect, it } from 'vitest';
import { SCENARIO_STATUSES } from '../types';
import { countByGroup, groupOf, inGroup, isStatusGroup, STATUS_GROUPS, STATUS_GROUP_KEYS } from './statusGroups';

describe('status tabs', () => {
  it('puts every scenario status in exactly one tab besides "all"', () => {
    for (const status of SCENARIO_STATUSES) {
      const tabs = STATUS_GROUP_KEYS.filter((g) => (STATUS_GROUPS[g] as readonly string[]).includes(status));
      expect(tabs, status).toHaveLength(1);
    }
  });

  it('groups the statuses an agency thinks of together', () => {
    expect(groupOf('draft')).toBe('draft');
    expect(groupOf('submitted')).toBe('vetting');
    expect(groupOf('returned')).toBe('returned');
    expect(groupOf('published')).toBe('open');
    expect(groupOf('under_evaluation')).toBe('evaluation');
    expect(groupOf('in_delivery')).toBe('delivery');
    expect(groupOf('demonstration')).toBe('done');
    expect(groupOf('cancelled')).toBe('ended');
    expect(inGroup({ status: 'closed' }, 'evaluation')).toBe(true);
    expect(inGroup({ status: 'closed' }, 'open')).toBe(false);
    expect(inGroup({ status: 'closed' }, 'all')).toBe(true);
  });

  it('counts the scenarios of each tab', () => {
    const counts = countByGroup([
      { status: 'draft' },
      { status: 'draft' },
      { status: 'published' },
      { status: 'accepted' },
    ]);
    expect(counts).toMatchObject({ all: 4, draft: 2, open: 1, done: 1, vetting: 0 });
  });

  it('reads the tab from the address safely', () => {
    expect(isStatusGroup('draft')).toBe(true);
    expect(isStatusGroup('nonsense')).toBe(false);
    expect(isStatusGroup(null)).toBe(false);
  });
});
