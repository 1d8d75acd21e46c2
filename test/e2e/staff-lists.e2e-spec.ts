import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';

type Setup = ReturnType<typeof scenarioSetup>;
interface Item {
  id: string;
  code: string | null;
  title: string;
  status: string;
  agencyOrganisationId: string;
  agencyName: string;
  batchId: string | null;
  deadline: string | null;
  updatedAt: string;
}

/** Cursors whose date JavaScript's Date.parse takes but PostgreSQL refuses (they were 500s). */
const CRAFTED_CURSORS = ['foo 1', '2020-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z'].map((at) =>
  Buffer.from(JSON.stringify([at, '0b8a4c6e-1f2d-4e3a-9b5c-7d6e5f4a3b2c'])).toString('base64url'),
);

describe('staff lists: scenarios of every status and users of a role (HTTP)', () => {
  let t: TestApp;
  let s: Setup;
  let agency: Actor;
  let vendor: Actor;
  const admin: Actor = { userId: randomUUID(), organisationId: null, role: 'platform_admin' };
  const ids: Record<string, string> = {};

  const errorFields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await createTestApp();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    vendor = await s.organisation('vendor');
    const draft = await s.call(agency, 'POST', '/scenarios', { title: '草稿场景 私有', domain: 'manufacturing' });
    expect(draft.statusCode).toBe(201);
    ids.draft = draft.json().id;
    ids.approved = (await s.approvedScenario(agency, '已审核场景 甲')).id;
    ids.published = (await s.publishedScenario(agency, '已发布场景 乙')).id;
    ids.approved2 = (
      await s.approvedScenario(agency, '已审核场景 丙', { domain: 'agriculture', sector: 'fishery', district: 'anji' })
    ).id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /scenarios', () => {
    it('is for the centre only', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/scenarios' })).statusCode).toBe(401);
      expect((await s.call(agency, 'GET', '/scenarios')).statusCode).toBe(403);
      expect((await s.call(vendor, 'GET', '/scenarios')).statusCode).toBe(403);
      expect((await s.call(s.staff, 'GET', '/scenarios')).statusCode).toBe(200);
      expect((await s.call(admin, 'GET', '/scenarios')).statusCode).toBe(200);
    });

    it('lists every scenario but drafts, newest updated first, with the agency name', async () => {
      const res = await s.call(s.staff, 'GET', '/scenarios');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Item[];
      expect(items.map((i) => i.id)).toEqual([ids.approved2, ids.published, ids.approved]);
      expect(items.map((i) => i.id)).not.toContain(ids.draft);
      expect(items[1]).toMatchObject({
        status: 'published',
        title: '已发布场景 乙',
        domain: 'manufacturing',
        sector: 'textile',
        district: 'wuxing',
        agencyOrganisationId: agency.organisationId,
        batchId: null,
      });
      expect(items[1].code).toMatch(/\S/);
      expect(items[1].agencyName).toMatch(/\S/);
      expect(items[1].deadline).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(res.json().nextCursor).toBeNull();
    });

    it('filters by one or more statuses (comma or repeated), domain and text', async () => {
      const one = await s.call(s.staff, 'GET', '/scenarios?status=approved');
      expect((one.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved2, ids.approved]);
      const comma = await s.call(s.staff, 'GET', '/scenarios?status=approved,published');
      expect(comma.json().items).toHaveLength(3);
      const repeated = await s.call(s.staff, 'GET', '/scenarios?status=published&status=submitted');
      expect((repeated.json().items as Item[]).map((i) => i.id)).toEqual([ids.published]);
      const domain = await s.call(s.staff, 'GET', '/scenarios?domain=agriculture');
      expect((domain.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved2]);
      const district = await s.call(s.staff, 'GET', '/scenarios?district=wuxing&status=approved');
      expect((district.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved]);
      const q = await s.call(s.staff, 'GET', `/scenarios?q=${encodeURIComponent('场景 甲')}`);
      expect((q.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved]);
      const wildcard = await s.call(s.staff, 'GET', '/scenarios?q=%25');
      expect(wildcard.json().items).toEqual([]);
    });

    it('pages with a keyset cursor', async () => {
      const first = await s.call(s.staff, 'GET', '/scenarios?limit=2');
      expect(first.statusCode).toBe(200);
      expect((first.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved2, ids.published]);
      const cursor = first.json().nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const second = await s.call(s.staff, 'GET', `/scenarios?limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect((second.json().items as Item[]).map((i) => i.id)).toEqual([ids.approved]);
      expect(second.json().nextCursor).toBeNull();
    });

    it('refuses a bad status (draft included) or cursor with 400 naming the field', async () => {
      for (const status of ['nonsense', 'draft', 'approved,bogus']) {
        const res = await s.call(s.staff, 'GET', `/scenarios?status=${status}`);
        expect(res.statusCode).toBe(400);
        expect(errorFields(res.json())).toContain('status');
      }
      for (const cursor of ['not-a-cursor', Buffer.from('["x","y"]').toString('base64url'), ...CRAFTED_CURSORS]) {
        const res = await s.call(s.staff, 'GET', `/scenarios?cursor=${cursor}`);
        expect(res.statusCode).toBe(400);
        expect(errorFields(res.json())).toContain('cursor');
      }
      const nul = await s.call(s.staff, 'GET', '/scenarios?q=a%00b');
      expect(nul.statusCode).toBe(400);
      expect(errorFields(nul.json())).toContain('q');
      const domain = await s.call(s.staff, 'GET', '/scenarios?domain=nowhere');
      expect(domain.statusCode).toBe(400);
      expect(errorFields(domain.json())).toContain('domain');
    });

    it('still routes /scenarios/mine and /scenarios/:id', async () => {
      expect((await s.call(agency, 'GET', '/scenarios/mine')).json().items).toHaveLength(4);
      expect((await s.call(s.staff, 'GET', `/scenarios/${ids.approved}`)).json().id).toBe(ids.approved);
    });
  });

  describe('GET /users', () => {
    const reviewers: string[] = [];
    beforeAll(async () => {
      for (const name of ['评审专家一', '评审专家二', '评审专家三']) {
        const res = await s.call(s.staff, 'POST', '/users/reviewers', {
          email: uniqueEmail('reviewer'),
          password: GOOD_PASSWORD,
          displayName: name,
        });
        expect(res.statusCode).toBe(201);
        reviewers.push(res.json().id);
      }
    });

    it('is for the centre only', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/users?role=reviewer' })).statusCode).toBe(401);
      expect((await s.call(agency, 'GET', '/users?role=reviewer')).statusCode).toBe(403);
      expect((await s.call(vendor, 'GET', '/users?role=reviewer')).statusCode).toBe(403);
      expect((await s.call(admin, 'GET', '/users?role=reviewer')).statusCode).toBe(200);
    });

    it('lists the users of a role, paged', async () => {
      const first = await s.call(s.staff, 'GET', '/users?role=reviewer&limit=2');
      expect(first.statusCode).toBe(200);
      const page1 = first.json().items as { id: string; role: string }[];
      expect(page1).toHaveLength(2);
      expect(page1[0]).toMatchObject({
        id: reviewers[2],
        displayName: '评审专家三',
        email: expect.stringContaining('@'),
        organisationId: null,
        status: 'active',
      });
      const second = await s.call(
        s.staff,
        'GET',
        `/users?role=reviewer&limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`,
      );
      expect((second.json().items as { id: string }[]).map((u) => u.id)).toEqual([reviewers[0]]);
      expect(second.json().nextCursor).toBeNull();

      const agencyAdmins = await s.call(s.staff, 'GET', '/users?role=agency_admin');
      expect((agencyAdmins.json().items as { id: string }[]).map((u) => u.id)).toEqual([agency.userId]);
    });

    it('refuses a missing or unknown role, or a bad cursor, with 400 naming the field', async () => {
      const badCursor = Buffer.from('["x","y"]').toString('base64url');
      for (const url of [
        '/users?role=reviewer&cursor=nope',
        `/users?role=reviewer&cursor=${badCursor}`,
        ...CRAFTED_CURSORS.map((c) => `/users?role=reviewer&cursor=${c}`),
      ]) {
        const res = await s.call(s.staff, 'GET', url);
        expect(res.statusCode).toBe(400);
        expect(errorFields(res.json())).toContain('cursor');
      }
      for (const url of ['/users', '/users?role=superuser']) {
        const res = await s.call(s.staff, 'GET', url);
        expect(res.statusCode).toBe(400);
        expect(errorFields(res.json())).toContain('role');
      }
    });
  });
});
