import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type RequestContext, type Role, ValidationFailedError } from '@app/common';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { AuditRecordEntity } from './audit-record.entity';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
import { AuditQuery, type AuditQueryFilter } from './audit-query';
import { AuditVerifier } from './audit-verifier';
import { AuditService } from './audit.service';

class RolledBack extends Error {}

function ctx(role: Role | null, ip: string | null = '198.51.100.1'): RequestContext {
  return {
    actor: role ? { userId: randomUUID(), organisationId: role === 'reviewer' ? null : randomUUID(), role } : null,
    requestId: `req-${randomUUID()}`,
    ip,
    locale: 'zh-CN',
  };
}

/** Summaries whose keys jsonb will reorder, with nesting, arrays, unicode and awkward numbers. */
function summary(i: number): Record<string, unknown> {
  return {
    zeta: i,
    alpha: `名称-${i}`,
    nested: { z: [3, 2, 1], a: { yy: 0.1 + 0.2, b: -0, c: 1e21, d: 1.5e-7 }, ab: null },
    'key with spaces': true,
    emoji: '🙂',
    empty: {},
    list: [{ b: 1, a: 2 }],
  };
}

describe('audit trail (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;
  let verifier: AuditVerifier;
  let query: AuditQuery;
  /** A superuser session with triggers off (replica mode), as an attacker with database access. */
  let attacker: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url, 10), entities: [AuditRecordEntity], logging: false });
    await ds.initialize();
    audit = new AuditService();
    verifier = new AuditVerifier(ds);
    query = new AuditQuery(ds);
    attacker = new Client({ connectionString: db.url });
    await attacker.connect();
    await attacker.query(`SET session_replication_role = replica`);
  });

  afterAll(async () => {
    await attacker?.end();
    await ds?.destroy();
    await db?.drop();
  });

  async function ids(): Promise<string[]> {
    const rows = (await ds.query(`SELECT id::text AS id FROM audit_record r ORDER BY r.id`)) as { id: string }[];
    return rows.map((r) => r.id);
  }

  it('verifies an empty trail', async () => {
    expect(await verifier.verify()).toEqual({ ok: true, checked: 0 });
  });

  it('chains records from 50 concurrent transactions, some rolled back after recording, into one valid chain', async () => {
    const roles: (Role | null)[] = ['staff', 'platform_admin', 'vendor_admin', 'reviewer', null];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ds.transaction(async (em) => {
          // Some work of the transaction's own before the audit record, as real commands do.
          await em.query(`SELECT pg_sleep($1)`, [(i % 7) / 1000]);
          const id = await audit.record(em, ctx(roles[i % roles.length], i % 3 ? '2001:db8::1' : null), {
            action: 'organisation.update',
            objectType: 'organisation',
            objectId: `org-${i}`,
            before: i % 4 ? summary(i) : null,
            after: summary(i + 1),
          });
          if (i % 6 === 5) throw new RolledBack(id);
          return id;
        }),
      ),
    );
    const committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(rejected).toHaveLength(8);
    expect(rejected.every((e) => e instanceof RolledBack)).toBe(true);
    expect(committed).toHaveLength(42);

    const stored = await ids();
    expect([...stored].sort()).toEqual([...committed].sort());
    // Rolled-back transactions consumed ids: the chain has gaps, which must not count as tampering.
    const rolledBackIds = rejected.map((e) => (e as RolledBack).message);
    expect(rolledBackIds.some((id) => BigInt(id) < BigInt(stored[stored.length - 1]))).toBe(true);

    const report = await verifier.verify();
    expect(report).toEqual({ ok: true, checked: 42, head: expect.objectContaining({ id: expect.any(String) }) });
    expect(report.head!.id).toBe(stored[stored.length - 1]);
    // Small pages walk the same chain across page boundaries.
    expect(await verifier.verify({ pageSize: 5 })).toEqual(report);
    expect(await verifier.verify({ pageSize: 1 })).toEqual(report);

    // One chain: every prev_hash is distinct, the first is the genesis hash.
    const [{ distinct, first }] = (await ds.query(
      `SELECT count(DISTINCT prev_hash)::int AS distinct,
              (SELECT prev_hash FROM audit_record ORDER BY id LIMIT 1) AS first FROM audit_record`,
    )) as { distinct: number; first: string }[];
    expect(distinct).toBe(42);
    expect(first).toBe(GENESIS_HASH);
  });

  it.each([
    ['UPDATE', `UPDATE audit_record SET action = 'x'`],
    ['DELETE', `DELETE FROM audit_record`],
    ['TRUNCATE', `TRUNCATE audit_record`],
  ])('refuses %s, even for the database superuser', async (op, sql) => {
    const before = await ids();
    await expect(ds.query(sql)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining(`append-only: ${op} refused`),
    });
    expect(await ids()).toEqual(before);
    expect((await verifier.verify()).ok).toBe(true);
  });

  describe('tampering with triggers bypassed', () => {
    let all: string[];
    beforeAll(async () => {
      all = (await ids()).sort((a, b) => Number(a) - Number(b));
    });
    afterEach(async () => {
      // Each case restores what it changed: the chain is intact again.
      expect(await verifier.verify()).toMatchObject({ ok: true, checked: all.length });
    });

    it.each([
      ['action', `action = 'organisation.delete'`],
      ['actor role', `actor_role = 'platform_admin'`],
      ['actor', `actor_user_id = gen_random_uuid()`],
      ['client ip', `client_ip = '192.0.2.66'`],
      ['time by a millisecond', `occurred_at = occurred_at + interval '1 millisecond'`],
      ['time by a microsecond', `occurred_at = occurred_at + interval '1 microsecond'`],
      ['a nested summary value', `after = jsonb_set(after, '{nested,z,0}', '4')`],
      ['a summary to JSON null', `before = 'null'::jsonb`],
      ['the stored hash', `hash = md5('x') || md5('y')`],
    ])('finds a changed %s in a middle row, naming exactly that row', async (_what, set) => {
      const target = all[20];
      await attacker.query(`CREATE TEMP TABLE saved AS SELECT * FROM audit_record WHERE id = $1`, [target]);
      try {
        const { rowCount } = await attacker.query(`UPDATE audit_record SET ${set} WHERE id = $1`, [target]);
        expect(rowCount).toBe(1);
        expect(await verifier.verify({ pageSize: 7 })).toEqual({
          ok: false,
          checked: 21,
          firstTampered: { id: target, reason: 'hash_mismatch' },
        });
      } finally {
        await attacker.query(`DELETE FROM audit_record WHERE id = $1`, [target]);
        await attacker.query(`INSERT INTO audit_record SELECT * FROM saved`);
        await attacker.query(`DROP TABLE saved`);
      }
    });

    it.each([
      ['a middle row', 20],
      ['the first row', 0],
      ['the row before a page boundary', 6],
    ])('reports deleting %s as a broken link at the following row', async (_what, index) => {
      const target = all[index];
      await attacker.query(`CREATE TEMP TABLE saved AS SELECT * FROM audit_record WHERE id = $1`, [target]);
      try {
        await attacker.query(`DELETE FROM audit_record WHERE id = $1`, [target]);
        expect(await verifier.verify({ pageSize: 7 })).toEqual({
          ok: false,
          checked: index + 1,
          firstTampered: { id: all[index + 1], reason: 'broken_link' },
        });
      } finally {
        await attacker.query(`INSERT INTO audit_record SELECT * FROM saved`);
        await attacker.query(`DROP TABLE saved`);
      }
    });

    it('reports a rewritten row whose hash was recomputed as a broken link at the next row', async () => {
      const target = all[10];
      await attacker.query(`CREATE TEMP TABLE saved AS SELECT * FROM audit_record WHERE id = $1`, [target]);
      try {
        // A forged record that hashes correctly by itself: only the next record's link gives it away.
        const [{ prev_hash: prevHash }] = (await ds.query(`SELECT prev_hash FROM audit_record WHERE id = $1`, [
          target,
        ])) as { prev_hash: string }[];
        const fields: HashedAuditFields = {
          id: target,
          occurredAt: '2026-01-01T00:00:00.000Z',
          actorUserId: null,
          actorRole: null,
          actorOrganisationId: null,
          action: 'organisation.forged',
          objectType: 'organisation',
          objectId: 'forged',
          before: null,
          after: { forged: true },
          requestId: 'forged',
          clientIp: null,
          prevHash,
        };
        await attacker.query(
          `UPDATE audit_record SET occurred_at = $2, actor_user_id = NULL, actor_role = NULL, actor_organisation_id = NULL,
             action = $3, object_id = $4, before = NULL, after = $5, request_id = $6, client_ip = NULL, hash = $7
           WHERE id = $1`,
          [
            target,
            fields.occurredAt,
            fields.action,
            fields.objectId,
            JSON.stringify(fields.after),
            fields.requestId,
            auditHash(fields),
          ],
        );
        expect(await verifier.verify()).toEqual({
          ok: false,
          checked: 12,
          firstTampered: { id: all[11], reason: 'broken_link' },
        });
      } finally {
        await attacker.query(`DELETE FROM audit_record WHERE id = $1`, [target]);
        await attacker.query(`INSERT INTO audit_record SELECT * FROM saved`);
        await attacker.query(`DROP TABLE saved`);
      }
    });
  });

  describe('query', () => {
    const orgId = `org-${randomUUID()}`;
    const otherOrgId = `org-${randomUUID()}`;
    const staff: RequestContext = {
      ...ctx('staff'),
      actor: { userId: randomUUID(), organisationId: null, role: 'staff' },
    };
    const admin = ctx('platform_admin');
    /** Ids by what they are about, in the order written (oldest first). */
    const written = { orgByStaff: [] as string[], orgByAdmin: [] as string[], otherByStaff: [] as string[] };
    let between: string;

    async function write(c: RequestContext, objectId: string, action: string): Promise<string> {
      return ds.transaction((em) =>
        audit.record(em, c, { action, objectType: 'organisation', objectId, after: { n: 1 } }),
      );
    }

    beforeAll(async () => {
      for (let i = 0; i < 4; i++) {
        written.orgByStaff.push(await write(staff, orgId, `organisation.step${i}`));
        written.otherByStaff.push(await write(staff, otherOrgId, `organisation.step${i}`));
        written.orgByAdmin.push(await write(admin, orgId, `organisation.step${i}`));
      }
      await new Promise((r) => setTimeout(r, 5));
      between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      for (let i = 4; i < 7; i++) {
        written.orgByStaff.push(await write(staff, orgId, `organisation.step${i}`));
        written.otherByStaff.push(await write(staff, otherOrgId, `organisation.step${i}`));
      }
      // A record for the same object id under another type must not show up.
      await ds.transaction((em) =>
        audit.record(em, staff, { action: 'user.update', objectType: 'user', objectId: orgId }),
      );
    });

    async function allPages(filter: AuditQueryFilter): Promise<{ pages: string[][]; cursors: (string | null)[] }> {
      const pages: string[][] = [];
      const cursors: (string | null)[] = [];
      let before: string | undefined;
      for (let n = 0; n < 50; n++) {
        const page = await query.find({ ...filter, before });
        pages.push(page.items.map((r) => r.id));
        cursors.push(page.nextCursor);
        if (!page.nextCursor) break;
        before = page.nextCursor;
      }
      return { pages, cursors };
    }

    const desc = (xs: string[]) => [...xs].sort((a, b) => Number(b) - Number(a));

    it('finds records by object, newest first, in keyset pages', async () => {
      const expected = desc([...written.orgByStaff, ...written.orgByAdmin]);
      expect(expected).toHaveLength(11);
      const { pages, cursors } = await allPages({ objectType: 'organisation', objectId: orgId, limit: 4 });
      expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
      expect(pages.flat()).toEqual(expected);
      expect(cursors).toEqual([pages[0][3], pages[1][3], null]);

      const first = await query.find({ objectType: 'organisation', objectId: orgId, limit: 1 });
      expect(first.items[0]).toMatchObject({
        id: expected[0],
        objectType: 'organisation',
        objectId: orgId,
        action: 'organisation.step6',
        actorUserId: staff.actor!.userId,
        actorRole: 'staff',
        actorOrganisationId: null,
        requestId: staff.requestId,
        clientIp: staff.ip,
        after: { n: 1 },
        before: null,
      });
      expect(first.items[0].occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(first.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a page exactly as long as what is left has no next cursor', async () => {
      const page = await query.find({ objectType: 'organisation', objectId: orgId, limit: 11 });
      expect(page.items).toHaveLength(11);
      expect(page.nextCursor).toBeNull();
    });

    it('finds records by actor, and by actor and object together', async () => {
      const { pages } = await allPages({ actorUserId: staff.actor!.userId, limit: 5 });
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5]);
      const byStaff = pages.flat();
      expect(byStaff).toHaveLength(15);
      expect(byStaff.slice(1)).toEqual(desc([...written.orgByStaff, ...written.otherByStaff]));

      const both = await query.find({ actorUserId: staff.actor!.userId, objectType: 'organisation', objectId: orgId });
      expect(both.items.map((r) => r.id)).toEqual(desc(written.orgByStaff));
      expect(both.nextCursor).toBeNull();

      const uppercase = await query.find({ actorUserId: admin.actor!.userId.toUpperCase() });
      expect(uppercase.items.map((r) => r.id)).toEqual(desc(written.orgByAdmin));
    });

    it('limits to a time range (bounds inclusive)', async () => {
      const after = await query.find({ objectType: 'organisation', objectId: orgId, from: between });
      expect(after.items.map((r) => r.id)).toEqual(desc(written.orgByStaff.slice(4)));
      const upTo = await query.find({ objectType: 'organisation', objectId: orgId, to: new Date(between) });
      expect(upTo.items.map((r) => r.id)).toEqual(desc([...written.orgByStaff.slice(0, 4), ...written.orgByAdmin]));

      const [newest] = (await query.find({ objectType: 'organisation', objectId: orgId, limit: 1 })).items;
      const exact = await query.find({
        objectType: 'organisation',
        objectId: orgId,
        from: newest.occurredAt,
        to: newest.occurredAt,
      });
      expect(exact.items[0].id).toBe(newest.id);
      expect(exact.items.every((r) => r.occurredAt === newest.occurredAt)).toBe(true);
      // The same instant written with another offset.
      const shifted = new Date(newest.occurredAt).getTime() + 8 * 3600_000;
      const local = `${new Date(shifted).toISOString().slice(0, 23)}+08:00`;
      const sameInstant = await query.find({ objectType: 'organisation', objectId: orgId, from: local, to: local });
      expect(sameInstant.items.map((r) => r.id)).toEqual(exact.items.map((r) => r.id));
    });

    it('refuses unusable filters, naming the field', async () => {
      const violations = async (filter: AuditQueryFilter) => {
        const error = await query.find(filter).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationFailedError);
        return (error as ValidationFailedError).violations.map((v) => `${v.field}:${v.rule}`);
      };
      expect(await violations({ objectId: orgId })).toEqual(['objectType:isDefined']);
      expect(await violations({})).toEqual(['objectType:atLeastOneOf', 'actorUserId:atLeastOneOf']);
      expect(await violations({ actorUserId: 'nope' })).toEqual(['actorUserId:isUUID']);
      expect(await violations({ objectType: 'user', limit: 0 })).toEqual(['limit:min']);
      expect(await violations({ objectType: 'user', limit: 201 })).toEqual(['limit:max']);
      expect(await violations({ objectType: 'user', limit: 2.5 })).toEqual(['limit:isInt']);
      expect(await violations({ objectType: 'user', before: '0' })).toEqual(['before:matches']);
      expect(await violations({ objectType: 'user', before: '9223372036854775808' })).toEqual(['before:matches']);
      expect(await violations({ objectType: 'user', from: '2026-02-30T00:00:00Z' })).toEqual(['from:isISO8601']);
      expect(await violations({ objectType: 'user', from: '2026-01-01T10:00:00' })).toEqual(['from:isISO8601']);
      expect(await violations({ objectType: 'user', to: new Date(NaN) })).toEqual(['to:isISO8601']);
      expect(
        await violations({ objectType: 'user', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
      ).toEqual(['to:min']);
      // The largest cursor is fine.
      expect((await query.find({ objectType: 'user', before: '9223372036854775807' })).items.length).toBeGreaterThan(0);
    });
  });
});
