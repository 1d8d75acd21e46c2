import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ACCEPTANCE_VERDICTS, type AcceptanceVerdict } from './delivery-status';
import { trimString, MaxChars } from '@app/common';

const present = (_: object, v: unknown) => v !== undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const MILESTONE_TITLE_MAX = 200;
export const MILESTONE_DELIVERABLES_MAX = 2000;
export const DELIVERY_REASON_MAX = 2000;
export const PROGRESS_TEXT_MAX = 10_000;
export const VERDICT_COMMENTS_MAX = 5000;
export const CITATION_MAX = 2000;

/** A change one party proposes to a milestone: only the fields that change, and why. */
export class ProposeMilestoneChangeDto {
  @ApiPropertyOptional({ example: '模型训练与现场调优', maxLength: MILESTONE_TITLE_MAX })
  @ValidateIf(present)
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(MILESTONE_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ example: '2026-09-30', description: 'A calendar day in Huzhou, YYYY-MM-DD' })
  @ValidateIf(present)
  @IsString()
  @Matches(DATE)
  dueDate?: string;

  @ApiPropertyOptional({ example: '模型文件、测试报告', maxLength: MILESTONE_DELIVERABLES_MAX })
  @ValidateIf(present)
  @Transform(trimString)
  @IsString()
  @MaxChars(MILESTONE_DELIVERABLES_MAX)
  deliverables?: string;

  @ApiProperty({ example: '试验场数据接入推迟两周', maxLength: DELIVERY_REASON_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DELIVERY_REASON_MAX)
  reason: string;
}

/** Refusing a proposed change needs a reason for the other party. */
export class RefuseMilestoneChangeDto {
  @ApiProperty({ example: '交付日期调整将影响整体验收计划', maxLength: DELIVERY_REASON_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DELIVERY_REASON_MAX)
  comment: string;
}

/** The agency returns a reported milestone (back to pending) with a reason. */
export class ReturnMilestoneDto {
  @ApiProperty({ example: '缺少现场测试记录，请补充后重新提交', maxLength: DELIVERY_REASON_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(DELIVERY_REASON_MAX)
  reason: string;
}

export class CreateProgressReportDto {
  @ApiProperty({ example: '已完成数据接入与标注，模型首轮训练检出率 97.8%。', maxLength: PROGRESS_TEXT_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(PROGRESS_TEXT_MAX)
  text: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  @IsInt()
  @Min(0)
  @Max(100)
  percentComplete: number;

  @ApiPropertyOptional({ description: 'The milestone the report is about (one of this delivery’s)' })
  @ValidateIf(present)
  @IsUUID()
  milestoneId?: string;
}

/** A measurement of one of the scenario's KPIs at the test ground. */
export class RecordTrialResultDto {
  @ApiProperty({ example: '缺陷检出率', description: 'One of the scenario’s KPI metric names', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  metric: string;

  @ApiProperty({ example: '99.6', maxLength: 100, description: 'In the KPI’s unit' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  measuredValue: string;

  @ApiProperty({ description: 'Whether the measured value meets the KPI’s target' })
  @IsBoolean()
  met: boolean;

  @ApiProperty({ example: '试验场抽检 2000 张面料图像，人工复核', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(2000)
  method: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(5000)
  notes?: string | null;

  @ApiProperty({ example: '2026-10-12T10:00:00+08:00', description: 'When it was measured; not in the future' })
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  measuredAt: string;

  @ApiPropertyOptional({ description: 'Which winner’s solution was measured (scenarios with several winners)' })
  @ValidateIf(present)
  @IsUUID()
  deliveryId?: string;
}

export class RecordVerdictDto {
  @ApiProperty({ enum: ACCEPTANCE_VERDICTS })
  @IsIn(ACCEPTANCE_VERDICTS)
  verdict: AcceptanceVerdict;

  @ApiPropertyOptional({ maxLength: VERDICT_COMMENTS_MAX, description: 'Required unless the verdict is met' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(VERDICT_COMMENTS_MAX)
  comments?: string | null;
}

export class DesignateDemonstrationDto {
  @ApiProperty({
    example: '面料瑕疵检出率由 95% 提升至 99.6%，质检人力减少一半，可在纺织行业推广。',
    maxLength: CITATION_MAX,
  })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(CITATION_MAX)
  citation: string;
}
