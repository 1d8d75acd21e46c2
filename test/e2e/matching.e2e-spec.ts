import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '@app/queue';
import { MATCHING_JOBS, REMATCH_ALL_SCHEDULER_ID } from '@app/matching';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';
import fixtureScenarios from '../fixtures/matching-eval/scenarios.json';
import fixtureVendors from '../fixtures/matching-eval/vendors.json';

type FixtureScenario = (typeof fixtureScenarios)[number];
type FixtureVendor = (typeof fixtureVendors)[number];
interface Match {
  organisationId: string;
  name: string;
  score: number;
  components: { key: string; points: number; max: number; detail: Record<string, unknown> }[];
  matchedTerms: string[];
  invited: boolean;
}
interface Recommendation {
  scenario: { id: string; code: string; title: string; domain: string; sector: string; deadline: string };
  score: number;
  engineScore: number;
  components: { key: string; points: number; detail: Record<string, unknown> }[];
  matchedTerms: string[];
  feedback: string | null;
}

const scenario = (key: string) => fixtureScenarios.find((s) => s.key === key)!;
const vendor = (key: string) => fixtureVendors.find((v) => v.key === key)!;

/** A scenario's fields as the agency workspace takes them, from the labelled set. */
const fieldsOf = (s: FixtureScenario) => ({
  domain: s.domain,
  summary: s.summary,
  description: s.description,
  sector: s.sector,
  capabilityCodes: s.capabilities,
  district: s.district,
  budgetMinYuan: s.budgetMin,
  budgetMaxYuan: s.budgetMax,
  trlRequired: s.trlRequired,
  privateFields: [],
});

const profileOf = (v: FixtureVendor) => ({
  domains: v.domains,
  capabilityCodes: v.capabilities,
  industryFields: v.industryFields,
  districts: v.districts,
  description: v.description,
  pastCases: v.pastCases.map((title) => ({ title, client: '湖州某企业', year: 2025, outcome: '已验收' })),
  trl: v.trl,
  typicalBudgetMinYuan: v.typicalBudgetMin,
  typicalBudgetMaxYuan: v.typicalBudgetMax,
});

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

jest.setTimeout(120_000);

