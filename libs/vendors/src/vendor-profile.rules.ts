import { type FieldViolation, huzhouYear } from '@app/common';
import { isKnownCode, type TaxonomyKind } from '@app/taxonomy';
import type { VendorCertification, VendorPastCase } from './vendor-profile.entity';

/** What the rules look at: the profile as submitted (optional lists may be absent or null). */
export interface VendorProfileInput {
  domains: readonly string[];
  capabilityCodes: readonly string[];
  industryFields?: readonly string[] | null;
  districts?: readonly string[] | null;
  pastCases?: readonly Pick<VendorPastCase, 'year' | 'scenarioId'>[] | null;
  certifications?: readonly Pick<VendorCertification, 'validUntil'>[] | null;
  typicalBudgetMinYuan?: number | null;
  typicalBudgetMaxYuan?: number | null;
}

/** Each coded field, the taxonomy kind its codes come from, and the rule it breaks otherwise. */
export const VENDOR_CODED_FIELDS = [
  { field: 'domains', kind: 'domain', rule: 'vendor.unknown_domain' },
  { field: 'capabilityCodes', kind: 'capability', rule: 'vendor.unknown_capability' },
  { field: 'industryFields', kind: 'industry_field', rule: 'vendor.unknown_industry_field' },
  { field: 'districts', kind: 'district', rule: 'vendor.unknown_district' },
] as const satisfies readonly { field: keyof VendorProfileInput; kind: TaxonomyKind; rule: string }[];

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The rules a profile must meet beyond its shape, one violation per offending item (the field
 * names the item, e.g. `capabilityCodes[2]`): every code is in the taxonomy, the budget range is
 * ordered, no case is from the future, a scenario is linked by one case at most, dates are real.
 */
export function vendorProfileViolations(p: VendorProfileInput, now: Date): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const { field, kind, rule } of VENDOR_CODED_FIELDS) {
    (p[field] ?? []).forEach((code, i) => {
      if (!isKnownCode(kind, code)) out.push({ field: `${field}[${i}]`, rule, params: { code } });
    });
  }
  const min = p.typicalBudgetMinYuan;
  const max = p.typicalBudgetMaxYuan;
  if (min != null && max != null && min > max) out.push({ field: 'typicalBudgetMinYuan', rule: 'vendor.budget_range' });
  const year = huzhouYear(now);
  const linked = new Set<string>();
  (p.pastCases ?? []).forEach((c, i) => {
    if (c.year > year) out.push({ field: `pastCases[${i}].year`, rule: 'vendor.case_year_future', params: { year } });
    if (c.scenarioId) {
      const id = c.scenarioId.toLowerCase();
      if (linked.has(id)) out.push({ field: `pastCases[${i}].scenarioId`, rule: 'vendor.case_scenario_duplicate' });
      linked.add(id);
    }
  });
  (p.certifications ?? []).forEach((c, i) => {
    if (c.validUntil && !isCalendarDate(c.validUntil))
      out.push({ field: `certifications[${i}].validUntil`, rule: 'vendor.date' });
  });
  return out;
}
