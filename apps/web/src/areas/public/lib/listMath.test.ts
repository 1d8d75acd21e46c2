import { describe, expect, it } from 'vitest';
import { daysLeft, facetOptions, formatBytes, totalFromStatusFacet } from './listMath';

describe('totalFromStatusFacet', () => {
  const facets = { status: { open: 17, awarded: 1, demonstration: 1 } };
  it('sums the status groups, or takes the one asked for', () => {
    expect(totalFromStatusFacet(facets)).toBe(19);
    expect(totalFromStatusFacet(facets, 'open')).toBe(17);
    expect(totalFromStatusFacet(facets, 'closed')).toBe(0);
    expect(totalFromStatusFacet(undefined)).toBeNull();
  });
});

describe('facetOptions', () => {
  const order = ['manufacturing', 'agriculture', 'culture_tourism', 'transport', 'other'];
  it('lists values most first, then in taxonomy order, and keeps selected values without a count', () => {
    expect(facetOptions({ transport: 5, agriculture: 4, manufacturing: 5 }, ['other'], order)).toEqual([
      { value: 'manufacturing', count: 5 },
      { value: 'transport', count: 5 },
      { value: 'agriculture', count: 4 },
      { value: 'other', count: 0 },
    ]);
  });
  it('ignores codes the taxonomy does not know', () => {
    expect(facetOptions({ mystery: 3 }, [], order)).toEqual([]);
  });
});

describe('daysLeft', () => {
  const now = new Date('2026-11-24T15:00:00Z'); // 23:00 on 24 Nov in Huzhou
  it('counts Huzhou calendar days', () => {
    expect(daysLeft('2026-11-24T15:59:00Z', now)).toBe(0); // 23:59 the same day
    expect(daysLeft('2026-11-24T16:00:00Z', now)).toBe(1); // 00:00 the next day, an hour away
    expect(daysLeft('2027-01-08T09:00:00Z', now)).toBe(45);
    expect(daysLeft('2026-11-20T09:00:00Z', now)).toBe(-4);
    expect(daysLeft(null, now)).toBeNull();
    expect(daysLeft('soon', now)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads like people write sizes', () => {
    expect(formatBytes(303)).toBe('303 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(200 * 1024)).toBe('200 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
