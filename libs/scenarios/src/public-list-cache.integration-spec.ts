import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { PublicListQueries } from './public-list-queries';
import { PublicScenarioService } from './public-scenarios.service';
import { ScenarioEntity } from './scenario.entity';

describe('public list cache (Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let ids: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(db.url, 5), entities: [ScenarioEntity] }).initialize();
    const [org] = (await ds.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('agency', '测试局', '11330500MB0000000X', 'wuxing', '王', '0572-1234567', 'a@example.cn', 'verified')
       RETURNING id`,
    )) as { id: string }[];
    ids = [];
    for (const [i, domain] of ['manufacturing', 'manufacturing', 'agriculture'].entries()) {
      const [row] = (await ds.query(
        `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain, published_at, proposal_deadline)
         VALUES ($1, $2, 'published', $3, $4, now() - make_interval(mins => $5), now() + interval '30 days')
         RETURNING id`,
        [org.id, randomUUID(), `场景 ${i}`, domain, i],
      )) as { id: string }[];
      ids.push(row.id);
    }
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** The queries over the real database, counting the SQL statements they run. */
  function counted(ttlSeconds: number) {
    const runs: string[] = [];
    const queries = new PublicListQueries((sql, params) => {
      runs.push(sql);
      return ds.query(sql, params);
    }, ttlSeconds);
    return { queries, runs };
  }

  it('runs each page and facet query once per key while cached, sharing concurrent misses', async () => {
    const { queries, runs } = counted(60);
    const first = await Promise.all([1, 2, 3].map(() => queries.page({}, null, 'newest', null, 20)));
    expect(first[0].map((r) => r.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(first[1]).toEqual(first[0]);
    expect(runs).toHaveLength(1);
    // The order of a list filter does not make a new key; a different filter does.
    await queries.facets({ domain: ['manufacturing', 'agriculture'] }, null);
    const facets = await queries.facets({ domain: ['agriculture', 'manufacturing'] }, null);
    expect(facets.domain).toEqual({ manufacturing: 2, agriculture: 1 });
    expect(runs).toHaveLength(2);
    await queries.facets({ domain: ['agriculture'] }, null);
    expect(runs).toHaveLength(3);
  });

  it('serves a stale page at once while one background query refreshes it', async () => {
    const { queries, runs } = counted(30);
    const ids = async () =>
      (await queries.page({ domain: ['agriculture'] }, null, 'newest', null, 20)).map((r) => r.id);
    const before = await ids();
    const [org] = (await ds.query(`SELECT agency_organisation_id AS id FROM scenario LIMIT 1`)) as { id: string }[];
    const [added] = (await ds.query(
      `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain, published_at, proposal_deadline)
       VALUES ($1, $2, 'published', '新增场景', 'agriculture', now(), now() + interval '30 days') RETURNING id`,
      [org.id, randomUUID()],
    )) as { id: string }[];
    expect(await ids()).toEqual(before); // fresh: from the cache
    expect(runs).toHaveLength(1);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 31_000);
    try {
      expect(await ids()).toEqual(before); // stale: served at once, refresh started
      expect(runs).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 200));
      expect(await ids()).toEqual([added.id, ...before]);
      expect(runs).toHaveLength(2);
    } finally {
      clock.mockRestore();
      await ds.query(`DELETE FROM scenario WHERE id = $1`, [added.id]);
    }
  });

  it('runs every query when the cache is off', async () => {
    const { queries, runs } = counted(0);
    await queries.page({}, null, 'newest', null, 20);
    await queries.page({}, null, 'newest', null, 20);
    expect(runs).toHaveLength(2);
  });

  it('never shows a scenario that left the public list, even from a cached page', async () => {
    const service = new PublicScenarioService(ds, { PUBLIC_LIST_CACHE_SECONDS: 60 } as AppConfig);
    expect((await service.list({})).items.map((i) => i.id)).toContain(ids[1]);
    await ds.query(`UPDATE scenario SET status = 'cancelled' WHERE id = $1`, [ids[1]]);
    const after = await service.list({});
    expect(after.items.map((i) => i.id)).toEqual([ids[0], ids[2]]);
  });
});
