import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { MaxChars, trimString } from '@app/common';
import { MATCH_FEEDBACK_KINDS, type MatchFeedbackKind } from './matching.entity';

/** Longest invitation message, in characters (also a database check). */
export const INVITATION_MESSAGE_MAX = 2000;

export class MatchLimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MatchFeedbackDto {
  @ApiProperty({ enum: MATCH_FEEDBACK_KINDS, example: 'not_relevant' })
  @IsIn(MATCH_FEEDBACK_KINDS)
  kind: MatchFeedbackKind;
}

export class InviteVendorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vendorOrganisationId: string;

  @ApiPropertyOptional({
    example: '贵司的面料瑕疵检测方案与本场景高度契合，欢迎揭榜。',
    maxLength: INVITATION_MESSAGE_MAX,
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(INVITATION_MESSAGE_MAX)
  message?: string;
}
