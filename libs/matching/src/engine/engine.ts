import { CAPABILITY_LEXICON, CITY_DISTRICTS, DOMAIN_LEXICON, SECTOR_LEXICON } from './lexicon';
import { lexiconEvidence, textTerms } from './text';
import type {
  CorpusStats,
  MatchComponent,
  MatchResult,
  ScenarioDoc,
  ScenarioMatchInput,
  VendorDoc,
  VendorMatchInput,
} from './types';

/** Bump whenever scoring changes: stored results carry it. */
export const SCORING_VERSION = '1.1.0';

// ---- points per component (sum 100) ----
/** Declared (or text-shown) domain: the first filter a procurement officer applies. */
export const DOMAIN_POINTS = 12;
/** Sector vocabulary in the vendor's texts: same industry, not just same domain. */
export const SECTOR_POINTS = 6;
/** Capability fit, normalised by what the scenario needs. */
export const CAPABILITY_POINTS = 26;
/** BM25 text similarity: the strongest evidence that the vendor has done this kind of work. */
export const TEXT_POINTS = 30;
/** Serves the scenario's district (on-site work matters for pilots). */
export const DISTRICT_POINTS = 8;
/** Typical budget range overlaps the scenario's. */
export const BUDGET_POINTS = 7;
/** Maturity (TRL) at least what the scenario requires. */
export const TRL_POINTS = 5;
/** Track record: accepted deliveries on the platform, then self-declared cases. */
export const TRACK_RECORD_POINTS = 6;

// ---- rules ----
/** Capability, sector and text points are multiplied by this when the vendor is not in the scenario's domain. */
export const DOMAIN_MISMATCH_FACTOR = 0.5;
/** Domain fit when the vendor did not declare the domain but its texts show ≥ 2 domain words. */
export const DOMAIN_FROM_TEXT_FIT = 0.5;
/** Need weight of a capability recognised in the scenario text but not ticked (ticked = 1). */
export const RECOGNISED_NEED = 0.4;
/** Strength of a capability ticked and shown in the vendor's texts. */
export const STRENGTH_TICKED_AND_TEXT = 1;
/** Strength of a capability shown only in the texts (a third of vendors under-tick). */
export const STRENGTH_TEXT_ONLY = 0.8;
/** Strength of a ticked code with no text evidence (a claim, not evidence)… */
export const STRENGTH_TICKED_ONLY = 0.5;
/** …diluted when the vendor ticks more than this many codes the scenario does not need (generalists tick everything). */
export const GENERALIST_TICKS = 4;
/** BM25 parameters: k1 term-frequency saturation, b length normalisation (short profiles). */
export const BM25_K1 = 1.2;
export const BM25_B = 0.5;
/** Query-term frequency saturation (title words repeated in summary and description). */
export const QUERY_TF_K = 2;
/** Field weights of the scenario text. */
export const FIELD_WEIGHTS = { title: 2, summary: 1.5, description: 1, extra: 1 } as const;
/** Vendor text weights: the name says little, descriptions/products/cases say most. */
export const VENDOR_FIELD_WEIGHTS = { name: 0.5, description: 1, products: 1, cases: 1 } as const;
/** Text fit reaches 1 when the vendor matches this share of the scenario's idf-weighted query mass. */
export const TEXT_SATURATION = 0.6;
/** District: another district of the city still gets this share (travel is short). */
export const DISTRICT_OTHER_FIT = 0.6;
/** District: a vendor serving no district of the city. */
export const DISTRICT_NONE_FIT = 0;
/** Budget: fit lost per order of magnitude between non-overlapping ranges. */
export const BUDGET_DECADE_PENALTY = 1.2;
/** TRL: fit lost per level below the requirement. */
export const TRL_LEVEL_PENALTY = 0.35;
/** Neutral fit when a side does not state a budget, TRL or district. */
export const UNKNOWN_FIT = 0.5;
/** Track record: each accepted delivery on the platform… */
export const ACCEPTED_DELIVERY_WEIGHT = 0.3;
/** …weighs three times a self-declared case (capped). */
export const PAST_CASE_WEIGHT = 0.1;
export const PAST_CASE_CAP = 4;
/** Context points (domain, district, budget, TRL, track record) count in full only for a vendor whose
 * capability and text fit reach this level: a local, affordable vendor that does something else is no match. */
