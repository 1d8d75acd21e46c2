import { Client } from 'pg';
import { type Actor, Clock } from '@app/common';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { scenarioSetup } from '../../../../test/support/scenario-setup';
import { DeadlineReminderService } from './deadline-reminder.service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('deadline reminder sweep (Postgres, outbox, moving the Clock)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let sweeper: DeadlineReminderService;
  let now: jest.SpyInstance<Date, []>;
  const base = new Date(Date.UTC(2027, 0, 10, 9, 0, 0)); // deadlines are set relative to this
  const ids: Record<string, string> = {};
  const many: string[] = [];

  const at = (ms: number) => now.mockReturnValue(new Date(ms));
  const sweep = () => sweeper.sweep();
  const events = async (scenarioId: string) =>
    (
      await pg.query<{ payload: { scenarioId: string; daysBefore: number; proposalDeadline: string } }>(
        `SELECT payload FROM outbox_event WHERE type = 'scenario.deadline_reminder' AND aggregate_id = $1
          ORDER BY created_at, id`,
        [scenarioId],
      )
    ).rows.map((r) => r.payload);
  const setDeadline = (scenarioId: string, deadline: Date) =>
    pg.query(`UPDATE scenario SET proposal_deadline = $2 WHERE id = $1`, [scenarioId, deadline]);

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    sweeper = t.app.get(DeadlineReminderService);
    for (const key of ['a', 'b', 'c', 'closed', 'race']) ids[key] = (await s.publishedScenario(agency)).id;
    ids.approved = (await s.approvedScenario(agency)).id;
    for (let i = 0; i < 5; i++) many.push((await s.publishedScenario(agency)).id);
    // Out of every other test's window until the last test moves them.
    for (const id of many) await setDeadline(id, new Date(base.getTime() + 365 * DAY));
    await setDeadline(ids.a, new Date(base.getTime() + 10 * DAY));
    await setDeadline(ids.b, new Date(base.getTime() + 20 * DAY));
    await setDeadline(ids.c, new Date(base.getTime() + 30 * DAY));
    await setDeadline(ids.race, new Date(base.getTime() + 40 * DAY));
    await setDeadline(ids.closed, new Date(base.getTime() + 10 * DAY));
    await setDeadline(ids.approved, new Date(base.getTime() + 10 * DAY));
    await pg.query(`UPDATE scenario SET status = 'closed' WHERE id = $1`, [ids.closed]);
    now = jest.spyOn(t.app.get(Clock), 'now');
  });
  afterAll(async () => {
    now.mockRestore();
    await pg.end();
    await t.close();
  });

  it('writes the 3-day and then the 1-day reminder once each, for published scenarios only', async () => {
    const deadline = base.getTime() + 10 * DAY;
    at(deadline - 4 * DAY);
    expect(await sweep()).toEqual({ reminders: { '1': 0, '3': 0 } });
    at(deadline - 71 * HOUR);
    expect(await sweep()).toEqual({ reminders: { '1': 0, '3': 1 } });
    at(deadline - 70 * HOUR);
    expect(await sweep()).toEqual({ reminders: { '1': 0, '3': 0 } }); // the next hourly run: nothing new
    at(deadline - 23 * HOUR);
    expect(await sweep()).toEqual({ reminders: { '1': 1, '3': 0 } });
    at(deadline - HOUR);
    await sweep();
    at(deadline + HOUR); // passed (still published until the closing job runs): nothing more
    await sweep();
    expect(await events(ids.a)).toEqual([
      { scenarioId: ids.a, daysBefore: 3, proposalDeadline: new Date(deadline).toISOString() },
      { scenarioId: ids.a, daysBefore: 1, proposalDeadline: new Date(deadline).toISOString() },
    ]);
    expect(await events(ids.closed)).toEqual([]);
    expect(await events(ids.approved)).toEqual([]);
    // The marker rows name the outbox events they wrote.
    const markers = await pg.query(
      `SELECT r.days_before, e.type FROM scenario_deadline_reminder r JOIN outbox_event e ON e.id = r.outbox_event_id
        WHERE r.scenario_id = $1 ORDER BY r.days_before`,
      [ids.a],
    );
    expect(markers.rows).toEqual([
      { days_before: 1, type: 'scenario.deadline_reminder' },
      { days_before: 3, type: 'scenario.deadline_reminder' },
    ]);
  });

  it('sends only the 1-day reminder for a deadline first seen less than a day ahead', async () => {
    const deadline = base.getTime() + 20 * DAY;
    at(deadline - 20 * HOUR);
    await sweep();
    at(deadline - 2 * HOUR);
    await sweep();
    expect((await events(ids.b)).map((e) => e.daysBefore)).toEqual([1]);
  });

  it('reminds afresh for an amended (extended) deadline, once per deadline', async () => {
    const first = base.getTime() + 30 * DAY;
    at(first - 60 * HOUR);
    await sweep();
    const extended = first + 5 * DAY;
    await setDeadline(ids.c, new Date(extended));
    at(first - 59 * HOUR);
    await sweep(); // 6+ days ahead now: nothing
    at(extended - 70 * HOUR);
    await sweep();
    await sweep();
    at(extended - 10 * HOUR);
    await sweep();
    expect((await events(ids.c)).map((e) => [e.daysBefore, e.proposalDeadline])).toEqual([
      [3, new Date(first).toISOString()],
      [3, new Date(extended).toISOString()],
      [1, new Date(extended).toISOString()],
    ]);
  });

  it('writes each reminder once when sweeps run at the same time', async () => {
    const deadline = base.getTime() + 40 * DAY;
    at(deadline - 48 * HOUR);
    const results = await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.reminders['3'], 0)).toBe(1);
    expect(await events(ids.race)).toHaveLength(1);
  });

  it('goes through every due scenario, batch after batch', async () => {
    const deadline = base.getTime() + 50 * DAY;
    for (const id of many) await setDeadline(id, new Date(deadline));
    at(deadline - 30 * HOUR);
    expect(await sweeper.sweep(undefined, 2)).toEqual({ reminders: { '1': 0, '3': 5 } });
    for (const id of many) expect(await events(id)).toHaveLength(1);
  });
});
