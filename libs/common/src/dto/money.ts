/** Amounts are whole yuan; 10^12 is far above any real project and inside Number's exact range. */
export const MAX_YUAN = 1_000_000_000_000;
