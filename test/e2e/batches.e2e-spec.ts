import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { Actor, Role } from '@app/common';
import { awaitHandshake, QUEUES, redisOptionsFromUrl } from '@app/queue';
import { BatchService, publishBatchJobId, ScenarioDeadlineService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { completeScenarioFields, registrationBody } from '../support/fixtures';
import { TEST_REDIS_URL } from '../support/test-run';

const staff: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'staff' };
const DAY = 86_400_000;

describe('batches, scheduled publication and the deadline sweep', () => {
  let t: TestApp;
  let pg: Client;
  let officer: Actor;
  let inspect: Queue;
  let seq = 0;

  const auth = (actor: Actor) => ({ authorization: `Bearer ${t.tokenFor(actor)}` });
  const call = (actor: Actor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, headers: auth(actor), ...(payload ? { payload } : {}) });

  async function submitted(): Promise<{ id: string; code: string }> {
    const title = `童装面料瑕疵AI视觉检测 ${++seq}`;
    const d = await call(officer, 'POST', '/scenarios', { title, domain: 'manufacturing' });
    expect(d.statusCode).toBe(201);
    const p = await call(officer, 'PATCH', `/scenarios/${d.json().id}`, {
      ...completeScenarioFields(title),
      version: d.json().version,
    });
    expect(p.statusCode).toBe(200);
    const s = await call(officer, 'POST', `/scenarios/${d.json().id}/submit`);
    expect(s.statusCode).toBe(200);
    return s.json();
  }

  async function approved(): Promise<{ id: string; code: string }> {
    const s = await submitted();
    const a = await call(staff, 'POST', `/vetting/${s.id}/approve`);
    expect(a.statusCode).toBe(200);
    return a.json();
  }

  async function newBatch(year = 2031): Promise<{ id: string; number: number; title: string }> {
    const res = await call(staff, 'POST', '/batches', { year });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  /** `n` scenarios published through a batch, ids in creation order. */
  async function published(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await approved()).id);
    const b = await newBatch();
    expect((await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: ids })).statusCode).toBe(200);
    expect((await call(staff, 'POST', `/batches/${b.id}/publish`, {})).statusCode).toBe(200);
    return ids;
  }

  const count = async (sql: string, params: unknown[]) => Number((await pg.query(sql, params)).rows[0].count);
  const status = async (id: string) =>
    (await pg.query(`SELECT status FROM scenario WHERE id = $1`, [id])).rows[0].status as string;
  const setDeadline = (ids: string[], at: Date) =>
    pg.query(`UPDATE scenario SET proposal_deadline = $2 WHERE id = ANY($1)`, [ids, at]);

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    inspect = new Queue(QUEUES.scenarioSchedule, {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t.redisPrefix,
    });
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: registrationBody('agency') });
    expect(res.statusCode).toBe(201);
    const orgId = res.json().organisation.id as string;
    expect((await call(staff, 'POST', `/organisations/${orgId}/verify`)).statusCode).toBe(200);
    officer = { userId: res.json().user.id, organisationId: orgId, role: 'agency_officer' as Role };
  });
  afterAll(async () => {
    await awaitHandshake(inspect);
    await inspect.close();
    await pg.end();
    await t.close();
  });

  it('numbers batches per year and titles them', async () => {
    const a = await newBatch(2027);
    const b = await newBatch(2027);
    const c = await newBatch(2028);
    expect([a.number, b.number, c.number]).toEqual([1, 2, 1]);
    expect(b).toMatchObject({ title: '2027年第2批场景机会清单', status: 'draft', publishAt: null });
    const list = await call(staff, 'GET', '/batches');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect((await call(staff, 'GET', `/batches/${a.id}`)).json()).toMatchObject({ id: a.id, scenarios: [] });
  });

  it('takes only approved scenarios that are in no other batch; removes while not published', async () => {
    const b = await newBatch();
    const other = await newBatch();
    const notApproved = await submitted();
    const ok = await approved();

    const refused = await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [ok.id, notApproved.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BATCH_SCENARIO_NOT_APPROVED');
    expect((await call(staff, 'GET', `/batches/${b.id}`)).json().scenarios).toEqual([]); // all or none

    const added = await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [ok.id] });
    expect(added.statusCode).toBe(200);
    expect(added.json().scenarios.map((s: { id: string }) => s.id)).toEqual([ok.id]);

    const elsewhere = await call(staff, 'POST', `/batches/${other.id}/scenarios`, { scenarioIds: [ok.id] });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe('BATCH_SCENARIO_IN_OTHER_BATCH');

    const removed = await call(staff, 'DELETE', `/batches/${b.id}/scenarios/${ok.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().scenarios).toEqual([]);
    expect((await call(staff, 'POST', `/batches/${other.id}/scenarios`, { scenarioIds: [ok.id] })).statusCode).toBe(
      200,
    );
  });

  it('publishes a batch now: every scenario published with its audit record and event, then the batch', async () => {
    const s1 = await approved();
    const s2 = await approved();
    const b = await newBatch();
    await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [s1.id, s2.id] });

    const res = await call(staff, 'POST', `/batches/${b.id}/publish`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect(res.json().scenarios.map((s: { status: string }) => s.status)).toEqual(['published', 'published']);
    for (const s of [s1, s2]) {
      expect(await status(s.id)).toBe('published');
      expect(
        await count(`SELECT count(*) FROM audit_record WHERE action = 'scenario.publish' AND object_id = $1`, [s.id]),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*) FROM outbox_event WHERE type = 'scenario.transitioned' AND aggregate_id = $1
              AND payload->>'transition' = 'publish'`,
          [s.id],
        ),
      ).toBe(1);
    }
    expect(
      await count(`SELECT count(*) FROM audit_record WHERE action = 'scenario_batch.publish' AND object_id = $1`, [
        b.id,
      ]),
    ).toBe(1);
    expect(
      await count(`SELECT count(*) FROM outbox_event WHERE type = 'scenario_batch.published' AND aggregate_id = $1`, [
        b.id,
      ]),
    ).toBe(1);

    const again = await call(staff, 'POST', `/batches/${b.id}/publish`, {});
    expect(again.statusCode).toBe(409);
    const locked = await call(staff, 'DELETE', `/batches/${b.id}/scenarios/${s1.id}`);
    expect(locked.statusCode).toBe(409);
  });

  it('publishes all or nothing: a scenario whose deadline has passed stops the batch (409 naming it)', async () => {
    const good = await approved();
    const late = await approved();
    const b = await newBatch();
    await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [good.id, late.id] });
    await setDeadline([late.id], new Date(Date.now() - DAY));

    const res = await call(staff, 'POST', `/batches/${b.id}/publish`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SCENARIO_DEADLINE_PASSED');
    expect(res.json().message).toContain(late.code);
    expect(await status(good.id)).toBe('approved');
    expect((await call(staff, 'GET', `/batches/${b.id}`)).json().status).toBe('draft');
    expect(
      await count(`SELECT count(*) FROM audit_record WHERE action = 'scenario.publish' AND object_id = $1`, [good.id]),
    ).toBe(0);
  });

  it('schedules a publication: a delayed job per (batch, time); the job publishes once, skips stale times', async () => {
    const s = await approved();
    const b = await newBatch();
    await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [s.id] });

    const past = await call(staff, 'POST', `/batches/${b.id}/publish`, {
      at: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ field: 'at' });

    const first = new Date(Date.now() + 2 * DAY);
    const second = new Date(Date.now() + 3 * DAY);
    const r1 = await call(staff, 'POST', `/batches/${b.id}/publish`, { at: first.toISOString() });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'scheduled', publishAt: first.toISOString() });
    const job1 = await inspect.getJob(publishBatchJobId(b.id, first));
    expect(job1?.id).toBe(`publish-batch:${b.id}:${first.getTime()}`);
    expect(await job1!.getState()).toBe('delayed');
    expect(job1!.data).toEqual({ batchId: b.id, publishAt: first.toISOString() });

    // Rescheduled: a second job; the first, when due, finds the time changed and skips.
    expect((await call(staff, 'POST', `/batches/${b.id}/publish`, { at: second.toISOString() })).statusCode).toBe(200);
    expect(await (await inspect.getJob(publishBatchJobId(b.id, second)))!.getState()).toBe('delayed');

    const batches = t.app.get(BatchService);
    expect(await batches.publishScheduled(b.id, first, new Date(first.getTime() + 1000))).toBe('skipped');
    expect(await status(s.id)).toBe('approved');

    expect(await batches.publishScheduled(b.id, second, new Date(second.getTime() + 1000))).toBe('published');
    expect(await status(s.id)).toBe('published');
    const batch = (await call(staff, 'GET', `/batches/${b.id}`)).json();
    expect(batch).toMatchObject({ status: 'published', publishedAt: new Date(second.getTime() + 1000).toISOString() });
    const [audit] = (
      await pg.query(
        `SELECT actor_role, actor_user_id FROM audit_record WHERE action = 'scenario.publish' AND object_id = $1`,
        [s.id],
      )
    ).rows;
    expect(audit).toEqual({ actor_role: null, actor_user_id: null }); // published by the system

    // A duplicate or late run is a no-op.
    expect(await batches.publishScheduled(b.id, second, new Date(second.getTime() + 5000))).toBe('already_published');
    expect(
      await count(`SELECT count(*) FROM audit_record WHERE action = 'scenario.publish' AND object_id = $1`, [s.id]),
    ).toBe(1);
  });

  it('unscheduling returns the batch to draft and the pending job skips', async () => {
    const s = await approved();
    const b = await newBatch();
    await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [s.id] });
    const at = new Date(Date.now() + DAY);
    expect((await call(staff, 'POST', `/batches/${b.id}/publish`, { at: at.toISOString() })).statusCode).toBe(200);
    const un = await call(staff, 'POST', `/batches/${b.id}/unschedule`);
    expect(un.statusCode).toBe(200);
    expect(un.json()).toMatchObject({ status: 'draft', publishAt: null });
    expect(await t.app.get(BatchService).publishScheduled(b.id, at, new Date(at.getTime() + 1))).toBe('skipped');
    expect(await status(s.id)).toBe('approved');
  });

  it('a scheduled publication the system must refuse puts the batch back to draft with the reason, and tells staff', async () => {
    const [good, late] = [await approved(), await approved()];
    const b = await newBatch();
    await call(staff, 'POST', `/batches/${b.id}/scenarios`, { scenarioIds: [good.id, late.id] });
    const at = new Date(Date.now() + DAY);
    expect((await call(staff, 'POST', `/batches/${b.id}/publish`, { at: at.toISOString() })).statusCode).toBe(200);
    // By the time the job runs, one member's deadline has passed.
    await setDeadline([late.id], new Date(at.getTime() - 60_000));

    const batches = t.app.get(BatchService);
    const ranAt = new Date(at.getTime() + 1000);
    expect(await batches.publishScheduled(b.id, at, ranAt)).toBe('refused');
    expect([await status(good.id), await status(late.id)]).toEqual(['approved', 'approved']);
    const view = (await call(staff, 'GET', `/batches/${b.id}`)).json();
    expect(view).toMatchObject({
      status: 'draft',
      publishAt: null,
      publicationError: {
        code: 'SCENARIO_DEADLINE_PASSED',
        params: { code: late.code },
        publishAt: at.toISOString(),
        at: ranAt.toISOString(),
      },
    });
    const events = (
      await pg.query(`SELECT payload FROM outbox_event WHERE type = 'scenario_batch.publication_refused'`)
    ).rows.map((r) => r.payload);
    expect(events).toEqual([
      { batchId: b.id, publishAt: at.toISOString(), code: 'SCENARIO_DEADLINE_PASSED', params: { code: late.code } },
    ]);
    expect(
      await count(
        `SELECT count(*) FROM audit_record WHERE action = 'scenario_batch.refuse_publication' AND object_id = $1`,
        [b.id],
      ),
    ).toBe(1);
    // A retry of the same job changes nothing more.
    expect(await batches.publishScheduled(b.id, at, ranAt)).toBe('skipped');

    // Staff fix it (the late scenario leaves the batch) and schedule again: the reason is cleared.
    expect((await call(staff, 'DELETE', `/batches/${b.id}/scenarios/${late.id}`)).statusCode).toBe(200);
    const again = new Date(Date.now() + 2 * DAY);
    const rescheduled = await call(staff, 'POST', `/batches/${b.id}/publish`, { at: again.toISOString() });
    expect(rescheduled.json()).toMatchObject({ status: 'scheduled', publicationError: null });
    expect(await batches.publishScheduled(b.id, again, new Date(again.getTime() + 1))).toBe('published');
    expect(await status(good.id)).toBe('published');
  });

  describe('deadline sweep (closeOverdue)', () => {
    const closeAudits = (id: string) =>
      count(`SELECT count(*) FROM audit_record WHERE action = 'scenario.close' AND object_id = $1`, [id]);

    it('closes each overdue scenario once, leaves future ones open, catches up after an outage', async () => {
      const sweep = t.app.get(ScenarioDeadlineService);
      await sweep.closeOverdue(); // nothing from earlier tests left overdue
      const [a, b, c, future] = await published(4);
      // An outage: deadlines passed three days, one day and a minute ago.
      await setDeadline([a], new Date(Date.now() - 3 * DAY));
      await setDeadline([b], new Date(Date.now() - DAY));
      await setDeadline([c], new Date(Date.now() - 60_000));
      await setDeadline([future], new Date(Date.now() + DAY));

      expect(await sweep.closeOverdue(undefined, 2)).toBe(3); // bounded batches, all of it in one run
      expect(await sweep.closeOverdue()).toBe(0);
      for (const id of [a, b, c]) {
        expect(await status(id)).toBe('closed');
        expect(await closeAudits(id)).toBe(1);
      }
      expect(await status(future)).toBe('published');
      expect(await closeAudits(future)).toBe(0);
      const [event] = (
        await pg.query(
          `SELECT payload FROM outbox_event WHERE type = 'scenario.transitioned' AND aggregate_id = $1
              AND payload->>'transition' = 'close'`,
          [a],
        )
      ).rows;
      expect(event.payload).toMatchObject({ from: 'published', to: 'closed' });

      // Its deadline comes (by the clock passed in): closed on that run.
      expect(await sweep.closeOverdue(new Date(Date.now() + 1.5 * DAY))).toBe(1);
      expect(await status(future)).toBe('closed');
    });

    it('never closes a scenario twice when runs overlap', async () => {
      const sweep = t.app.get(ScenarioDeadlineService);
      const ids = await published(10);
      await setDeadline(ids, new Date(Date.now() - 1000));

      const results = await Promise.all([
        sweep.closeOverdue(undefined, 2),
        sweep.closeOverdue(undefined, 3),
        sweep.closeOverdue(undefined, 1),
      ]);
      expect(results.reduce((x, y) => x + y, 0)).toBe(10);
      for (const id of ids) {
        expect(await status(id)).toBe('closed');
        expect(await closeAudits(id)).toBe(1);
      }
      expect(await sweep.closeOverdue()).toBe(0);
    });
  });
});
