import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { type Actor, Clock } from '@app/common';
import { EmailDeliveryService, FanoutService, type NotificationIntent, NotificationRouter } from '@app/notifications';
import { type DomainEventJobData, type DomainEventMap, type DomainEventType, QUEUES } from '@app/queue';
import { SmtpSink } from '../../apps/worker/src/notifications/testing/smtp-sink';
import { waitFor } from '../../apps/worker/src/testing/worker-test-context';
import { GOOD_PASSWORD } from '../support/fixtures';
import { proposalSetup } from '../support/proposal-setup';
import { scenarioSetup } from '../support/scenario-setup';
import { createTestApp, type TestApp } from '../support/test-app';

/** A domain event as the relay would hand it to the handlers. */
function event<T extends DomainEventType>(type: T, payload: DomainEventMap[T]): DomainEventJobData<T> {
  return {
    eventId: randomUUID(),
    type,
    aggregateType: 'test',
    aggregateId: randomUUID(),
    payload,
    occurredAt: new Date().toISOString(),
    requestId: null,
  };
}

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens the live stream over a real socket; collects events until closed. */
function openStream(port: number, path: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  let response: IncomingMessage | undefined;
  const ready = new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      response = res;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
        }
      });
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  return { events, ready, close: () => response?.destroy() };
}

jest.setTimeout(60_000);