export const CONTEXT_FULL_RELEVANCE = 0.5;
/** Share of the context points a vendor with no capability or text fit still gets. */
export const CONTEXT_FLOOR = 0.25;
/** Terms listed as matched in the explanation. */
const MATCHED_TERMS_SHOWN = 12;

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort();
const toRecord = (m: Map<string, number>) => {
  const out: Record<string, number> = {};
  for (const [k, v] of m) out[k] = Math.round(v * 1000) / 1000;
  return out;
};

// ---------------------------------------------------------------- analyse

export function analyseScenario(input: ScenarioMatchInput): ScenarioDoc {
  const terms = new Map<string, number>();
  let length = 0;
  length += textTerms(input.title, FIELD_WEIGHTS.title, terms);
  length += textTerms(input.summary, FIELD_WEIGHTS.summary, terms);
  length += textTerms(input.description, FIELD_WEIGHTS.description, terms);
  length += textTerms(input.extraText ?? null, FIELD_WEIGHTS.extra, terms);
  const ticked = sortedUnique(input.capabilityCodes);
  const recognised = Object.keys(lexiconEvidence(CAPABILITY_LEXICON, terms)).sort();
  const needs: Record<string, number> = {};
  for (const c of recognised) needs[c] = RECOGNISED_NEED;
  for (const c of ticked) needs[c] = 1;
  return {
    kind: 'scenario',
    id: input.id,
    domain: input.domain,
    sector: input.sector,
    district: input.district,
    budgetMinYuan: input.budgetMinYuan,
    budgetMaxYuan: input.budgetMaxYuan,
    trlRequired: input.trlRequired,
    capabilityCodes: ticked,
    recognisedCapabilities: recognised,
    needs,
    terms: toRecord(terms),
    length: round1(length),
  };
}

