import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { deliverySetup } from '../support/delivery-setup';

/** `n` characters as PostgreSQL counts them, but `n / 2` for class-validator's MaxLength (U+2764 U+FE0F). */
const hearts = (n: number) => '\u2764\uFE0F'.repeat(n / 2);

describe('delivery and acceptance: concurrent verdicts and text lengths (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let d: ReturnType<typeof deliverySetup>;

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    d = deliverySetup(t);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('records two verdicts sent at once, one not met: both land, the later one in the round the not_met opened', async () => {
    const x = await d.scenarioInDelivery();
    const verdict = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/acceptance/verdicts`, body);
    for (let i = 0; i < 3; i += 1) {
      const both = await Promise.all([
        verdict(x.agency, { verdict: 'not_met', comments: `检出率未稳定达标（第 ${i + 1} 次）` }),
        verdict(d.staff, { verdict: 'met' }),
      ]);
      expect(both.map((r) => [r.statusCode, r.json().code])).toEqual([
        [200, undefined],
        [200, undefined],
      ]);
    }
    const rounds = (await d.deliveryOf(d.staff, x.scenarioId)).json().acceptanceRounds as {
      roundNo: number;
      status: string;
      verdicts: { party: string; verdict: string }[];
    }[];
    // Each not_met closed the round it was recorded in; exactly one round is open, the last.
    expect(rounds.map((r) => r.roundNo)).toEqual(rounds.map((_, i) => i + 1));
    expect(rounds.filter((r) => r.status === 'open').map((r) => r.roundNo)).toEqual([rounds.length]);
    const closed = rounds.filter((r) => r.status !== 'open');
    expect(closed).toHaveLength(3);
    for (const r of closed) {
      expect(r.status).toBe('not_met');
      expect(r.verdicts).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'agency' })]));
    }
    const recorded = await pg.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'delivery.acceptance_recorded' AND payload->>'scenarioId' = $1`,
      [x.scenarioId],
    );
    expect(recorded.rows[0].n).toBe(6);
  });

  it('measures text limits in characters as the database does (emoji with a variation selector): 400 naming the field, never 500', async () => {
    const x = await d.scenarioInDelivery();
    const [m1, m2] = x.milestones;
    const base = `/scenarios/${x.scenarioId}`;
    const expect400 = (res: { statusCode: number; json: () => { errors?: { field: string }[] } }, field: string) => {
      expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
      expect(res.json().errors?.map((e) => e.field)).toEqual([field]);
    };

    const title = await d.call(x.lead, 'POST', `${base}/delivery/milestones/${m1.id}/changes`, {
      title: hearts(202),
      reason: '标题调整',
    });
    expect400(title, 'title');
    // The same rule and localised message as any other over-long text.
    expect(title.json().errors).toEqual([
      { field: 'title', rule: 'maxLength', message: expect.stringContaining('200') },
    ]);
    expect400(
      await d.call(x.lead, 'POST', `${base}/delivery/milestones/${m1.id}/changes`, {
        deliverables: '成果',
        reason: hearts(2002),
      }),
      'reason',
    );
    // At the limit: accepted, and the agreed change fits the milestone's column.
    const fits = await d.call(x.lead, 'POST', `${base}/delivery/milestones/${m2.id}/changes`, {
      title: hearts(200),
      reason: '标题调整',
    });
    expect(fits.statusCode).toBe(201);
    const agreed = await d.call(x.agency, 'POST', `${base}/delivery/milestone-changes/${fits.json().id}/agree`);
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json().title).toBe(hearts(200));

    const report = await d.call(x.lead, 'POST', `${base}/delivery/reports`, { text: '进展', percentComplete: 10 });
    expect400(
      await d.call(x.lead, 'POST', `${base}/delivery/reports`, { text: hearts(10_002), percentComplete: 10 }),
      'text',
    );
    expect(report.statusCode).toBe(201);
    expect400(
      await d.call(x.agency, 'POST', `${base}/delivery/milestones/${m1.id}/return`, { reason: hearts(2002) }),
      'reason',
    );
    const trial = {
      metric: '缺陷检出率',
      measuredValue: '99.6',
      met: true,
      method: '试验场抽检',
      measuredAt: new Date(d.clock.now().getTime() - 60_000).toISOString(),
    };
    expect400(
      await d.call(d.staff, 'POST', `${base}/delivery/trial-results`, { ...trial, measuredValue: hearts(102) }),
      'measuredValue',
    );
    expect400(
      await d.call(d.staff, 'POST', `${base}/delivery/trial-results`, { ...trial, notes: hearts(5002) }),
      'notes',
    );
    expect400(
      await d.call(x.agency, 'POST', `${base}/acceptance/verdicts`, {
        verdict: 'partially_met',
        comments: hearts(5002),
      }),
      'comments',
    );
    const none = await pg.query(
      `SELECT (SELECT count(*) FROM trial_result WHERE scenario_id = $1)::int AS trials,
              (SELECT count(*) FROM acceptance_verdict v JOIN acceptance_round r ON r.id = v.round_id
                WHERE r.scenario_id = $1)::int AS verdicts`,
      [x.scenarioId],
    );
    expect(none.rows[0]).toEqual({ trials: 0, verdicts: 0 });
  });
});
