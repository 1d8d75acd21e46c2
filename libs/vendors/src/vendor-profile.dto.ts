import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { codesOf } from '@app/taxonomy';
import { trimString, MaxChars, MAX_YUAN } from '@app/common';

export const VENDOR_DESCRIPTION_MAX = 10_000;
/** The taxonomy is checked by the service (named rules with the offending code): these are only shapes. */
const CODE = /^[a-z][a-z0-9_]{0,49}$/;

export class VendorProductDto {
  @ApiProperty({ example: '织物瑕疵在线检测系统', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  name: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxChars(2000)
  description: string;

  @ApiPropertyOptional({ nullable: true, example: 'https://example.cn/products/fabric' })
  @IsOptional()
  @IsString()
  @MaxChars(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string | null;
}

export class VendorPastCaseDto {
  @ApiProperty({ example: '织里童装企业面料瑕疵检测', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  title: string;

  @ApiProperty({ example: '湖州某童装企业', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  client: string;

  @ApiProperty({ minimum: 1990, example: 2025, description: 'Not after the current year' })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year: number;

  @ApiProperty({ maxLength: 1000, example: '漏检率由 5% 降至 0.5%' })
  @IsString()
  @MaxChars(1000)
  outcome: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description:
      'A public scenario of this platform. Shown as verified only if the vendor took part in its awarded proposal and it was accepted',
  })
  @IsOptional()
  @IsUUID()
  scenarioId?: string | null;
}

export class VendorCertificationDto {
  @ApiProperty({ example: 'ISO 9001', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  name: string;

  @ApiProperty({ example: '中国质量认证中心', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  issuer: string;

  @ApiPropertyOptional({ nullable: true, example: '2027-06-30', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validUntil?: string | null;
}

/**
 * The whole capability profile: PUT creates it or replaces it (a field left out is cleared).
 * `version` is the version read; leave it out to create.
 */
export class PutVendorProfileDto {
  @ApiProperty({ enum: codesOf('domain'), isArray: true, minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE, { each: true })
  domains: string[];

  @ApiProperty({ enum: codesOf('capability'), isArray: true, minItems: 1, maxItems: 30 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE, { each: true })
  capabilityCodes: string[];

  @ApiPropertyOptional({ enum: codesOf('industry_field'), isArray: true, maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE, { each: true })
  industryFields?: string[];

  @ApiPropertyOptional({ enum: codesOf('district'), isArray: true, maxItems: 20, description: 'Districts served' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE, { each: true })
  districts?: string[];

  @ApiProperty({ maxLength: VENDOR_DESCRIPTION_MAX, description: 'Markdown' })
  @IsString()
  @IsNotEmpty()
  @MaxChars(VENDOR_DESCRIPTION_MAX)
  description: string;

  @ApiPropertyOptional({ type: [VendorProductDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VendorProductDto)
  products?: VendorProductDto[];

  @ApiPropertyOptional({ type: [VendorPastCaseDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VendorPastCaseDto)
  pastCases?: VendorPastCaseDto[];

  @ApiPropertyOptional({ type: [VendorCertificationDto], maxItems: 30 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VendorCertificationDto)
  certifications?: VendorCertificationDto[];

  @ApiPropertyOptional({ minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  teamSize?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, nullable: true, description: 'TRL of the main offering' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'Typical project budget, CNY, whole yuan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  typicalBudgetMinYuan?: number | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'CNY, whole yuan; not below the minimum' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  typicalBudgetMaxYuan?: number | null;

  @ApiPropertyOptional({ minimum: 1, description: 'The version read; leave out to create the profile' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
