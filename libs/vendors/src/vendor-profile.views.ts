import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { renderMarkdown } from '@app/common';
import type { FacetCounts, TermMatch } from '@app/search';
import type { VendorCertification, VendorPastCase, VendorProduct, VendorProfileEntity } from './vendor-profile.entity';
import { vendorProfilePolicy } from './vendor-profile.policy';

export class VendorProductView {
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true }) url: string | null;
}

export class VendorPastCaseView {
  @ApiProperty() title: string;
  @ApiProperty() client: string;
  @ApiProperty() year: number;
  @ApiProperty() outcome: string;
  @ApiProperty({ nullable: true, description: 'A scenario of this platform the case refers to' })
  scenarioId: string | null;
  @ApiProperty({
    description:
      'True only when the vendor took part in the awarded proposal of the linked scenario and it was accepted (or became a demonstration); otherwise self-declared',
  })
  verified: boolean;

  static of(c: VendorPastCase, delivered: ReadonlySet<string>): VendorPastCaseView {
    const scenarioId = c.scenarioId ?? null;
    return {
      title: c.title,
      client: c.client,
      year: c.year,
      outcome: c.outcome,
      scenarioId,
      verified: scenarioId !== null && delivered.has(scenarioId),
    };
  }
}

export class VendorCertificationView {
  @ApiProperty() name: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ nullable: true, example: '2027-06-30' }) validUntil: string | null;
}

/** The organisation facts a profile view shows (identity owns them). */
export interface VendorOrganisationFacts {
  nameZh: string;
  nameEn: string | null;
  districtCode: string;
  status: string;
}

export class VendorProfileView {
  @ApiProperty() organisationId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ nullable: true }) nameEn: string | null;
  @ApiProperty({ description: "The organisation's registered district" }) districtCode: string;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected'] }) organisationStatus: string;
  @ApiProperty({ description: 'Shown on the public capability list (only verified vendors are)' }) listed: boolean;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ type: [String] }) capabilityCodes: string[];
  @ApiProperty({ type: [String] }) industryFields: string[];
  @ApiProperty({ type: [String], description: 'Districts served' }) districts: string[];
  @ApiProperty({ description: 'Markdown source' }) description: string;
  @ApiProperty({ description: 'The description rendered from Markdown and sanitised (safe HTML)' })
  descriptionHtml: string;
  @ApiProperty({ type: [VendorProductView] }) products: VendorProductView[];
  @ApiProperty({ type: [VendorPastCaseView] }) pastCases: VendorPastCaseView[];
  @ApiProperty({ type: [VendorCertificationView] }) certifications: VendorCertificationView[];
  @ApiProperty({ nullable: true }) teamSize: number | null;
  @ApiProperty({ nullable: true, description: 'TRL of the main offering (1–9)' }) trl: number | null;
  @ApiProperty({ nullable: true }) typicalBudgetMinYuan: number | null;
  @ApiProperty({ nullable: true }) typicalBudgetMaxYuan: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;

  /** `delivered`: the scenarios the vendor verifiably delivered (their cases show as verified). */
  static of(v: VendorProfileEntity, org: VendorOrganisationFacts, delivered: ReadonlySet<string>): VendorProfileView {
    return {
      organisationId: v.organisationId,
      nameZh: org.nameZh,
      nameEn: org.nameEn,
      districtCode: org.districtCode,
      organisationStatus: org.status,
      listed: vendorProfilePolicy.isListed(org.status),
      domains: v.domains,
      capabilityCodes: v.capabilityCodes,
      industryFields: v.industryFields,
      districts: v.districts,
      description: v.description,
      descriptionHtml: renderMarkdown(v.description) ?? '',
      products: v.products.map((p: VendorProduct) => ({
        name: p.name,
        description: p.description,
        url: p.url ?? null,
      })),
      pastCases: v.pastCases.map((c) => VendorPastCaseView.of(c, delivered)),
      certifications: v.certifications.map((c: VendorCertification) => ({
        name: c.name,
        issuer: c.issuer,
        validUntil: c.validUntil ?? null,
      })),
      teamSize: v.teamSize,
      trl: v.trl,
      typicalBudgetMinYuan: v.typicalBudgetMinYuan,
      typicalBudgetMaxYuan: v.typicalBudgetMaxYuan,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
      version: v.version,
    };
  }
}

/** A verified vendor's profile as the public sees it (no workflow fields). */
export class PublicVendorDetail extends OmitType(VendorProfileView, [
  'organisationStatus',
  'listed',
  'version',
] as const) {
  static of(v: VendorProfileEntity, org: VendorOrganisationFacts, delivered: ReadonlySet<string>): PublicVendorDetail {
    const { organisationStatus: _s, listed: _l, version: _v, ...rest } = VendorProfileView.of(v, org, delivered);
    return rest;
  }
}

export class PublicVendorHighlights {
  @ApiProperty({ description: 'HTML: escaped text with <mark> around matches' }) name: string;
  @ApiProperty({ description: 'HTML: the passage of the description, products or cases that matched best' })
  text: string;
}

/** A card of the public capability list. */
export class PublicVendorItem {
  @ApiProperty() organisationId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ nullable: true }) nameEn: string | null;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ type: [String] }) capabilityCodes: string[];
  @ApiProperty({ type: [String] }) industryFields: string[];
  @ApiProperty({ type: [String] }) districts: string[];
  @ApiProperty({ description: 'The beginning of the description, as plain text' }) summary: string;
  @ApiProperty({ type: [String], description: 'Product names' }) products: string[];
  @ApiProperty({ description: 'Number of past cases (verified or not)' }) caseCount: number;
  @ApiProperty({ nullable: true }) teamSize: number | null;
  @ApiProperty({ nullable: true }) trl: number | null;
  @ApiProperty({ nullable: true }) typicalBudgetMinYuan: number | null;
  @ApiProperty({ nullable: true }) typicalBudgetMaxYuan: number | null;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: PublicVendorHighlights, description: 'Only when q is given' })
  highlights?: PublicVendorHighlights;
}

export class PublicVendorPage {
  @ApiProperty({ type: [PublicVendorItem] }) items: PublicVendorItem[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Counts by domain, capability, district and industryField over the filtered set, each ignoring its own filter',
  })
  facets: FacetCounts<'domain' | 'capability' | 'district' | 'industryField'>;
  @ApiProperty({
    enum: ['all', 'any'],
    description:
      '`all`: every keyword matched. `any`: nothing matched every keyword, so these match some of them (best first)',
  })
  match: TermMatch;
}
