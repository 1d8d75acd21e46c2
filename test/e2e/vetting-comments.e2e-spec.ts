import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '@app/common';
import { systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { completeScenarioFields, registrationBody } from '../support/fixtures';

const staff: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'staff' };
const vendor: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'vendor_member' };

describe('scenarios: vetting comments on the scenario view (HTTP)', () => {
  let t: TestApp;
  let officerA: Actor;
  let officerB: Actor;

  const auth = (actor: Actor) => ({ authorization: `Bearer ${t.tokenFor(actor)}` });
  const call = (actor: Actor, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, headers: auth(actor), ...(payload ? { payload } : {}) });

  async function agency(): Promise<Actor> {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: registrationBody('agency') });
    expect(res.statusCode).toBe(201);
    const orgId = res.json().organisation.id as string;
    const v = await t.request({ method: 'POST', url: `/api/v1/organisations/${orgId}/verify`, headers: auth(staff) });
    expect(v.statusCode).toBe(200);
    return { userId: res.json().user.id, organisationId: orgId, role: 'agency_officer' as Role };
  }

  async function submitted(actor: Actor, title: string): Promise<{ id: string; code: string }> {
    const d = await call(actor, 'POST', '/scenarios', { title, domain: 'manufacturing' });
    expect(d.statusCode).toBe(201);
    const p = await call(actor, 'PATCH', `/scenarios/${d.json().id}`, {
      ...completeScenarioFields(title),
      version: d.json().version,
    });
    expect(p.statusCode).toBe(200);
    const s = await call(actor, 'POST', `/scenarios/${d.json().id}/submit`);
    expect(s.statusCode).toBe(200);
    return s.json();
  }

  beforeAll(async () => {
    t = await createTestApp();
    officerA = await agency();
    officerB = await agency();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the comments of the latest return to the owning agency and the centre, until resubmission', async () => {
    const s = await submitted(officerA, '织造车间能耗AI优化');
    const fresh = await call(officerA, 'GET', `/scenarios/${s.id}`);
    expect(fresh.json()).toMatchObject({ status: 'submitted', vettingComments: null, vettingReason: null });

    const first = await call(staff, 'POST', `/vetting/${s.id}/return`, {
      comments: { budgetMaxYuan: '预算上限偏高，请说明测算依据' },
    });
    expect(first.statusCode).toBe(200);

    const own = await call(officerA, 'GET', `/scenarios/${s.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      status: 'returned',
      vettingComments: { budgetMaxYuan: '预算上限偏高，请说明测算依据' },
      vettingReason: null,
    });
    const centre = await call(staff, 'GET', `/scenarios/${s.id}`);
    expect(centre.json().vettingComments).toEqual({ budgetMaxYuan: '预算上限偏高，请说明测算依据' });

    // Another agency still cannot see a returned scenario at all.
    expect((await call(officerB, 'GET', `/scenarios/${s.id}`)).statusCode).toBe(404);
    expect((await call(vendor, 'GET', `/scenarios/${s.id}`)).statusCode).toBe(404);

    // Resubmitted: the old comments no longer apply.
    expect((await call(officerA, 'POST', `/scenarios/${s.id}/submit`)).statusCode).toBe(200);
    expect((await call(officerA, 'GET', `/scenarios/${s.id}`)).json()).toMatchObject({
      status: 'submitted',
      vettingComments: null,
    });

    // Returned a second time: only the latest return's comments.
    const second = await call(staff, 'POST', `/vetting/${s.id}/return`, {
      comments: { summary: '简介请写明要解决的问题', kpis: '请补充量化指标' },
    });
    expect(second.statusCode).toBe(200);
    expect((await call(officerA, 'GET', `/scenarios/${s.id}`)).json().vettingComments).toEqual({
      summary: '简介请写明要解决的问题',
      kpis: '请补充量化指标',
    });

    // Approved and published: no comments, and none in any public or vendor view.
    expect((await call(officerA, 'POST', `/scenarios/${s.id}/submit`)).statusCode).toBe(200);
    expect((await call(staff, 'POST', `/vetting/${s.id}/approve`)).statusCode).toBe(200);
    expect((await call(officerA, 'GET', `/scenarios/${s.id}`)).json()).toMatchObject({
      status: 'approved',
      vettingComments: null,
      vettingReason: null,
    });
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), s.id, 'publish');
    const pub = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${s.code}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).not.toHaveProperty('vettingComments');
    expect(pub.json()).not.toHaveProperty('vettingReason');
    expect(pub.body).not.toContain('请补充量化指标');
    const seenByVendor = await call(vendor, 'GET', `/scenarios/${s.id}`);
    expect(seenByVendor.statusCode).toBe(200);
    expect(seenByVendor.json()).not.toHaveProperty('vettingComments');
    expect(seenByVendor.json()).not.toHaveProperty('vettingReason');
    const seenByOtherAgency = await call(officerB, 'GET', `/scenarios/${s.id}`);
    expect(seenByOtherAgency.statusCode).toBe(200);
    expect(seenByOtherAgency.json()).not.toHaveProperty('vettingComments');
  });

  it('gives the rejection reason while the scenario is rejected', async () => {
    const s = await submitted(officerA, '面料色差AI检测');
    const rejected = await call(staff, 'POST', `/vetting/${s.id}/reject`, { reason: '不属于人工智能应用场景' });
    expect(rejected.statusCode).toBe(200);
    expect((await call(officerA, 'GET', `/scenarios/${s.id}`)).json()).toMatchObject({
      status: 'rejected',
      vettingComments: {},
      vettingReason: '不属于人工智能应用场景',
    });
    expect((await call(officerB, 'GET', `/scenarios/${s.id}`)).statusCode).toBe(404);
  });
});
