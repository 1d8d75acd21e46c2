import { REQUIRED_FOR_SUBMISSION } from './scenario-checks';
import { PageQuery, trimString, MaxChars, MAX_YUAN } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { codesOf } from '@app/taxonomy';
import {
  DATA_SECURITY_LEVELS,
  type DataSecurityLevel,
  FUNDING_TYPES,
  type FundingType,
  PRIVATE_FIELD_NAMES,
  type PrivateFieldName,
  SCENARIO_SITES,
  type ScenarioSite,
} from './scenario.entity';
import { SCENARIO_STATUSES, type ScenarioStatus } from './scenario-status';

const DOMAINS = codesOf('domain');
const SECTORS = codesOf('sector');
const CAPABILITIES = codesOf('capability');
const DISTRICTS = codesOf('district');
const PHONE = /^[0-9+\-() ]{5,20}$/;
/** Present in the request (null clears an optional field; a required one may not be null). */
const present = (_: object, v: unknown) => v !== undefined;

/** The fields of a scenario an agency fills in; vetting comments may name only these. */
export const SCENARIO_FIELDS = [
  ...REQUIRED_FOR_SUBMISSION,
  'dataResources',
  'privateFields',
  'titleEn',
  'summaryEn',
] as const;
export type ScenarioField = (typeof SCENARIO_FIELDS)[number];

