import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '@app/common';
import { codesOf } from '@app/taxonomy';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

describe('reporting: public statistics, directory and the staff funnel (HTTP)', () => {
  let t: TestApp;
  let setup: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  const actor = (role: Role): Actor => ({ userId: randomUUID(), organisationId: randomUUID(), role });
  const get = (url: string, role?: Role, headers: Record<string, string> = {}) =>
    t.request({
      method: 'GET',
      url,
      headers: role ? { ...headers, authorization: `Bearer ${t.tokenFor(actor(role))}` } : headers,
    });

  beforeAll(async () => {
    // Public answers are kept in process (as in production), so repeated reads carry the same ETag.
    t = await createTestApp({ env: { PUBLIC_LIST_CACHE_SECONDS: '30' } });
    setup = scenarioSetup(t);
    agency = await setup.organisation('agency');
    await setup.publishedScenario(agency, '织里童装面料瑕疵AI视觉检测');
    await setup.publishedScenario(agency, '湖羊智慧养殖个体识别', { domain: 'agriculture', sector: 'livestock' });
    // Approved into a batch that staff then publish.
    const approved = await setup.approvedScenario(agency, '南浔古镇数字人导游');
    const batch = await setup.call(setup.staff, 'POST', '/batches', { year: 2026 });
    expect(batch.statusCode).toBe(201);
    const add = await setup.call(setup.staff, 'POST', `/batches/${batch.json().id}/scenarios`, {
      scenarioIds: [approved.id],
    });
    expect(add.statusCode).toBe(200);
    // Never published: still approved.
    await setup.approvedScenario(agency, '德清北斗农机自动驾驶');
    const publish = await setup.call(setup.staff, 'POST', `/batches/${batch.json().id}/publish`, {});
    expect(publish.statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => t.close());

  describe('GET /api/v1/public/statistics', () => {
    it('answers anyone with every domain and district, cacheable for 60 s with an ETag', async () => {
      const res = await get('/api/v1/public/statistics');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const body = res.json();
      expect(body.totals).toEqual({ published: 3, awarded: 0, accepted: 0, demonstration: 0 });
      expect(body.byDomain.map((d: { domain: string }) => d.domain)).toEqual(codesOf('domain'));
      expect(body.byDistrict.map((d: { district: string }) => d.district)).toEqual(codesOf('district'));
      expect(body.byDomain.find((d: { domain: string }) => d.domain === 'agriculture').published).toBe(1);
      const again = await get('/api/v1/public/statistics', 'vendor_admin', {
        'if-none-match': res.headers.etag as string,
      });
      expect(again.statusCode).toBe(304);
    });
  });

  describe('public directory', () => {
    it('lists the published batch with its public scenarios, and the agencies that publish', async () => {
      const batches = await get('/api/v1/public/batches');
      expect(batches.statusCode).toBe(200);
      expect(batches.headers['cache-control']).toBe('public, max-age=60');
      expect(batches.json()).toEqual([expect.objectContaining({ year: 2026, number: 1, scenarioCount: 1 })]);
      const agencies = await get('/api/v1/public/agencies');
      expect(agencies.statusCode).toBe(200);
      expect(agencies.json()).toEqual([
        expect.objectContaining({ id: agency.organisationId, scenarioCount: 3, nameZh: expect.any(String) }),
      ]);
    });
  });

  describe('GET /api/v1/admin/funnel', () => {
    it('is for staff and platform admins only: 401 anonymous, 403 other roles', async () => {
      expect((await get('/api/v1/admin/funnel')).statusCode).toBe(401);
      for (const role of ['vendor_admin', 'vendor_member', 'agency_admin', 'agency_officer', 'reviewer'] as Role[])
        expect([role, (await get('/api/v1/admin/funnel', role)).statusCode]).toEqual([role, 403]);
      for (const role of ['staff', 'platform_admin'] as Role[])
        expect([role, (await get('/api/v1/admin/funnel', role)).statusCode]).toEqual([role, 200]);
    });

    it('counts the stages and breaks them down, filtered by domain and first publication day', async () => {
      const all = (await get('/api/v1/admin/funnel', 'staff')).json();
      expect(all.stages).toEqual([
        { stage: 'published', count: 3 },
        { stage: 'with_proposals', count: 0 },
        { stage: 'awarded', count: 0 },
        { stage: 'accepted', count: 0 },
        { stage: 'demonstration', count: 0 },
      ]);
      expect(all.timeToAward).toEqual({ count: 0, medianDays: null, p90Days: null });
      expect(all.byDomain).toHaveLength(codesOf('domain').length);
      const agri = (await get('/api/v1/admin/funnel?domain=agriculture', 'staff')).json();
      expect(agri.stages[0]).toEqual({ stage: 'published', count: 1 });
      const past = (await get('/api/v1/admin/funnel?from=2020-01-01&to=2020-12-31', 'staff')).json();
      expect(past.stages[0].count).toBe(0);
    });

    it.each([
      ['from=yesterday', 'from'],
      ['from=2026-02-30', 'from'],
      ['from=2026-11', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-05-01&to=2026-04-30', 'to'],
      ['domain=space', 'domain'],
      ['district=shanghai', 'district'],
      ['from=2026-01-01&from=2026-02-01', 'from'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const res = await get(`/api/v1/admin/funnel?${query}`, 'staff');
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.json().errors.every((e: { message?: string }) => typeof e.message === 'string')).toBe(true);
    });

    it('refuses unknown parameters', async () => {
      const res = await get('/api/v1/admin/funnel?stage=published', 'staff');
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('stage');
    });
  });
});
