import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Actor, ValidationFailedError } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

describe('cancelling a published scenario with a reason (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let admin: Actor;
  let officer: Actor;
  let otherAdmin: Actor;
  let vendor: Actor;

  const cancel = (actor: Actor, id: string, body: object = { reason: '上级部门调整预算安排，本场景暂停实施' }) =>
    s.call(actor, 'POST', `/scenarios/${id}/cancel`, body);
  const publicList = async () =>
    (await t.request({ method: 'GET', url: '/api/v1/public/scenarios?limit=50' }))
      .json()
      .items.map((i: { id: string }) => i.id);

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    admin = await s.organisation('agency');
    officer = { ...admin, role: 'agency_officer' };
    otherAdmin = await s.organisation('agency');
    vendor = await s.organisation('vendor');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('requires a reason, stores it, shows it to the agency and staff, and takes the scenario off the list', async () => {
    const { id } = await s.publishedScenario(admin);
    expect(await publicList()).toContain(id);

    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(2001) }, { reason: 7 }]) {
      const res = await cancel(admin, id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('reason');
    }
    // The life cycle itself refuses a cancellation without a reason (not only the HTTP layer).
    const ctx = { actor: s.staff, requestId: randomUUID(), ip: null, locale: 'en' as const };
    await expect(t.app.get(ScenarioService).transition(ctx, id, 'cancel', { reason: '  ' })).rejects.toBeInstanceOf(
      ValidationFailedError,
    );
    expect((await s.call(admin, 'GET', `/scenarios/${id}`)).json().status).toBe('published');

    const done = await cancel(admin, id, { reason: '  上级部门调整预算安排，本场景暂停实施  ' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'cancelled',
      cancellationReason: '上级部门调整预算安排，本场景暂停实施',
    });
    const stored = await pg.query(`SELECT status, cancellation_reason FROM scenario WHERE id = $1`, [id]);
    expect(stored.rows[0]).toEqual({
      status: 'cancelled',
      cancellation_reason: '上级部门调整预算安排，本场景暂停实施',
    });

    for (const actor of [admin, officer, s.staff]) {
      const seen = await s.call(actor, 'GET', `/scenarios/${id}`);
      expect(seen.json()).toMatchObject({
        status: 'cancelled',
        cancellationReason: '上级部门调整预算安排，本场景暂停实施',
      });
    }
    const mine = await s.call(admin, 'GET', '/scenarios/mine?status=cancelled');
    expect(mine.json().items).toEqual([expect.objectContaining({ id, cancellationReason: expect.any(String) })]);

    // Off the opportunity list: not listed, not found, and hidden from vendors and other agencies.
    expect(await publicList()).not.toContain(id);
    expect((await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${id}` })).statusCode).toBe(404);
    expect((await s.call(vendor, 'GET', `/scenarios/${id}`)).statusCode).toBe(404);
    expect((await s.call(otherAdmin, 'GET', `/scenarios/${id}`)).statusCode).toBe(404);

    // The reason is on the event and the audit record too; cancelling twice is a state conflict.
    const event = await pg.query(
      `SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND payload->>'transition' = 'cancel'`,
      [id],
    );
    expect(event.rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ to: 'cancelled', reason: '上级部门调整预算安排，本场景暂停实施' }),
    ]);
    const audit = await pg.query(`SELECT after FROM audit_record WHERE object_id = $1 AND action = 'scenario.cancel'`, [
      id,
    ]);
    expect(audit.rows).toEqual([
      { after: expect.objectContaining({ reason: '上级部门调整预算安排，本场景暂停实施' }) },
    ]);
    const again = await cancel(admin, id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('COMMON_INVALID_TRANSITION');
  });

  it('follows the life cycle: the centre may cancel; officers, other agencies and unpublished scenarios may not', async () => {
    const byStaff = await s.publishedScenario(admin);
    const res = await cancel(s.staff, byStaff.id, { reason: '场景与新政策冲突' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancellationReason: '场景与新政策冲突' });

    const { id } = await s.publishedScenario(admin);
    expect((await cancel(officer, id)).statusCode).toBe(403); // the life cycle lets only agency admins cancel
    expect((await cancel(otherAdmin, id)).statusCode).toBe(403); // published, so visible, but not theirs
    expect((await cancel(vendor, id)).statusCode).toBe(403);

    const approved = await s.approvedScenario(admin);
    const early = await cancel(admin, approved.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('COMMON_INVALID_TRANSITION');
    expect((await cancel(otherAdmin, approved.id)).statusCode).toBe(404); // not visible to them
    const stored = await pg.query(`SELECT id, status, cancellation_reason FROM scenario WHERE id = ANY ($1)`, [
      [id, approved.id],
    ]);
    expect(stored.rows.map((r) => [r.status, r.cancellation_reason]).sort()).toEqual([
      ['approved', null],
      ['published', null],
    ]);
  });
});
