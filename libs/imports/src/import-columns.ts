import type { ColumnSpec } from './import-table';

/**
 * The scenario import format. CSV/XLSX headers and JSON keys are these names (camelCase); list
 * columns are `|`-separated in CSV/XLSX and arrays (or the same text) in JSON.
 */
export const SCENARIO_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'key',
    type: 'text',
    description: 'Your own reference for the row (optional, unique in the file; echoed in the result)',
  },
  { name: 'title', type: 'text', required: true, description: 'Title, ≤ 100 characters (required)' },
  { name: 'summary', type: 'text', description: '≤ 500 characters' },
  { name: 'description', type: 'text', description: 'Markdown, ≤ 20 000 characters' },
  {
    name: 'domain',
    type: 'text',
    required: true,
    description: 'Domain code (required): manufacturing, agriculture, culture_tourism, transport',
  },
  { name: 'sector', type: 'text', description: 'Sector code; must belong to the domain' },
  { name: 'capabilities', type: 'list', description: 'Capability codes, `|`-separated (≤ 20)' },
  { name: 'district', type: 'text', description: 'District code' },
  { name: 'budgetMin', type: 'int', description: 'Budget minimum, whole yuan' },
  { name: 'budgetMax', type: 'int', description: 'Budget maximum, whole yuan, ≥ budgetMin' },
  { name: 'trlRequired', type: 'int', description: 'TRL required, 1–9' },
  {
    name: 'agency',
    type: 'text',
    description: 'Exact Chinese name of a verified agency organisation (else the agencyOrganisationId parameter)',
  },
  {
    name: 'proposalDeadline',
    type: 'datetime',
    description: 'ISO 8601 date-time with offset, in the future (an XLSX date cell works too)',
  },
  {
    name: 'kpis',
    type: 'kpis',
    description: 'JSON array of {metric, baseline, target, unit}, or `metric:target[:unit]` items `|`-separated',
  },
  { name: 'contactName', type: 'text', description: 'Contact person (with contactPhone and contactEmail)' },
  { name: 'contactPhone', type: 'text', description: 'Contact phone' },
  { name: 'contactEmail', type: 'text', description: 'Contact email' },
  {
    name: 'contactPublic',
    type: 'bool',
    description: 'Vendors may see the contact (true/false, 是/否; default false)',
  },
  { name: 'site', type: 'text', description: 'agency_site or test_ground' },
  { name: 'currentSituation', type: 'text', description: 'Current situation and problem, ≤ 5000 characters' },
  { name: 'fundingType', type: 'text', description: 'agency_budget, subsidy or co_investment' },
  { name: 'expectedDeliveryMonths', type: 'int', description: '1–120' },
  {
    name: 'dataSecurityLevel',
    type: 'text',
    description: 'Compliance: general, important or core (needed when any compliance column is given)',
  },
  { name: 'algorithmFiling', type: 'bool', description: 'Compliance: 算法备案 (default false)' },
  { name: 'generativeAiFiling', type: 'bool', description: 'Compliance: 生成式AI备案 (default false)' },
  {
    name: 'personalInformation',
    type: 'bool',
    description: 'Compliance: personal information involved (default false)',
  },
  { name: 'titleEn', type: 'text', description: 'English title, ≤ 200 characters' },
  { name: 'summaryEn', type: 'text', description: 'English summary, ≤ 1000 characters' },
  {
    name: 'privateFields',
    type: 'list',
    description: 'Hidden field groups: budget, contact, dataResources, currentSituation',
  },
];

/** The vendor import format (one row = one vendor organisation and its capability profile). */
export const VENDOR_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'key',
    type: 'text',
    description: 'Your own reference for the row (optional, unique in the file; echoed in the result)',
  },
  {
    name: 'name',
    type: 'text',
    required: true,
    description: 'Chinese name of the organisation, ≤ 100 characters (required)',
  },
  { name: 'nameEn', type: 'text', description: 'English name, ≤ 200 characters' },
  {
    name: 'uscc',
    type: 'text',
    required: true,
    description:
      'Unified social credit code (required, valid check character): an existing vendor with it is updated, else one is created',
  },
  {
    name: 'registeredDistrict',
    type: 'text',
    description: 'District the organisation is registered in (new organisations; default: the first of districts)',
  },
  { name: 'contactName', type: 'text', description: 'Organisation contact (required for a new organisation)' },
  { name: 'contactPhone', type: 'text', description: 'Organisation contact phone (required for a new organisation)' },
  { name: 'contactEmail', type: 'text', description: 'Organisation contact email (required for a new organisation)' },
  {
    name: 'description',
    type: 'text',
    description: 'Capability description, Markdown, ≤ 10 000 characters (required)',
  },
  { name: 'domains', type: 'list', description: 'Domain codes, `|`-separated (1–10, required)' },
  { name: 'capabilities', type: 'list', description: 'Capability codes, `|`-separated (1–30, required)' },
  { name: 'industryFields', type: 'list', description: 'Industry field codes (≤ 10)' },
  { name: 'districts', type: 'list', description: 'District codes served (≤ 20)' },
  {
    name: 'pastCases',
    type: 'cases',
    description: 'Past cases, `|`-separated texts; in JSON also objects {title, client, year, outcome}',
  },
  { name: 'trl', type: 'int', description: 'TRL of the main offering, 1–9' },
  { name: 'typicalBudgetMin', type: 'int', description: 'Typical project budget minimum, whole yuan' },
  { name: 'typicalBudgetMax', type: 'int', description: 'Typical project budget maximum, whole yuan' },
  { name: 'teamSize', type: 'int', description: 'Team size' },
];
