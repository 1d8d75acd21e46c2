import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MaxChars } from '@app/common';
import {
  AUDIT_CURSOR_PATTERN,
  AUDIT_QUERY_DEFAULT_LIMIT,
  AUDIT_QUERY_MAX_LIMIT,
  AUDIT_TIMESTAMP_PATTERN,
  type AuditPage,
  type AuditRecordView,
  type AuditVerifyReport,
} from '@app/audit';

const TIMESTAMP_HELP = 'ISO 8601 date-time with an explicit offset (`Z` or `+08:00`)';

/** `GET /audit/records`: by object (objectType, optionally objectId) and/or by actor; newest first. */
export class AuditRecordsQueryDto {
  @ApiPropertyOptional({
    description: 'Object type, e.g. `organisation`, `user`',
    example: 'organisation',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  objectType?: string;

  @ApiPropertyOptional({ description: 'One object of `objectType` (requires objectType)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  objectId?: string;

  @ApiPropertyOptional({ description: 'Records of what this user did', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ description: `Occurred at or after (${TIMESTAMP_HELP})`, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(AUDIT_TIMESTAMP_PATTERN)
  from?: string;

  @ApiPropertyOptional({ description: `Occurred at or before (${TIMESTAMP_HELP})`, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(AUDIT_TIMESTAMP_PATTERN)
  to?: string;

  @ApiPropertyOptional({
    description: 'Keyset cursor: the `nextCursor` of the previous page (records with a lower id)',
    pattern: AUDIT_CURSOR_PATTERN.source,
    example: '1234',
  })
  @IsOptional()
  @IsString()
  @Matches(AUDIT_CURSOR_PATTERN)
  before?: string;

  @ApiPropertyOptional({
    description: 'Page size',
    type: 'integer',
    minimum: 1,
    maximum: AUDIT_QUERY_MAX_LIMIT,
    default: AUDIT_QUERY_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_QUERY_MAX_LIMIT)
  limit?: number;
}

export class AuditRecordDto {
  @ApiProperty({ description: 'Record id (bigint as a string); ids have gaps', example: '42' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for the system and anonymous callers',
  })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'staff' })
  actorRole: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @ApiProperty({ description: '`<object>.<verb>`', example: 'organisation.verify' })
  action: string;

  @ApiProperty({ example: 'organisation' })
  objectType: string;

  @ApiProperty()
  objectId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Summary before' })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Summary after' })
  after: Record<string, unknown> | null;

  @ApiProperty()
  requestId: string;

  @ApiProperty({ type: String, nullable: true })
  clientIp: string | null;

  @ApiProperty({ description: 'Hash of the previous record (64 zeros for the first)', minLength: 64, maxLength: 64 })
  prevHash: string;

  @ApiProperty({ description: 'sha256 of this record', minLength: 64, maxLength: 64 })
  hash: string;

  static from(v: AuditRecordView): AuditRecordDto {
    return Object.assign(new AuditRecordDto(), {
      id: v.id,
      occurredAt: v.occurredAt,
      actorUserId: v.actorUserId,
      actorRole: v.actorRole,
      actorOrganisationId: v.actorOrganisationId,
      action: v.action,
      objectType: v.objectType,
      objectId: v.objectId,
      before: v.before,
      after: v.after,
      requestId: v.requestId,
      clientIp: v.clientIp,
      prevHash: v.prevHash,
      hash: v.hash,
    });
  }
}

export class AuditRecordPageDto {
  @ApiProperty({ type: [AuditRecordDto], description: 'Newest first' })
  items: AuditRecordDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next page; null at the end' })
  nextCursor: string | null;

  static from(page: AuditPage): AuditRecordPageDto {
    return Object.assign(new AuditRecordPageDto(), {
      items: page.items.map((i) => AuditRecordDto.from(i)),
      nextCursor: page.nextCursor,
    });
  }
}

export class AuditTamperedDto {
  @ApiProperty({ description: 'Id of the first record that fails', example: '42' })
  id: string;

  @ApiProperty({
    enum: ['hash_mismatch', 'broken_link'],
    description:
      '`hash_mismatch`: the record was changed; `broken_link`: its prev_hash is not the previous hash ' +
      '(a record before it was deleted, inserted or rewritten)',
  })
  reason: 'hash_mismatch' | 'broken_link';
}

export class AuditChainHeadDto {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ minLength: 64, maxLength: 64 })
  hash: string;
}

export class AuditVerifyReportDto {
  @ApiProperty({ description: 'True when the whole chain is intact' })
  ok: boolean;

  @ApiProperty({ type: 'integer', description: 'Records examined (up to and including the first failing one)' })
  checked: number;

  @ApiPropertyOptional({ type: AuditTamperedDto, description: 'Only when ok is false' })
  firstTampered?: AuditTamperedDto;

  @ApiPropertyOptional({
    type: AuditChainHeadDto,
    description: 'Last record verified, when ok; keep it elsewhere to detect records removed from the end',
  })
  head?: AuditChainHeadDto;

  static from(r: AuditVerifyReport): AuditVerifyReportDto {
    const dto = Object.assign(new AuditVerifyReportDto(), { ok: r.ok, checked: r.checked });
    if (r.firstTampered) dto.firstTampered = { id: r.firstTampered.id, reason: r.firstTampered.reason };
    if (r.head) dto.head = { id: r.head.id, hash: r.head.hash };
    return dto;
  }
}
