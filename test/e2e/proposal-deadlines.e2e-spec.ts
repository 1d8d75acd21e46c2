import { Client } from 'pg';
import type { Actor } from '@app/common';
import { ProposalOpeningService, ProposalService } from '@app/proposals';
import { systemContext } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { proposalSetup } from '../support/proposal-setup';

/**
 * Deadlines by server time (the injectable Clock, read after the row locks right before the write),
 * concurrency, and what material amendments and the closing do to proposals.
 */
describe('proposal deadlines, races and the opening (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let pg: Client;
  let p: ReturnType<typeof proposalSetup>;
  let agency: Actor;

  const deadlineOf = async (scenarioId: string) =>
    (await pg.query(`SELECT proposal_deadline FROM scenario WHERE id = $1`, [scenarioId])).rows[0]
      .proposal_deadline as Date;
  const at = (date: Date, offsetMs: number) =>
    jest.spyOn(p.clock, 'now').mockReturnValue(new Date(date.getTime() + offsetMs));
  const statusOf = async (id: string) =>
    (await pg.query(`SELECT status FROM proposal WHERE id = $1`, [id])).rows[0].status as string;

  beforeAll(async () => {
    t = await createTestApp({ env: { DATABASE_POOL_SIZE: '10' } });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    p = proposalSetup(t);
    agency = await p.organisation('agency');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('accepts a submission 50 ms before the deadline and refuses one 50 ms after it (409)', async () => {
    const [early, late] = await Promise.all([p.organisation('vendor'), p.organisation('vendor')]);
    const { id: scenarioId } = await p.publishedScenario(agency);
    const deadline = await deadlineOf(scenarioId);
    const content = await p.contentFor(scenarioId);
    const a = await p.draftProposal(early, scenarioId, content);
    const b = await p.draftProposal(late, scenarioId, content);

    at(deadline, -50);
    const inTime = await p.call(early, 'POST', `/proposals/${a.id}/submit`);
    expect(inTime.statusCode).toBe(200);
    expect(inTime.json().submittedAt).toBe(new Date(deadline.getTime() - 50).toISOString());

    at(deadline, +50);
    const tooLate = await p.call(late, 'POST', `/proposals/${b.id}/submit`);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json()).toMatchObject({
      code: 'PROPOSAL_DEADLINE_PASSED',
      details: { deadline: deadline.toISOString() },
    });
    expect(await statusOf(b.id)).toBe('draft');

    // Exactly at the deadline is already too late; and every other vendor write is refused too.
    at(deadline, 0);
    expect((await p.call(late, 'POST', `/proposals/${b.id}/submit`)).statusCode).toBe(409);
    const writes: [Actor, 'POST' | 'PATCH', string, object?][] = [
      [late, 'PATCH', `/proposals/${b.id}`, { priceYuan: 1, version: 1 }],
      [early, 'POST', `/proposals/${a.id}/revise`],
      [early, 'POST', `/proposals/${a.id}/withdraw`],
      [early, 'POST', `/proposals/${a.id}/reconfirm`],
      [late, 'POST', `/proposals/${b.id}/consortium/members`, { organisationId: early.organisationId }],
      [await p.organisation('vendor'), 'POST', `/scenarios/${scenarioId}/proposals`, {}],
    ];
    for (const [actor, method, url, body] of writes) {
      const res = await p.call(actor, method, url, body);
      expect(`${url} ${res.statusCode} ${res.json().code}`).toBe(`${url} 409 PROPOSAL_DEADLINE_PASSED`);
    }
    expect(await statusOf(a.id)).toBe('submitted');
  });

  it.each([
    ['the proposal row', `SELECT id FROM proposal WHERE id = $1 FOR UPDATE`],
    [
      'the scenario row',
      `SELECT id FROM scenario WHERE id = (SELECT scenario_id FROM proposal WHERE id = $1) FOR UPDATE`,
    ],
  ])(
    'refuses a submission that started before the deadline but reached its write after it (waiting on %s)',
    async (_what, lockSql) => {
      const vendor = await p.organisation('vendor');
      const { id: scenarioId } = await p.publishedScenario(agency);
      const deadline = await deadlineOf(scenarioId);
      const { id } = await p.draftProposal(vendor, scenarioId, await p.contentFor(scenarioId));

      const holder = new Client({ connectionString: t.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(lockSql, [id]);
        const clock = at(deadline, -1000); // the request arrives a second before the deadline
        const submitting = p.call(vendor, 'POST', `/proposals/${id}/submit`);
        // Wait until the submission is blocked on the lock inside its transaction.
        for (let i = 0; ; i++) {
          const { rows } = await pg.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
            [(holder as unknown as { processID: number }).processID],
          );
          if (rows[0].n > 0) break;
          if (i > 200) throw new Error('the submission never waited on the lock');
          await new Promise((r) => setTimeout(r, 10));
        }
        clock.mockReturnValue(new Date(deadline.getTime() + 1)); // the deadline passes while it waits
        await holder.query('COMMIT');
        const res = await submitting;
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('PROPOSAL_DEADLINE_PASSED');
        expect(await statusOf(id)).toBe('draft');
        expect(
          (await pg.query(`SELECT count(*)::int AS n FROM proposal_receipt WHERE proposal_id = $1`, [id])).rows[0].n,
        ).toBe(0);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await holder.end();
      }
    },
  );

  it('leaves exactly one proposal after 100 concurrent create+submit by the same vendor (409s, no 500s)', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const content = await p.contentFor(scenarioId);
    const attempt = async () => {
      const created = await p.call(vendor, 'POST', `/scenarios/${scenarioId}/proposals`, content);
      const id =
        created.statusCode === 201
          ? (created.json().id as string)
          : ((await p.call(vendor, 'GET', '/proposals/mine')).json()[0]?.id as string | undefined);
      const submitted = id ? await p.call(vendor, 'POST', `/proposals/${id}/submit`) : null;
      return {
        create: `${created.statusCode} ${created.statusCode === 201 ? '' : created.json().code}`.trim(),
        submit: submitted
          ? `${submitted.statusCode} ${submitted.statusCode === 200 ? '' : submitted.json().code}`.trim()
          : 'none',
      };
    };
    const results = await Promise.all(Array.from({ length: 100 }, attempt));
    const tally = (xs: string[]) =>
      xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});
    expect(tally(results.map((r) => r.create))).toEqual({ '201': 1, '409 PROPOSAL_ALREADY_EXISTS': 99 });
    expect(tally(results.map((r) => r.submit))).toEqual({ '200': 1, '409 COMMON_INVALID_TRANSITION': 99 });

    const { rows } = await pg.query(
      `SELECT p.status, (SELECT count(*)::int FROM proposal_member m WHERE m.scenario_id = p.scenario_id) AS members,
              (SELECT count(*)::int FROM proposal_receipt r WHERE r.proposal_id = p.id) AS receipts,
              (SELECT count(*)::int FROM outbox_event e WHERE e.aggregate_id = p.id::text AND e.type = 'proposal.submitted') AS submitted
         FROM proposal p WHERE p.scenario_id = $1`,
      [scenarioId],
    );
    expect(rows).toEqual([{ status: 'submitted', members: 1, receipts: 1, submitted: 1 }]);
  }, 60_000);

  it('after a material amendment opens only proposals (re-)submitted since, even when no worker flagged them', async () => {
    const [fresh, stale, drafter, flagged] = await Promise.all([...Array(4)].map(() => p.organisation('vendor')));
    const { id: scenarioId } = await p.publishedScenario(agency);
    const a = await p.submittedProposal(fresh, scenarioId);
    const b = await p.submittedProposal(stale, scenarioId);
    const c = await p.draftProposal(drafter, scenarioId, await p.contentFor(scenarioId));
    const d = await p.submittedProposal(flagged, scenarioId);
    const count = async () => (await p.call(agency, 'GET', `/scenarios/${scenarioId}/proposals`)).json();
    expect(await count()).toEqual({ sealed: true, submittedCount: 3 });

    const { amendmentNo } = await p.materialAmendment(agency, scenarioId);
    const events = await pg.query(`SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = $2`, [
      scenarioId,
      'scenario.reconfirmation_required',
    ]);
    expect(events.rows).toEqual([{ payload: expect.objectContaining({ scenarioId, amendmentNo }) }]);
    // Until re-confirmed, proposals submitted before the amendment no longer count (no worker has run).
    expect(await count()).toEqual({ sealed: true, submittedCount: 0 });

    // `fresh` revises and resubmits; `flagged` is flagged (as the worker would) and re-confirms.
    expect((await p.call(fresh, 'POST', `/proposals/${a.id}/revise`)).statusCode).toBe(200);
    expect((await p.call(fresh, 'POST', `/proposals/${a.id}/submit`)).statusCode).toBe(200);
    const opening = t.app.get(ProposalOpeningService);
    const flaggedCount = await opening.flagForReconfirmation(systemContext('test'), scenarioId, amendmentNo);
    expect(flaggedCount).toBe(2); // stale and flagged; fresh already re-submitted after the amendment
    expect(await opening.flagForReconfirmation(systemContext('test'), scenarioId, amendmentNo)).toBe(0);
    expect(await statusOf(d.id)).toBe('reconfirmation_required');
    const reconfirmed = await p.call(flagged, 'POST', `/proposals/${d.id}/reconfirm`);
    expect(reconfirmed.statusCode).toBe(200);
    expect(reconfirmed.json().receiptSha256).not.toBe(d.receiptSha256);
    expect((await p.call(flagged, 'GET', `/proposals/${d.id}/receipt`)).json().kind).toBe('reconfirmation');
    expect(await count()).toEqual({ sealed: true, submittedCount: 2 });

    // `stale` is flagged too, but does nothing. Close without any worker: reading opens the proposals.
    await p.closeScenario(scenarioId);
    const opened = await p.call(p.staff, 'GET', `/scenarios/${scenarioId}/proposals`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ sealed: false, submittedCount: 2, notOpenedCount: 1 });
    expect(
      opened
        .json()
        .proposals.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([a.id, d.id].sort());
    expect(await statusOf(b.id)).toBe('not_opened');
    expect(await statusOf(c.id)).toBe('draft');
    // Opening is idempotent.
    expect(await opening.openScenario(systemContext('again'), scenarioId)).toEqual({ opened: 0, excluded: 0 });
    const types = await pg.query(
      `SELECT aggregate_id, type FROM outbox_event WHERE type IN ('proposal.opened', 'proposal.excluded',
         'proposal.opening_completed') ORDER BY created_at, id`,
    );
    expect(types.rows).toEqual(
      expect.arrayContaining([
        { aggregate_id: a.id, type: 'proposal.opened' },
        { aggregate_id: d.id, type: 'proposal.opened' },
        { aggregate_id: b.id, type: 'proposal.excluded' },
        { aggregate_id: scenarioId, type: 'proposal.opening_completed' },
      ]),
    );
    expect(types.rows.filter((r) => r.type === 'proposal.opening_completed')).toHaveLength(1);
  });

  it('excludes at the opening a proposal submitted before a material amendment that no worker flagged', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.submittedProposal(vendor, scenarioId);
    await p.materialAmendment(agency, scenarioId);
    await p.closeScenario(scenarioId);
    const opened = await t.app.get(ProposalService).openedForScenario(scenarioId);
    expect(opened).toEqual([]);
    expect(await statusOf(id)).toBe('not_opened');
    const actions = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [id]);
    expect(actions.rows.map((r) => r.action).slice(-2)).toEqual([
      'proposal.require_reconfirmation',
      'proposal.exclude',
    ]);
  });

  it('keeps proposals of a cancelled scenario sealed for good', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.submittedProposal(vendor, scenarioId);
    expect((await p.call(p.staff, 'POST', `/scenarios/${scenarioId}/cancel`, { reason: '预算取消' })).statusCode).toBe(
      200,
    );
    at(await deadlineOf(scenarioId), 86_400_000);
    expect((await p.call(p.staff, 'GET', `/scenarios/${scenarioId}/proposals`)).json()).toEqual({
      sealed: true,
      submittedCount: 1,
    });
    expect((await p.call(p.staff, 'GET', `/proposals/${id}`)).statusCode).toBe(404);
    await expect(t.app.get(ProposalService).openedForScenario(scenarioId)).rejects.toMatchObject({
      code: 'PROPOSAL_SEALED',
    });
  });
});
