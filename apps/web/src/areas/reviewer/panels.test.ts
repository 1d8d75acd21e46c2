import { describe, expect, it } from 'vitest';
import { panelNextStep } from './panels';

const panel = (over: Partial<Parameters<typeof panelNextStep>[0]>) => ({
  status: 'scoring' as const,
  vendorsToDeclare: 3,
  undeclaredVendors: 0,
  scoredProposals: 0,
  ...over,
});

describe('panelNextStep', () => {
  it('waits for the deadline while proposals are sealed', () => {
    expect(panelNextStep(panel({ status: 'setup', vendorsToDeclare: null, undeclaredVendors: null }), null)).toBe(
      'sealed',
    );
  });
  it('asks for the declaration first', () => {
    expect(panelNextStep(panel({ status: 'setup', undeclaredVendors: 1 }), null)).toBe('declare');
    expect(panelNextStep(panel({ undeclaredVendors: 2 }), null)).toBe('declare');
  });
  it('waits for scoring once declared in setup', () => {
    expect(panelNextStep(panel({ status: 'setup' }), null)).toBe('waiting');
  });
  it('asks to score until every proposal is scored', () => {
    expect(panelNextStep(panel({}), { scored: 1, total: 3 })).toBe('score');
    expect(panelNextStep(panel({}), null)).toBe('score');
    expect(panelNextStep(panel({}), { scored: 3, total: 3 })).toBe('done');
  });
  it('is over once the panel closed', () => {
    expect(panelNextStep(panel({ status: 'closed', undeclaredVendors: 1 }), null)).toBe('closed');
    expect(panelNextStep(panel({ status: 'decided' }), { scored: 2, total: 2 })).toBe('closed');
  });
});
