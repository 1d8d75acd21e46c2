import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { proposalSetup } from '../support/proposal-setup';

/** Review findings on proposals: lock order against the evaluation's writes, and edge cases. */
describe('proposals, hardening (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let pg: Client;
  let p: ReturnType<typeof proposalSetup>;
  let agency: Actor;

  /** Waits until some backend of this database waits for a row lock (the request under test is queued). */
  async function someoneWaitsForALock() {
    for (let i = 0; i < 200; i++) {
      const { rows } = await pg.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' LIMIT 1`,
      );
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no request waits for a lock');
  }

  beforeAll(async () => {
    t = await createTestApp();
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

  it('locks the scenario before the proposal, as the award does: a vendor’s late write during an award is refused (409), never deadlocked', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.submittedProposal(vendor, scenarioId);
    await p.closeScenario(scenarioId);
    expect((await p.call(p.staff, 'GET', `/scenarios/${scenarioId}/proposals`)).json().submittedCount).toBe(1);

    // What recording an award does: the scenario's row first, then each proposal's.
    const award = new Client({ connectionString: t.db.url });
    await award.connect();
    try {
      await award.query('BEGIN');
      await award.query(`SELECT 1 FROM scenario WHERE id = $1 FOR UPDATE`, [scenarioId]);
      const late = p.call(vendor, 'POST', `/proposals/${id}/withdraw`);
      await someoneWaitsForALock();
      await award.query(`SET LOCAL lock_timeout = '3s'`);
      await award.query(`SELECT 1 FROM proposal WHERE id = $1 FOR UPDATE`, [id]);
      await award.query('COMMIT');
      const res = await late;
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('PROPOSAL_SCENARIO_NOT_OPEN');
    } finally {
      await award.query('ROLLBACK').catch(() => undefined);
      await award.end();
    }
  }, 30_000);
});
