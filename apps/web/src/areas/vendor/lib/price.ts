/** A price breakdown row as the form holds it (the amount may not be filled in yet). */
export interface PriceRow {
  item?: string;
  amountYuan?: number | null;
}

export interface PriceCheck {
  /** Sum of the rows' amounts (empty amounts count as 0). */
  sum: number;
  /** The price, null when not given. */
  price: number | null;
  /** price − sum (what is still to be broken down; negative when the rows exceed the price). */
  difference: number | null;
  /** The rows sum exactly to the price (the submission rule `proposal.price_breakdown_sum`). */
  matches: boolean;
  /** Rows whose amount is still empty. */
  missing: number;
}

const amount = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The running sum of a price breakdown against the price, as the submission checks it. */
export function checkPriceBreakdown(rows: (PriceRow | undefined | null)[] | undefined, price: unknown): PriceCheck {
  const list = rows ?? [];
  let sum = 0;
  let missing = 0;
  for (const row of list) {
    const a = amount(row?.amountYuan);
    if (a === null) missing += 1;
    else sum += a;
  }
  const p = amount(price);
  return {
    sum,
    price: p,
    difference: p === null ? null : p - sum,
    matches: p !== null && list.length > 0 && missing === 0 && sum === p,
    missing,
  };
}

export interface PercentCheck {
  sum: number;
  /** How many milestones give a payment share. */
  given: number;
  /** No share given at all, or the given shares sum to 100 (the rule `proposal.payment_percent_sum`). */
  ok: boolean;
}

/** Payment shares of milestones: when any is given they must sum to 100. */
export function checkPaymentPercents(
  rows: ({ paymentPercent?: number | null } | undefined | null)[] | undefined,
): PercentCheck {
  const given = (rows ?? []).map((r) => amount(r?.paymentPercent)).filter((p): p is number => p !== null);
  const sum = given.reduce((a, b) => a + b, 0);
  return { sum, given: given.length, ok: given.length === 0 || sum === 100 };
}
