import { describe, expect, it } from 'vitest';
import { vettingHints } from './hints';

describe('vettingHints', () => {
  it('flags what the vetting checklist will flag', () => {
    expect(
      vettingHints({
        capabilityCodes: ['llm_assistant'],
        compliance: { generativeAiFiling: false, personalInformation: true, dataSecurityLevel: 'general' },
        budgetMinYuan: 100_000,
        budgetMaxYuan: 200_000_000,
      }),
    ).toEqual(['generativeNeedsFiling', 'personalInfoLevel', 'budgetAboveCeiling', 'budgetRangeWide']);
  });

  it('is quiet for a sound scenario', () => {
    expect(
      vettingHints({
        capabilityCodes: ['cv_inspection'],
        compliance: { dataSecurityLevel: 'important', personalInformation: true },
        budgetMinYuan: 800_000,
        budgetMaxYuan: 1_500_000,
      }),
    ).toEqual([]);
    expect(vettingHints({ budgetMinYuan: 0, budgetMaxYuan: 0 })).toEqual([]);
    expect(vettingHints({ budgetMinYuan: 0, budgetMaxYuan: 10 })).toEqual(['budgetRangeWide']);
  });
});
