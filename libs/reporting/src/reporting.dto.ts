import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { MaxChars } from '@app/common';
import { codesOf } from '@app/taxonomy';
import { DAY_OR_DATE_TIME } from './reporting-period';

const PERIOD_DESCRIPTION =
  'A Huzhou calendar day (YYYY-MM-DD, counted whole) or an ISO 8601 date-time with offset; compared with the first publication time';

/** The staff funnel's filters: every one optional. */
export class FunnelQuery {
  @ApiPropertyOptional({ enum: codesOf('domain') })
  @IsOptional()
  @IsIn(codesOf('domain'))
  domain?: string;

  @ApiPropertyOptional({ enum: codesOf('district') })
  @IsOptional()
  @IsIn(codesOf('district'))
  district?: string;

  @ApiPropertyOptional({ description: `First published on or after. ${PERIOD_DESCRIPTION}`, example: '2026-01-01' })
  @IsOptional()
  @IsString()
  @MaxChars(40)
  @Matches(DAY_OR_DATE_TIME)
  @IsISO8601({ strict: true }, { message: 'rule:isISO8601' })
  from?: string;

  @ApiPropertyOptional({ description: `First published on or before. ${PERIOD_DESCRIPTION}`, example: '2026-12-31' })
  @IsOptional()
  @IsString()
  @MaxChars(40)
  @Matches(DAY_OR_DATE_TIME)
  @IsISO8601({ strict: true }, { message: 'rule:isISO8601' })
  to?: string;
}