describe('matching: scenario matches, vendor recommendations, feedback and invitations (HTTP, worker)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let otherAgency: Actor;
  const vendors: Record<string, Actor> = {};
  let unverified: Actor;
  let textileId: string;

  const matches = (actor: Actor, id: string, qs = '') => s.call(actor, 'GET', `/scenarios/${id}/matches${qs}`);
  const recommendations = (actor: Actor, qs = '') => s.call(actor, 'GET', `/vendors/me/recommendations${qs}`);
  const feedback = (actor: Actor, id: string, kind?: string) =>
    kind === undefined
      ? s.call(actor, 'DELETE', `/vendors/me/recommendations/${id}/feedback`)
      : s.call(actor, 'PUT', `/vendors/me/recommendations/${id}/feedback`, { kind });
  const matchedIds = async (id: string) =>
    ((await matches(s.staff, id, '?limit=100')).json().items as Match[]).map((m) => m.organisationId);

  beforeAll(async () => {
    t = await createTestApp({ withWorkers: true, env: { OUTBOX_POLL_MS: '50', MATCH_NOTIFY_THRESHOLD: '40' } });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    otherAgency = await s.organisation('agency');
    // Textile defects, weld defects, tea-garden drones, a digital human, an elevator-monitoring vendor.
    for (const key of ['v001', 'v002', 'v037', 'v053', 'v007']) {
      vendors[key] = await s.organisation('vendor');
      const put = await s.call(vendors[key], 'PUT', '/vendors/me/profile', profileOf(vendor(key)));
      expect(put.statusCode).toBe(201);
    }
    unverified = await s.organisation('vendor', false);
    expect((await s.call(unverified, 'PUT', '/vendors/me/profile', profileOf(vendor('v048')))).statusCode).toBe(201);
    // The profiles' events reach the worker, which analyses and posts the verified vendors.
    await until(
      'vendor documents',
      async () => Number((await pg.query(`SELECT count(*) AS n FROM match_vendor_doc`)).rows[0].n),
      (n) => n === 5,
    );
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('registers the nightly rematch once, at 02:30 Huzhou time', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.matching));
    await until(
      'the scheduler',
      () => queue.getJobSchedulers(),
      (v) => v.length > 0,
    );
    expect(await queue.getJobSchedulers()).toEqual([
      expect.objectContaining({
        key: REMATCH_ALL_SCHEDULER_ID,
        name: MATCHING_JOBS.rematchAll,
        pattern: '30 2 * * *',
        tz: 'Asia/Shanghai',
      }),
    ]);
  });

  it('shows matches to the owning agency only once published; staff always; others get 403/404', async () => {
    const draft = await s.approvedScenario(agency, scenario('s01').title, fieldsOf(scenario('s01')));
    const early = await matches(agency, draft.id);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('MATCHING_NOT_PUBLISHED');
    expect((await matches(otherAgency, draft.id)).statusCode).toBe(404);
    expect((await matches(s.staff, draft.id)).json()).toMatchObject({ items: [], scoringVersion: null });
    expect((await matches(s.staff, randomUUID())).statusCode).toBe(404);
    expect((await matches(vendors.v001, draft.id)).statusCode).toBe(403);
  });

  it('matches a published scenario through the worker: ranked vendors with reasons, announced', async () => {
    const published = await s.publishedScenario(agency, `${scenario('s01').title}（一期）`, fieldsOf(scenario('s01')));
    textileId = published.id;
    const ids = await until(
      'the scenario’s matches',
      () => matchedIds(textileId),
      (v) => v.length >= 4,
    );
    const body = (await matches(agency, textileId, '?limit=3')).json();
    expect(body.items).toHaveLength(3);
    expect(body.scoringVersion).toEqual(expect.any(String));
    const [best, second] = body.items as Match[];
    // The textile-defect vendor first; the weld-defect vendor (same capability, other sector) behind it.
    expect(best.organisationId).toBe(vendors.v001.organisationId);
    expect(best.score).toBeGreaterThan(second.score);
    expect(best.components.map((c) => c.key)).toEqual(
      expect.arrayContaining(['domain', 'sector', 'capability', 'text', 'district', 'budget', 'trl', 'track_record']),
    );
    expect(best.components.find((c) => c.key === 'capability')!.points).toBeGreaterThan(0);
    expect(best.matchedTerms.length).toBeGreaterThan(0);
    expect(best).toMatchObject({ name: expect.any(String), invited: false });
    expect(ids.indexOf(vendors.v002.organisationId!)).toBeLessThan(ids.indexOf(vendors.v053.organisationId!));
    // Unverified vendors are never matched.
    expect(ids).not.toContain(unverified.organisationId);
    expect((await matches(otherAgency, textileId)).statusCode).toBe(403);
    const events = (
      await pg.query(
        `SELECT payload FROM outbox_event WHERE type = 'matching.scenario_matched' AND aggregate_id = $1`,
        [textileId],
      )
    ).rows as { payload: { trigger: string; matches: { organisationId: string; score: number }[] } }[];
    expect(events).toHaveLength(1);
    expect(events[0].payload.trigger).toBe('published');
    expect(events[0].payload.matches[0]).toEqual({ organisationId: vendors.v001.organisationId, score: best.score });
    expect(events[0].payload.matches.every((m) => m.score >= 40)).toBe(true);
  });

  it('rejects a bad limit naming it', async () => {
    for (const qs of ['?limit=0', '?limit=101', '?limit=abc']) {
      const res = await matches(s.staff, textileId, qs);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('limit');
    }
    const rec = await recommendations(vendors.v001, '?limit=500');
    expect(rec.statusCode).toBe(400);
    expect(rec.json().errors[0].field).toBe('limit');
  });

  it('recommends open scenarios to a vendor; feedback hides, lifts and moves similar ones, explained', async () => {
    const agri = await s.publishedScenario(agency, scenario('s11').title, fieldsOf(scenario('s11')));
    const textile2 = await s.publishedScenario(agency, `${scenario('s01').title}（二期）`, fieldsOf(scenario('s01')));
    const weld = await s.publishedScenario(agency, scenario('s06').title, fieldsOf(scenario('s06')));
    for (const id of [agri.id, textile2.id, weld.id])
      await until(
        'matches',
        () => matchedIds(id),
        (v) => v.length >= 4,
      );
    const recs = async (actor = vendors.v001) => {
      const res = await recommendations(actor, '?limit=10');
      expect(res.statusCode).toBe(200);
      return res.json().items as Recommendation[];
    };
    const before = await recs();
    const order = before.map((r) => r.scenario.id);
    expect(order.slice(0, 2).sort()).toEqual([textileId, textile2.id].sort());
    expect(order.indexOf(weld.id)).toBeLessThan(order.indexOf(agri.id));
    const first = before[0];
    expect(first.scenario).toMatchObject({ code: expect.any(String), domain: 'manufacturing', sector: 'textile' });
    expect(first.components.find((c) => c.key === 'feedback')).toMatchObject({ points: 0, detail: { own: null } });
    expect(first.feedback).toBeNull();

    // Not relevant: the scenario disappears; its twin (same sector and capabilities) goes down, explained.
    const put = await feedback(vendors.v001, textileId, 'not_relevant');
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ scenarioId: textileId, kind: 'not_relevant' });
    const after = await recs();
    expect(after.map((r) => r.scenario.id)).not.toContain(textileId);
    const twin = after.find((r) => r.scenario.id === textile2.id)!;
    const twinBefore = before.find((r) => r.scenario.id === textile2.id)!;
    expect(twin.score).toBeLessThan(twinBefore.score);
    expect(twin.engineScore).toBe(twinBefore.engineScore);
    const fb = twin.components.find((c) => c.key === 'feedback')!;
    expect(fb.points).toBeLessThan(0);
    expect(fb.detail.similar).toEqual([
      expect.objectContaining({ scenarioId: textileId, kind: 'not_relevant', similarity: 1 }),
    ]);

    // Interested in the agricultural one: it rises, and says so.
    expect((await feedback(vendors.v001, agri.id, 'interested')).statusCode).toBe(200);
    const lifted = await recs();
    const agriRec = lifted.find((r) => r.scenario.id === agri.id)!;
    expect(agriRec.feedback).toBe('interested');
    expect(agriRec.score).toBeGreaterThan(agriRec.engineScore);
    expect(lifted.findIndex((r) => r.scenario.id === agri.id)).toBeLessThan(order.indexOf(agri.id));

    // Withdrawn feedback: back as before (204, and idempotent).
    expect((await feedback(vendors.v001, textileId)).statusCode).toBe(204);
    expect((await feedback(vendors.v001, textileId)).statusCode).toBe(204);
    expect((await feedback(vendors.v001, agri.id)).statusCode).toBe(204);
    expect((await recs()).map((r) => [r.scenario.id, r.score])).toEqual(before.map((r) => [r.scenario.id, r.score]));
    // Another vendor's recommendations are its own (the drone vendor: the tea garden first).
    expect((await recs(vendors.v037))[0].scenario.id).toBe(agri.id);
  });

  it('refuses feedback that names no kind, on what is not public, or from an unverified vendor', async () => {
    const bad = await feedback(vendors.v001, textileId, 'meh');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('kind');
    const draft = await s.approvedScenario(agency);
    expect((await feedback(vendors.v001, draft.id, 'interested')).statusCode).toBe(404);
    expect((await feedback(unverified, textileId, 'interested')).statusCode).toBe(403);
    expect((await recommendations(unverified)).json().code).toBe('MATCHING_VENDOR_NOT_VERIFIED');
    expect((await recommendations(agency)).statusCode).toBe(403);
  });

  it('lets staff invite a vendor once (409 after), raising an event; only verified vendors, only open scenarios', async () => {
    const invite = (id: string, body: object) => s.call(s.staff, 'POST', `/scenarios/${id}/invitations`, body);
    const target = vendors.v002.organisationId;
    const res = await invite(textileId, { vendorOrganisationId: target, message: '欢迎贵司揭榜。' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      scenarioId: textileId,
      vendorOrganisationId: target,
      message: '欢迎贵司揭榜。',
    });
    const again = await invite(textileId, { vendorOrganisationId: target });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MATCHING_ALREADY_INVITED');
    const events = (
      await pg.query(`SELECT payload FROM outbox_event WHERE type = 'matching.vendor_invited' AND aggregate_id = $1`, [
        textileId,
      ])
    ).rows as { payload: Record<string, string> }[];
    expect(events).toEqual([
      {
        payload: {
          invitationId: res.json().id,
          scenarioId: textileId,
          vendorOrganisationId: target,
          invitedBy: s.staff.userId,
        },
      },
    ]);
    const list = await s.call(s.staff, 'GET', `/scenarios/${textileId}/invitations`);
    expect(list.json().items).toEqual([expect.objectContaining({ id: res.json().id, vendorName: expect.any(String) })]);
    const shown = (await matches(s.staff, textileId, '?limit=100')).json().items as Match[];
    expect(shown.find((m) => m.organisationId === target)!.invited).toBe(true);

    const unverifiedRes = await invite(textileId, { vendorOrganisationId: unverified.organisationId });
    expect(unverifiedRes.statusCode).toBe(404);
    expect(unverifiedRes.json().code).toBe('MATCHING_VENDOR_NOT_FOUND');
    const draft = await s.approvedScenario(agency);
    expect((await invite(draft.id, { vendorOrganisationId: target })).json().code).toBe('MATCHING_SCENARIO_NOT_OPEN');
    const bad = await invite(textileId, { vendorOrganisationId: 'not-a-uuid', message: 42 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .filter((f: string, i: number, all: string[]) => all.indexOf(f) === i)
        .sort(),
    ).toEqual(['message', 'vendorOrganisationId']);
    expect(
      (await s.call(agency, 'POST', `/scenarios/${textileId}/invitations`, { vendorOrganisationId: target }))
        .statusCode,
    ).toBe(403);
  });

  it('a material amendment rematches the scenario; cancelling it removes it from recommendations', async () => {
    const version = (await s.call(agency, 'GET', `/scenarios/${textileId}`)).json().version as number;
    const amend = await s.call(agency, 'POST', `/scenarios/${textileId}/amendments`, {
      version,
      reason: '根据答疑调整预算',
      changes: { budgetMaxYuan: 2_000_000 },
    });
    expect(amend.statusCode).toBe(201);
    await until(
      'the amendment’s rematch',
      async () =>
        (
          await pg.query(
            `SELECT payload->>'trigger' AS trigger FROM outbox_event
              WHERE type = 'matching.scenario_matched' AND aggregate_id = $1 ORDER BY created_at`,
            [textileId],
          )
        ).rows.map((r: { trigger: string }) => r.trigger),
      (v) => v.join() === 'published,amended',
    );
    const cancel = await s.call(s.staff, 'POST', `/scenarios/${textileId}/cancel`, { reason: '上级部门调整预算安排' });
    expect(cancel.statusCode).toBe(200);
    const recs = await recommendations(vendors.v001, '?limit=100');
    expect((recs.json().items as Recommendation[]).map((r) => r.scenario.id)).not.toContain(textileId);
    await until(
      'postings removed',
      async () =>
        Number(
          (await pg.query(`SELECT count(*) AS n FROM match_scenario_posting WHERE scenario_id = $1`, [textileId]))
            .rows[0].n,
        ),
      (n) => n === 0,
    );
  });
});
