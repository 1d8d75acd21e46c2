import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { codesOf } from '@app/taxonomy';
import { trimString, MaxChars, splitList, MAX_YUAN } from '@app/common';

/** Status groups of the public list, as vendors think of them. */
export const PUBLIC_STATUS_GROUPS = ['open', 'closed', 'awarded', 'accepted', 'demonstration'] as const;
export type PublicStatusGroup = (typeof PUBLIC_STATUS_GROUPS)[number];
export const PUBLIC_SORTS = ['newest', 'deadline', 'budget', 'relevance'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

/** The public opportunity list's query: every filter optional; one value or several where noted. */
export class PublicScenarioQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Keywords (Chinese or English)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(100)
  q?: string;

  @ApiPropertyOptional({ enum: codesOf('domain'), isArray: true, description: 'One or more (comma-separated)' })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('domain'), { each: true })
  domain?: string[];

  @ApiPropertyOptional({ enum: codesOf('sector') })
  @IsOptional()
  @IsIn(codesOf('sector'))
  sector?: string;

  @ApiPropertyOptional({ enum: codesOf('capability'), isArray: true, description: 'Scenarios needing any of them' })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('capability'), { each: true })
  capability?: string[];

  @ApiPropertyOptional({ enum: codesOf('district'), isArray: true })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('district'), { each: true })
  district?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    description: "Overlaps the scenario's budget range (yuan); private budgets never match",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  budgetMin?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  budgetMax?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 9,
    description: "The vendor's TRL: scenarios requiring at most this TRL, or stating no requirement",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number;

  @ApiPropertyOptional({ enum: PUBLIC_STATUS_GROUPS })
  @IsOptional()
  @IsIn(PUBLIC_STATUS_GROUPS)
  status?: PublicStatusGroup;

  @ApiPropertyOptional({ description: 'Proposal deadline on or after (ISO 8601)' })
  @IsOptional()
  @IsString()
  @MaxChars(40)
  @IsISO8601({ strict: true })
  deadlineFrom?: string;

  @ApiPropertyOptional({ description: 'Proposal deadline on or before (ISO 8601)' })
  @IsOptional()
  @IsString()
  @MaxChars(40)
  @IsISO8601({ strict: true })
  deadlineTo?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Batch id' })
  @IsOptional()
  @IsUUID()
  batch?: string;

  @ApiPropertyOptional({ enum: PUBLIC_SORTS, description: '`relevance` by default when q is given, else `newest`' })
  @IsOptional()
  @IsIn(PUBLIC_SORTS)
  sort?: PublicSort;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (same query and sort)' })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** An export takes the list's filters and sort; it is one file, so no cursor or page size. */
export class PublicScenarioExportQuery extends OmitType(PublicScenarioQuery, ['cursor', 'limit'] as const) {}
