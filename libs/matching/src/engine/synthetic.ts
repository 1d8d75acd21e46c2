import type { VendorMatchInput } from './types';

/** Small deterministic PRNG (mulberry32) so generated corpora are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['manufacturing', 'agriculture', 'culture_tourism', 'transport', 'other'];
const DISTRICTS = ['wuxing', 'nanxun', 'deqing', 'changxing', 'anji', 'south_taihu', 'citywide'];

/**
 * A larger corpus for candidate-generation and benchmark tests: each vendor recombines the
 * sentences, cases, codes, domains, districts, budget and TRL of two real profiles, with noise.
 * Many near-duplicates of relevant vendors make the top 50 crowded (a hard case for candidates).
 */
export function syntheticVendors(base: VendorMatchInput[], count: number, seed: number): VendorMatchInput[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const sentences = (t: string) => t.split(/(?<=[。；])/u).filter((x) => x.trim().length > 0);
  const allCodes = [...new Set(base.flatMap((v) => v.capabilityCodes))].sort();
  const out: VendorMatchInput[] = [];
  for (let i = 0; i < count; i++) {
    const a = pick(base);
    const b = pick(base);
    const own = sentences(a.description);
    const donor = sentences(b.description);
    const description =
      [...own.filter(() => rnd() < 0.8), ...(rnd() < 0.4 ? [pick(donor)] : [])].join('') || a.description;
    let codes = a.capabilityCodes.filter(() => rnd() < 0.85);
    if (rnd() < 0.3) codes.push(pick(allCodes));
    if (rnd() < 0.05) codes = [...codes, ...allCodes.filter(() => rnd() < 0.4)];
    const domains = rnd() < 0.15 ? [pick(DOMAINS)] : [...a.domains];
    const districts = rnd() < 0.3 ? DISTRICTS.filter(() => rnd() < 0.25) : [...a.districts];
    const scale = Math.exp((rnd() - 0.5) * 2.4);
    const budget = (x: number | null) => (x == null ? null : Math.round(x * scale));
    out.push({
      organisationId: `syn${String(i).padStart(6, '0')}`,
      name: rnd() < 0.5 ? a.name : b.name,
      description,
      domains,
      capabilityCodes: [...new Set(codes)],
      industryFields: [...a.industryFields],
      districts,
      productsText: rnd() < 0.2 ? [pick(donor)] : [],
      pastCases: [...a.pastCases.filter(() => rnd() < 0.7), ...(rnd() < 0.3 ? b.pastCases.slice(0, 1) : [])],
      trl: a.trl == null ? null : Math.max(1, Math.min(9, a.trl + Math.round((rnd() - 0.5) * 2))),
      typicalBudgetMinYuan: budget(a.typicalBudgetMinYuan),
      typicalBudgetMaxYuan: budget(a.typicalBudgetMaxYuan),
      acceptedDeliveries: rnd() < 0.1 ? Math.floor(rnd() * 5) : 0,
    });
  }
  return out;
}
