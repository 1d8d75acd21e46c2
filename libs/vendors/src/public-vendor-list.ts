import { type ListFacet, type PublicListDefinition, PublicListEngine, type RunSql } from '@app/search';
import type { PublicVendorQuery, PublicVendorSort } from './public-vendor.dto';
import type { VendorPastCase, VendorProduct } from './vendor-profile.entity';

/**
 * The public capability list (场景能力清单) as a definition on the shared list engine (`@app/search`),
 * the same engine as the opportunity list: verified vendors with a profile, their facets (domain,
 * capability, district served, industry field), filters (TRL at least, budget overlap) and sorts.
 */
export type VendorFacet = 'domain' | 'capability' | 'district' | 'industryField';

// Constants only (never user input) are interpolated below; every value goes in as a parameter.
const BUDGET_LOW = `coalesce(v.typical_budget_min_yuan, v.typical_budget_max_yuan)`;
const BUDGET_HIGH = `coalesce(v.typical_budget_max_yuan, v.typical_budget_min_yuan)`;

/** Any of the asked codes in the profile's array column. */
const anyOf = (field: ListFacet<PublicVendorQuery>['field'], column: string): ListFacet<PublicVendorQuery> => ({
  field,
  value: column,
  multi: true,
  where: (v) => `${column} && ${v}::text[]`,
});

export const PUBLIC_VENDOR_LIST: PublicListDefinition<
  PublicVendorQuery,
  VendorFacet,
  Exclude<PublicVendorSort, 'relevance'>
> = {
  from: 'vendor_profile v JOIN organisation o ON o.id = v.organisation_id',
  id: 'v.organisation_id',
  visible: `o.status = 'verified'`,
  searchVector: 'v.search_vector',
  cardColumns: `v.organisation_id AS id, o.name_zh, o.name_en, v.domains, v.capability_codes, v.industry_fields,
    v.districts, v.description, v.products, v.past_cases, v.team_size, v.trl,
    v.typical_budget_min_yuan::float8 AS typical_budget_min_yuan,
    v.typical_budget_max_yuan::float8 AS typical_budget_max_yuan, v.updated_at`,
  sorts: { newest: { key: 'v.created_at', desc: true, type: 'timestamptz' } },
  defaultSort: 'newest',
  filters: [
    { field: 'trl', where: (v) => `v.trl >= ${v}` },
    // Ranges overlap; a vendor stating no budget matches no budget filter.
    { field: 'budgetMin', where: (v) => `${BUDGET_HIGH} >= ${v}` },
    { field: 'budgetMax', where: (v) => `${BUDGET_LOW} <= ${v}` },
  ],
  facets: {
    domain: anyOf('domain', 'v.domains'),
    capability: anyOf('capability', 'v.capability_codes'),
    district: anyOf('district', 'v.districts'),
    industryField: anyOf('industryField', 'v.industry_fields'),
  },
};

export interface VendorCardRow {
  id: string;
  name_zh: string;
  name_en: string | null;
  domains: string[];
  capability_codes: string[];
  industry_fields: string[];
  districts: string[];
  description: string;
  products: VendorProduct[];
  past_cases: VendorPastCase[];
  team_size: number | null;
  trl: number | null;
  typical_budget_min_yuan: number | null;
  typical_budget_max_yuan: number | null;
  updated_at: Date;
}

export class PublicVendorListQueries extends PublicListEngine<
  PublicVendorQuery,
  VendorFacet,
  Exclude<PublicVendorSort, 'relevance'>,
  VendorCardRow
> {
  constructor(run: RunSql, ttlSeconds: number, maxEntries = 10_000) {
    super(PUBLIC_VENDOR_LIST, run, ttlSeconds, maxEntries);
  }
}
