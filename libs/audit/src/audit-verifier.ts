import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

export type AuditTamperReason = 'hash_mismatch' | 'broken_link';

export interface AuditVerifyReport {
  /** True when every record's hash matches its columns and links to the record before it. */
  ok: boolean;
  /** Records examined, in id order; when the chain is broken, this includes the record named below. */
  checked: number;
  /**
   * The first record that fails: `hash_mismatch` when its stored columns no longer hash to its `hash`
   * (the record itself was changed), `broken_link` when its `prev_hash` is not the hash of the record
   * before it (a record before it was deleted, inserted or rewritten with a recomputed hash).
   */
  firstTampered?: { id: string; reason: AuditTamperReason };
  /**
   * The last record verified (only when `ok` and the trail is not empty). Removing records from the
   * end of the chain cannot be seen from the chain itself: keep this somewhere else and compare.
   */
  head?: { id: string; hash: string };
}

export interface AuditVerifyOptions {
  /** Records read per query (keyset pages, so memory stays constant). Default 1000. */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 1000;

/** The stored columns, read as text so nothing is lost or reshaped by driver type parsers. */
interface StoredRow {
  id: string;
  occurred_at: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before: string | null;
  after: string | null;
  request_id: string;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

// occurred_at to microseconds, in UTC whatever the session time zone; uuids in their canonical text.
const COLUMNS = `id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at,
  actor_user_id::text AS actor_user_id, actor_role, actor_organisation_id::text AS actor_organisation_id,
  action, object_type, object_id, before::text AS before, after::text AS after, request_id, client_ip,
  prev_hash, hash`;

/** A value no record written by AuditService can hold, so a field carrying it never hashes right. */
const UNWRITABLE = Symbol('not written by AuditService');

/**
 * `AuditService.record` hashes `Date#toISOString()` (milliseconds) and stores that string. A stored
 * time with non-zero microseconds was not written that way: keep the microseconds so it mismatches.
 */
function occurredAtAsHashed(text: string | null): string {
  if (text === null) return '';
  return text.endsWith('000') && /\.\d{6}$/.test(text) ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

/**
 * jsonb hands back what `JSON.parse(JSON.stringify(x))` hashed (keys reordered, which canonicalJson
 * undoes). SQL NULL is "no summary"; a top-level JSON `null` is never written by AuditService.
 */
function jsonAsHashed(text: string | null): unknown {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return value === null ? UNWRITABLE : value;
}

function hashedFields(row: StoredRow): HashedAuditFields {
  return {
    id: row.id,
    occurredAt: occurredAtAsHashed(row.occurred_at),
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    actorOrganisationId: row.actor_organisation_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    before: jsonAsHashed(row.before),
    after: jsonAsHashed(row.after),
    requestId: row.request_id,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
  };
}

function recomputedHash(row: StoredRow): string | null {
  const fields = hashedFields(row);
  if (fields.before === UNWRITABLE || fields.after === UNWRITABLE) return null;
  return auditHash(fields);
}

/**
 * Walks the whole audit chain in id order with the given manager, in keyset pages. Id gaps are
 * normal (ids taken by transactions that rolled back); a deleted record shows as the broken link
 * of the record after it. Use inside one REPEATABLE READ transaction for a single consistent view
 * (`AuditVerifier.verify` does); outside one, each page sees what has been committed by then.
 */
export async function verifyAuditChain(
  em: EntityManager,
  options: AuditVerifyOptions = {},
): Promise<AuditVerifyReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer`);
  let checked = 0;
  let previous: { id: string; hash: string } | null = null;
  for (;;) {
    // `r.id`, qualified: a bare `ORDER BY id` would sort by the text alias (1, 10, 2…).
    const rows = (
      previous === null
        ? await em.query(`SELECT ${COLUMNS} FROM audit_record r ORDER BY r.id LIMIT $1`, [pageSize])
        : await em.query(`SELECT ${COLUMNS} FROM audit_record r WHERE r.id > $1 ORDER BY r.id LIMIT $2`, [
            previous.id,
            pageSize,
          ])
    ) as StoredRow[];
    for (const row of rows) {
      checked++;
      if (recomputedHash(row) !== row.hash) {
        return { ok: false, checked, firstTampered: { id: row.id, reason: 'hash_mismatch' } };
      }
      if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) {
        return { ok: false, checked, firstTampered: { id: row.id, reason: 'broken_link' } };
      }
      previous = { id: row.id, hash: row.hash };
    }
    if (rows.length < pageSize) break;
  }
  return previous === null ? { ok: true, checked } : { ok: true, checked, head: previous };
}

/**
 * Checks the integrity of the whole audit trail: every record's hash is recomputed from its stored
 * columns and every record must link to the one before it (the first to GENESIS_HASH). Not tied to
 * HTTP: the API's verify endpoint and the `audit:verify` CLI command both call `verify()`.
 */
@Injectable()
export class AuditVerifier {
  constructor(private readonly dataSource: DataSource) {}

  /** One read-only REPEATABLE READ transaction: one snapshot of the chain, however long the walk. */
  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerifyReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      return verifyAuditChain(em, options);
    });
  }
}
