import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type FieldViolation, ValidationFailedError } from '@app/common';
import { AuditRecordEntity } from './audit-record.entity';

export const AUDIT_QUERY_DEFAULT_LIMIT = 50;
export const AUDIT_QUERY_MAX_LIMIT = 200;

/**
 * Timestamps in filters: an ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`), so a bound
 * never depends on the server's time zone. Seconds and fractions are optional.
 */
export const AUDIT_TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** A record id used as the keyset cursor: a positive bigint. */
export const AUDIT_CURSOR_PATTERN = /^[1-9]\d{0,18}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 9_223_372_036_854_775_807n;

export interface AuditQueryFilter {
  /** Records about objects of this type (`user`, `organisation`…). */
  objectType?: string;
  /** Records about this one object; requires `objectType`. */
  objectId?: string;
  /** Records of what this user did. */
  actorUserId?: string;
  /** Only records that occurred at or after this instant (Date, or string per AUDIT_TIMESTAMP_PATTERN). */
  from?: Date | string;
  /** Only records that occurred at or before this instant. */
  to?: Date | string;
  /** Keyset cursor: only records with an id below this one (the `nextCursor` of the previous page). */
  before?: string;
  /** Page size, 1–200; default 50. */
  limit?: number;
}

export interface AuditRecordView {
  id: string;
  /** ISO 8601, UTC, millisecond precision. */
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditRecordView[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextCursor: string | null;
}

interface TimeBound {
  /** What goes to Postgres: the caller's own text (exact), or a Date's ISO string. */
  text: string;
  ms: number;
}

function timeBound(value: Date | string | undefined, field: string, out: FieldViolation[]): TimeBound | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) out.push({ field, rule: 'isISO8601' });
    else return { text: value.toISOString(), ms: value.getTime() };
    return undefined;
  }
  const m = typeof value === 'string' ? AUDIT_TIMESTAMP_PATTERN.exec(value) : null;
  if (!m) {
    out.push({ field, rule: 'isISO8601' });
    return undefined;
  }
  // The pattern bounds hours and minutes; the day must exist in that month (no 30 February).
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ms = Date.parse(value);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number.isNaN(ms)) {
    out.push({ field, rule: 'isISO8601' });
    return undefined;
  }
  return { text: value, ms };
}

function toView(r: AuditRecordEntity): AuditRecordView {
  return {
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorUserId: r.actorUserId,
    actorRole: r.actorRole,
    actorOrganisationId: r.actorOrganisationId,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
    clientIp: r.clientIp,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/**
 * Reads the audit trail by object or by actor, newest first, in keyset pages. A filter on the object
 * or on the actor is required, so every query runs on ix_audit_record_object or ix_audit_record_actor.
 * Records under an embargo that has not been lifted (see `AuditService.record`) are left out, whatever
 * the filter: in the query itself, before the limit, so pages stay full and the cursor never stops
 * early on them. `audit:verify` (AuditVerifier) still checks every record.
 */
@Injectable()
export class AuditQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Throws ValidationFailedError (one violation per offending field) for an unusable filter. */
  async find(filter: AuditQueryFilter): Promise<AuditPage> {
    const violations: FieldViolation[] = [];
    const { objectType, objectId, actorUserId, before } = filter;
    const limit = filter.limit ?? AUDIT_QUERY_DEFAULT_LIMIT;

    if (objectId !== undefined && objectType === undefined) {
      violations.push({
        field: 'objectType',
        rule: 'isDefined',
        params: { message: 'objectType is required when objectId is given' },
      });
    }
    if (objectType === undefined && objectId === undefined && actorUserId === undefined) {
      const params = {
        fields: 'objectType, actorUserId',
        message: 'Give at least one of objectType (optionally with objectId) or actorUserId',
      };
      violations.push({ field: 'objectType', rule: 'atLeastOneOf', params });
      violations.push({ field: 'actorUserId', rule: 'atLeastOneOf', params });
    }
    if (actorUserId !== undefined && !UUID.test(actorUserId)) violations.push({ field: 'actorUserId', rule: 'isUUID' });
    if (!Number.isInteger(limit)) violations.push({ field: 'limit', rule: 'isInt' });
    else if (limit < 1) violations.push({ field: 'limit', rule: 'min', params: { min: 1 } });
    else if (limit > AUDIT_QUERY_MAX_LIMIT) {
      violations.push({ field: 'limit', rule: 'max', params: { max: AUDIT_QUERY_MAX_LIMIT } });
    }
    if (before !== undefined && !(AUDIT_CURSOR_PATTERN.test(before) && BigInt(before) <= MAX_BIGINT)) {
      violations.push({ field: 'before', rule: 'matches' });
    }
    const from = timeBound(filter.from, 'from', violations);
    const to = timeBound(filter.to, 'to', violations);
    if (from && to && to.ms < from.ms) {
      violations.push({ field: 'to', rule: 'min', params: { min: new Date(from.ms).toISOString() } });
    }
    if (violations.length) throw new ValidationFailedError(violations);

    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('r');
    if (objectType !== undefined) qb.andWhere('r.object_type = :objectType', { objectType });
    if (objectId !== undefined) qb.andWhere('r.object_id = :objectId', { objectId });
    if (actorUserId !== undefined) qb.andWhere('r.actor_user_id = :actorUserId', { actorUserId });
    if (from) qb.andWhere('r.occurred_at >= CAST(:from AS timestamptz)', { from: from.text });
    if (to) qb.andWhere('r.occurred_at <= CAST(:to AS timestamptz)', { to: to.text });
    if (before !== undefined) qb.andWhere('r.id < CAST(:before AS bigint)', { before });
    // An anti-join on audit_embargo's primary key, row by row along the index scan above.
    qb.andWhere('NOT EXISTS (SELECT 1 FROM audit_embargo e WHERE e.key = r.embargo_key AND e.lifted_at IS NULL)');
    const rows = await qb
      .orderBy('r.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
