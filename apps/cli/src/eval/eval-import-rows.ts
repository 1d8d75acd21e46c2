import { usccCheckCharacter, USCC_ALPHABET } from '@app/identity';
import type { EvalScenario, EvalVendor } from './eval-metrics';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// The eval format → the import format. Everything the eval format lacks is filled here, visibly.
// ---------------------------------------------------------------------------------------------------

/** A valid, deterministic USCC for an eval key (the import requires one): `<authority>1330500` + 9 from a hash + check character. */
export function evalUscc(key: string, authority: '9' | '1' = '9'): string {
  let n = 0;
  for (const ch of key) n = (n * 131 + ch.codePointAt(0)!) % 31 ** 9;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = USCC_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `${authority}1330500${body}`.slice(0, 17);
  return first17 + usccCheckCharacter(first17);
}

/**
 * What the import needs beyond the eval files: scenarios get a proposal deadline 30 days ahead, one KPI,
 * a contact, the site, the current situation (= summary), funding type, delivery months and a general
 * data-security level (publish=true requires a complete scenario); vendors get a generated USCC, a
 * registered district (their first district other than `citywide`, else wuxing) and a contact.
 */
export function toImportRows(scenarios: EvalScenario[], vendors: EvalVendor[], now: Date) {
  const deadline = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  const scenarioRows = scenarios.map((s) => ({
    key: s.key,
    title: s.title,
    summary: s.summary ?? undefined,
    description: s.description ?? undefined,
    domain: s.domain,
    sector: s.sector ?? undefined,
    capabilities: s.capabilities,
    district: s.district ?? undefined,
    budgetMin: s.budgetMin ?? undefined,
    budgetMax: s.budgetMax ?? undefined,
    trlRequired: s.trlRequired ?? undefined,
    // Filled for the evaluation:
    proposalDeadline: deadline,
    kpis: [{ metric: '验收指标', baseline: '', target: '达到需求说明要求', unit: '' }],
    contactName: '评测联系人',
    contactPhone: '0572-0000000',
    contactEmail: 'eval@example.gov.cn',
    contactPublic: false,
    site: 'agency_site',
    currentSituation: s.summary ?? s.title,
    fundingType: 'agency_budget',
    expectedDeliveryMonths: 6,
    dataSecurityLevel: 'general',
  }));
  const vendorRows = vendors.map((v) => ({
    key: v.key,
    name: v.name,
    uscc: evalUscc(v.key),
    description: v.description,
    domains: v.domains,
    capabilities: v.capabilities,
    industryFields: v.industryFields,
    districts: v.districts,
    pastCases: v.pastCases,
    trl: v.trl ?? undefined,
    typicalBudgetMin: v.typicalBudgetMin ?? undefined,
    typicalBudgetMax: v.typicalBudgetMax ?? undefined,
    // Filled for the evaluation:
    registeredDistrict: v.districts.find((d) => d !== 'citywide') ?? 'wuxing',
    contactName: '评测联系人',
    contactPhone: '0572-0000000',
    contactEmail: `${v.key.toLowerCase().replace(/[^a-z0-9]/g, '')}@eval.example.cn`,
  }));
  return { scenarioRows, vendorRows };
}
