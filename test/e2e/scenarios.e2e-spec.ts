import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor, Role } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { completeScenarioFields, registrationBody } from '../support/fixtures';

const staff: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'staff' };

describe('scenarios: agency workspace and vetting (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let officerA: Actor;
  let officerB: Actor;
  let pendingOfficer: Actor;

  async function agency(verified: boolean): Promise<Actor> {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: registrationBody('agency') });
    expect(res.statusCode).toBe(201);
    const orgId = res.json().organisation.id as string;
    if (verified) {
      const v = await t.request({ method: 'POST', url: `/api/v1/organisations/${orgId}/verify`, headers: auth(staff) });
      expect(v.statusCode).toBe(200);
    }
    return { userId: res.json().user.id, organisationId: orgId, role: 'agency_officer' as Role };
  }

  const auth = (actor: Actor) => ({ authorization: `Bearer ${t.tokenFor(actor)}` });
  const call = (actor: Actor, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, headers: auth(actor), ...(payload ? { payload } : {}) });

  async function draft(actor: Actor, title = '童装面料瑕疵AI视觉检测') {
    const res = await call(actor, 'POST', '/scenarios', { title, domain: 'manufacturing' });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  async function submitted(actor: Actor, title?: string) {
    const d = await draft(actor, title);
    const p = await call(actor, 'PATCH', `/scenarios/${d.id}`, {
      ...completeScenarioFields(title),
      version: d.version,
    });
    expect(p.statusCode).toBe(200);
    const s = await call(actor, 'POST', `/scenarios/${d.id}/submit`);
    expect(s.statusCode).toBe(200);
    return s.json();
  }

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    officerA = await agency(true);
    officerB = await agency(true);
    pendingOfficer = await agency(false);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('drafts, autosaves, refuses an incomplete submit naming the fields, then goes through vetting', async () => {
    const d = await draft(officerA);
    expect(d).toMatchObject({ status: 'draft', code: null, version: 1 });

    const saved = await call(officerA, 'PATCH', `/scenarios/${d.id}`, { summary: '一句话简介', version: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ summary: '一句话简介', version: 2 });

    const incomplete = await call(officerA, 'POST', `/scenarios/${d.id}/submit`);
    expect(incomplete.statusCode).toBe(400);
    const fields = (incomplete.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['description', 'sector', 'kpis', 'budgetMinYuan', 'proposalDeadline']),
    );
    expect(fields).not.toContain('summary');

    const bad = await call(officerA, 'PATCH', `/scenarios/${d.id}`, {
      ...completeScenarioFields(),
      sector: 'fishery',
      budgetMinYuan: 2_000_000,
      proposalDeadline: '2020-01-01T00:00:00.000Z',
      version: 2,
    });
    expect(bad.statusCode).toBe(200);
    const rules = (await call(officerA, 'POST', `/scenarios/${d.id}/submit`))
      .json()
      .errors.map((e: { rule: string }) => e.rule);
    expect(rules.sort()).toEqual(['scenario.budget_range', 'scenario.deadline_past', 'scenario.sector_domain']);

    const fixed = await call(officerA, 'PATCH', `/scenarios/${d.id}`, { ...completeScenarioFields(), version: 3 });
    expect(fixed.statusCode).toBe(200);
    const sub = await call(officerA, 'POST', `/scenarios/${d.id}/submit`);
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect(sub.json().code).toMatch(/^HZ-\d{4}-MF-\d{4}$/);

    const queue = await call(staff, 'GET', '/vetting/queue');
    expect(queue.statusCode).toBe(200);
    const item = queue.json().find((i: { id: string }) => i.id === d.id);
    expect(item).toMatchObject({ code: sub.json().code, waitingHours: expect.any(Number) });

    const badComment = await call(staff, 'POST', `/vetting/${d.id}/return`, { comments: { notAField: '…' } });
    expect(badComment.statusCode).toBe(400);
    const returned = await call(staff, 'POST', `/vetting/${d.id}/return`, {
      comments: { budgetMaxYuan: '预算上限偏高，请说明测算依据' },
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');

    const edited = await call(officerA, 'PATCH', `/scenarios/${d.id}`, {
      budgetMaxYuan: 1_200_000,
      version: returned.json().version,
    });
    expect(edited.statusCode).toBe(200);
    const resubmitted = await call(officerA, 'POST', `/scenarios/${d.id}/submit`);
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json().code).toBe(sub.json().code);

    const approved = await call(staff, 'POST', `/vetting/${d.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');

    const reviews = await pg.query(
      `SELECT decision, field_comments FROM scenario_review WHERE scenario_id = $1 ORDER BY decided_at`,
      [d.id],
    );
    expect(reviews.rows).toEqual([
      { decision: 'return', field_comments: { budgetMaxYuan: '预算上限偏高，请说明测算依据' } },
      { decision: 'approve', field_comments: {} },
    ]);

    // Every transition wrote exactly one audit record and one outbox event.
    const audit = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [d.id]);
    expect(audit.rows.map((r) => r.action).filter((a: string) => !a.endsWith('.update'))).toEqual([
      'scenario.create',
      'scenario.submit',
      'scenario.return',
      'scenario.submit',
      'scenario.approve',
    ]);
    const events = await pg.query(
      `SELECT payload->>'transition' AS transition FROM outbox_event
        WHERE aggregate_id = $1 AND type = 'scenario.transitioned' ORDER BY created_at, id`,
      [d.id],
    );
    expect(events.rows.map((r) => r.transition).sort()).toEqual(['approve', 'return', 'submit', 'submit'].sort());
  });

  it('hides drafts from other agencies and vendors (404) and refuses their changes', async () => {
    const d = await draft(officerA);
    const vendor: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'vendor_member' };
    expect((await call(officerB, 'GET', `/scenarios/${d.id}`)).statusCode).toBe(404);
    expect((await call(vendor, 'GET', `/scenarios/${d.id}`)).statusCode).toBe(404);
    expect((await call(officerB, 'PATCH', `/scenarios/${d.id}`, { title: '改', version: 1 })).statusCode).toBe(404);
    expect((await call(officerB, 'POST', `/scenarios/${d.id}/submit`)).statusCode).toBe(404);
    expect((await call(officerB, 'POST', `/scenarios/${d.id}/withdraw`)).statusCode).toBe(404);
    expect((await call(officerB, 'POST', `/scenarios/${d.id}/copy`)).statusCode).toBe(404);
    const mineB = await call(officerB, 'GET', '/scenarios/mine');
    expect(mineB.json().items.map((s: { id: string }) => s.id)).not.toContain(d.id);
    // Staff see it, but may not edit an agency's content.
    expect((await call(staff, 'GET', `/scenarios/${d.id}`)).statusCode).toBe(200);
    expect((await call(officerA, 'GET', `/scenarios/${d.id}`)).statusCode).toBe(200);
  });

  it('refuses scenarios from an agency that is not verified (403)', async () => {
    const res = await call(pendingOfficer, 'POST', '/scenarios', { title: '测试', domain: 'agriculture' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SCENARIO_AGENCY_NOT_VERIFIED');
  });

  it('answers a stale version with 409 and keeps the newer change', async () => {
    const d = await draft(officerA);
    expect((await call(officerA, 'PATCH', `/scenarios/${d.id}`, { summary: '第一次', version: 1 })).statusCode).toBe(
      200,
    );
    const stale = await call(officerA, 'PATCH', `/scenarios/${d.id}`, { summary: '第二次', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('SCENARIO_VERSION_CONFLICT');
    expect((await call(officerA, 'GET', `/scenarios/${d.id}`)).json()).toMatchObject({ summary: '第一次', version: 2 });
  });

  it('copies a scenario into a new draft linked to the original, and lists own scenarios by status', async () => {
    const d = await draft(officerA, '渔业养殖水质AI预测');
    const copy = await call(officerA, 'POST', `/scenarios/${d.id}/copy`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ status: 'draft', copiedFromId: d.id, title: '渔业养殖水质AI预测', code: null });
    expect(copy.json().id).not.toBe(d.id);
    const page1 = await call(officerA, 'GET', '/scenarios/mine?status=draft&limit=1');
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toHaveLength(1);
    expect(page1.json().items[0].id).toBe(copy.json().id);
    const page2 = await call(officerA, 'GET', `/scenarios/mine?status=draft&limit=1&cursor=${page1.json().nextCursor}`);
    expect(page2.json().items[0].id).toBe(d.id);
  });

  it('withdraws a submitted scenario; nothing further is possible', async () => {
    const s = await submitted(officerA, '景区客流AI预测与疏导');
    const w = await call(officerA, 'POST', `/scenarios/${s.id}/withdraw`);
    expect(w.statusCode).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    expect((await call(officerA, 'POST', `/scenarios/${s.id}/submit`)).statusCode).toBe(409);
    expect((await call(staff, 'POST', `/vetting/${s.id}/approve`)).statusCode).toBe(409);
  });

  it('lists a near-identical scenario as a possible duplicate in the vetting checklist', async () => {
    const original = await submitted(officerA, '织里童装面料瑕疵AI视觉检测平台');
    const lookalike = await submitted(officerB, '织里童装面料瑕疵AI视觉检测');
    const detail = await call(staff, 'GET', `/vetting/${lookalike.id}`);
    expect(detail.statusCode).toBe(200);
    const { checklist } = detail.json();
    expect(checklist.duplicates.length).toBeLessThanOrEqual(5);
    const hit = checklist.duplicates.find((c: { id: string }) => c.id === original.id);
    expect(hit).toMatchObject({ code: original.code, similarity: expect.any(Number) });
    expect(hit.similarity).toBeGreaterThan(0.5);
    expect(checklist.duplicates.map((c: { id: string }) => c.id)).not.toContain(lookalike.id);
    expect(checklist.budget).toEqual({ ok: true, issues: [] });
    // Rejecting stores the reason.
    const rej = await call(staff, 'POST', `/vetting/${lookalike.id}/reject`, { reason: '与已有场景重复' });
    expect(rej.statusCode).toBe(200);
    expect(rej.json().status).toBe('rejected');
    expect((await call(officerA, 'GET', `/scenarios/${lookalike.id}`)).statusCode).toBe(404);
  });
});
