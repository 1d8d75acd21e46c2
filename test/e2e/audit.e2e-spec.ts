import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Actor, type RequestContext, ROLES, type Role } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';

const actor = (role: Role): Actor => ({ userId: randomUUID(), organisationId: randomUUID(), role });

describe('audit API', () => {
  let t: TestApp;
  const staff = actor('staff');
  const orgId = randomUUID();
  /** Ids of the records written about `orgId`, oldest first. */
  const written: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    const ctx: RequestContext = { actor: staff, requestId: 'e2e-audit-0001', ip: '203.0.113.9', locale: 'en' };
    for (let i = 0; i < 5; i++) {
      written.push(
        await ds.transaction((em) =>
          audit.record(em, ctx, {
            action: `organisation.step${i}`,
            objectType: 'organisation',
            objectId: orgId,
            before: { status: 'pending', i },
            after: { status: 'verified', i, zz: { b: 1, a: 2 } },
          }),
        ),
      );
    }
    await ds.transaction((em) =>
      audit.record(em, { ...ctx, actor: null }, { action: 'user.create', objectType: 'user', objectId: 'u-1' }),
    );
  });
  afterAll(async () => t?.close());

  const get = (url: string, who?: Actor) =>
    t.request({
      method: 'GET',
      url,
      headers: { 'accept-language': 'en', ...(who ? { authorization: `Bearer ${t.tokenFor(who)}` } : {}) },
    });

  const recordsUrl = `/api/v1/audit/records?objectType=organisation&objectId=${orgId}`;

  describe('access', () => {
    it.each(['staff', 'platform_admin'] as const)('lets %s read records and verify', async (role) => {
      const records = await get(recordsUrl, actor(role));
      expect(records.statusCode).toBe(200);
      expect(records.json().items).toHaveLength(5);
      const verify = await get('/api/v1/audit/verify', actor(role));
      expect(verify.statusCode).toBe(200);
      expect(verify.json()).toMatchObject({ ok: true });
    });

    it.each(ROLES.filter((r) => r !== 'staff' && r !== 'platform_admin'))('refuses %s with 403', async (role) => {
      for (const url of [recordsUrl, '/api/v1/audit/verify']) {
        const res = await get(url, actor(role));
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
      }
    });

    it('refuses anonymous callers with 401, and a bad token too', async () => {
      for (const url of [recordsUrl, '/api/v1/audit/verify']) {
        const anonymous = await get(url);
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json()).toMatchObject({ code: 'ACCESS_UNAUTHENTICATED' });
        const forged = await t.request({ method: 'GET', url, headers: { authorization: 'Bearer not.a.token' } });
        expect(forged.statusCode).toBe(401);
      }
    });
  });

  describe('GET /api/v1/audit/records', () => {
    it('returns the records of an object newest first, in pages', async () => {
      const first = await get(`${recordsUrl}&limit=2`, staff);
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.items.map((r: { id: string }) => r.id)).toEqual([written[4], written[3]]);
      expect(page1.nextCursor).toBe(written[3]);
      expect(page1.items[0]).toEqual({
        id: written[4],
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        actorUserId: staff.userId,
        actorRole: 'staff',
        actorOrganisationId: staff.organisationId,
        action: 'organisation.step4',
        objectType: 'organisation',
        objectId: orgId,
        before: { status: 'pending', i: 4 },
        after: { status: 'verified', i: 4, zz: { a: 2, b: 1 } },
        requestId: 'e2e-audit-0001',
        clientIp: '203.0.113.9',
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      const page2 = (await get(`${recordsUrl}&limit=2&before=${page1.nextCursor}`, staff)).json();
      expect(page2.items.map((r: { id: string }) => r.id)).toEqual([written[2], written[1]]);
      const page3 = (await get(`${recordsUrl}&limit=2&before=${page2.nextCursor}`, staff)).json();
      expect(page3).toMatchObject({ nextCursor: null });
      expect(page3.items.map((r: { id: string }) => r.id)).toEqual([written[0]]);
    });

    it('filters by actor and by time range', async () => {
      const byActor = (await get(`/api/v1/audit/records?actorUserId=${staff.userId}`, staff)).json();
      expect(byActor.items.map((r: { id: string }) => r.id)).toEqual([...written].reverse());
      const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
      const none = await get(`${recordsUrl}&from=${future}`, staff);
      expect(none.statusCode).toBe(200);
      expect(none.json()).toEqual({ items: [], nextCursor: null });
      const past = encodeURIComponent('2000-01-01T08:00:00+08:00');
      expect((await get(`${recordsUrl}&from=${past}&to=${future}`, staff)).json().items).toHaveLength(5);
    });

    it.each([
      ['objectId without objectType', `objectId=${orgId}`, ['objectType']],
      ['no object or actor filter', '', ['objectType', 'actorUserId']],
      ['limit 0', 'objectType=organisation&limit=0', ['limit']],
      ['limit 201', 'objectType=organisation&limit=201', ['limit']],
      ['limit not a number', 'objectType=organisation&limit=ten', ['limit']],
      ['a bad uuid', 'actorUserId=not-a-uuid', ['actorUserId']],
      ['a time without offset', 'objectType=organisation&from=2026-01-01T10:00:00', ['from']],
      ['an impossible date', 'objectType=organisation&to=2026-02-30T10:00:00Z', ['to']],
      ['to before from', 'objectType=organisation&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', ['to']],
      ['a bad cursor', 'objectType=organisation&before=abc', ['before']],
      ['a cursor beyond bigint', 'objectType=organisation&before=9223372036854775808', ['before']],
      ['an empty objectType', 'objectType=&actorUserId=' + randomUUID(), ['objectType']],
      ['an unknown parameter', 'objectType=organisation&sort=asc', ['sort']],
    ])('answers %s with 400 naming the field', async (_what, qs, fields) => {
      const res = await get(`/api/v1/audit/records?${qs}`, staff);
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('COMMON_VALIDATION_FAILED');
      expect([...new Set(body.errors.map((e: { field: string }) => e.field))]).toEqual(fields);
      for (const e of body.errors) expect(e.message).toEqual(expect.any(String));
    });
  });

  describe('embargoed records', () => {
    it('are left out of every view, in full pages, until the embargo is lifted; verify checks them all along', async () => {
      const ds = t.app.get(DataSource);
      const audit = t.app.get(AuditService);
      const clerk = actor('staff');
      const objectId = randomUUID();
      const key = `e2e:${randomUUID()}`;
      const ctx: RequestContext = { actor: clerk, requestId: 'e2e-audit-embargo', ip: null, locale: 'en' };
      const ids: { id: string; embargoed: boolean }[] = [];
      for (const embargoed of [false, true, true, false, true]) {
        const id = await ds.transaction((em) =>
          audit.record(em, ctx, {
            action: 'organisation.note',
            objectType: 'organisation',
            objectId,
            ...(embargoed ? { embargo: key } : {}),
          }),
        );
        ids.push({ id, embargoed });
      }
      const newestFirst = (all: boolean) =>
        ids
          .filter((r) => all || !r.embargoed)
          .map((r) => r.id)
          .reverse();
      const pages = async (query: string) => {
        const shown: string[][] = [];
        let cursor: string | null = null;
        do {
          const res = await get(`/api/v1/audit/records?${query}&limit=1${cursor ? `&before=${cursor}` : ''}`, staff);
          expect(res.statusCode).toBe(200);
          shown.push(res.json().items.map((r: { id: string }) => r.id));
          cursor = res.json().nextCursor;
        } while (cursor);
        return shown;
      };
      const views = [
        `objectType=organisation&objectId=${objectId}`,
        `actorUserId=${clerk.userId}`,
        `objectType=organisation&from=2000-01-01T00:00:00Z&actorUserId=${clerk.userId}`,
      ];
      for (const view of views) expect(await pages(view)).toEqual(newestFirst(false).map((id) => [id]));
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM audit_record`)) as { n: number }[];
      expect((await get('/api/v1/audit/verify', staff)).json()).toMatchObject({ ok: true, checked: n });

      await ds.transaction((em) => audit.liftEmbargo(em, key, new Date()));
      for (const view of views) expect(await pages(view)).toEqual(newestFirst(true).map((id) => [id]));
    });
  });

  describe('GET /api/v1/audit/verify', () => {
    it('reports an intact chain, then the exact row tampered with by a superuser bypassing the triggers', async () => {
      const count = async (upTo?: string): Promise<number> => {
        const sql = `SELECT count(*)::int AS n FROM audit_record${upTo ? ' WHERE id <= $1' : ''}`;
        const [{ n }] = (await t.app.get(DataSource).query(sql, upTo ? [upTo] : [])) as { n: number }[];
        return n;
      };
      const total = await count();
      expect(total).toBeGreaterThanOrEqual(6);
      const ok = await get('/api/v1/audit/verify', staff);
      expect(ok.statusCode).toBe(200);
      const [{ id: lastId, hash: lastHash }] = (await t.app
        .get(DataSource)
        .query(`SELECT id::text AS id, hash FROM audit_record r ORDER BY r.id DESC LIMIT 1`)) as {
        id: string;
        hash: string;
      }[];
      expect(ok.json()).toEqual({ ok: true, checked: total, head: { id: lastId, hash: lastHash } });

      const target = written[2];
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      try {
        // Without replica mode the trigger refuses; with it the change goes through.
        await expect(
          client.query(`UPDATE audit_record SET action = 'x' WHERE id = $1`, [target]),
        ).rejects.toMatchObject({
          code: '42501',
        });
        await client.query(`SET session_replication_role = replica`);
        await client.query(`UPDATE audit_record SET after = after || '{"status":"rejected"}' WHERE id = $1`, [target]);
      } finally {
        await client.end();
      }

      const tampered = await get('/api/v1/audit/verify', staff);
      expect(tampered.statusCode).toBe(200);
      expect(tampered.json()).toEqual({
        ok: false,
        checked: await count(target),
        firstTampered: { id: target, reason: 'hash_mismatch' },
      });
    });
  });
});
