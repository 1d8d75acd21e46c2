import { checkPaymentPercents, checkPriceBreakdown } from './price';

describe('checkPriceBreakdown', () => {
  it('matches when the rows sum exactly to the price', () => {
    const c = checkPriceBreakdown(
      [
        { item: '设备', amountYuan: 1_200_000 },
        { item: '软件', amountYuan: 800_000 },
        { item: '实施', amountYuan: 350_000 },
      ],
      2_350_000,
    );
    expect(c).toEqual({ sum: 2_350_000, price: 2_350_000, difference: 0, matches: true, missing: 0 });
  });

  it('shows what is left to break down, and an excess as a negative difference', () => {
    expect(checkPriceBreakdown([{ item: 'a', amountYuan: 100 }], 250)).toMatchObject({
      sum: 100,
      difference: 150,
      matches: false,
    });
    expect(checkPriceBreakdown([{ amountYuan: 300 }], 250)).toMatchObject({ difference: -50, matches: false });
  });

  it('counts empty amounts as missing, not as a match', () => {
    const c = checkPriceBreakdown([{ item: 'a', amountYuan: 250 }, { item: 'b' }, undefined], 250);
    expect(c).toMatchObject({ sum: 250, missing: 2, matches: false });
  });

  it('never matches without a price or without rows', () => {
    expect(checkPriceBreakdown([{ amountYuan: 0 }], null)).toMatchObject({
      price: null,
      difference: null,
      matches: false,
    });
    expect(checkPriceBreakdown([], 0).matches).toBe(false);
    expect(checkPriceBreakdown(undefined, 10)).toMatchObject({ sum: 0, difference: 10, matches: false });
  });
});

describe('checkPaymentPercents', () => {
  it('is fine with no shares at all, or shares summing to 100', () => {
    expect(checkPaymentPercents([{}, { paymentPercent: null }])).toEqual({ sum: 0, given: 0, ok: true });
    expect(checkPaymentPercents([{ paymentPercent: 30 }, { paymentPercent: 70 }]).ok).toBe(true);
  });

  it('flags shares that do not sum to 100', () => {
    expect(checkPaymentPercents([{ paymentPercent: 30 }, {}])).toEqual({ sum: 30, given: 1, ok: false });
  });
});
