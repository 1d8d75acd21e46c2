import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type Actor, Clock } from '@app/common';
import { MilestoneService } from '@app/delivery';
import { EmailDeliveryService, UNSUBSCRIBE_ALL, UnsubscribeLinks } from '@app/notifications';
import { OutboxService } from '@app/outbox';
import { type DomainEventMap, type DomainEventType, QUEUES } from '@app/queue';
import { type MailCatcher, startMailCatcher } from '../../apps/mail-catcher/src/mail-catcher';
import { waitFor } from '../../apps/worker/src/testing/worker-test-context';
import { deliverySetup } from '../support/delivery-setup';
import { createTestApp, type TestApp } from '../support/test-app';

/** The instant a Huzhou calendar day (`YYYY-MM-DD`) starts, plus `hours`. */
const huzhouTime = (date: string, hours = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + hours * 3_600_000);
const sorted = (...ids: string[]) => [...ids].sort();

jest.setTimeout(120_000);

/**
 * Routing of every domain event that raises notifications, end to end: the event is written to the
 * outbox (by the real API flow wherever there is one, else by OutboxService as a service would), the
 * relay hands it to the worker's domain-event handler, the router resolves recipients, the fan-out
 * writes the in-app rows and sends the emails to a real SMTP server (the mail catcher).
 */
