import { ApiProperty } from '@nestjs/swagger';

/** The stages of the staff funnel, widest first. */
export const FUNNEL_STAGES = ['published', 'with_proposals', 'awarded', 'accepted', 'demonstration'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

// ---- Public statistics ----

export class StatisticsCounts {
  @ApiProperty({ description: 'Published at some point and still public (published or any later public status)' })
  published: number;
  @ApiProperty({ description: 'Awarded or later: awarded, in delivery, accepted, demonstration' })
  awarded: number;
  @ApiProperty({ description: 'Accepted or demonstration' }) accepted: number;
  @ApiProperty() demonstration: number;
}

export class DomainStatistics extends StatisticsCounts {
  @ApiProperty({ description: 'Taxonomy domain code' }) domain: string;
}

export class DistrictStatistics extends StatisticsCounts {
  @ApiProperty({ description: 'Taxonomy district code' }) district: string;
}

export class PublicStatisticsView {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: StatisticsCounts }) totals: StatisticsCounts;
  @ApiProperty({ type: [DomainStatistics], description: 'Every taxonomy domain, in taxonomy order, zeros included' })
  byDomain: DomainStatistics[];
  @ApiProperty({
    type: [DistrictStatistics],
    description: 'Every taxonomy district, in taxonomy order, zeros included',
  })
  byDistrict: DistrictStatistics[];
}

// ---- Staff funnel ----

export class FunnelStageCount {
  @ApiProperty({ enum: FUNNEL_STAGES }) stage: FunnelStage;
  @ApiProperty() count: number;
}

export class TimeToAwardView {
  @ApiProperty({ description: 'Scenarios with a current award decision (outcome award)' }) count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Days from first publication to the decision; null when count is 0',
  })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Days: number | null;
}

export class FunnelBreakdown {
  @ApiProperty() published: number;
  @ApiProperty({ description: 'With at least one submitted (or later, not withdrawn) proposal' })
  withProposals: number;
  @ApiProperty() awarded: number;
  @ApiProperty() accepted: number;
  @ApiProperty() demonstration: number;
  @ApiProperty({ type: Number, nullable: true }) medianDaysToAward: number | null;
}

export class FunnelDomainRow extends FunnelBreakdown {
  @ApiProperty() domain: string;
}

export class FunnelDistrictRow extends FunnelBreakdown {
  @ApiProperty() district: string;
}

export class FunnelView {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [FunnelStageCount], description: 'The five stages, widest first' })
  stages: FunnelStageCount[];
  @ApiProperty({ type: TimeToAwardView }) timeToAward: TimeToAwardView;
  @ApiProperty({ type: [FunnelDomainRow], description: 'Every taxonomy domain, zeros included' })
  byDomain: FunnelDomainRow[];
  @ApiProperty({ type: [FunnelDistrictRow], description: 'Every taxonomy district, zeros included' })
  byDistrict: FunnelDistrictRow[];
}

// ---- Public directory (batches and agencies of the public list) ----

export class PublicBatchView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 2 }) number: number;
  @ApiProperty({ example: '2026年第2批场景机会清单' }) title: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ description: 'Scenarios of the batch that are public now (list them with public/scenarios?batch=)' })
  scenarioCount: number;
}

export class PublicAgencyView {
  @ApiProperty() id: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ description: 'Its scenarios that are public now' }) scenarioCount: number;
}
