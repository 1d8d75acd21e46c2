import { taxonomy } from '../../../components/taxonomy';
import type { Query } from '../../../api/client';
import { type Spec, type Values, parseQuery, toQueryString } from './queryMapping';

const codes = (kind: keyof typeof taxonomy) => taxonomy[kind].map((t) => t.code);
/** The API's MAX_YUAN (libs/common): budgets above it are refused. */
const MAX_YUAN = 100_000_000_000;

export const PUBLIC_STATUS_GROUPS = ['open', 'closed', 'awarded', 'accepted', 'demonstration'] as const;
export type PublicStatusGroup = (typeof PUBLIC_STATUS_GROUPS)[number];
export const SCENARIO_SORTS = ['newest', 'deadline', 'budget', 'relevance'] as const;
export const VENDOR_SORTS = ['newest', 'relevance'] as const;

/** The opportunity list's filters (PublicScenarioQuery in libs/scenarios), as they appear in `/?…`. */
export const SCENARIO_FILTERS = {
  q: { type: 'text', max: 100 },
  domain: { type: 'codes', allowed: codes('domains') },
  sector: { type: 'code', allowed: codes('sectors') },
  capability: { type: 'codes', allowed: codes('capabilities') },
  district: { type: 'codes', allowed: codes('districts') },
  status: { type: 'code', allowed: PUBLIC_STATUS_GROUPS },
  budgetMin: { type: 'int', min: 0, max: MAX_YUAN },
  budgetMax: { type: 'int', min: 0, max: MAX_YUAN },
  trl: { type: 'int', min: 1, max: 9 },
  deadlineFrom: { type: 'date' },
  deadlineTo: { type: 'date' },
  batch: { type: 'uuid' },
  sort: { type: 'code', allowed: SCENARIO_SORTS },
} as const satisfies Spec;
export type ScenarioFilters = Values<typeof SCENARIO_FILTERS>;

/** The capability list's filters (PublicVendorQuery in libs/vendors), as they appear in `/vendors?…`. */
export const VENDOR_FILTERS = {
  q: { type: 'text', max: 100 },
  domain: { type: 'codes', allowed: codes('domains') },
  capability: { type: 'codes', allowed: codes('capabilities') },
  district: { type: 'codes', allowed: codes('districts') },
  industryField: { type: 'codes', allowed: codes('industry_fields') },
  trl: { type: 'int', min: 1, max: 9 },
  budgetMin: { type: 'int', min: 0, max: MAX_YUAN },
  budgetMax: { type: 'int', min: 0, max: MAX_YUAN },
  sort: { type: 'code', allowed: VENDOR_SORTS },
} as const satisfies Spec;
export type VendorFilters = Values<typeof VENDOR_FILTERS>;

export const parseScenarioFilters = (search: string | URLSearchParams) => parseQuery(SCENARIO_FILTERS, search);
export const scenarioFiltersToSearch = (f: ScenarioFilters) => toQueryString(SCENARIO_FILTERS, f);
export const parseVendorFilters = (search: string | URLSearchParams) => parseQuery(VENDOR_FILTERS, search);
export const vendorFiltersToSearch = (f: VendorFilters) => toQueryString(VENDOR_FILTERS, f);

/**
 * A calendar day of the deadline filter as the instant the API compares with: the day's start (from)
 * or its very end (to) in Huzhou time, so "deadline up to 30 Dec" includes deadlines during 30 Dec.
 * A full date-time (from a saved search) goes through unchanged.
 */
export function deadlineBound(day: string, edge: 'start' | 'end'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return edge === 'start' ? `${day}T00:00:00+08:00` : `${day}T23:59:59.999+08:00`;
}

/**
 * The API query of the list's filters: lists comma-separated, deadline days widened to whole days, a
 * lower budget above the upper one dropped (the API would refuse it) and the cursor of the page asked.
 */
export function scenarioApiQuery(f: ScenarioFilters, cursor?: string | null, limit = 20): Query {
  const budgetClash = f.budgetMin !== undefined && f.budgetMax !== undefined && f.budgetMin > f.budgetMax;
  let deadlineFrom = f.deadlineFrom && deadlineBound(f.deadlineFrom, 'start');
  let deadlineTo = f.deadlineTo && deadlineBound(f.deadlineTo, 'end');
  if (deadlineFrom && deadlineTo && Date.parse(deadlineFrom) > Date.parse(deadlineTo)) {
    deadlineFrom = undefined;
    deadlineTo = undefined;
  }
  return {
    q: f.q,
    domain: f.domain?.join(','),
    sector: f.sector,
    capability: f.capability?.join(','),
    district: f.district?.join(','),
    status: f.status,
    budgetMin: budgetClash ? undefined : f.budgetMin,
    budgetMax: f.budgetMax,
    trl: f.trl,
    deadlineFrom,
    deadlineTo,
    batch: f.batch,
    sort: f.sort === 'relevance' && !f.q ? undefined : f.sort,
    cursor: cursor ?? undefined,
    limit,
  };
}

export function vendorApiQuery(f: VendorFilters, cursor?: string | null, limit = 20): Query {
  const budgetClash = f.budgetMin !== undefined && f.budgetMax !== undefined && f.budgetMin > f.budgetMax;
  return {
    q: f.q,
    domain: f.domain?.join(','),
    capability: f.capability?.join(','),
    district: f.district?.join(','),
    industryField: f.industryField?.join(','),
    trl: f.trl,
    budgetMin: budgetClash ? undefined : f.budgetMin,
    budgetMax: f.budgetMax,
    sort: f.sort === 'relevance' && !f.q ? undefined : f.sort,
    cursor: cursor ?? undefined,
    limit,
  };
}

/** Yuan ⇄ 万元 for the budget inputs (the URL and the API keep yuan). */
export const yuanToWan = (yuan: number | undefined) => (yuan === undefined ? undefined : yuan / 10_000);
export const wanToYuan = (wan: number | null | undefined) =>
  wan === null || wan === undefined || !Number.isFinite(wan) || wan < 0 ? undefined : Math.round(wan * 10_000);