export class KpiDto {
  @ApiProperty({ example: '缺陷检出率', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  metric: string;

  @ApiProperty({ example: '85', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @MaxChars(100)
  baseline: string;

  @ApiProperty({ example: '99', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  target: string;

  @ApiProperty({ example: '%', maxLength: 20 })
  @Transform(trimString)
  @IsString()
  @MaxChars(20)
  unit: string;
}

export class DataResourceDto {
  @ApiProperty({ example: '历史质检图像', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  name: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxChars(1000)
  description: string;

  @ApiProperty({ maxLength: 500, description: 'How vendors may access the data' })
  @IsString()
  @MaxChars(500)
  accessTerms: string;

  @ApiProperty({ description: 'Accessible only inside the test-ground sandbox' })
  @IsBoolean()
  sandboxed: boolean;
}

export class ComplianceDto {
  @ApiProperty({ description: '算法备案 needed / done' })
  @IsBoolean()
  algorithmFiling: boolean;

  @ApiProperty({ description: '生成式AI备案 needed / done' })
  @IsBoolean()
  generativeAiFiling: boolean;

  @ApiProperty({ enum: DATA_SECURITY_LEVELS })
  @IsIn(DATA_SECURITY_LEVELS)
  dataSecurityLevel: DataSecurityLevel;

  @ApiProperty({ description: 'Personal information is involved' })
  @IsBoolean()
  personalInformation: boolean;
}

export class ContactDto {
  @ApiProperty({ example: '李联系', maxLength: 50 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(50)
  name: string;

  @ApiProperty({ example: '0572-2345678' })
  @IsString()
  @Matches(PHONE)
  phone: string;

  @ApiProperty({ example: 'contact@example.gov.cn' })
  @IsString()
  @MaxChars(254)
  @IsEmail()
  email: string;

  @ApiProperty({ description: 'Whether vendors may see the contact' })
  @IsBoolean()
  public: boolean;
}

/** Every optional field of a scenario: drafts autosave any subset of them. */
export class ScenarioOptionalFieldsDto {
  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(500)
  summary?: string | null;

  @ApiPropertyOptional({ maxLength: 20_000, nullable: true, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxChars(20_000)
  description?: string | null;

  @ApiPropertyOptional({ enum: SECTORS, nullable: true, description: 'Must belong to the domain' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: string | null;

  @ApiPropertyOptional({ enum: CAPABILITIES, isArray: true, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(CAPABILITIES, { each: true })
  capabilityCodes?: string[] | null;

  @ApiPropertyOptional({ enum: DISTRICTS, nullable: true })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: string | null;

  @ApiPropertyOptional({ enum: SCENARIO_SITES, nullable: true })
  @IsOptional()
  @IsIn(SCENARIO_SITES)
  site?: ScenarioSite | null;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true, description: 'Current situation and problem' })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  currentSituation?: string | null;

  @ApiPropertyOptional({ type: [KpiDto], maxItems: 20, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KpiDto)
  kpis?: KpiDto[] | null;

  @ApiPropertyOptional({ type: [DataResourceDto], maxItems: 20, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DataResourceDto)
  dataResources?: DataResourceDto[] | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, nullable: true, description: 'TRL required' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trlRequired?: number | null;

  @ApiPropertyOptional({ type: ComplianceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplianceDto)
  compliance?: ComplianceDto | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'CNY, whole yuan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  budgetMinYuan?: number | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'CNY, whole yuan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YUAN)
  budgetMaxYuan?: number | null;

  @ApiPropertyOptional({ enum: FUNDING_TYPES, nullable: true })
  @IsOptional()
  @IsIn(FUNDING_TYPES)
  fundingType?: FundingType | null;

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00.000Z', nullable: true })
  @IsOptional()
  @IsString()
  @MaxChars(40)
  @IsISO8601({ strict: true })
  proposalDeadline?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  expectedDeliveryMonths?: number | null;

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;

  @ApiPropertyOptional({ enum: PRIVATE_FIELD_NAMES, isArray: true, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PRIVATE_FIELD_NAMES, { each: true })
  privateFields?: PrivateFieldName[] | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(200)
  titleEn?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  summaryEn?: string | null;
}

/** A new draft: only the title and the domain are needed to start. */
export class CreateScenarioDto extends ScenarioOptionalFieldsDto {
  @ApiProperty({ example: '童装面料瑕疵AI视觉检测', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  title: string;

  @ApiProperty({ enum: DOMAINS })
  @IsIn(DOMAINS)
  domain: string;
}

/** A partial update (autosave) naming the version it was based on. */
export class UpdateScenarioDto extends ScenarioOptionalFieldsDto {
  @ApiProperty({ description: 'The version this change is based on (optimistic concurrency)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf(present)
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  title?: string;

  @ApiPropertyOptional({ enum: DOMAINS })
  @ValidateIf(present)
  @IsIn(DOMAINS)
  domain?: string;
}

const COMMENT_MAX = 2000;

/** `{<scenario field>: <comment>}` with at least one entry; every key is a scenario field. */
function IsFieldComments() {
  return ValidateBy({
    name: 'scenarioComments',
    validator: {
      validate: (value: unknown) =>
        !!value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length > 0 &&
        Object.entries(value).every(
          ([k, v]) =>
            (SCENARIO_FIELDS as readonly string[]).includes(k) &&
            typeof v === 'string' &&
            v.trim().length > 0 &&
            v.length <= COMMENT_MAX,
        ),
      defaultMessage: () => 'rule:scenario.comments',
    },
  });
}

export class ReturnScenarioDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: COMMENT_MAX },
    example: { budgetMaxYuan: '预算上限偏高，请说明测算依据' },
    description: `Comments per field; keys from: ${SCENARIO_FIELDS.join(', ')}`,
  })
  @IsDefined()
  @IsObject()
  @IsFieldComments()
  comments: Partial<Record<ScenarioField, string>>;
}

export class RejectScenarioDto {
  @ApiProperty({ example: '不属于人工智能应用场景', maxLength: 1000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(1000)
  reason: string;
}

/** Longest cancellation reason, in characters (also a database check). */
export const CANCELLATION_REASON_MAX = 2000;

export class CancelScenarioDto {
  @ApiProperty({ example: '上级部门调整预算安排，本场景暂停实施', maxLength: CANCELLATION_REASON_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(CANCELLATION_REASON_MAX)
  reason: string;
}

export class ListMyScenariosQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SCENARIO_STATUSES })
  @IsOptional()
  @IsIn(SCENARIO_STATUSES)
  status?: ScenarioStatus;
}

/** Every status the centre's list may show: all but `draft` (a draft is the agency's private work). */
export const STAFF_LISTABLE_SCENARIO_STATUSES = SCENARIO_STATUSES.filter((s) => s !== 'draft');

/** `a,b` or `status=a&status=b` (or both) → `['a', 'b']`; blanks dropped. */
const commaList = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === null) return value;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
};

/** The centre's list of scenarios (every status but draft), newest updated first. */
export class ListScenariosQuery extends PageQuery {
  @ApiPropertyOptional({
    type: [String],
    enum: STAFF_LISTABLE_SCENARIO_STATUSES,
    description: 'One or more statuses, comma separated or repeated; `draft` is never listed',
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(STAFF_LISTABLE_SCENARIO_STATUSES.length)
  @IsIn(STAFF_LISTABLE_SCENARIO_STATUSES, { each: true })
  status?: ScenarioStatus[];

  @ApiPropertyOptional({ description: 'Text in the title or code (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(100)
  q?: string;

  @ApiPropertyOptional({ enum: DOMAINS })
  @IsOptional()
  @IsIn(DOMAINS)
  domain?: string;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: string;
}