export function analyseVendor(input: VendorMatchInput): VendorDoc {
  const terms = new Map<string, number>();
  let length = 0;
  length += textTerms(input.name, VENDOR_FIELD_WEIGHTS.name, terms) * VENDOR_FIELD_WEIGHTS.name;
  length += textTerms(input.description, VENDOR_FIELD_WEIGHTS.description, terms);
  for (const p of input.productsText) length += textTerms(p, VENDOR_FIELD_WEIGHTS.products, terms);
  for (const c of input.pastCases) length += textTerms(c, VENDOR_FIELD_WEIGHTS.cases, terms);

  const ticked = sortedUnique(input.capabilityCodes);
  const evidence = lexiconEvidence(CAPABILITY_LEXICON, terms);
  const recognised = Object.keys(evidence).sort();
  const capabilityStrength: Record<string, number> = {};
  for (const c of ticked) capabilityStrength[c] = evidence[c] ? STRENGTH_TICKED_AND_TEXT : STRENGTH_TICKED_ONLY;
  for (const c of recognised) if (!capabilityStrength[c]) capabilityStrength[c] = STRENGTH_TEXT_ONLY;

  const domainFit: Record<string, number> = {};
  const domainEvidence = lexiconEvidence(DOMAIN_LEXICON, terms);
  for (const [d, words] of Object.entries(domainEvidence)) if (words.length >= 2) domainFit[d] = DOMAIN_FROM_TEXT_FIT;
  for (const d of input.domains) domainFit[d] = 1;

  const sectorFit: Record<string, number> = {};
  for (const [s, words] of Object.entries(lexiconEvidence(SECTOR_LEXICON, terms)))
    sectorFit[s] = words.length >= 2 ? 1 : 0.6;

  const citywide = input.districts.includes('citywide');
  const districts = citywide
    ? [...CITY_DISTRICTS].sort()
    : sortedUnique(input.districts.filter((d) => CITY_DISTRICTS.includes(d)));
  return {
    kind: 'vendor',
    organisationId: input.organisationId,
    name: input.name,
    domainFit,
    domains: sortedUnique(input.domains),
    capabilityCodes: ticked,
    recognisedCapabilities: recognised,
    capabilityStrength,
    sectorFit,
    districts,
    citywide,
    trl: input.trl,
    budgetMinYuan: input.typicalBudgetMinYuan,
    budgetMaxYuan: input.typicalBudgetMaxYuan,
    acceptedDeliveries: Math.max(0, input.acceptedDeliveries || 0),
    pastCaseCount: input.pastCases.filter((c) => c.trim().length > 0).length,
    terms: toRecord(terms),
    length: round1(length),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function corpusStats(vendors: Iterable<VendorDoc>): CorpusStats {
  let n = 0;
  let total = 0;
  const df: Record<string, number> = {};
  for (const v of vendors) {
    n++;
    total += v.length;
    for (const t in v.terms) df[t] = (df[t] ?? 0) + 1;
  }
  return { n, avgLength: n === 0 ? 0 : total / n, df };
}

// ---------------------------------------------------------------- shared pieces

export function idf(stats: CorpusStats, term: string): number {
  const df = stats.df[term] ?? 0;
  return Math.log(1 + (stats.n - df + 0.5) / (df + 0.5));
}

interface PreparedQuery {
  /** [term, weight] with weight = saturated query tf × idf / text normaliser (text fit units). */
  entries: [string, number][];
  needTotal: number;
  /** The statistics it was computed with (a changed object is detected by these). */
  n: number;
  avgLength: number;
}

/**
 * Per (stats, scenario) cache of the prepared query, so scoring one pair costs only lookups.
 * Stats and docs are treated as immutable values: build a new CorpusStats when the corpus changes.
 */
const prepared = new WeakMap<CorpusStats, WeakMap<ScenarioDoc, PreparedQuery>>();

function prepare(scenario: ScenarioDoc, stats: CorpusStats): PreparedQuery {
  let byStats = prepared.get(stats);
  if (!byStats) {
    byStats = new WeakMap();
    prepared.set(stats, byStats);
  }
  const hit = byStats.get(scenario);
  if (hit && hit.n === stats.n && hit.avgLength === stats.avgLength) return hit;
  const raw: [string, number][] = [];
  let mass = 0;
  for (const term in scenario.terms) {
    // A term no vendor uses can match nothing: it neither scores nor dilutes the others.
    if (!stats.df[term]) continue;
    const qtf = scenario.terms[term];
    const w = ((qtf * (1 + QUERY_TF_K)) / (qtf + QUERY_TF_K)) * idf(stats, term);
    raw.push([term, w]);
    mass += w;
  }
  const norm = mass > 0 ? 1 / (TEXT_SATURATION * mass) : 0;
  const entries = raw.map(([t, w]) => [t, w * norm] as [string, number]);
  let needTotal = 0;
  for (const c in scenario.needs) needTotal += scenario.needs[c];
  const result = { entries, needTotal, n: stats.n, avgLength: stats.avgLength };
  byStats.set(scenario, result);
  return result;
}

/** BM25 term-frequency part of a vendor's term (the vendor side of the text score). */
function tfPart(tf: number, lengthNorm: number): number {
  return (tf * (BM25_K1 + 1)) / (tf + lengthNorm);
}

function lengthNormOf(vendor: VendorDoc, stats: CorpusStats): number {
  const avg = stats.avgLength > 0 ? stats.avgLength : 1;
  return BM25_K1 * (1 - BM25_B + (BM25_B * vendor.length) / avg);
}

function domainFitOf(scenario: ScenarioDoc, vendor: VendorDoc): number {
  return vendor.domainFit[scenario.domain] ?? 0;
}

function budgetFit(scenario: ScenarioDoc, vendor: VendorDoc): { fit: number; rule: string } {
  const sMin = scenario.budgetMinYuan ?? scenario.budgetMaxYuan;
  const sMax = scenario.budgetMaxYuan ?? scenario.budgetMinYuan;
  const vMin = vendor.budgetMinYuan ?? vendor.budgetMaxYuan;
  const vMax = vendor.budgetMaxYuan ?? vendor.budgetMinYuan;
  if (sMin == null || sMax == null || vMin == null || vMax == null) return { fit: UNKNOWN_FIT, rule: 'unknown' };
  const lo = Math.max(1, Math.min(sMin, sMax));
  const hi = Math.max(1, sMin, sMax);
  const vLo = Math.max(1, Math.min(vMin, vMax));
  const vHi = Math.max(1, vMin, vMax);
  if (vLo <= hi && vHi >= lo) return { fit: 1, rule: 'overlap' };
  if (vLo > hi) return { fit: clamp01(1 - BUDGET_DECADE_PENALTY * Math.log10(vLo / hi)), rule: 'vendor_above' };
  return { fit: clamp01(1 - BUDGET_DECADE_PENALTY * Math.log10(lo / vHi)), rule: 'vendor_below' };
}

function trlFit(scenario: ScenarioDoc, vendor: VendorDoc): { fit: number; rule: string } {
  if (scenario.trlRequired == null) return { fit: 1, rule: 'not_required' };
  if (vendor.trl == null) return { fit: UNKNOWN_FIT, rule: 'unknown' };
  const gap = scenario.trlRequired - vendor.trl;
  if (gap <= 0) return { fit: 1, rule: 'meets' };
  return { fit: clamp01(1 - TRL_LEVEL_PENALTY * gap), rule: 'below' };
}

function districtFit(scenario: ScenarioDoc, vendor: VendorDoc): { fit: number; rule: string } {
  if (vendor.districts.length === 0) return { fit: DISTRICT_NONE_FIT, rule: 'serves_none' };
  const d = scenario.district;
  if (vendor.citywide) return { fit: 1, rule: 'citywide' };
  if (d == null || d === 'citywide' || !CITY_DISTRICTS.includes(d))
    return { fit: DISTRICT_OTHER_FIT + (1 - DISTRICT_OTHER_FIT) * 0.5, rule: 'some_districts' };
  if (vendor.districts.includes(d)) return { fit: 1, rule: 'same_district' };
  return { fit: DISTRICT_OTHER_FIT, rule: 'other_district' };
}

/** Ticked-only codes lose weight when the vendor ticks many codes the scenario does not need. */
function tickDilution(unneededTicks: number): number {
  return Math.min(1, GENERALIST_TICKS / Math.max(1, unneededTicks));
}

function trackFit(vendor: VendorDoc): number {
  return clamp01(
    ACCEPTED_DELIVERY_WEIGHT * vendor.acceptedDeliveries +
      PAST_CASE_WEIGHT * Math.min(PAST_CASE_CAP, vendor.pastCaseCount),
  );
}

// ---------------------------------------------------------------- scoring

/** The numbers behind a score; computed without allocations so brute force over 100k docs stays cheap. */
interface Fits {
  dFit: number;
  gate: number;
  capFit: number;
  textFit: number;
  secFit: number;
  ctx: number;
  district: number;
  budget: number;
  trl: number;
  track: number;
  neededTicks: number;
  dilution: number;
  exact: number;
}

function fits(scenario: ScenarioDoc, vendor: VendorDoc, stats: CorpusStats, q: PreparedQuery): Fits {
  const dFit = domainFitOf(scenario, vendor);
  const gate = DOMAIN_MISMATCH_FACTOR + (1 - DOMAIN_MISMATCH_FACTOR) * dFit;

  let neededTicks = 0;
  for (const c in scenario.needs) if (vendor.capabilityCodes.includes(c)) neededTicks++;
  const dilution = tickDilution(vendor.capabilityCodes.length - neededTicks);
  let capSum = 0;
  for (const c in scenario.needs) {
    const s = vendor.capabilityStrength[c];
    if (s === undefined) continue;
    capSum += scenario.needs[c] * (vendor.recognisedCapabilities.includes(c) ? s : s * dilution);
  }
  const capFit = q.needTotal > 0 ? capSum / q.needTotal : 0;

  const lengthNorm = lengthNormOf(vendor, stats);
  let textRaw = 0;
  const terms = vendor.terms;
  for (const [term, w] of q.entries) {
    const tf = terms[term];
    if (tf !== undefined) textRaw += w * tfPart(tf, lengthNorm);
  }
  const textFit = Math.min(1, textRaw);

  const secFit = scenario.sector ? (vendor.sectorFit[scenario.sector] ?? 0) : dFit;
  const relevance = (CAPABILITY_POINTS * capFit + TEXT_POINTS * textFit) / (CAPABILITY_POINTS + TEXT_POINTS);
  const ctx = CONTEXT_FLOOR + (1 - CONTEXT_FLOOR) * Math.min(1, relevance / CONTEXT_FULL_RELEVANCE);
  const district = districtFit(scenario, vendor).fit;
  const budget = budgetFit(scenario, vendor).fit;
  const trl = trlFit(scenario, vendor).fit;
  const track = trackFit(vendor);
  const exact =
    gate * (SECTOR_POINTS * secFit + CAPABILITY_POINTS * capFit + TEXT_POINTS * textFit) +
    ctx *
      (DOMAIN_POINTS * dFit +
        DISTRICT_POINTS * district +
        BUDGET_POINTS * budget +
        TRL_POINTS * trl +
        TRACK_RECORD_POINTS * track);
  return { dFit, gate, capFit, textFit, secFit, ctx, district, budget, trl, track, neededTicks, dilution, exact };
}

function finalScore(exact: number): number {
  return round1(Math.max(0, Math.min(100, exact)));
}

/** The score alone (same number as `scoreMatch(...).score`), without the explanation. */
export function scoreOnly(scenario: ScenarioDoc, vendor: VendorDoc, stats: CorpusStats): number {
  return finalScore(fits(scenario, vendor, stats, prepare(scenario, stats)).exact);
}

export function scoreMatch(scenario: ScenarioDoc, vendor: VendorDoc, stats: CorpusStats): MatchResult {
  const q = prepare(scenario, stats);
  const f = fits(scenario, vendor, stats, q);

  const perCode: Record<string, number> = {};
  for (const c in scenario.needs) {
    const s = vendor.capabilityStrength[c];
    if (s === undefined) continue;
    perCode[c] = round3(vendor.recognisedCapabilities.includes(c) ? s : s * f.dilution);
  }
  const recognisedCapabilities = vendor.recognisedCapabilities.filter((c) => scenario.needs[c] !== undefined);

  const lengthNorm = lengthNormOf(vendor, stats);
  const contributions: [string, number][] = [];
  for (const [term, w] of q.entries) {
    const tf = vendor.terms[term];
    if (tf !== undefined) contributions.push([term, w * tfPart(tf, lengthNorm)]);
  }
  contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Shown as the reason for a match: single characters (类, 车) count a little in the score but explain nothing.
  const matchedTerms = contributions
    .filter(([t]) => Array.from(t).length > 1)
    .slice(0, MATCHED_TERMS_SHOWN)
    .map(([t]) => t);

  const budget = budgetFit(scenario, vendor);
  const trl = trlFit(scenario, vendor);
  const district = districtFit(scenario, vendor);
  const { dFit, gate, ctx } = f;
  const contextDetail = ctx < 1 ? { relevanceFactor: round3(ctx) } : {};

  const components: MatchComponent[] = [
    {
      key: 'domain',
      points: round1(DOMAIN_POINTS * dFit * ctx),
      max: DOMAIN_POINTS,
      detail: {
        scenarioDomain: scenario.domain,
        vendorDomains: vendor.domains,
        fit: round3(dFit),
        rule: dFit >= 1 ? 'declared' : dFit > 0 ? 'shown_in_text' : 'mismatch',
        ...(gate < 1 ? { mismatchFactor: round3(gate) } : {}),
        ...contextDetail,
      },
    },
    {
      key: 'sector',
      points: round1(SECTOR_POINTS * f.secFit * gate),
      max: SECTOR_POINTS,
      detail: { scenarioSector: scenario.sector, fit: round3(f.secFit) },
    },
    {
      key: 'capability',
      points: round1(CAPABILITY_POINTS * f.capFit * gate),
      max: CAPABILITY_POINTS,
      detail: {
        needed: scenario.needs,
        matched: perCode,
        ticked: scenario.capabilityCodes.filter((c) => vendor.capabilityCodes.includes(c)),
        shownInText: recognisedCapabilities,
        fit: round3(f.capFit),
        unneededTicks: vendor.capabilityCodes.length - f.neededTicks,
        ...(f.dilution < 1 ? { tickedOnlyDilution: round3(f.dilution) } : {}),
      },
    },
    {
      key: 'text',
      points: round1(TEXT_POINTS * f.textFit * gate),
      max: TEXT_POINTS,
      detail: { fit: round3(f.textFit), terms: matchedTerms },
    },
    {
      key: 'district',
      points: round1(DISTRICT_POINTS * district.fit * ctx),
      max: DISTRICT_POINTS,
      detail: {
        scenarioDistrict: scenario.district,
        vendorDistricts: vendor.citywide ? ['citywide'] : vendor.districts,
        rule: district.rule,
        ...contextDetail,
      },
    },
    {
      key: 'budget',
      points: round1(BUDGET_POINTS * budget.fit * ctx),
      max: BUDGET_POINTS,
      detail: {
        scenario: [scenario.budgetMinYuan, scenario.budgetMaxYuan],
        vendor: [vendor.budgetMinYuan, vendor.budgetMaxYuan],
        rule: budget.rule,
        fit: round3(budget.fit),
        ...contextDetail,
      },
    },
    {
      key: 'trl',
      points: round1(TRL_POINTS * trl.fit * ctx),
      max: TRL_POINTS,
      detail: { required: scenario.trlRequired, vendor: vendor.trl, rule: trl.rule, ...contextDetail },
    },
    {
      key: 'track_record',
      points: round1(TRACK_RECORD_POINTS * f.track * ctx),
      max: TRACK_RECORD_POINTS,
      detail: {
        acceptedDeliveries: vendor.acceptedDeliveries,
        pastCases: vendor.pastCaseCount,
        ...contextDetail,
      },
    },
  ];
  return { score: finalScore(f.exact), components, matchedTerms, recognisedCapabilities };
}

/** Brute-force ranking (the benchmark baseline): scores every vendor, explains only the top `limit`. */
export function rankVendorsBruteForce(
  scenario: ScenarioDoc,
  vendors: VendorDoc[],
  stats: CorpusStats,
  limit: number,
): { organisationId: string; result: MatchResult }[] {
  const k = Math.max(0, Math.floor(limit));
  if (k === 0 || vendors.length === 0) return [];
  const q = prepare(scenario, stats);
  const scores = new Float64Array(vendors.length);
  for (let i = 0; i < vendors.length; i++) scores[i] = finalScore(fits(scenario, vendors[i], stats, q).exact);
  const byRank = (a: number, b: number) => {
    const d = scores[b] - scores[a];
    if (d !== 0) return d;
    const x = vendors[a].organisationId;
    const y = vendors[b].organisationId;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // Keep the best k indexes; a full sort only when k is a large share of the corpus.
  let top: number[];
  if (k * 4 >= vendors.length) {
    top = Array.from(vendors.keys()).sort(byRank).slice(0, k);
  } else {
    let threshold = -Infinity;
    const pool: number[] = [];
    for (let i = 0; i < vendors.length; i++) {
      if (scores[i] < threshold) continue;
      pool.push(i);
      if (pool.length >= k * 4) {
        pool.sort(byRank);
        pool.length = k;
        threshold = scores[pool[k - 1]];
      }
    }
    top = pool.sort(byRank).slice(0, k);
  }
  return top.map((i) => ({
    organisationId: vendors[i].organisationId,
    result: scoreMatch(scenario, vendors[i], stats),
  }));
}

// ---------------------------------------------------------------- candidate generation

/** Prescore: text counts at this share (scoreMatch caps text fit at 1; the linear sum cannot, so it leans less on text). */
export const PRESCORE_TEXT_SCALE = 0.4;
/** Prescore stand-in for the TRL fit: the level most scenarios ask for. */
const TYPICAL_TRL_REQUIRED = 7;

/** Vendor-only context points (district served at all, TRL, track record), folded into the `dom:` posting. */
function vendorContext(vendor: VendorDoc): number {
  const anyDistrict = vendor.districts.length > 0 ? DISTRICT_OTHER_FIT : DISTRICT_NONE_FIT;
  const trl =
    vendor.trl == null ? UNKNOWN_FIT : clamp01(1 - TRL_LEVEL_PENALTY * Math.max(0, TYPICAL_TRL_REQUIRED - vendor.trl));
  return DISTRICT_POINTS * anyDistrict + TRL_POINTS * trl + TRACK_RECORD_POINTS * trackFit(vendor);
}

/**
 * Candidate-generation postings of a vendor: Σ_t scenarioQueryWeights[t] × vendorPostingWeights[t] = prescore.
 * Term kinds (all weights ≥ 0):
 * - `dom:<domain>` domain fit × (1 + vendor-only context / domain points) — long lists (one per domain);
 * - `dist:<district>` 1 per city district served (citywide expanded) — long lists;
 * - `cap:<code>` capability strength; `dc:<domain>:<code>` the same gated by domain fit (selective);
 * - `sec:<sector>` sector evidence; `t:<term>` BM25 tf part of a text term, idf sits on the query side (selective).
 */
export function vendorPostingWeights(vendor: VendorDoc, stats: CorpusStats): Record<string, number> {
  const out: Record<string, number> = {};
  const context = 1 + vendorContext(vendor) / DOMAIN_POINTS;
  for (const d in vendor.domainFit) out[`dom:${d}`] = round3(vendor.domainFit[d] * context);
  for (const d of vendor.districts) out[`dist:${d}`] = 1;
  if (vendor.citywide) out['dist:citywide'] = 1;
  // Scenario-independent stand-in for the dilution: assume two of the ticked codes are needed.
  const dilution = tickDilution(vendor.capabilityCodes.length - 2);
  for (const c in vendor.capabilityStrength) {
    const s = round3(vendor.capabilityStrength[c] * (vendor.recognisedCapabilities.includes(c) ? 1 : dilution));
    out[`cap:${c}`] = s;
    for (const d in vendor.domainFit) out[`dc:${d}:${c}`] = round3(s * vendor.domainFit[d]);
  }
  for (const s in vendor.sectorFit) out[`sec:${s}`] = vendor.sectorFit[s];
  const lengthNorm = lengthNormOf(vendor, stats);
  for (const t in vendor.terms) out[`t:${t}`] = round3(tfPart(vendor.terms[t], lengthNorm));
  return out;
}

/** Query weights of a scenario for the postings above (see `vendorPostingWeights`). */
export function scenarioQueryWeights(scenario: ScenarioDoc, stats: CorpusStats): Record<string, number> {
  const q = prepare(scenario, stats);
  const out: Record<string, number> = {};
  out[`dom:${scenario.domain}`] = DOMAIN_POINTS;
  const d = scenario.district;
  if (d != null && CITY_DISTRICTS.includes(d)) out[`dist:${d}`] = round3(DISTRICT_POINTS * (1 - DISTRICT_OTHER_FIT));
  else out['dist:citywide'] = round3(DISTRICT_POINTS * (1 - DISTRICT_OTHER_FIT));
  const sameDomainShare = 1 - DOMAIN_MISMATCH_FACTOR;
  if (q.needTotal > 0) {
    for (const c in scenario.needs) {
      const w = (CAPABILITY_POINTS * scenario.needs[c]) / q.needTotal;
      out[`cap:${c}`] = round3(w * DOMAIN_MISMATCH_FACTOR);
      out[`dc:${scenario.domain}:${c}`] = round3(w * sameDomainShare);
    }
  }
  if (scenario.sector) out[`sec:${scenario.sector}`] = SECTOR_POINTS;
  for (const [t, w] of q.entries) out[`t:${t}`] = round3(w * TEXT_POINTS * PRESCORE_TEXT_SCALE);
  return out;
}

export function prescore(scenario: ScenarioDoc, vendor: VendorDoc, stats: CorpusStats): number {
  const q = scenarioQueryWeights(scenario, stats);
  const p = vendorPostingWeights(vendor, stats);
  let s = 0;
  for (const t in q) {
    const w = p[t];
    if (w !== undefined) s += q[t] * w;
  }
  return s;
}
