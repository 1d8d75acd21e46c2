import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioMatchInput, VendorMatchInput } from './types';

/** Records of the labelled set (issue 5, item 5 formats). */
export interface FixtureScenario {
  key: string;
  title: string;
  summary: string | null;
  description: string | null;
  domain: string;
  sector: string | null;
  capabilities: string[];
  district: string | null;
  budgetMin: number | null;
  budgetMax: number | null;
  trlRequired: number | null;
}

export interface FixtureVendor {
  key: string;
  name: string;
  description: string;
  domains: string[];
  capabilities: string[];
  industryFields: string[];
  districts: string[];
  pastCases: string[];
  trl: number | null;
  typicalBudgetMin: number | null;
  typicalBudgetMax: number | null;
}

export interface LabelledSet {
  scenarios: FixtureScenario[];
  vendors: FixtureVendor[];
  qrels: Record<string, Record<string, number>>;
}

export function loadLabelledSet(dir: string): LabelledSet {
  const read = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  return {
    scenarios: read<FixtureScenario[]>('scenarios.json'),
    vendors: read<FixtureVendor[]>('vendors.json'),
    qrels: read<Record<string, Record<string, number>>>('qrels.json'),
  };
}

export function scenarioInput(s: FixtureScenario): ScenarioMatchInput {
  return {
    id: s.key,
    title: s.title,
    summary: s.summary ?? null,
    description: s.description ?? null,
    domain: s.domain,
    sector: s.sector ?? null,
    capabilityCodes: s.capabilities ?? [],
    district: s.district ?? null,
    budgetMinYuan: s.budgetMin ?? null,
    budgetMaxYuan: s.budgetMax ?? null,
    trlRequired: s.trlRequired ?? null,
    extraText: null,
  };
}

export function vendorInput(v: FixtureVendor): VendorMatchInput {
  return {
    organisationId: v.key,
    name: v.name,
    description: v.description ?? '',
    domains: v.domains ?? [],
    capabilityCodes: v.capabilities ?? [],
    industryFields: v.industryFields ?? [],
    districts: v.districts ?? [],
    productsText: [],
    pastCases: v.pastCases ?? [],
    trl: v.trl ?? null,
    typicalBudgetMinYuan: v.typicalBudgetMin ?? null,
    typicalBudgetMaxYuan: v.typicalBudgetMax ?? null,
    acceptedDeliveries: 0,
  };
}
