import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { trimString, MaxChars, MAX_YUAN } from '@app/common';

export const TECHNICAL_APPROACH_MAX = 50_000;
export const TRIAL_PLAN_MAX = 10_000;

/** `YYYY-MM-DD` naming a day that exists (no 30 February). */
function IsCalendarDate() {
  return ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
        const d = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
      },
      defaultMessage: () => 'rule:proposal.due_date',
    },
  });
}

export class KpiResponseDto {
  @ApiProperty({ example: '缺陷检出率', maxLength: 100, description: 'The scenario KPI this answers' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  metric: string;

  @ApiProperty({ maxLength: 5000, description: 'How the KPI will be met' })
  @IsString()
  @MaxChars(5000)
  approach: string;

  @ApiProperty({ example: '99.6%', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @MaxChars(200)
  committedValue: string;
}

export class TeamMemberDto {
  @ApiProperty({ example: '张工', maxLength: 50 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(50)
  name: string;

  @ApiProperty({ example: '算法负责人', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @MaxChars(100)
  role: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxChars(2000)
  qualifications: string;
}

export class PriceItemDto {
  @ApiProperty({ example: '视觉检测设备', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  item: string;

  @ApiProperty({ minimum: 0, description: 'CNY, whole yuan' })
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  amountYuan: number;
}

export class MilestoneDto {
  @ApiProperty({ example: '样机部署', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  title: string;

  @ApiProperty({ example: '2027-03-31', description: 'YYYY-MM-DD' })
  @IsString()
  @IsCalendarDate()
  dueDate: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxChars(2000)
  deliverables: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Share of the price paid at this milestone' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  paymentPercent?: number;
}

export class ReferenceDto {
  @ApiProperty({ example: '织里镇某童装企业', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  client: string;

  @ApiProperty({ example: '面料瑕疵检测', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  project: string;

  @ApiProperty({ example: 2025, minimum: 1980, maximum: 2100 })
  @IsInt()
  @Min(1980)
  @Max(2100)
  year: number;
}

/** Every content field of a proposal: drafts save any subset of them (null clears one). */
export class ProposalContentFieldsDto {
  @ApiPropertyOptional({ maxLength: TECHNICAL_APPROACH_MAX, nullable: true, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxChars(TECHNICAL_APPROACH_MAX)
  technicalApproach?: string | null;

  @ApiPropertyOptional({ type: [KpiResponseDto], maxItems: 50, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KpiResponseDto)
  kpiResponses?: KpiResponseDto[] | null;

  @ApiPropertyOptional({ type: [TeamMemberDto], maxItems: 50, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[] | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'CNY, whole yuan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  priceYuan?: number | null;

  @ApiPropertyOptional({ type: [PriceItemDto], maxItems: 100, nullable: true, description: 'Sums to priceYuan' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PriceItemDto)
  priceBreakdown?: PriceItemDto[] | null;

  @ApiPropertyOptional({ type: [MilestoneDto], maxItems: 50, nullable: true, description: 'In date order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[] | null;

  @ApiPropertyOptional({ type: [ReferenceDto], maxItems: 50, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReferenceDto)
  references?: ReferenceDto[] | null;

  @ApiPropertyOptional({ maxLength: TRIAL_PLAN_MAX, nullable: true, description: 'Trial plan for the test ground' })
  @IsOptional()
  @IsString()
  @MaxChars(TRIAL_PLAN_MAX)
  trialPlan?: string | null;
}

/** A new draft: any content fields to start with. */
export class CreateProposalDto extends ProposalContentFieldsDto {}

/** A partial change to a draft, naming the version it was based on. */
export class UpdateProposalDto extends ProposalContentFieldsDto {
  @ApiProperty({ description: 'The version this change is based on (optimistic concurrency)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

export class InviteMemberDto {
  @ApiProperty({ description: 'A verified vendor organisation to invite into the consortium' })
  @IsUUID()
  organisationId: string;
}

export class VerifyReceiptDto {
  @ApiPropertyOptional({
    description: 'The receipt hash the vendor holds, to check against what was issued',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  receiptSha256?: string;
}
