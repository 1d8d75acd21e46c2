import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

describe('follows: vendors follow scenarios, agencies see how many (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let otherAgency: Actor;
  let vendor: Actor;
  let colleague: Actor;
  let otherVendor: Actor;

  const follow = (actor: Actor, id: string) => s.call(actor, 'PUT', `/scenarios/${id}/follow`);
  const unfollow = (actor: Actor, id: string) => s.call(actor, 'DELETE', `/scenarios/${id}/follow`);
  const followed = (actor: Actor, qs = '') => s.call(actor, 'GET', `/scenarios/followed${qs}`);
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const count = async (sql: string, params: unknown[]) => Number((await pg.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    otherAgency = await s.organisation('agency');
    vendor = await s.organisation('vendor');
    colleague = { ...vendor, userId: randomUUID(), role: 'vendor_member' };
    otherVendor = await s.organisation('vendor');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('follows idempotently; the owning agency and staff see the count, nobody else does', async () => {
    const { id } = await s.publishedScenario(agency);
    const unfollowedOne = await s.publishedScenario(agency);

    const first = await follow(vendor, id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ following: true });
    expect((await follow(vendor, id)).json()).toEqual({ following: true });
    expect((await follow(colleague, id)).statusCode).toBe(200);
    expect(await count(`SELECT count(*) AS n FROM scenario_follow WHERE scenario_id = $1`, [id])).toBe(2);
    // One event and one audit record per change; the repeated follow wrote nothing.
    expect(
      await count(`SELECT count(*) AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'scenario.followed'`, [
        id,
      ]),
    ).toBe(2);
    expect(
      await count(`SELECT count(*) AS n FROM audit_record WHERE object_id = $1 AND action = 'scenario.follow'`, [id]),
    ).toBe(2);

    const forAgency = await s.call(agency, 'GET', `/scenarios/${id}`);
    expect(forAgency.json().followerCount).toBe(2);
    expect((await s.call(s.staff, 'GET', `/scenarios/${id}`)).json().followerCount).toBe(2);
    const mine = await s.call(agency, 'GET', '/scenarios/mine?limit=100');
    const byId = new Map(mine.json().items.map((i: { id: string; followerCount: number }) => [i.id, i.followerCount]));
    expect(byId.get(id)).toBe(2);
    expect(byId.get(unfollowedOne.id)).toBe(0);

    for (const actor of [vendor, otherVendor, otherAgency]) {
      const res = await s.call(actor, 'GET', `/scenarios/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).not.toHaveProperty('followerCount');
    }
    const pub = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).not.toHaveProperty('followerCount');
    const list = await t.request({ method: 'GET', url: '/api/v1/public/scenarios?limit=50' });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect(list.body).not.toContain('followerCount');

    const off = await unfollow(vendor, id);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ following: false });
    expect((await unfollow(vendor, id)).json()).toEqual({ following: false });
    expect((await s.call(agency, 'GET', `/scenarios/${id}`)).json().followerCount).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'scenario.unfollowed'`, [
        id,
      ]),
    ).toBe(1);
  });

  it("lists the caller's followed public scenarios, most recent follow first, page by page", async () => {
    const follower: Actor = { ...otherVendor, userId: randomUUID(), role: 'vendor_member' };
    const a = await s.publishedScenario(agency);
    const b = await s.publishedScenario(agency);
    const c = await s.publishedScenario(otherAgency);
    for (const x of [b, a, c]) expect((await follow(follower, x.id)).statusCode).toBe(200);

    const page1 = await followed(follower, '?limit=2');
    expect(page1.statusCode).toBe(200);
    expect(ids(page1.json().items)).toEqual([c.id, a.id]);
    expect(page1.json().items[0]).toMatchObject({ id: c.id, status: 'published', followedAt: expect.any(String) });
    expect(page1.json().items[0]).not.toHaveProperty('followerCount');
    expect(page1.json().items[0]).not.toHaveProperty('budgetMinYuan'); // private fields stay private
    const page2 = await followed(follower, `?limit=2&cursor=${page1.json().nextCursor}`);
    expect(ids(page2.json().items)).toEqual([b.id]);
    expect(page2.json().nextCursor).toBeNull();
    expect(ids((await followed(colleague)).json().items)).not.toContain(a.id);

    const bad = await followed(follower, `?cursor=${Buffer.from('["nope","x"]').toString('base64url')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');

    // A cancelled scenario leaves the list, and can still be unfollowed.
    expect((await s.call(agency, 'POST', `/scenarios/${a.id}/cancel`, { reason: '需求调整' })).statusCode).toBe(200);
    expect(ids((await followed(follower)).json().items)).toEqual([c.id, b.id]);
    expect((await unfollow(follower, a.id)).json()).toEqual({ following: false });
    expect(await count(`SELECT count(*) AS n FROM scenario_follow WHERE scenario_id = $1`, [a.id])).toBe(0);
  });

  it('cannot follow what is not public (404), as an unverified vendor (403) or as an agency (403)', async () => {
    const draft = await s.call(agency, 'POST', '/scenarios', { title: '草稿场景', domain: 'manufacturing' });
    const onDraft = await follow(vendor, draft.json().id);
    expect(onDraft.statusCode).toBe(404);
    expect(onDraft.json().code).toBe('SCENARIO_NOT_FOUND');
    const approved = await s.approvedScenario(agency);
    expect((await follow(vendor, approved.id)).statusCode).toBe(404);
    expect((await follow(vendor, randomUUID())).statusCode).toBe(404);

    const { id } = await s.publishedScenario(agency);
    const pending = await s.organisation('vendor', false);
    const unverified = await follow(pending, id);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('ENGAGEMENT_VENDOR_NOT_VERIFIED');
    expect((await follow(agency, id)).statusCode).toBe(403);
    expect((await followed(agency)).statusCode).toBe(403);
    expect(await count(`SELECT count(*) AS n FROM scenario_follow WHERE scenario_id = $1`, [id])).toBe(0);
  });
});
