import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@app/common';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

export interface AuditEntry {
  /** What was done, as `<object>.<verb>`, e.g. `organisation.verify`. */
  action: string;
  objectType: string;
  objectId: string;
  /** Summaries of the object before and after: the fields that matter, never secrets. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /**
   * An embargo key: the audit view leaves the record out until `liftEmbargo(key)` (the embargo is
   * created, not lifted, if it does not exist yet; a record under a lifted key shows at once). For
   * records that would tell too much too early, e.g. who is bidding before the bids are opened.
   * Not part of the hash: the chain and its verification cover every record alike.
   */
  embargo?: string;
}

/** Arbitrary, fixed key for the advisory lock that serialises appends to the chain. */
const AUDIT_CHAIN_LOCK = 7_413_920_551;

@Injectable()
export class AuditService {
  /**
   * Appends a record in the caller's transaction. Call it last in the transaction: the chain lock
   * is held until commit, so appends are strictly ordered and each links to the one before.
   */
  async record(em: EntityManager, ctx: RequestContext, entry: AuditEntry): Promise<string> {
    if (entry.embargo !== undefined) assertEmbargoKey(entry.embargo);
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    if (entry.embargo !== undefined) {
      await em.query(`INSERT INTO audit_embargo (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, [entry.embargo]);
    }
    const [last] = (await em.query(`SELECT hash FROM audit_record ORDER BY id DESC LIMIT 1`)) as { hash: string }[];
    const [{ id }] = (await em.query(`SELECT nextval(pg_get_serial_sequence('audit_record', 'id'))::text AS id`)) as {
      id: string;
    }[];
    // Round-trip summaries through JSON so the hash covers exactly what jsonb will hand back.
    const fields: HashedAuditFields = {
      id,
      occurredAt: new Date().toISOString(),
      // Lower-case, as Postgres hands uuids back: the hash must match what verify reads.
      actorUserId: ctx.actor?.userId?.toLowerCase() ?? null,
      actorRole: ctx.actor?.role ?? null,
      actorOrganisationId: ctx.actor?.organisationId?.toLowerCase() ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      before: entry.before == null ? null : JSON.parse(JSON.stringify(entry.before)),
      after: entry.after == null ? null : JSON.parse(JSON.stringify(entry.after)),
      requestId: ctx.requestId,
      clientIp: ctx.ip,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = auditHash(fields);
    await em.query(
      `INSERT INTO audit_record (id, occurred_at, actor_user_id, actor_role, actor_organisation_id, action,
         object_type, object_id, before, after, request_id, client_ip, prev_hash, hash, embargo_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        fields.id,
        fields.occurredAt,
        fields.actorUserId,
        fields.actorRole,
        fields.actorOrganisationId,
        fields.action,
        fields.objectType,
        fields.objectId,
        fields.before === null ? null : JSON.stringify(fields.before),
        fields.after === null ? null : JSON.stringify(fields.after),
        fields.requestId,
        fields.clientIp,
        fields.prevHash,
        hash,
        entry.embargo ?? null,
      ],
    );
    return id;
  }

  /**
   * Lifts an embargo in the caller's transaction: its records show in the audit view once this commits,
   * and records written under the key later show at once. Idempotent (the first lift's time stays); an
   * embargo nobody recorded under yet is created lifted. Like `record`, it takes the chain lock (call it
   * last): every write to `audit_embargo` happens under that lock, so a lift and an append never wait
   * on each other in opposite orders.
   */
  async liftEmbargo(em: EntityManager, key: string, at: Date): Promise<void> {
    assertEmbargoKey(key);
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    await em.query(
      `INSERT INTO audit_embargo (key, lifted_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET lifted_at = EXCLUDED.lifted_at WHERE audit_embargo.lifted_at IS NULL`,
      [key, at],
    );
  }

  /** Whether records under `key` are waiting for a lift: the embargo exists and was not lifted. */
  async isEmbargoed(em: EntityManager, key: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM audit_embargo WHERE key = $1 AND lifted_at IS NULL`, [
      key,
    ])) as unknown[];
    return rows.length > 0;
  }
}

function assertEmbargoKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TypeError('An audit embargo key must be a non-empty string');
  }
}