describe('notification routing through the worker (outbox → handler → fan-out → inbox and email)', () => {
  let t: TestApp;
  let pg: Client;
  let catcher: MailCatcher;
  let d: ReturnType<typeof deliverySetup>;

  /** Recipients (user ids, sorted) of a notification type about a scenario. */
  const recipients = async (type: string, scenarioId: string, where = 'true') =>
    (
      await pg.query<{ recipient_user_id: string }>(
        `SELECT recipient_user_id FROM notification WHERE type = $1 AND params->>'scenarioId' = $2 AND ${where}
          ORDER BY recipient_user_id`,
        [type, scenarioId],
      )
    ).rows.map((r) => r.recipient_user_id);
  const paramsOf = async (type: string, scenarioId: string, userId: string) =>
    (
      await pg.query<{ params: Record<string, unknown>; event_key: string }>(
        `SELECT params, event_key FROM notification WHERE type = $1 AND params->>'scenarioId' = $2
            AND recipient_user_id = $3 ORDER BY created_at`,
        [type, scenarioId, userId],
      )
    ).rows;
  /** Waits until the outbox is relayed and the domain-events and notifications queues are idle. */
  const settled = async () => {
    const queues = [QUEUES.domainEvents, QUEUES.notifications].map((q) => t.app.get<Queue>(getQueueToken(q)));
    await waitFor(
      async () => {
        const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`)).rows as {
          n: number;
        }[];
        if (n > 0) return false;
        for (const queue of queues) {
          const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
          const delayed = (await queue.getDelayed()).filter((j) => !j.repeatJobKey);
          if (c.waiting + c.active + c.prioritized + delayed.length > 0) return false;
        }
        return true;
      },
      30_000,
      'the outbox and the queues to drain',
    );
  };
  /** Waits for `n` notifications of a type about a scenario, then for everything to settle. */
  const expectNotified = async (type: string, scenarioId: string, n: number, where = 'true') => {
    await waitFor(
      async () => (await recipients(type, scenarioId, where)).length >= n,
      30_000,
      `${n} ${type} notification(s)`,
    );
    await settled();
  };
  /** Users of an organisation (ids). */
  const usersOf = async (organisationId: string) =>
    (
      await pg.query<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 ORDER BY id`, [organisationId])
    ).rows.map((r) => r.id);
  const emailOf = async (userId: string) =>
    (await pg.query<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [userId])).rows[0].email;
  /** A domain event written to the outbox as a service writes it (for events with no API flow to drive). */
  const publish = <T extends DomainEventType>(type: T, payload: DomainEventMap[T]) =>
    t.app
      .get(DataSource)
      .transaction((em) =>
        t.app
          .get(OutboxService)
          .publish(
            em,
            { requestId: randomUUID() },
            { type, aggregateType: 'test', aggregateId: randomUUID(), payload },
          ),
      );
  /** A second active user in an organisation (routing goes to every user of an organisation). */
  const secondUser = async (organisationId: string, role: string) =>
    (
      await pg.query<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
         VALUES ($1, 'x', '同事', $2, $3) RETURNING id`,
        [`colleague.${randomUUID().slice(0, 8)}@example.cn`, organisationId, role],
      )
    ).rows[0].id;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    t = await createTestApp({
      withWorkers: true,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
        EMAIL_RATE_LIMIT_PER_SECOND: '0',
        OUTBOX_POLL_MS: '50',
        MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY: '2',
      },
    });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    d = deliverySetup(t);
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await t?.close();
    await catcher?.close();
  }, 60_000);

  afterEach(() => jest.restoreAllMocks());

  it('matching.vendor_invited (staff invite through the API) → matching.invited to every user of the invited vendor only', async () => {
    const agency = await d.organisation('agency');
    const invited = await d.organisation('vendor');
    const other = await d.organisation('vendor');
    const colleague = await secondUser(invited.organisationId!, 'vendor_member');
    const s = await d.publishedScenario(agency);
    const res = await d.call(d.staff, 'POST', `/scenarios/${s.id}/invitations`, {
      vendorOrganisationId: invited.organisationId,
      message: '欢迎揭榜',
    });
    expect(res.statusCode).toBe(201);
    const invitationId = (await pg.query(`SELECT id FROM match_invitation WHERE scenario_id = $1`, [s.id])).rows[0]
      .id as string;

    await expectNotified('matching.invited', s.id, 2);
    expect(await recipients('matching.invited', s.id)).toEqual(sorted(invited.userId, colleague));
    const [n] = await paramsOf('matching.invited', s.id, invited.userId);
    expect(n.params).toEqual({
      scenarioId: s.id,
      scenarioTitle: s.title,
      organisationId: invited.organisationId,
      invitationId,
    });
    expect(await recipients('matching.invited', s.id, `recipient_user_id = '${other.userId}'`)).toEqual([]);
    // Email at once by default, to the invited vendor's users, in zh-CN.
    const to = await emailOf(invited.userId);
    const mail = await catcher.waitForMessage((m) => m.to.includes(to) && m.subject.includes(s.title), 10_000);
    expect(mail.subject).toContain('邀请贵单位揭榜');
  });

  it('matching.scenario_matched → scenario.matched per vendor, capped per vendor per Huzhou day, once per scenario', async () => {
    const agency = await d.organisation('agency');
    const capped = await d.organisation('vendor');
    const free = await d.organisation('vendor');
    const scenarios = [];
    for (let i = 0; i < 3; i++) scenarios.push(await d.publishedScenario(agency));
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-11-20T10:00:00+08:00'));
    // `capped` already heard of one scenario today (from another test's point of view: a real earlier event).
    await publish('matching.scenario_matched', {
      scenarioId: scenarios[0].id,
      scoringVersion: 'test',
      trigger: 'published',
      matches: [{ organisationId: capped.organisationId!, score: 70 }],
    });
    await expectNotified('scenario.matched', scenarios[0].id, 1);
    // Then the two others, each with both vendors: the cap (2 a day) lets `capped` hear of one more only.
    for (const s of scenarios.slice(1)) {
      await publish('matching.scenario_matched', {
        scenarioId: s.id,
        scoringVersion: 'test',
        trigger: 'amended',
        matches: [
          { organisationId: free.organisationId!, score: 61.5 },
          { organisationId: capped.organisationId!, score: 88 },
        ],
      });
      await settled();
    }
    // The same scenario matched again later (nightly): nobody hears of it twice.
    await publish('matching.scenario_matched', {
      scenarioId: scenarios[1].id,
      scoringVersion: 'test',
      trigger: 'nightly',
      matches: [{ organisationId: free.organisationId!, score: 90 }],
    });
    await settled();

    const toCapped = await pg.query<{ scenario_id: string }>(
      `SELECT params->>'scenarioId' AS scenario_id FROM notification WHERE type = 'scenario.matched'
        AND recipient_user_id = $1 ORDER BY created_at`,
      [capped.userId],
    );
    expect(toCapped.rows.map((r) => r.scenario_id)).toEqual([scenarios[0].id, scenarios[1].id]);
    const toFree = await pg.query<{ scenario_id: string }>(
      `SELECT params->>'scenarioId' AS scenario_id FROM notification WHERE type = 'scenario.matched'
        AND recipient_user_id = $1 ORDER BY params->>'scenarioId'`,
      [free.userId],
    );
    expect(toFree.rows.map((r) => r.scenario_id)).toEqual(sorted(scenarios[1].id, scenarios[2].id));
    const [m] = await paramsOf('scenario.matched', scenarios[1].id, free.userId);
    expect(m.params).toEqual({
      scenarioId: scenarios[1].id,
      scenarioTitle: scenarios[1].title,
      organisationId: free.organisationId,
      score: 61.5,
      trigger: 'amended',
    });
    // The agency of the scenario is never a matched vendor.
    expect(await recipients('scenario.matched', scenarios[1].id, `recipient_user_id = '${agency.userId}'`)).toEqual([]);
  });

  it('scenario published → saved_search.matched to the owners of matching saved searches, naming the search (email shows the name)', async () => {
    const agency = await d.organisation('agency');
    const watcher = await d.organisation('vendor');
    const elsewhere = await d.organisation('vendor');
    const save = async (actor: Actor, name: string, filters: object) => {
      const res = await d.call(actor, 'POST', '/saved-searches', { name, filters });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const first = await save(watcher, '湖州制造业<视觉>订阅', { domain: ['manufacturing'] });
    await save(watcher, '第二个订阅', { domain: ['manufacturing', 'agriculture'] });
    await save(elsewhere, '农业', { domain: ['agriculture'] });
    // Saved-search emails default to the digest; this watcher wants them at once.
    const prefs = await d.call(watcher, 'PUT', '/notifications/preferences', {
      items: [{ type: 'saved_search.matched', channel: 'email', mode: 'instant' }],
    });
    expect(prefs.statusCode).toBe(200);

    const s = await d.publishedScenario(agency, `订阅测试场景 ${randomUUID().slice(0, 6)}`);
    await expectNotified('saved_search.matched', s.id, 1);
    expect(await recipients('saved_search.matched', s.id)).toEqual([watcher.userId]);
    const [n] = await paramsOf('saved_search.matched', s.id, watcher.userId);
    // The oldest matching search of the user, by id and name.
    expect(n.params).toEqual({
      scenarioId: s.id,
      scenarioTitle: s.title,
      savedSearchId: first,
      savedSearchName: '湖州制造业<视觉>订阅',
    });
    const to = await emailOf(watcher.userId);
    const mail = await catcher.waitForMessage((m) => m.to.includes(to) && m.subject.includes(s.title), 10_000);
    expect(mail.text).toContain('「湖州制造业<视觉>订阅」');
    expect(mail.html).toContain('湖州制造业&lt;视觉&gt;订阅');
    expect(mail.html).not.toContain('<视觉>');
  });

  it('a scenario’s life: closing, panel, scoring, panel closed, objections, milestones and acceptance reach the right people', async () => {
    const staffUser = (
      await pg.query<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
         VALUES ($1, 'x', '赋能中心工作人员', $2, 'staff') RETURNING id`,
        [`staff.${randomUUID().slice(0, 8)}@example.cn`, (await d.organisation('agency')).organisationId],
      )
    ).rows[0].id;
    const a = await d.awardedScenario();
    const agencyUsers = await usersOf(a.agency.organisationId!);
    const reviewerIds = (
      await pg.query<{ reviewer_id: string }>(
        `SELECT DISTINCT m.reviewer_id FROM panel_member m JOIN evaluation e ON e.id = m.evaluation_id
          WHERE e.scenario_id = $1`,
        [a.scenarioId],
      )
    ).rows.map((r) => r.reviewer_id);
    expect(reviewerIds).toHaveLength(1);
    const [reviewer] = reviewerIds;

    // Closing: the agency hears how many proposals were opened; no vendor does.
    await expectNotified('scenario.proposals_at_closing', a.scenarioId, 1);
    expect(await recipients('scenario.proposals_at_closing', a.scenarioId)).toEqual(agencyUsers);
    const [closing] = await paramsOf('scenario.proposals_at_closing', a.scenarioId, a.agency.userId);
    expect(closing.params).toMatchObject({ openedCount: 2, excludedCount: 0 });
    // Panel assigned and scoring opened: the reviewer only; panel closed: the reviewer and the agency.
    await expectNotified('evaluation.panel_closed', a.scenarioId, 2);
    expect(await recipients('evaluation.panel_assigned', a.scenarioId)).toEqual([reviewer]);
    expect(await recipients('evaluation.scoring_opened', a.scenarioId)).toEqual([reviewer]);
    expect(await recipients('evaluation.panel_closed', a.scenarioId)).toEqual(sorted(reviewer, ...agencyUsers));
    const [closed] = await paramsOf('evaluation.panel_closed', a.scenarioId, reviewer);
    expect(closed.params).toMatchObject({ scenarioId: a.scenarioId, evaluationId: expect.any(String) });

    // An objection by the unsuccessful vendor: lodged → the objector, the agency and the centre's staff.
    const lodged = await d.call(a.loser, 'POST', `/proposals/${a.losingProposalId}/objections`, {
      grounds: '评分计算有误',
    });
    expect(lodged.statusCode).toBe(201);
    const objectionId = lodged.json().id as string;
    await expectNotified('objection.update', a.scenarioId, 3, `params->>'status' = 'lodged'`);
    expect(await recipients('objection.update', a.scenarioId, `params->>'status' = 'lodged'`)).toEqual(
      sorted(a.loser.userId, ...agencyUsers, staffUser),
    );
    const [update] = await paramsOf('objection.update', a.scenarioId, a.loser.userId);
    expect(update.params).toMatchObject({ objectionId, proposalId: a.losingProposalId, status: 'lodged' });
    // Dismissed by staff: the objector and the agency (the winners keep their award: nothing to tell them).
    const dismissed = await d.call(d.staff, 'POST', `/objections/${objectionId}/dismiss`, {
      reasons: '经复核，评分依据充分，异议不成立。',
    });
    expect(dismissed.statusCode).toBe(200);
    await expectNotified('objection.update', a.scenarioId, 2, `params->>'status' = 'dismissed'`);
    expect(await recipients('objection.update', a.scenarioId, `params->>'status' = 'dismissed'`)).toEqual(
      sorted(a.loser.userId, ...agencyUsers),
    );

    // Delivery: milestones due and overdue go to the vendor lead and the agency (not the consortium member).
    d.setClock(new Date(a.standstillEndsAt.getTime() + 1000));
    const started = await d.call(d.staff, 'POST', `/scenarios/${a.scenarioId}/delivery/start`);
    expect(started.statusCode).toBe(200);
    const delivery = started.json().deliveries[0] as { id: string; milestones: { id: string; dueDate: string }[] };
    const [m1] = delivery.milestones;
    const sweep = t.app.get(MilestoneService);
    await sweep.sweepMilestones(d.setClock(huzhouTime(m1.dueDate, -3 * 24 + 1)));
    await expectNotified('delivery.milestone_due', a.scenarioId, 2);
    expect(await recipients('delivery.milestone_due', a.scenarioId)).toEqual(sorted(a.lead.userId, ...agencyUsers));
    const [due] = await paramsOf('delivery.milestone_due', a.scenarioId, a.lead.userId);
    expect(due.params).toEqual({
      scenarioId: a.scenarioId,
      scenarioTitle: expect.any(String),
      deliveryId: delivery.id,
      milestoneId: m1.id,
      dueDate: m1.dueDate,
    });
    await sweep.sweepMilestones(d.setClock(huzhouTime(m1.dueDate, 24)));
    await expectNotified('delivery.milestone_overdue', a.scenarioId, 2);
    expect(await recipients('delivery.milestone_overdue', a.scenarioId)).toEqual(sorted(a.lead.userId, ...agencyUsers));

    // Acceptance: a verdict that decides the round goes to the agency and the whole consortium;
    // a verdict still awaiting the other party's is not a result yet.
    const verdict = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${a.scenarioId}/acceptance/verdicts`, body);
    expect((await verdict(a.agency, { verdict: 'not_met', comments: '检出率未稳定达标' })).statusCode).toBe(200);
    await expectNotified('delivery.acceptance_result', a.scenarioId, 3);
    expect((await verdict(a.agency, { verdict: 'met' })).json()).toMatchObject({ outcome: 'awaiting_verdicts' });
    await settled();
    expect(await recipients('delivery.acceptance_result', a.scenarioId)).toEqual(
      sorted(a.lead.userId, a.member.userId, ...agencyUsers),
    );
    expect((await verdict(d.staff, { verdict: 'partially_met', comments: '误报率略高，可接受' })).statusCode).toBe(200);
    await expectNotified('delivery.acceptance_result', a.scenarioId, 6);
    const outcomes = (
      await pg.query<{ outcome: string; party: string; round: string }>(
        `SELECT DISTINCT params->>'outcome' AS outcome, params->>'party' AS party, params->>'roundNo' AS round
           FROM notification WHERE type = 'delivery.acceptance_result' AND params->>'scenarioId' = $1 ORDER BY 3`,
        [a.scenarioId],
      )
    ).rows;
    expect(outcomes).toEqual([
      { outcome: 'not_met', party: 'agency', round: '1' },
      { outcome: 'acceptable', party: 'centre', round: '2' },
    ]);
    // Nobody outside heard of any of it.
    for (const type of ['objection.update', 'delivery.milestone_due', 'delivery.acceptance_result']) {
      expect(await recipients(type, a.scenarioId, `recipient_user_id = '${reviewer}'`)).toEqual([]);
    }
  });

  it('an upheld objection is told to the objector, the agency and the winners who lose the award', async () => {
    const a = await d.awardedScenario();
    const agencyUsers = await usersOf(a.agency.organisationId!);
    const lodged = await d.call(a.loser, 'POST', `/proposals/${a.losingProposalId}/objections`, {
      grounds: '资格认定有误',
    });
    expect(lodged.statusCode).toBe(201);
    const upheld = await d.call(d.staff, 'POST', `/objections/${lodged.json().id as string}/uphold`, {
      reasons: '经复核，异议成立。',
    });
    expect(upheld.statusCode).toBe(200);
    const expected = sorted(a.loser.userId, a.lead.userId, a.member.userId, ...agencyUsers);
    await expectNotified('objection.update', a.scenarioId, expected.length, `params->>'status' = 'upheld'`);
    expect(await recipients('objection.update', a.scenarioId, `params->>'status' = 'upheld'`)).toEqual(expected);
  });

  it('the daily digest carries the one-click link for every email (`all`), which turns them all off', async () => {
    const vendor = await d.organisation('vendor');
    const agency = await d.organisation('agency');
    const s = await d.publishedScenario(agency);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-02T10:00:00+08:00'));
    await publish('matching.scenario_matched', {
      scenarioId: s.id,
      scoringVersion: 'test',
      trigger: 'published',
      matches: [{ organisationId: vendor.organisationId!, score: 75 }],
    });
    await expectNotified('scenario.matched', s.id, 1);
    // scenario.matched emails go to the digest by default; the daily job sends it.
    // (Needs EmailDeliveryService.sendDigest — notify-perf's delivery/ — to pass UNSUBSCRIBE_ALL to urlFor.)
    await t.app.get(EmailDeliveryService).sendDigests();
    const to = await emailOf(vendor.userId);
    const digest = await catcher.waitForMessage(
      (m) => m.to.includes(to) && m.headers['x-idempotency-key'] === `digest:${vendor.userId}:2026-12-02`,
      10_000,
    );
    const url = /^<(.+)>$/.exec(digest.headers['list-unsubscribe'] ?? '')?.[1];
    expect(url).toBeDefined();
    const token = new URL(url!).searchParams.get('token')!;
    expect(t.app.get(UnsubscribeLinks).verify(token)).toEqual({ userId: vendor.userId, type: UNSUBSCRIBE_ALL });
    expect(digest.text).toContain(url!);
    // One click (RFC 8058 POST, no login): every type's email is off; in-app stays on.
    const res = await t.request({ method: 'POST', url: `/api/v1/notifications/unsubscribe?token=${token}` });
    expect(res.statusCode).toBeLessThan(300);
    const prefs = (await d.call(vendor, 'GET', '/notifications/preferences')).json() as {
      items: { email: string; inApp: string }[];
    };
    expect(new Set(prefs.items.map((i) => i.email))).toEqual(new Set(['off']));
    expect(new Set(prefs.items.map((i) => i.inApp))).toEqual(new Set(['instant']));
  });
});
