import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AWARD_OUTCOMES, type AwardOutcome } from './evaluation.entity';
import { CRITERION_KEY_PATTERN, RUBRIC_MAX_CRITERIA } from './rubric';
import { trimString, MaxChars, MAX_YUAN } from '@app/common';

/** Optional free text: blank is the same as absent. */
const trimOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value === undefined ? undefined : value;

/** Longest justification, objection grounds or decision reasons (also database checks). */
export const DECISION_TEXT_MAX = 5000;
/** Longest score comment (also a database check). */
export const SCORE_COMMENT_MAX = 2000;

export class RubricCriterionDto {
  @ApiProperty({ example: 'technical_quality', pattern: CRITERION_KEY_PATTERN.source })
  @IsString()
  @Matches(CRITERION_KEY_PATTERN)
  key: string;

  @ApiProperty({ example: '技术方案', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  name: string;

  @ApiProperty({ example: 40, minimum: 1, maximum: 100, description: 'Whole points; the weights sum to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  @ApiProperty({ example: 10, minimum: 1, maximum: 100, description: 'Scores run from 0 to this' })
  @IsInt()
  @Min(1)
  @Max(100)
  scaleMax: number;

  @ApiProperty({ description: 'Whether every score on this criterion needs a comment' })
  @IsBoolean()
  commentRequired: boolean;
}

/** The rubric and the panel's settings (replaces them while the evaluation is in setup). */
export class SetEvaluationDto {
  @ApiProperty({ type: [RubricCriterionDto], minItems: 1, maxItems: RUBRIC_MAX_CRITERIA })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RUBRIC_MAX_CRITERIA)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria: RubricCriterionDto[];

  @ApiPropertyOptional({ default: false, description: 'Mask vendor names from reviewers until revealed' })
  @IsOptional()
  @IsBoolean()
  blindFirstRound?: boolean;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  minReviewersPerProposal?: number;

  @ApiPropertyOptional({
    default: 15,
    minimum: 0,
    maximum: 100,
    description: 'Standard deviation of reviewers’ totals (0–100) above which a proposal is flagged',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  disagreementThreshold?: number;
}

export class AssignPanelDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 50, description: 'Users with role reviewer' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class ConflictDeclarationDto {
  @ApiProperty({ format: 'uuid', description: 'A vendor organisation taking part in a proposal' })
  @IsUUID('all')
  organisationId: string;

  @ApiProperty({ description: 'Whether the reviewer has a conflict of interest with this vendor' })
  @IsBoolean()
  conflicted: boolean;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, example: '曾在该公司任职（2019–2021）' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxChars(1000)
  note?: string | null;
}

export class DeclareConflictsDto {
  @ApiProperty({ type: [ConflictDeclarationDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConflictDeclarationDto)
  declarations: ConflictDeclarationDto[];
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'technical_quality', description: 'A criterion key of the rubric' })
  @IsString()
  @Matches(CRITERION_KEY_PATTERN)
  criterion: string;

  @ApiProperty({ example: 8, description: 'A whole number from 0 to the criterion’s scaleMax' })
  @IsInt()
  value: number;

  @ApiPropertyOptional({ maxLength: SCORE_COMMENT_MAX, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxChars(SCORE_COMMENT_MAX)
  comment?: string | null;
}

/** A reviewer's complete scoring of one proposal: one entry per criterion of the rubric. */
export class SubmitScoresDto {
  @ApiProperty({ type: [CriterionScoreDto], minItems: 1, maxItems: RUBRIC_MAX_CRITERIA })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RUBRIC_MAX_CRITERIA)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];
}

export class ShortlistDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'The shortlisted proposals; every other opened proposal is not shortlisted',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds: string[];
}

export class AwardWinnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  proposalId: string;

  @ApiProperty({ example: 980000, description: 'Awarded amount, whole yuan' })
  @IsInt()
  @Min(1)
  @Max(MAX_YUAN)
  amountYuan: number;
}

export class RecordAwardDto {
  @ApiProperty({ enum: AWARD_OUTCOMES })
  @IsIn(AWARD_OUTCOMES)
  outcome: AwardOutcome;

  @ApiProperty({ type: [AwardWinnerDto], maxItems: 10, description: 'One or more for an award; none for no award' })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AwardWinnerDto)
  winners: AwardWinnerDto[];

  @ApiProperty({ maxLength: DECISION_TEXT_MAX, example: '综合得分第一，技术方案成熟，报价在预算范围内。' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DECISION_TEXT_MAX)
  justification: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'The summary of reasons published in the award notice; the justification when absent',
  })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxChars(1000)
  publicSummary?: string | null;
}

export class LodgeObjectionDto {
  @ApiProperty({ maxLength: DECISION_TEXT_MAX, example: '评分中对我方试点经验的认定有误，详见附件说明。' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DECISION_TEXT_MAX)
  grounds: string;
}

export class DecideObjectionDto {
  @ApiProperty({ maxLength: DECISION_TEXT_MAX, example: '经复核，第二评分项存在计算错误，重新评审。' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DECISION_TEXT_MAX)
  reasons: string;
}
