import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Actor, systemContext } from '@app/common';
import { MatchingService } from '@app/matching';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

jest.setTimeout(120_000);

/** A reviewer's adversarial pass over the matching routes: who may call them, and what they refuse. */
describe('matching: authorization and bad input (review)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let otherAgency: Actor;
  let vendorA: Actor;
  let vendorB: Actor;
  let unverified: Actor;
  let reviewer: Actor;
  let published: { id: string };
  let approved: { id: string };
  let draftId: string;
  let closed: { id: string };

  const profile = {
    domains: ['manufacturing'],
    capabilityCodes: ['cv_inspection', 'edge_computing'],
    industryFields: [],
    districts: ['wuxing'],
    description: '专注纺织面料疵点在线检测，工业相机与边缘推理设备部署在验布机上，识别破洞、断纱、油污等瑕疵。',
    pastCases: [],
    trl: 7,
    typicalBudgetMinYuan: 500000,
    typicalBudgetMaxYuan: 2000000,
  };
  const fields = {
    domain: 'manufacturing',
    sector: 'textile',
    capabilityCodes: ['cv_inspection', 'edge_computing'],
    district: 'wuxing',
    summary: '织里童装企业验布依赖人工目检，漏检率高，拟引入AI视觉检测面料瑕疵。',
    description: '在验布机上部署工业相机与边缘推理设备，识别破洞、断纱、油污等12类瑕疵。',
  };

  const anonymous = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  const invite = (actor: Actor, scenarioId: string, body: object) =>
    s.call(actor, 'POST', `/scenarios/${scenarioId}/invitations`, body);
  const feedback = (actor: Actor, scenarioId: string, kind?: unknown) =>
    kind === undefined
      ? s.call(actor, 'DELETE', `/vendors/me/recommendations/${scenarioId}/feedback`)
      : s.call(actor, 'PUT', `/vendors/me/recommendations/${scenarioId}/feedback`, { kind });

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    otherAgency = await s.organisation('agency');
    vendorA = await s.organisation('vendor');
    vendorB = await s.organisation('vendor');
    unverified = await s.organisation('vendor', false);
    reviewer = { userId: randomUUID(), organisationId: s.staff.organisationId, role: 'reviewer' };
    for (const v of [vendorA, vendorB, unverified])
      expect((await s.call(v, 'PUT', '/vendors/me/profile', profile)).statusCode).toBe(201);
    published = await s.publishedScenario(agency, '织里童装面料瑕疵AI视觉检测（评审）', fields);
    approved = await s.approvedScenario(agency, '织里童装面料瑕疵AI视觉检测（待发布）', fields);
    const d = await s.call(agency, 'POST', '/scenarios', { title: '草稿场景', domain: 'manufacturing' });
    draftId = d.json().id;
    closed = await s.publishedScenario(agency, '织里童装面料瑕疵AI视觉检测（已截止）', fields);
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), closed.id, 'close');
    // Computed in this process (the jobs run the same): both verified vendors match the published one.
    const matching = t.app.get(MatchingService);
    for (const v of [vendorA, vendorB]) await matching.runVendorMatch(v.organisationId!);
    await matching.runScenarioMatch(published.id);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  describe('GET /scenarios/:id/matches', () => {
    it('anonymous 401; vendors and reviewers 403; another agency 403 once published, 404 before', async () => {
      expect((await anonymous('GET', `/scenarios/${published.id}/matches`)).statusCode).toBe(401);
      expect((await s.call(vendorA, 'GET', `/scenarios/${published.id}/matches`)).statusCode).toBe(403);
      expect((await s.call(unverified, 'GET', `/scenarios/${published.id}/matches`)).statusCode).toBe(403);
      expect((await s.call(reviewer, 'GET', `/scenarios/${published.id}/matches`)).statusCode).toBe(403);
      expect((await s.call(otherAgency, 'GET', `/scenarios/${published.id}/matches`)).statusCode).toBe(403);
      expect((await s.call(otherAgency, 'GET', `/scenarios/${approved.id}/matches`)).statusCode).toBe(404);
      expect((await s.call(otherAgency, 'GET', `/scenarios/${draftId}/matches`)).statusCode).toBe(404);
    });

    it('the owning agency sees its published scenario’s matches, not its draft’s; staff and admins see all', async () => {
      const own = await s.call(agency, 'GET', `/scenarios/${published.id}/matches`);
      expect(own.statusCode).toBe(200);
      const ids = own.json().items.map((i: { organisationId: string }) => i.organisationId);
      expect(ids).toEqual(expect.arrayContaining([vendorA.organisationId, vendorB.organisationId]));
      expect(ids).not.toContain(unverified.organisationId);
      const draft = await s.call(agency, 'GET', `/scenarios/${draftId}/matches`);
      expect([draft.statusCode, draft.json().code]).toEqual([403, 'MATCHING_NOT_PUBLISHED']);
      const admin = { ...s.staff, role: 'platform_admin' as const };
      expect((await s.call(admin, 'GET', `/scenarios/${draftId}/matches`)).statusCode).toBe(200);
      expect((await s.call(s.staff, 'GET', `/scenarios/${closed.id}/matches`)).statusCode).toBe(200);
    });

    it('bad limits and ids: 400 naming the field; unknown scenario 404', async () => {
      for (const qs of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=-1', 'limit=', 'colour=red']) {
        const res = await s.call(s.staff, 'GET', `/scenarios/${published.id}/matches?${qs}`);
        expect([qs, res.statusCode]).toEqual([qs, 400]);
      }
      const one = await s.call(s.staff, 'GET', `/scenarios/${published.id}/matches?limit=1`);
      expect(one.json().items).toHaveLength(1);
      expect((await s.call(s.staff, 'GET', `/scenarios/not-a-uuid/matches`)).statusCode).toBe(400);
      expect((await s.call(s.staff, 'GET', `/scenarios/${randomUUID()}/matches`)).statusCode).toBe(404);
    });
  });

  describe('invitations', () => {
    it('only staff invite and list: anonymous 401, agency, vendor and reviewer 403', async () => {
      const body = { vendorOrganisationId: vendorA.organisationId };
      expect((await anonymous('POST', `/scenarios/${published.id}/invitations`, body)).statusCode).toBe(401);
      expect((await anonymous('GET', `/scenarios/${published.id}/invitations`)).statusCode).toBe(401);
      for (const actor of [agency, vendorA, reviewer]) {
        expect((await invite(actor, published.id, body)).statusCode).toBe(403);
        expect((await s.call(actor, 'GET', `/scenarios/${published.id}/invitations`)).statusCode).toBe(403);
      }
      expect(Number((await pg.query(`SELECT count(*) FROM match_invitation`)).rows[0].count)).toBe(0);
    });

    it('refuses bad bodies with 400 naming the field (id, message length, unknown fields)', async () => {
      const cases: [object, string][] = [
        [{}, 'vendorOrganisationId'],
        [{ vendorOrganisationId: 'nope' }, 'vendorOrganisationId'],
        [{ vendorOrganisationId: 42 }, 'vendorOrganisationId'],
        [{ vendorOrganisationId: vendorA.organisationId, message: 'x'.repeat(2001) }, 'message'],
        [{ vendorOrganisationId: vendorA.organisationId, message: 7 }, 'message'],
        [{ vendorOrganisationId: vendorA.organisationId, extra: true }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const res = await invite(s.staff, published.id, body);
        expect([field, res.statusCode]).toEqual([field, 400]);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await invite(s.staff, 'not-a-uuid', { vendorOrganisationId: vendorA.organisationId })).statusCode).toBe(
        400,
      );
      expect(Number((await pg.query(`SELECT count(*) FROM match_invitation`)).rows[0].count)).toBe(0);
    });

    it('refuses an agency, an unverified vendor, an unknown organisation (404) and a scenario not open (409/404)', async () => {
      for (const org of [agency.organisationId, otherAgency.organisationId, unverified.organisationId, randomUUID()]) {
        const res = await invite(s.staff, published.id, { vendorOrganisationId: org });
        expect([res.statusCode, res.json().code, res.json().errors?.[0]?.field]).toEqual([
          404,
          'MATCHING_VENDOR_NOT_FOUND',
          'vendorOrganisationId',
        ]);
      }
      for (const id of [draftId, approved.id, closed.id]) {
        const res = await invite(s.staff, id, { vendorOrganisationId: vendorA.organisationId });
        expect([res.statusCode, res.json().code]).toEqual([409, 'MATCHING_SCENARIO_NOT_OPEN']);
      }
      const unknown = await invite(s.staff, randomUUID(), { vendorOrganisationId: vendorA.organisationId });
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'MATCHING_SCENARIO_NOT_FOUND']);
      expect(Number((await pg.query(`SELECT count(*) FROM match_invitation`)).rows[0].count)).toBe(0);
    });

    it('invites once with a message at the limit (trimmed), 409 the second time, listed for staff', async () => {
      const message = `  ${'邀'.repeat(2000)}  `;
      const res = await invite(s.staff, published.id, { vendorOrganisationId: vendorA.organisationId, message });
      expect(res.statusCode).toBe(201);
      expect(res.json().message).toBe('邀'.repeat(2000));
      const again = await invite(s.staff, published.id, { vendorOrganisationId: vendorA.organisationId });
      expect([again.statusCode, again.json().code]).toEqual([409, 'MATCHING_ALREADY_INVITED']);
      const list = await s.call(s.staff, 'GET', `/scenarios/${published.id}/invitations`);
      expect(list.json().items).toEqual([expect.objectContaining({ vendorOrganisationId: vendorA.organisationId })]);
      const matches = await s.call(s.staff, 'GET', `/scenarios/${published.id}/matches`);
      const invited = matches
        .json()
        .items.find((i: { organisationId: string }) => i.organisationId === vendorA.organisationId);
      expect(invited.invited).toBe(true);
      expect((await s.call(s.staff, 'GET', `/scenarios/${randomUUID()}/invitations`)).statusCode).toBe(404);
    });

    it('a message of blanks only is no message (stored as null, not an empty string)', async () => {
      const res = await invite(s.staff, published.id, { vendorOrganisationId: vendorB.organisationId, message: '   ' });
      expect(res.statusCode).toBe(201);
      expect(res.json().message).toBeNull();
      const stored = await pg.query(`SELECT message FROM match_invitation WHERE vendor_organisation_id = $1`, [
        vendorB.organisationId,
      ]);
      expect(stored.rows).toEqual([{ message: null }]);
    });
  });

  describe('recommendations and feedback', () => {
    it('only users of a verified vendor: anonymous 401, agency/staff/reviewer 403, unverified vendor 403', async () => {
      expect((await anonymous('GET', '/vendors/me/recommendations')).statusCode).toBe(401);
      expect(
        (await anonymous('PUT', `/vendors/me/recommendations/${published.id}/feedback`, { kind: 'interested' }))
          .statusCode,
      ).toBe(401);
      expect((await anonymous('DELETE', `/vendors/me/recommendations/${published.id}/feedback`)).statusCode).toBe(401);
      for (const actor of [agency, s.staff, reviewer]) {
        expect((await s.call(actor, 'GET', '/vendors/me/recommendations')).statusCode).toBe(403);
        expect((await feedback(actor, published.id, 'interested')).statusCode).toBe(403);
        expect((await feedback(actor, published.id)).statusCode).toBe(403);
      }
      const rec = await s.call(unverified, 'GET', '/vendors/me/recommendations');
      expect([rec.statusCode, rec.json().code]).toEqual([403, 'MATCHING_VENDOR_NOT_VERIFIED']);
      expect((await feedback(unverified, published.id, 'interested')).statusCode).toBe(403);
      expect((await feedback(unverified, published.id)).statusCode).toBe(403);
      expect(Number((await pg.query(`SELECT count(*) FROM match_feedback`)).rows[0].count)).toBe(0);
    });

    it('bad input: kind invalid or missing, non-uuid ids, bad limits → 400 naming the field', async () => {
      for (const kind of ['meh', '', null, 3, ['interested']]) {
        const res = await feedback(vendorA, published.id, kind);
        expect([JSON.stringify(kind), res.statusCode]).toEqual([JSON.stringify(kind), 400]);
        expect(res.json().errors[0].field).toBe('kind');
      }
      const extra = await s.call(vendorA, 'PUT', `/vendors/me/recommendations/${published.id}/feedback`, {
        kind: 'interested',
        score: 100,
      });
      expect(extra.statusCode).toBe(400);
      expect((await feedback(vendorA, 'not-a-uuid', 'interested')).statusCode).toBe(400);
      expect((await feedback(vendorA, 'not-a-uuid')).statusCode).toBe(400);
      for (const qs of ['limit=0', 'limit=101', 'limit=abc']) {
        const res = await s.call(vendorA, 'GET', `/vendors/me/recommendations?${qs}`);
        expect([qs, res.statusCode, res.json().errors?.[0]?.field]).toEqual([qs, 400, 'limit']);
      }
    });

    it('feedback on a draft, an approved (unpublished) or an unknown scenario is 404', async () => {
      for (const id of [draftId, approved.id, randomUUID()]) {
        const res = await feedback(vendorA, id, 'interested');
        expect([res.statusCode, res.json().code]).toEqual([404, 'MATCHING_SCENARIO_NOT_FOUND']);
      }
      expect(Number((await pg.query(`SELECT count(*) FROM match_feedback`)).rows[0].count)).toBe(0);
    });

    it('a vendor never sees another vendor’s feedback, and another vendor’s feedback does not move its ranking', async () => {
      const before = (await s.call(vendorB, 'GET', '/vendors/me/recommendations')).json();
      const recB = before.items.find((r: { scenario: { id: string } }) => r.scenario.id === published.id);
      expect(recB).toMatchObject({ feedback: null });
      expect((await feedback(vendorA, published.id, 'not_relevant')).statusCode).toBe(200);
      const afterA = (await s.call(vendorA, 'GET', '/vendors/me/recommendations')).json();
      expect(afterA.items.map((r: { scenario: { id: string } }) => r.scenario.id)).not.toContain(published.id);
      const after = (await s.call(vendorB, 'GET', '/vendors/me/recommendations')).json();
      expect(after).toEqual(before);
      expect(JSON.stringify(after)).not.toContain('not_relevant');
      // vendor B's DELETE does not remove vendor A's feedback.
      expect((await feedback(vendorB, published.id)).statusCode).toBe(204);
      const stored = await pg.query(`SELECT vendor_organisation_id, kind FROM match_feedback WHERE scenario_id = $1`, [
        published.id,
      ]);
      expect(stored.rows).toEqual([{ vendor_organisation_id: vendorA.organisationId, kind: 'not_relevant' }]);
      expect((await feedback(vendorA, published.id)).statusCode).toBe(204);
    });
  });
});
