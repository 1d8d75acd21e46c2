import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RequestContext } from '@app/common';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { AuditRecordEntity } from './audit-record.entity';
import { AuditQuery, type AuditQueryFilter } from './audit-query';
import { AuditVerifier } from './audit-verifier';
import { AuditService } from './audit.service';

class RolledBack extends Error {}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('audit embargo (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;
  let query: AuditQuery;
  let verifier: AuditVerifier;

  const actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'vendor_admin' as const };
  const ctx = (): RequestContext => ({ actor, requestId: `req-${randomUUID()}`, ip: null, locale: 'zh-CN' });
  const objectId = `bid-${randomUUID()}`;
  const keyA = `test-a:${randomUUID()}`;
  const keyB = `test-b:${randomUUID()}`;
  /** The ten records about `objectId`, oldest first, and the embargo each was written under. */
  const written: { id: string; embargo?: string }[] = [];
  /** Under key A: three in a row in the middle (more than a page of 2); under B: the oldest and the newest. */
  const EMBARGO_OF = [keyB, undefined, undefined, undefined, keyA, keyA, keyA, undefined, undefined, keyB];

  async function write(embargo: string | undefined, id = objectId, c = ctx()): Promise<string> {
    return ds.transaction((em) =>
      audit.record(em, c, {
        action: 'bid.step',
        objectType: 'bid',
        objectId: id,
        after: { n: 1 },
        ...(embargo ? { embargo } : {}),
      }),
    );
  }

  const lift = (key: string, at = new Date()) => ds.transaction((em) => audit.liftEmbargo(em, key, at));
  const desc = (ids: string[]) => [...ids].sort((a, b) => Number(b) - Number(a));
  /** Ids of the ten records whose embargo (if any) is among `lifted`, newest first. */
  const visible = (...lifted: string[]) =>
    desc(written.filter((w) => !w.embargo || lifted.includes(w.embargo)).map((w) => w.id));

  async function allPages(filter: AuditQueryFilter) {
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

  /** Every filter over the same records, paged with every limit: the visible ones, in full pages. */
  async function expectPagedEverywhere(expected: string[], range: { from: string; to: string }) {
    const filters: AuditQueryFilter[] = [
      { objectType: 'bid', objectId },
      { actorUserId: actor.userId },
      { actorUserId: actor.userId, objectType: 'bid', objectId },
      { objectType: 'bid', objectId, ...range },
      { actorUserId: actor.userId, ...range },
    ];
    for (const filter of filters) {
      for (let limit = 1; limit <= expected.length + 1; limit++) {
        const { pages, cursors } = await allPages({ ...filter, limit });
        const label = `${JSON.stringify(filter)} limit ${limit}`;
        expect({ label, ids: pages.flat() }).toEqual({ label, ids: expected });
        // Every page but the last is full, each cursor is its page's last id, and the last has none.
        expect({ label, sizes: pages.slice(0, -1).every((p) => p.length === limit) }).toEqual({ label, sizes: true });
        expect({ label, cursors }).toEqual({
          label,
          cursors: [...pages.slice(0, -1).map((p) => p[p.length - 1]), null],
        });
        expect({ label, lastIsEmpty: pages.length > 1 && pages[pages.length - 1].length === 0 }).toEqual({
          label,
          lastIsEmpty: false,
        });
      }
    }
  }

  let range: { from: string; to: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url, 10), entities: [AuditRecordEntity], logging: false });
    await ds.initialize();
    audit = new AuditService();
    query = new AuditQuery(ds);
    verifier = new AuditVerifier(ds);
    const from = new Date().toISOString();
    await pause(2);
    for (const embargo of EMBARGO_OF) {
      written.push({ id: await write(embargo), embargo });
      // Noise between them: records about other objects, by someone else.
      await write(undefined, `other-${randomUUID()}`, { ...ctx(), actor: { ...actor, userId: randomUUID() } });
    }
    await pause(2);
    range = { from, to: new Date().toISOString() };
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('stores the key on the record and creates the embargo, not lifted', async () => {
    const rows = (await ds.query(
      `SELECT r.id::text AS id, r.embargo_key, e.lifted_at FROM audit_record r
         LEFT JOIN audit_embargo e ON e.key = r.embargo_key
        WHERE r.object_id = $1 ORDER BY r.id`,
      [objectId],
    )) as { id: string; embargo_key: string | null; lifted_at: Date | null }[];
    expect(rows.map((r) => [r.id, r.embargo_key])).toEqual(written.map((w) => [w.id, w.embargo ?? null]));
    expect(rows.every((r) => r.lifted_at === null)).toBe(true);
    expect(await audit.isEmbargoed(ds.manager, keyA)).toBe(true);
    expect(await audit.isEmbargoed(ds.manager, `never-${randomUUID()}`)).toBe(false);
  });

  it('hides embargoed records from every filter; pages skip them, stay full and never end early', async () => {
    expect(visible()).toHaveLength(5);
    const { pages, cursors } = await allPages({ objectType: 'bid', objectId, limit: 2 });
    expect(pages).toEqual([visible().slice(0, 2), visible().slice(2, 4), visible().slice(4)]);
    expect(cursors).toEqual([pages[0][1], pages[1][1], null]);
    await expectPagedEverywhere(visible(), range);
  });

  it('shows them once lifted, lifting again keeps the first time, and later records under the key show at once', async () => {
    const first = new Date('2030-01-01T00:00:00.000Z');
    await lift(keyA, first);
    await expectPagedEverywhere(visible(keyA), range);
    await lift(keyA, new Date('2031-01-01T00:00:00.000Z'));
    const [row] = (await ds.query(`SELECT lifted_at FROM audit_embargo WHERE key = $1`, [keyA])) as {
      lifted_at: Date;
    }[];
    expect(row.lifted_at.toISOString()).toBe(first.toISOString());
    expect(await audit.isEmbargoed(ds.manager, keyA)).toBe(false);

    const later = await write(keyA);
    expect((await query.find({ objectType: 'bid', objectId, limit: 1 })).items[0].id).toBe(later);
    written.push({ id: later, embargo: keyA });

    await lift(keyB);
    await expectPagedEverywhere(visible(keyA, keyB), { ...range, to: new Date().toISOString() });
  });

  it('lifting a key nobody recorded under yet creates it lifted; a rolled-back record leaves no embargo', async () => {
    const fresh = `test-c:${randomUUID()}`;
    await lift(fresh);
    const id = `bid-${randomUUID()}`;
    const recorded = await write(fresh, id);
    expect((await query.find({ objectType: 'bid', objectId: id })).items.map((r) => r.id)).toEqual([recorded]);

    const dropped = `test-d:${randomUUID()}`;
    await expect(
      ds.transaction(async (em) => {
        await audit.record(em, ctx(), { action: 'bid.step', objectType: 'bid', objectId: id, embargo: dropped });
        throw new RolledBack();
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await ds.query(`SELECT 1 FROM audit_embargo WHERE key = $1`, [dropped])).toEqual([]);
    await expect(
      ds.transaction((em) => audit.record(em, ctx(), { action: 'x', objectType: 'bid', objectId: id, embargo: '' })),
    ).rejects.toThrow(/non-empty/);
  });

  it('lifts and records racing on several keys all commit (no deadlock), in one valid chain', async () => {
    const keys = [`race-1:${randomUUID()}`, `race-2:${randomUUID()}`];
    const id = `bid-${randomUUID()}`;
    // Each transaction records under one key and lifts the other, in both orders.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        ds.transaction(async (em) => {
          const [mine, other] = i % 2 ? keys : [keys[1], keys[0]];
          await em.query(`SELECT pg_sleep($1)`, [(i % 5) / 1000]);
          if (i % 3 === 0) await audit.liftEmbargo(em, other, new Date());
          const recorded = await audit.record(em, ctx(), {
            action: 'bid.race',
            objectType: 'bid',
            objectId: id,
            embargo: mine,
          });
          if (i % 3 === 1) await audit.liftEmbargo(em, other, new Date());
          return recorded;
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const { pages } = await allPages({ objectType: 'bid', objectId: id, limit: 200 });
    expect(pages.flat()).toHaveLength(30);
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('audit:verify still walks and checks every record, embargoed or not', async () => {
    const pending = `test-e:${randomUUID()}`;
    await write(pending);
    const [{ n, embargoed }] = (await ds.query(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE e.lifted_at IS NULL AND r.embargo_key IS NOT NULL)::int AS embargoed
         FROM audit_record r LEFT JOIN audit_embargo e ON e.key = r.embargo_key`,
    )) as { n: number; embargoed: number }[];
    expect(embargoed).toBeGreaterThan(0);
    const report = await verifier.verify();
    expect(report).toMatchObject({ ok: true, checked: n });
    expect(await verifier.verify({ pageSize: 3 })).toEqual(report);
  });
});