describe('notifications (inbox, routing, fan-out, email, live stream) — API with workers in-process', () => {
  let t: TestApp;
  let pg: Client;
  let sink: SmtpSink;
  let setup: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let follower: Actor;
  let asker: Actor;
  let bystander: Actor;

  const count = async (sql: string, params: unknown[] = []) => Number((await pg.query(sql, params)).rows[0].n);
  const notificationsOf = async (userId: string, type: string) =>
    (
      await pg.query<{ id: string; params: Record<string, unknown>; event_key: string }>(
        `SELECT id, params, event_key FROM notification WHERE recipient_user_id = $1 AND type = $2 ORDER BY created_at`,
        [userId, type],
      )
    ).rows;
  const route = (e: DomainEventJobData) => t.app.get(NotificationRouter).route(e);
  /** Waits until the notifications queue has nothing waiting, active or delayed. */
  const settled = async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    await waitFor(
      async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
        // Delayed: retries waiting for their backoff count; repeatable schedules (the daily digest) do not.
        const delayed = (await queue.getDelayed()).filter((j) => !j.repeatJobKey);
        return c.waiting + c.active + c.prioritized + delayed.length === 0;
      },
      30_000,
      'the notifications queue to drain',
    );
  };

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({
      withWorkers: true,
      env: {
        SMTP_URL: sink.url,
        NOTIFICATION_CHUNK_SIZE: '3',
        NOTIFICATION_EMAIL_MAX_ATTEMPTS: '2',
        EMAIL_RATE_LIMIT_PER_SECOND: '0',
        OUTBOX_POLL_MS: '50',
      },
    });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    setup = scenarioSetup(t);
    agency = await setup.organisation('agency');
    follower = await setup.organisation('vendor');
    asker = await setup.organisation('vendor');
    bystander = await setup.organisation('vendor');
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await t?.close();
    await sink?.stop();
  }, 60_000);

  afterEach(() => jest.restoreAllMocks());

  it('routes a Q&A answer to followers only: the anonymous asker is not singled out', async () => {
    const s = await setup.publishedScenario(agency);
    expect((await setup.call(follower, 'PUT', `/scenarios/${s.id}/follow`)).statusCode).toBe(200);
    const q = await setup.call(asker, 'POST', `/scenarios/${s.id}/questions`, {
      question: '历史数据是否可以带出试验场？',
    });
    expect(q.statusCode).toBe(201);
    const a = await setup.call(agency, 'POST', `/scenarios/${s.id}/questions/${q.json().id}/answer`, {
      answer: '数据仅限试验场内使用。',
    });
    expect(a.statusCode).toBe(200);

    await waitFor(
      async () => (await notificationsOf(follower.userId, 'scenario.question_answered')).length === 1,
      20_000,
      'the follower to be told',
    );
    await settled();
    const [n] = await notificationsOf(follower.userId, 'scenario.question_answered');
    expect(n.params).toMatchObject({ scenarioId: s.id, questionId: q.json().id, revised: false });
    const text = JSON.stringify(n.params);
    expect(text).not.toContain(asker.userId);
    expect(text).not.toContain(asker.organisationId!);
    expect(await notificationsOf(asker.userId, 'scenario.question_answered')).toHaveLength(0);
    expect(await notificationsOf(bystander.userId, 'scenario.question_answered')).toHaveLength(0);
    expect(await notificationsOf(agency.userId, 'scenario.question_answered')).toHaveLength(0);
  });

  it('tells organisations their verification result and agencies their vetting decisions (real events)', async () => {
    await waitFor(
      async () => (await notificationsOf(bystander.userId, 'organisation.verification_result')).length === 1,
      20_000,
      'the verification result',
    );
    const [v] = await notificationsOf(bystander.userId, 'organisation.verification_result');
    expect(v.params).toMatchObject({ organisationId: bystander.organisationId, result: 'verified' });
    await waitFor(
      async () => (await notificationsOf(agency.userId, 'scenario.vetting_decision')).length >= 2,
      20_000,
      'the vetting decisions',
    );
    const decisions = (await notificationsOf(agency.userId, 'scenario.vetting_decision')).map((r) => r.params.decision);
    expect(decisions).toEqual(expect.arrayContaining(['approved', 'published']));
    expect(await notificationsOf(follower.userId, 'scenario.vetting_decision')).toHaveLength(0);
  });

  it('sends deadline reminders to followers and panel notices to the reviewers only', async () => {
    const s = await setup.publishedScenario(agency);
    expect((await setup.call(follower, 'PUT', `/scenarios/${s.id}/follow`)).statusCode).toBe(200);
    await route(
      event('scenario.deadline_reminder', {
        scenarioId: s.id,
        daysBefore: 3,
        proposalDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
    );
    const reviewer = await setup.call(setup.staff, 'POST', '/users/reviewers', {
      email: `expert.${randomUUID().slice(0, 8)}@example.cn`,
      password: GOOD_PASSWORD,
      displayName: '专家',
    });
    expect(reviewer.statusCode).toBe(201);
    const reviewerId = reviewer.json().id as string;
    await route(
      event('evaluation.panel_assigned', { evaluationId: randomUUID(), scenarioId: s.id, reviewerIds: [reviewerId] }),
    );
    await settled();
    const reminders = await pg.query(
      `SELECT recipient_user_id FROM notification WHERE type = 'scenario.deadline_reminder' AND params->>'scenarioId' = $1`,
      [s.id],
    );
    expect(reminders.rows.map((r: { recipient_user_id: string }) => r.recipient_user_id)).toEqual([follower.userId]);
    const panel = await pg.query(
      `SELECT recipient_user_id FROM notification WHERE type = 'evaluation.panel_assigned' AND params->>'scenarioId' = $1`,
      [s.id],
    );
    expect(panel.rows.map((r: { recipient_user_id: string }) => r.recipient_user_id)).toEqual([reviewerId]);
  });

  it('routes bidders: reminders to drafters, amendments to bidders and followers, award results per proposal', async () => {
    const proposals = proposalSetup(t, setup);
    const drafter = await setup.organisation('vendor');
    const winner = await setup.organisation('vendor');
    const s = await setup.publishedScenario(agency);
    const draft = await proposals.draftProposal(drafter, s.id);
    const won = await proposals.submittedProposal(winner, s.id);
    expect((await setup.call(follower, 'PUT', `/scenarios/${s.id}/follow`)).statusCode).toBe(200);
    const recipients = async (type: string) =>
      (
        await pg.query<{ recipient_user_id: string; params: Record<string, unknown> }>(
          `SELECT recipient_user_id, params FROM notification WHERE type = $1 AND params->>'scenarioId' = $2
            ORDER BY recipient_user_id`,
          [type, s.id],
        )
      ).rows;
    const sorted = (...ids: string[]) => [...ids].sort();

    await route(
      event('scenario.deadline_reminder', {
        scenarioId: s.id,
        daysBefore: 1,
        proposalDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    await route(
      event('scenario.amended', {
        scenarioId: s.id,
        agencyOrganisationId: agency.organisationId!,
        amendmentNo: 1,
        material: false,
        changedFields: ['description'],
        deadlineExtended: false,
        proposalDeadline: null,
      }),
    );
    await route(
      event('award.decided', {
        decisionId: randomUUID(),
        scenarioId: s.id,
        agencyOrganisationId: agency.organisationId!,
        outcome: 'award',
        winnerProposalIds: [won.id],
        unsuccessfulProposalIds: [draft.id],
        standstillEndsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      }),
    );
    await settled();
    // Reminders: vendors still drafting and followers; not the vendor whose proposal is in.
    expect((await recipients('scenario.deadline_reminder')).map((r) => r.recipient_user_id)).toEqual(
      sorted(drafter.userId, follower.userId),
    );
    // Amendments: everyone bidding and the followers.
    expect((await recipients('scenario.amended')).map((r) => r.recipient_user_id)).toEqual(
      sorted(drafter.userId, winner.userId, follower.userId),
    );
    // Award results: each proposal's own result, to its organisation only.
    const results = await recipients('award.result');
    expect(results.map((r) => [r.recipient_user_id, r.params.result]).sort()).toEqual(
      [
        [winner.userId, 'won'],
        [drafter.userId, 'unsuccessful'],
      ].sort(),
    );
  });

  it('caps matched-scenario notifications per vendor per Huzhou day, once per scenario, idempotently', async () => {
    const scenarios = [];
    for (let i = 0; i < 7; i++) scenarios.push(await setup.publishedScenario(agency));
    const matched = (scenarioId: string) =>
      event('matching.scenario_matched', {
        scenarioId,
        scoringVersion: 'test',
        trigger: 'published',
        matches: [{ organisationId: bystander.organisationId!, score: 80 }],
      });
    const clock = t.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-11-20T10:00:00+08:00'));
    const events = scenarios.map((s) => matched(s.id));
    for (const e of events) await route(e);
    await route(events[0]); // the same event again (a retried job): nothing new
    await settled();
    expect((await notificationsOf(bystander.userId, 'scenario.matched')).length).toBe(5);

    // The next Huzhou day (00:30 in Huzhou is still the 20th in UTC): the last two come through.
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-11-21T00:30:00+08:00'));
    for (const e of events) await route(e);
    await route(matched(scenarios[0].id)); // a new event about a scenario already told: not again
    await settled();
    const rows = await notificationsOf(bystander.userId, 'scenario.matched');
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.params.scenarioId)).size).toBe(7);
    // scenario.matched emails default to the daily digest.
    expect(
      await count(
        `SELECT count(*) AS n FROM notification_delivery WHERE recipient_user_id = $1 AND type = 'scenario.matched'
            AND status = 'digest_pending'`,
        [bystander.userId],
      ),
    ).toBe(7);

    // The daily digest: one email for the 7, once per user and day.
    const emails = t.app.get(EmailDeliveryService);
    const first = await emails.sendDigests();
    expect(first.items).toBeGreaterThanOrEqual(7);
    const digestKey = `digest:${bystander.userId}:2026-11-21`;
    expect(sink.byKey.get(digestKey)).toBe(1);
    await emails.sendDigests();
    expect(sink.byKey.get(digestKey)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM notification_delivery WHERE recipient_user_id = $1 AND status = 'digest_pending'`,
        [bystander.userId],
      ),
    ).toBe(0);
  });

  it('chunks a fan-out (jobs <eventKey>:<n>) and keeps in-app rows and emails exactly once when jobs run again', async () => {
    await pg.query(
      `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
       SELECT 'chunk' || g || '.' || $2 || '@example.cn', 'x', '成员' || g, $1, 'vendor_member' FROM generate_series(1, 6) g`,
      [asker.organisationId, randomUUID().slice(0, 8)],
    );
    const users = (
      await pg.query<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 ORDER BY id`, [
        asker.organisationId,
      ])
    ).rows.map((r) => r.id);
    expect(users).toHaveLength(7);
    const intent: NotificationIntent<'award.result'> = {
      eventKey: `${randomUUID()}:award.result`,
      type: 'award.result',
      params: {
        scenarioId: randomUUID(),
        scenarioTitle: '测试场景',
        decisionId: randomUUID(),
        proposalId: randomUUID(),
        result: 'unsuccessful',
        standstillEndsAt: new Date().toISOString(),
      },
      recipients: { organisationIds: [asker.organisationId!] },
      webhookOrganisationIds: [asker.organisationId!],
      occurredAt: new Date().toISOString(),
    };
    const fanout = t.app.get(FanoutService);
    await fanout.enqueue([intent]);
    await fanout.enqueue([intent]); // duplicate intent: same job id, not added twice
    await settled();

    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    const chunks = await Promise.all([0, 1, 2, 3].map((n) => queue.getJob(`${intent.eventKey}:${n}`)));
    expect(chunks.slice(0, 3).map((j) => j?.data.userIds.length)).toEqual([3, 3, 1]);
    expect(chunks[3]).toBeUndefined();
    expect(chunks.slice(0, 3).flatMap((j) => j!.data.userIds as string[])).toEqual(users);
    const fanoutJob = await queue.getJob(`${intent.eventKey}:fanout`);
    expect(fanoutJob?.returnvalue).toMatchObject({ chunks: 3, webhooksQueued: true });

    const rows = () => count(`SELECT count(*) AS n FROM notification WHERE event_key = $1`, [intent.eventKey]);
    expect(await rows()).toBe(7);
    const keys = users.map((u) => `${intent.eventKey}:${u}:email`);
    expect(keys.map((k) => sink.byKey.get(k))).toEqual(users.map(() => 1));

    // The same chunks run again (a redelivered job): no second row, no second email.
    for (const j of chunks.slice(0, 3)) {
      const again = await fanout.runChunk(j!.data);
      expect(again).toMatchObject({ inApp: 0, emailsQueued: 0, emailsSent: 0 });
    }
    expect(await rows()).toBe(7);
    expect(keys.map((k) => sink.byKey.get(k))).toEqual(users.map(() => 1));
  });

  it('writes each recipient’s email in the language they chose (PATCH auth/me), and refuses other languages', async () => {
    const bad = await setup.call(asker, 'PATCH', '/auth/me', { locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'locale' });
    const chosen = await setup.call(asker, 'PATCH', '/auth/me', { locale: 'en' });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().user).toMatchObject({ id: asker.userId, locale: 'en' });
    expect((await setup.call(asker, 'GET', '/auth/me')).json().user.locale).toBe('en');
    try {
      const intent: NotificationIntent<'award.result'> = {
        eventKey: `${randomUUID()}:award.result`,
        type: 'award.result',
        params: {
          scenarioId: randomUUID(),
          scenarioTitle: 'Smart orchard',
          decisionId: randomUUID(),
          proposalId: randomUUID(),
          result: 'won',
          standstillEndsAt: new Date().toISOString(),
        },
        recipients: { userIds: [asker.userId, bystander.userId] },
        occurredAt: new Date().toISOString(),
      };
      await t.app.get(FanoutService).enqueue([intent]);
      await settled();
      // RFC 2047 B-words (non-ASCII subjects) decoded; plain ASCII subjects as they are.
      const subjectOf = (userId: string) => {
        const mail = sink.mails.find((m) => m.idempotencyKey === `${intent.eventKey}:${userId}:email`);
        return (mail?.subject ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64: string) =>
          Buffer.from(b64, 'base64').toString('utf8'),
        );
      };
      expect(subjectOf(asker.userId)).toBe('Result: Smart orchard');
      expect(subjectOf(bystander.userId)).toMatch(/^揭榜结果/);
    } finally {
      await setup.call(asker, 'PATCH', '/auth/me', { locale: 'zh-CN' });
    }
  });

  it('serves the inbox: keyset pages newest first, unread filter and count, read one / all, never another user’s', async () => {
    const fanout = t.app.get(FanoutService);
    const intents = [1, 2, 3].map((i): NotificationIntent<'scenario.deadline_reminder'> => ({
      eventKey: `${randomUUID()}:scenario.deadline_reminder`,
      type: 'scenario.deadline_reminder',
      params: { scenarioId: randomUUID(), scenarioTitle: `场景 ${i}`, daysBefore: i, proposalDeadline: '2026-12-01' },
      recipients: { userIds: [follower.userId] },
      occurredAt: new Date().toISOString(),
    }));
    for (const intent of intents) {
      await fanout.enqueue([intent]);
      await settled();
    }
    const all = await setup.call(follower, 'GET', '/notifications?limit=100');
    expect(all.statusCode).toBe(200);
    const total = all.json().items.length as number;
    expect(total).toBeGreaterThanOrEqual(4);
    const times = (all.json().items as { createdAt: string }[]).map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await setup.call(
        follower,
        'GET',
        `/notifications?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      seen.push(...(page.json().items as { id: string }[]).map((n) => n.id));
      cursor = page.json().nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual((all.json().items as { id: string }[]).map((n) => n.id));

    const unread = async () => (await setup.call(follower, 'GET', '/notifications/unread-count')).json().unreadCount;
    expect(await unread()).toBe(total);
    const first = all.json().items[0].id as string;
    const read = await setup.call(follower, 'POST', `/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().unreadCount).toBe(total - 1);
    expect((await setup.call(follower, 'POST', `/notifications/${first}/read`)).json().unreadCount).toBe(total - 1);
    const unreadList = await setup.call(follower, 'GET', '/notifications?unread=true&limit=100');
    expect((unreadList.json().items as { id: string }[]).map((n) => n.id)).not.toContain(first);
    expect(unreadList.json().items).toHaveLength(total - 1);

    // Somebody else's notification: 404, and it stays unread.
    expect((await setup.call(bystander, 'POST', `/notifications/${seen[1]}/read`)).statusCode).toBe(404);
    expect(await count(`SELECT count(*) AS n FROM notification WHERE id = $1 AND read_at IS NULL`, [seen[1]])).toBe(1);
    expect((await setup.call(follower, 'GET', '/notifications?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await setup.call(follower, 'GET', '/notifications?unread=maybe')).statusCode).toBe(400);

    const readAll = await setup.call(follower, 'POST', '/notifications/read-all');
    expect(readAll.statusCode).toBe(200);
    expect(readAll.json()).toEqual({ marked: total - 1, unreadCount: 0 });
    expect(await unread()).toBe(0);
  });

  it('pushes a new notification over the live stream (server-sent events)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;

    const anonymous = openStream(port, '/api/v1/notifications/stream');
    expect((await anonymous.ready).statusCode).toBe(401);
    anonymous.close();

    // EventSource clients: a single-use ticket in the URL (never the access token).
    const ticket = await setup.call(follower, 'POST', '/notifications/stream-ticket');
    expect(ticket.statusCode).toBe(201);
    const path = `/api/v1/notifications/stream?ticket=${ticket.json().ticket as string}`;
    const stream = openStream(port, path);
    const res = await stream.ready;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    await waitFor(() => stream.events.length >= 1, 5000, 'the first event');
    expect(stream.events[0]).toEqual({ event: 'unread', data: { unreadCount: 0 } });

    const intent: NotificationIntent<'objection.update'> = {
      eventKey: `${randomUUID()}:objection.update`,
      type: 'objection.update',
      params: {
        scenarioId: randomUUID(),
        scenarioTitle: '实时推送测试',
        objectionId: randomUUID(),
        proposalId: randomUUID(),
        status: 'upheld',
      },
      recipients: { userIds: [follower.userId] },
      occurredAt: new Date().toISOString(),
    };
    await t.app.get(FanoutService).enqueue([intent]);
    await waitFor(() => stream.events.length >= 2, 10_000, 'the live notification');
    expect(stream.events[1].event).toBe('notification');
    expect(stream.events[1].data).toMatchObject({
      unreadCount: 1,
      notification: { type: 'objection.update', params: { scenarioTitle: '实时推送测试' }, readAt: null },
    });

    const reused = openStream(port, path);
    expect((await reused.ready).statusCode).toBe(401); // a ticket is used once
    reused.close();
    const forged = openStream(port, `/api/v1/notifications/stream?ticket=${'A'.repeat(32)}`);
    expect((await forged.ready).statusCode).toBe(401);
    forged.close();

    // The bearer header works too; another user's stream does not get this user's notifications.
    const other = openStream(port, '/api/v1/notifications/stream', {
      authorization: `Bearer ${t.tokenFor(bystander)}`,
    });
    expect((await other.ready).statusCode).toBe(200);
    await waitFor(() => other.events.length >= 1, 5000, 'the other stream');
    await t.app.get(FanoutService).enqueue([{ ...intent, eventKey: `${randomUUID()}:objection.update` }]);
    await waitFor(() => stream.events.length >= 3, 10_000, 'the second live notification');
    expect(other.events).toHaveLength(1);
    stream.close();
    other.close();
  });

  it('marks emails failed after the attempts, lists them to staff, and retries them on request', async () => {
    sink.rejectAll = true;
    const intent: NotificationIntent<'delivery.milestone_overdue'> = {
      eventKey: `${randomUUID()}:delivery.milestone_overdue`,
      type: 'delivery.milestone_overdue',
      params: {
        scenarioId: randomUUID(),
        scenarioTitle: '投递失败测试',
        deliveryId: randomUUID(),
        milestoneId: randomUUID(),
        dueDate: '2026-11-01',
      },
      recipients: { userIds: [bystander.userId] },
      occurredAt: new Date().toISOString(),
    };
    try {
      await t.app.get(FanoutService).enqueue([intent]);
      const status = async () =>
        (
          await pg.query<{ id: string; status: string; attempts: number; last_error: string | null }>(
            `SELECT id, status, attempts, last_error FROM notification_delivery WHERE event_key = $1`,
            [intent.eventKey],
          )
        ).rows[0];
      await waitFor(async () => (await status())?.status === 'failed', 20_000, 'the delivery to fail');
      const failed = await status();
      expect(failed.attempts).toBe(2);
      expect(failed.last_error).toMatch(/550|unavailable/i);
      // The in-app notification is there regardless.
      expect(await notificationsOf(bystander.userId, 'delivery.milestone_overdue')).toHaveLength(1);

      const list = await setup.call(setup.staff, 'GET', '/admin/notification-deliveries?status=failed');
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: failed.id, status: 'failed', attempts: 2 })]),
      );
      expect((await setup.call(bystander, 'GET', '/admin/notification-deliveries')).statusCode).toBe(403);
      expect((await setup.call(setup.staff, 'GET', '/admin/notification-deliveries?status=lost')).statusCode).toBe(400);

      sink.rejectAll = false;
      const retry = await setup.call(setup.staff, 'POST', `/admin/notification-deliveries/${failed.id}/retry`);
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ id: failed.id, status: 'pending', retries: 1 });
      await waitFor(async () => (await status()).status === 'sent', 20_000, 'the retried delivery to be sent');
      expect(sink.byKey.get(`${intent.eventKey}:${bystander.userId}:email`)).toBe(1);
      // Only failed deliveries can be retried; unknown ones are 404.
      expect(
        (await setup.call(setup.staff, 'POST', `/admin/notification-deliveries/${failed.id}/retry`)).statusCode,
      ).toBe(409);
      expect(
        (await setup.call(setup.staff, 'POST', `/admin/notification-deliveries/${randomUUID()}/retry`)).statusCode,
      ).toBe(404);
    } finally {
      sink.rejectAll = false;
    }
  });
});
