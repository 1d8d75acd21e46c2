import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { renderMarkdown } from '@app/common';
import type {
  PrivateFieldName,
  ScenarioCompliance,
  ScenarioContact,
  ScenarioDataResource,
  ScenarioAwardNotice,
  ScenarioEntity,
  ScenarioKpi,
} from './scenario.entity';
import type { ScenarioStatus } from './scenario-status';
import type { VettingChecklist } from './scenario-checks';

export class ScenarioView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, example: 'HZ-2026-MF-0007' }) code: string | null;
  @ApiProperty() agencyOrganisationId: string;
  @ApiProperty() status: ScenarioStatus;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true }) summary: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Markdown source' }) description: string | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The description rendered from Markdown and sanitised (safe HTML)',
  })
  descriptionHtml: string | null;
  @ApiProperty() domain: string;
  @ApiPropertyOptional({ nullable: true }) sector: string | null;
  @ApiProperty({ type: [String] }) capabilityCodes: string[];
  @ApiPropertyOptional({ nullable: true }) district: string | null;
  @ApiPropertyOptional({ nullable: true }) site: string | null;
  @ApiPropertyOptional({ nullable: true }) currentSituation?: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) kpis: ScenarioKpi[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) dataResources?: ScenarioDataResource[];
  @ApiPropertyOptional({ nullable: true }) trlRequired: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  compliance: ScenarioCompliance | null;
  @ApiPropertyOptional({ nullable: true }) budgetMinYuan?: number | null;
  @ApiPropertyOptional({ nullable: true }) budgetMaxYuan?: number | null;
  @ApiPropertyOptional({ nullable: true }) fundingType: string | null;
  @ApiPropertyOptional({ nullable: true }) proposalDeadline: string | null;
  @ApiPropertyOptional({ nullable: true }) expectedDeliveryMonths: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) contact?: ScenarioContact | null;
  @ApiProperty({ type: [String] }) privateFields: PrivateFieldName[];
  @ApiPropertyOptional({ nullable: true }) titleEn: string | null;
  @ApiPropertyOptional({ nullable: true }) summaryEn: string | null;
  @ApiPropertyOptional({ nullable: true }) copiedFromId: string | null;
  @ApiPropertyOptional({ nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) publishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why it was cancelled (status cancelled only)' })
  cancellationReason: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The award notice (winners’ public names, amounts, summary of reasons, decidedAt, standstillEndsAt) once decided',
  })
  awardNotice: ScenarioAwardNotice | null;
  @ApiPropertyOptional({ description: 'How many vendor users follow it; only for the owning agency and the centre' })
  followerCount?: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: { budgetMaxYuan: '预算上限偏高，请说明测算依据' },
    description:
      'The per-field comments of the latest vetting decision while the status is returned (or rejected); null otherwise. ' +
      'Only on GET scenarios/:id, for the owning agency and the centre',
  })
  vettingComments?: Record<string, string> | null;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'The reason of the rejection while the status is rejected; null otherwise. Only on GET scenarios/:id, for the owning agency and the centre',
  })
  vettingReason?: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;

  /** `full`: the owning agency and the centre; otherwise private fields (and a non-public contact) are left out. */
  static of(s: ScenarioEntity, full = true): ScenarioView {
    const view: ScenarioView = {
      id: s.id,
      code: s.code,
      agencyOrganisationId: s.agencyOrganisationId,
      status: s.status,
      title: s.title,
      summary: s.summary,
      description: s.description,
      descriptionHtml: renderMarkdown(s.description),
      domain: s.domain,
      sector: s.sector,
      capabilityCodes: s.capabilityCodes,
      district: s.district,
      site: s.site,
      currentSituation: s.currentSituation,
      kpis: s.kpis,
      dataResources: s.dataResources,
      trlRequired: s.trlRequired,
      compliance: s.compliance,
      budgetMinYuan: s.budgetMinYuan,
      budgetMaxYuan: s.budgetMaxYuan,
      fundingType: s.fundingType,
      proposalDeadline: s.proposalDeadline?.toISOString() ?? null,
      expectedDeliveryMonths: s.expectedDeliveryMonths,
      contact: s.contact,
      privateFields: s.privateFields,
      titleEn: s.titleEn,
      summaryEn: s.summaryEn,
      copiedFromId: s.copiedFromId,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      publishedAt: s.publishedAt?.toISOString() ?? null,
      cancellationReason: s.cancellationReason ?? null,
      awardNotice: s.awardNotice ?? null,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      version: s.version,
    };
    if (full) return view;
    const hidden = new Set(s.privateFields);
    if (hidden.has('budget')) {
      delete view.budgetMinYuan;
      delete view.budgetMaxYuan;
    }
    if (hidden.has('contact') || !s.contact?.public) delete view.contact;
    if (hidden.has('dataResources')) delete view.dataResources;
    if (hidden.has('currentSituation')) delete view.currentSituation;
    return view;
  }
}

export class ScenarioPageView {
  @ApiProperty({ type: [ScenarioView] }) items: ScenarioView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}

export class VettingQueueItemView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true }) code: string | null;
  @ApiProperty() title: string;
  @ApiProperty() domain: string;
  @ApiProperty() agencyOrganisationId: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ description: 'Hours since submission, one decimal' }) waitingHours: number;
}

export class VettingDetailView {
  @ApiProperty({ type: ScenarioView }) scenario: ScenarioView;
  @ApiProperty({ type: 'object', additionalProperties: true }) checklist: VettingChecklist;
}

/** One row of the centre's list of scenarios. */
export class StaffScenarioListItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() title: string;
  @ApiProperty() status: ScenarioStatus;
  @ApiProperty() domain: string;
  @ApiPropertyOptional({ nullable: true, type: String }) sector: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ format: 'uuid' }) agencyOrganisationId: string;
  @ApiProperty() agencyName: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) batchId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deadline: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class StaffScenarioPageView {
  @ApiProperty({ type: [StaffScenarioListItemView] }) items: StaffScenarioListItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
