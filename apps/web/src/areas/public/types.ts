/** Mirrors of the public API's views (libs/scenarios, libs/vendors, libs/reporting). */

export type ScenarioStatus =
  'published' | 'closed' | 'under_evaluation' | 'awarded' | 'no_award' | 'in_delivery' | 'accepted' | 'demonstration';

export type FacetCounts = Record<string, Record<string, number>>;

export interface PublicScenarioItem {
  id: string;
  code: string | null;
  agencyOrganisationId: string;
  status: ScenarioStatus;
  title: string;
  titleEn: string | null;
  summary: string | null;
  summaryEn: string | null;
  domain: string;
  sector: string | null;
  capabilityCodes: string[];
  district: string | null;
  site: string | null;
  trlRequired: number | null;
  /** Absent when the agency keeps the budget private. */
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType: string | null;
  proposalDeadline: string | null;
  expectedDeliveryMonths: number | null;
  publishedAt: string | null;
  /** Only when searching: escaped HTML with <mark> around the matches. */
  highlights?: { title: string; summary: string };
}

export interface PublicScenarioPage {
  items: PublicScenarioItem[];
  nextCursor: string | null;
  facets: FacetCounts;
  match: 'all' | 'any';
}

export interface ScenarioKpi {
  metric: string;
  baseline: string;
  target: string;
  unit: string;
}

export interface ScenarioDataResource {
  name: string;
  description: string;
  accessTerms: string;
  sandboxed: boolean;
}

export interface AwardNotice {
  outcome: 'award' | 'no_award';
  winners: { name: string; members: string[]; amountYuan: number }[];
  totalAmountYuan: number | null;
  summary: string;
  decidedAt: string;
  standstillEndsAt: string;
}

export interface PublicQuestion {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
}

export interface AmendmentSummary {
  no: number;
  reason: string;
  changedFields: string[];
  material: boolean;
  deadlineExtended: boolean;
  amendedAt: string;
}

export interface FieldDiff {
  field: string;
  before?: unknown;
  after?: unknown;
  changes?: { op: 'equal' | 'insert' | 'delete'; text: string }[];
  hidden?: true;
}

export interface AmendmentDiff extends AmendmentSummary {
  fromVersion: number;
  toVersion: number;
  diff: FieldDiff[];
}

export interface PublicAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export interface PublicScenarioDetail extends Omit<PublicScenarioItem, 'highlights'> {
  description: string | null;
  /** Rendered from Markdown and sanitised by the server (libs/common/src/markdown.ts). */
  descriptionHtml: string | null;
  currentSituation?: string | null;
  kpis: ScenarioKpi[];
  dataResources?: ScenarioDataResource[];
  compliance: {
    algorithmFiling: boolean;
    generativeAiFiling: boolean;
    dataSecurityLevel: 'general' | 'important' | 'core';
    personalInformation: boolean;
  } | null;
  contact?: { name: string; phone: string; email: string; public: boolean } | null;
  privateFields: string[];
  copiedFromId: string | null;
  awardNotice: AwardNotice | null;
  questions: PublicQuestion[];
  amendments: AmendmentSummary[];
  attachments: PublicAttachment[];
  replicationCount: number;
}

export interface PublicVendorItem {
  organisationId: string;
  nameZh: string;
  nameEn: string | null;
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  summary: string;
  products: string[];
  caseCount: number;
  teamSize: number | null;
  trl: number | null;
  typicalBudgetMinYuan: number | null;
  typicalBudgetMaxYuan: number | null;
  updatedAt: string;
  highlights?: { name: string; text: string };
}

export interface PublicVendorPage {
  items: PublicVendorItem[];
  nextCursor: string | null;
  facets: FacetCounts;
  match: 'all' | 'any';
}

export interface PublicVendorDetail {
  organisationId: string;
  nameZh: string;
  nameEn: string | null;
  districtCode: string;
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  description: string;
  descriptionHtml: string;
  products: { name: string; description: string; url: string | null }[];
  pastCases: {
    title: string;
    client: string;
    year: number;
    outcome: string;
    scenarioId: string | null;
    verified: boolean;
  }[];
  certifications: { name: string; issuer: string; validUntil: string | null }[];
  teamSize: number | null;
  trl: number | null;
  typicalBudgetMinYuan: number | null;
  typicalBudgetMaxYuan: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublicBatch {
  id: string;
  year: number;
  number: number;
  title: string;
  publishedAt: string;
  scenarioCount: number;
}

export interface PublicAgency {
  id: string;
  nameZh: string;
  nameEn: string | null;
  scenarioCount: number;
}

export interface StatisticsCounts {
  published: number;
  awarded: number;
  accepted: number;
  demonstration: number;
}

export interface PublicStatistics {
  generatedAt: string;
  totals: StatisticsCounts;
  byDomain: (StatisticsCounts & { domain: string })[];
  byDistrict: (StatisticsCounts & { district: string })[];
}
