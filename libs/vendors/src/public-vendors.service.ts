import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { poolQuery } from '@app/database';
import { highlight } from '@app/search';
import { DeliveredScenarios } from './delivered-scenarios';
import type { PublicVendorQuery } from './public-vendor.dto';
import { PublicVendorListQueries, type VendorCardRow } from './public-vendor-list';
import { VendorProfileEntity } from './vendor-profile.entity';
import { vendorProfilePolicy } from './vendor-profile.policy';
import { PublicVendorDetail, PublicVendorItem, PublicVendorPage } from './vendor-profile.views';
import { markdownPlainText } from './vendor-search';
import { VendorError } from './vendors.errors';

const SUMMARY_LENGTH = 160;

/** The searchable text of a card: what the highlight picks its passage from. */
function cardText(c: VendorCardRow): string {
  return [
    markdownPlainText(c.description),
    ...c.products.flatMap((p) => [p.name, p.description]),
    ...c.past_cases.flatMap((x) => [x.title, x.outcome]),
  ]
    .filter(Boolean)
    .join('\n');
}

function item(c: VendorCardRow): PublicVendorItem {
  // By code points, so a cut never splits a character outside the BMP.
  const chars = Array.from(markdownPlainText(c.description));
  return {
    organisationId: c.id,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    domains: c.domains,
    capabilityCodes: c.capability_codes,
    industryFields: c.industry_fields,
    districts: c.districts,
    summary: chars.length > SUMMARY_LENGTH ? `${chars.slice(0, SUMMARY_LENGTH - 1).join('')}…` : chars.join(''),
    products: c.products.map((p) => p.name),
    caseCount: c.past_cases.length,
    teamSize: c.team_size,
    trl: c.trl,
    typicalBudgetMinYuan: c.typical_budget_min_yuan,
    typicalBudgetMaxYuan: c.typical_budget_max_yuan,
    updatedAt: c.updated_at.toISOString(),
  };
}

/**
 * The public capability list (场景能力清单): verified vendors' profiles, searched, filtered, faceted
 * and paged by the same engine as the opportunity list.
 */
@Injectable()
export class PublicVendorService {
  private readonly queries: PublicVendorListQueries;

  constructor(
    private readonly dataSource: DataSource,
    private readonly delivered: DeliveredScenarios,
    config: AppConfig,
  ) {
    this.queries = new PublicVendorListQueries(poolQuery(dataSource), config.PUBLIC_LIST_CACHE_SECONDS);
  }

  async list(query: PublicVendorQuery): Promise<PublicVendorPage> {
    if (query.budgetMin !== undefined && query.budgetMax !== undefined && query.budgetMin > query.budgetMax)
      throw new ValidationFailedError([{ field: 'budgetMin', rule: 'vendor.list_budget_range' }]);
    const { cards, nextCursor, facets, match } = await this.queries.list(query);
    const items = cards.map((card) => {
      const view = item(card);
      if (query.q) {
        view.highlights = {
          name: highlight(card.name_zh, query.q, { maxLength: 100 }),
          text: highlight(cardText(card), query.q, { maxLength: SUMMARY_LENGTH }),
        };
      }
      return view;
    });
    return { items, nextCursor, facets, match };
  }

  /** A listed vendor's profile; a vendor not verified, or without a profile, is simply not found. */
  async get(organisationId: string): Promise<PublicVendorDetail> {
    const [org] = (await this.dataSource.query(
      `SELECT status, name_zh, name_en, district_code FROM organisation WHERE id = $1 AND type = 'vendor'`,
      [organisationId],
    )) as { status: string; name_zh: string; name_en: string | null; district_code: string }[];
    if (!org || !vendorProfilePolicy.isListed(org.status)) throw new VendorError('VENDOR_PROFILE_NOT_FOUND');
    const v = await this.dataSource.manager.findOne(VendorProfileEntity, { where: { organisationId } });
    if (!v) throw new VendorError('VENDOR_PROFILE_NOT_FOUND');
    const delivered = new Set(await this.delivered.idsOf(organisationId));
    return PublicVendorDetail.of(
      v,
      { nameZh: org.name_zh, nameEn: org.name_en, districtCode: org.district_code, status: org.status },
      delivered,
    );
  }
}
