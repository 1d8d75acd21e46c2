import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { codesOf } from '@app/taxonomy';
import { trimString, MaxChars, splitList, MAX_YUAN } from '@app/common';

export const PUBLIC_VENDOR_SORTS = ['newest', 'relevance'] as const;
export type PublicVendorSort = (typeof PUBLIC_VENDOR_SORTS)[number];

/** The public capability list's query: every filter optional; facets take one value or several. */
export class PublicVendorQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Keywords (Chinese or English)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(100)
  q?: string;

  @ApiPropertyOptional({ enum: codesOf('domain'), isArray: true, description: 'Vendors in any of them' })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('domain'), { each: true })
  domain?: string[];

  @ApiPropertyOptional({ enum: codesOf('capability'), isArray: true, description: 'Vendors offering any of them' })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('capability'), { each: true })
  capability?: string[];

  @ApiPropertyOptional({ enum: codesOf('district'), isArray: true, description: 'Vendors serving any of them' })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('district'), { each: true })
  district?: string[];

  @ApiPropertyOptional({ enum: codesOf('industry_field'), isArray: true })
  @IsOptional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(codesOf('industry_field'), { each: true })
  industryField?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: 'Main offering at this TRL or higher' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number;

  @ApiPropertyOptional({ minimum: 0, description: "Overlaps the vendor's typical budget range (yuan)" })
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
    enum: PUBLIC_VENDOR_SORTS,
    description: '`relevance` by default when q is given, else `newest`',
  })
  @IsOptional()
  @IsIn(PUBLIC_VENDOR_SORTS)
  sort?: PublicVendorSort;

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
