import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { QUEUES } from '@app/queue';
import { AppConfig } from '@app/config';
import {
  verifyWebhookSignature,
  WebhookDeliveryService,
  WebhookEndpointService,
  webhookJobId,
  WebhookQueue,
  WebhookSecretBox,
  WebhookService,
} from '@app/webhooks';
import { createTestApp, type TestApp } from '../support/test-app';
import { randomUscc } from '../support/fixtures';
import { waitFor } from '../../apps/worker/src/testing/worker-test-context';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 (ephemeral port); `answer` decides each response by its number. */
async function receiver(answer: (n: number, res: import('node:http').ServerResponse) => void) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(requests.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The README recipe, as a receiver would write it (recomputed here, not the library's helper). */
function readmeRecipeVerifies(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['x-scenario-exchange-timestamp']);
  const header = String(r.headers['x-scenario-exchange-signature']);
  const expected = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && expected.length === header.length && expected === header;
}

describe('webhooks (real HTTP receivers on loopback, PostgreSQL, Redis, the worker in-process)', () => {
  let t: TestApp;
  let pg: Client;
  let admin: Actor;
  let auth: Record<string, string>;
  let staffAuth: Record<string, string>;
  const receivers: { close(): Promise<void> }[] = [];

  const delivery = async (id: string) =>
    (await pg.query(`SELECT * FROM webhook_delivery WHERE id = $1`, [id])).rows[0] as {
      status: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      event_key: string;
    };
  const waitStatus = (id: string, status: string, ms = 15_000) =>
    waitFor(async () => (await delivery(id))?.status === status, ms, `delivery ${id} to be ${status}`);

  async function createEndpoint(url: string, eventTypes?: string[]) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/organisations/me/webhooks',
      headers: auth,
      payload: { url, ...(eventTypes ? { eventTypes } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string; url: string };
  }

  async function enqueue(eventKey: string, type = 'scenario.matched') {
    await t.app.get(WebhookService).enqueueForOrganisations({
      eventKey,
      type,
      occurredAt: new Date().toISOString(),
      organisationIds: [admin.organisationId!],
      data: { scenarioId: randomUUID(), title: '童装面料瑕疵AI视觉检测' },
    });
    const rows = await pg.query(`SELECT id, endpoint_id FROM webhook_delivery WHERE event_key = $1`, [eventKey]);
    return rows.rows as { id: string; endpoint_id: string }[];
  }

  beforeAll(async () => {
    t = await createTestApp({
      withWorkers: true,
      env: {
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_BACKOFF_BASE_MS: '100',
        WEBHOOK_BACKOFF_MAX_DELAY_MS: '200',
        WEBHOOK_RETRY_WINDOW_MS: '700', // 100, 200, 200, 200 ms: 5 attempts
        WEBHOOK_CONNECT_TIMEOUT_MS: '1000',
        WEBHOOK_HEADERS_TIMEOUT_MS: '400',
        WEBHOOK_BODY_TIMEOUT_MS: '400',
        WEBHOOK_SWEEP_EVERY_MS: '3600000',
      },
    });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const org = await pg.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('agency', '湖州市测试局', $1, 'wuxing', '王测试', '0572-2345678', 'a@example.cn', 'verified') RETURNING id`,
      [randomUscc('1')],
    );
    admin = { userId: randomUUID(), organisationId: org.rows[0].id, role: 'agency_admin' };
    auth = { authorization: `Bearer ${t.tokenFor(admin)}` };
    staffAuth = {
      authorization: `Bearer ${t.tokenFor({ userId: randomUUID(), organisationId: randomUUID(), role: 'staff' })}`,
    };
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await pg.end();
    await t.close();
  });

  it.each([
    ['https://10.0.0.5/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['https://169.254.169.254/latest/meta-data/', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['https://[::1]/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://[::ffff:10.0.0.5]/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://100.64.0.1/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://localhost:8080/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'], // resolves to loopback; only 127.0.0.1 is allowed
    ['https://hooks:secret@127.0.0.1/hook', 'WEBHOOK_URL_CREDENTIALS'],
    ['ftp://127.0.0.1/hook', 'WEBHOOK_URL_SCHEME_NOT_ALLOWED'],
  ])('refuses %s at creation with 400 naming url (%s)', async (url, code) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/organisations/me/webhooks',
      headers: auth,
      payload: { url },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code, errors: [{ field: 'url', rule: code }] });
    expect((await pg.query(`SELECT count(*)::int AS n FROM webhook_endpoint WHERE url = $1`, [url])).rows[0].n).toBe(0);
  });

  it('refuses a private address on update too', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}`,
      headers: auth,
      payload: { url: 'https://169.254.169.254/' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('url');
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('500 then 200: delivered on the retry, same Idempotency-Key, signature verifies with the README recipe', async () => {
    const r = await receiver((n, res) => res.writeHead(n === 1 ? 500 : 200).end(n === 1 ? 'boom' : 'ok'));
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    // The secret is shown once: the list never carries it.
    const list = await t.request({ method: 'GET', url: '/api/v1/organisations/me/webhooks', headers: auth });
    expect(list.json().find((e: { id: string }) => e.id === endpoint.id)).not.toHaveProperty('secret');

    const eventKey = `evt-${randomUUID()}`;
    const [row] = (await enqueue(eventKey)).filter((d) => d.endpoint_id === endpoint.id);
    await waitStatus(row.id, 'delivered');
    expect(await delivery(row.id)).toMatchObject({ attempts: 2, last_status_code: 200 });
    expect(r.requests).toHaveLength(2);
    const keys = r.requests.map((q) => q.headers['idempotency-key']);
    expect(keys).toEqual([`${eventKey}:${endpoint.id}`, `${eventKey}:${endpoint.id}`]);
    for (const q of r.requests) {
      expect(q.headers['content-type']).toBe('application/json');
      expect(q.headers['user-agent']).toMatch(/ScenarioExchange-Webhooks/);
      expect(readmeRecipeVerifies(endpoint.secret, q)).toBe(true);
      expect(readmeRecipeVerifies(`${endpoint.secret}x`, q)).toBe(false);
      expect(
        verifyWebhookSignature(
          endpoint.secret,
          q.headers['x-scenario-exchange-timestamp'] as string,
          q.body,
          q.headers['x-scenario-exchange-signature'] as string,
          300,
        ),
      ).toBe(true);
      expect(JSON.parse(q.body)).toMatchObject({
        id: row.id,
        eventKey,
        type: 'scenario.matched',
        data: { title: '童装面料瑕疵AI视觉检测' },
      });
    }
    expect(r.requests[0].body).toBe(r.requests[1].body);
    // A delivered row is not sent again, even when its job runs again.
    const result = await t.app.get(WebhookDeliveryService).attempt(row.id, 100);
    expect(result).toEqual({ outcome: 'skipped', status: 'delivered' });
    expect(r.requests).toHaveLength(2);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('one delivery per (endpoint, event key) however often the event is enqueued, also concurrently', async () => {
    const r = await receiver((_, res) => res.writeHead(204).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const eventKey = `evt-${randomUUID()}`;
    const service = t.app.get(WebhookService);
    const input = {
      eventKey,
      type: 'scenario.matched',
      occurredAt: new Date().toISOString(),
      organisationIds: [admin.organisationId!],
      data: {},
    };
    await Promise.all(Array.from({ length: 5 }, () => service.enqueueForOrganisations(input)));
    await enqueue(eventKey);
    const rows = (
      await pg.query(`SELECT id FROM webhook_delivery WHERE event_key = $1 AND endpoint_id = $2`, [
        eventKey,
        endpoint.id,
      ])
    ).rows;
    expect(rows).toHaveLength(1);
    await waitStatus(rows[0].id, 'delivered');
    await new Promise((res) => setTimeout(res, 300));
    expect(r.requests).toHaveLength(1);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('subscribed types only; an inactive endpoint gets nothing', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url, ['award.result']);
    expect(await enqueue(`evt-${randomUUID()}`, 'scenario.matched')).toHaveLength(0);
    expect(await enqueue(`evt-${randomUUID()}`, 'award.result')).toHaveLength(1);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}`,
      headers: auth,
      payload: { active: false },
    });
    expect(await enqueue(`evt-${randomUUID()}`, 'award.result')).toHaveLength(0);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('a redirect is not followed (302 = failure) and a slow receiver times out', async () => {
    const target = await receiver((_, res) => res.writeHead(200).end());
    const redirecting = await receiver((_, res) => res.writeHead(302, { location: target.url }).end());
    const slow = await receiver((_, res) => setTimeout(() => res.writeHead(200).end(), 3000));
    receivers.push(target, redirecting, slow);
    const e1 = await createEndpoint(redirecting.url);
    const e2 = await createEndpoint(slow.url);
    const rows = await enqueue(`evt-${randomUUID()}`);
    const d1 = rows.find((d) => d.endpoint_id === e1.id)!;
    const d2 = rows.find((d) => d.endpoint_id === e2.id)!;
    await waitStatus(d1.id, 'dead');
    expect(await delivery(d1.id)).toMatchObject({ attempts: 5, last_status_code: 302 });
    expect((await delivery(d1.id)).last_error).toMatch(/redirect not followed/);
    expect(target.requests).toHaveLength(0);
    await waitStatus(d2.id, 'dead', 20_000);
    expect((await delivery(d2.id)).last_status_code).toBeNull();
    expect((await delivery(d2.id)).last_error).toMatch(/timeout/i);
    for (const e of [e1, e2])
      await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${e.id}`, headers: auth });
  }, 30_000);

  it('exhausted retries → dead → in the dead-letter list → replay delivers with the same Idempotency-Key', async () => {
    let healthy = false;
    const r = await receiver((_, res) => res.writeHead(healthy ? 200 : 503).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const eventKey = `evt-${randomUUID()}`;
    const [row] = (await enqueue(eventKey)).filter((d) => d.endpoint_id === endpoint.id);
    await waitStatus(row.id, 'dead');
    expect(await delivery(row.id)).toMatchObject({ attempts: 5, last_status_code: 503 });
    expect(r.requests).toHaveLength(5);

    const dead = await t.request({
      method: 'GET',
      url: '/api/v1/organisations/me/webhooks/deliveries?status=dead',
      headers: auth,
    });
    expect(dead.statusCode).toBe(200);
    expect(dead.json().items.map((d: { id: string }) => d.id)).toContain(row.id);
    const staffList = await t.request({
      method: 'GET',
      url: '/api/v1/admin/webhook-deliveries?status=dead',
      headers: staffAuth,
    });
    expect(staffList.json().items.map((d: { id: string }) => d.id)).toContain(row.id);
    // Another organisation's admin sees none of it and cannot replay it.
    const other = {
      authorization: `Bearer ${t.tokenFor({ userId: randomUUID(), organisationId: randomUUID(), role: 'vendor_admin' })}`,
    };
    const theirs = await t.request({
      method: 'GET',
      url: '/api/v1/organisations/me/webhooks/deliveries',
      headers: other,
    });
    expect(theirs.json().items).toEqual([]);
    const stolen = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/deliveries/${row.id}/replay`,
      headers: other,
    });
    expect(stolen.statusCode).toBe(404);

    healthy = true;
    const replay = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/deliveries/${row.id}/replay`,
      headers: auth,
    });
    expect(replay.statusCode).toBe(202);
    await waitStatus(row.id, 'delivered');
    expect(await delivery(row.id)).toMatchObject({ attempts: 1, last_status_code: 200 });
    expect(r.requests).toHaveLength(6);
    expect(new Set(r.requests.map((q) => q.headers['idempotency-key']))).toEqual(
      new Set([`${eventKey}:${endpoint.id}`]),
    );
    // Replaying a delivered one is refused.
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/deliveries/${row.id}/replay`,
      headers: auth,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WEBHOOK_DELIVERY_NOT_REPLAYABLE');
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('staff retry a dead delivery; test ping; rotate-secret changes the signing key', async () => {
    let healthy = false;
    const r = await receiver((_, res) => res.writeHead(healthy ? 200 : 500).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const ping = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}/test`,
      headers: auth,
    });
    expect(ping.statusCode).toBe(202);
    const { deliveryId } = ping.json();
    await waitStatus(deliveryId, 'dead');
    healthy = true;
    const retry = await t.request({
      method: 'POST',
      url: `/api/v1/admin/webhook-deliveries/${deliveryId}/retry`,
      headers: staffAuth,
    });
    expect(retry.statusCode).toBe(202);
    await waitStatus(deliveryId, 'delivered');
    const last = r.requests[r.requests.length - 1];
    expect(JSON.parse(last.body)).toMatchObject({ type: 'webhook.ping', data: { endpointId: endpoint.id } });
    expect(readmeRecipeVerifies(endpoint.secret, last)).toBe(true);

    const rotated = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}/rotate-secret`,
      headers: auth,
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret as string;
    expect(newSecret).not.toBe(endpoint.secret);
    const ping2 = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}/test`,
      headers: auth,
    });
    await waitStatus(ping2.json().deliveryId, 'delivered');
    const latest = r.requests[r.requests.length - 1];
    expect(readmeRecipeVerifies(newSecret, latest)).toBe(true);
    expect(readmeRecipeVerifies(endpoint.secret, latest)).toBe(false);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('stores signing secrets sealed; a secret stored in plaintext before is sealed at start-up and still signs', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const stored = async () =>
      (await pg.query<{ secret: string }>(`SELECT secret FROM webhook_endpoint WHERE id = $1`, [endpoint.id])).rows[0]
        .secret;
    const sealed = await stored();
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain(endpoint.secret.slice('whsec_'.length, 20));
    // As a version before sealing left it: plaintext.
    await pg.query(`UPDATE webhook_endpoint SET secret = $2 WHERE id = $1`, [endpoint.id, endpoint.secret]);
    expect(await t.app.get(WebhookEndpointService).sealLegacySecrets()).toBeGreaterThanOrEqual(1);
    expect((await stored()).startsWith('v1:')).toBe(true);
    expect(await t.app.get(WebhookEndpointService).sealLegacySecrets()).toBe(0);
    const ping = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}/test`,
      headers: auth,
    });
    await waitStatus(ping.json().deliveryId, 'delivered');
    expect(readmeRecipeVerifies(endpoint.secret, r.requests[r.requests.length - 1])).toBe(true);
    // A sealed value copied from another endpoint does not open here: the attempt fails, nothing is signed with it.
    const other = await createEndpoint(r.url);
    const otherSealed = (
      await pg.query<{ secret: string }>(`SELECT secret FROM webhook_endpoint WHERE id = $1`, [other.id])
    ).rows[0].secret;
    await pg.query(`UPDATE webhook_endpoint SET secret = $2 WHERE id = $1`, [endpoint.id, otherSealed]);
    const received = r.requests.length;
    const ping2 = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}/test`,
      headers: auth,
    });
    const id2 = ping2.json().deliveryId as string;
    await waitFor(async () => (await delivery(id2)).attempts >= 1, 10_000, 'the first attempt');
    expect(await delivery(id2)).toMatchObject({ last_error: 'signing secret cannot be opened' });
    expect(r.requests.length).toBe(received);
    for (const id of [endpoint.id, other.id]) {
      await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${id}`, headers: auth });
    }
  });

  it('a delivery whose job is lost (Redis down at enqueue) is re-queued by the sweep and delivered', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    // Written without a job, as when the queue was unreachable after commit.
    const [{ id }] = (
      await pg.query(
        `INSERT INTO webhook_delivery (endpoint_id, event_key, type, payload, status, next_attempt_at)
         VALUES ($1, $2, 'scenario.matched', '{"occurredAt":"2026-11-24T00:00:00.000Z","data":{}}', 'pending', now())
         RETURNING id`,
        [endpoint.id, `evt-${randomUUID()}`],
      )
    ).rows;
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    expect(await queue.getJobState(webhookJobId(id))).toBe('unknown');
    const swept = await t.app.get(WebhookDeliveryService).sweep(0);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    await waitStatus(id, 'delivered');
    expect(r.requests).toHaveLength(1);
    // Sweeping again changes nothing: the delivered row is closed.
    const again = await t.app.get(WebhookDeliveryService).sweep(0);
    expect(again.requeued).toBe(0);
    expect(r.requests).toHaveLength(1);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('the sweep reaches a lost job behind more than one batch of open deliveries whose jobs are alive', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    const insert = async (updatedAt: string) =>
      (
        await pg.query(
          `INSERT INTO webhook_delivery (endpoint_id, event_key, type, payload, status, next_attempt_at, updated_at)
           VALUES ($1, $2, 'scenario.matched', '{"occurredAt":"2026-11-24T00:00:00.000Z","data":{}}', 'pending', now(),
                   $3::timestamptz)
           RETURNING id`,
          [endpoint.id, `evt-${randomUUID()}`, updatedAt],
        )
      ).rows[0].id as string;
    // A backlog: open deliveries waiting (e.g. throttled for hours) with live delayed jobs, older than the lost one —
    // all in the same microsecond (a cursor cut to milliseconds would walk the first batch forever).
    const waiting: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await insert('2026-01-01 00:00:00.123456+00');
      await queue.add('deliver', { deliveryId: id, retryDelaysMs: [] }, { jobId: webhookJobId(id), delay: 3_600_000 });
      waiting.push(id);
    }
    const lost = await insert('2026-01-01 00:00:01.5+00');
    expect(await queue.getJobState(webhookJobId(lost))).toBe('unknown');
    await t.app.get(WebhookDeliveryService).sweep(0, 2); // batches of 2: the lost one is in the second
    await waitStatus(lost, 'delivered');
    for (const id of waiting) await queue.remove(webhookJobId(id));
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('Redis unreachable at enqueue, in the caller’s transaction: the commit goes through at once, the sweep delivers', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const ds = t.app.get(WebhookDeliveryService)['dataSource'] as import('typeorm').DataSource;
    // A producer whose Redis is down (nothing listens on port 1); everything else is the application's.
    const downConfig = Object.assign(Object.create(t.app.get(AppConfig)) as AppConfig, {
      REDIS_URL: 'redis://127.0.0.1:1/0',
    });
    const downQueue = new WebhookQueue(downConfig);
    const service = new WebhookService(ds, downQueue);
    service.onModuleInit();
    const eventKey = `evt-${randomUUID()}`;
    const started = Date.now();
    try {
      await ds.transaction(async (em) => {
        await service.enqueueForOrganisations(
          {
            eventKey,
            type: 'scenario.matched',
            occurredAt: new Date().toISOString(),
            organisationIds: [admin.organisationId!],
            data: {},
          },
          em,
        );
      });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      ds.subscribers.splice(ds.subscribers.indexOf(service), 1);
      await downQueue.onModuleDestroy();
    }
    const [row] = (
      await pg.query(`SELECT id, status FROM webhook_delivery WHERE event_key = $1 AND endpoint_id = $2`, [
        eventKey,
        endpoint.id,
      ])
    ).rows;
    expect(row.status).toBe('pending');
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    expect(await queue.getJobState(webhookJobId(row.id))).toBe('unknown');
    await t.app.get(WebhookDeliveryService).sweep(0);
    await waitStatus(row.id, 'delivered');
    expect(r.requests).toHaveLength(1);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  }, 20_000);

  it('registers the sweep once as a job scheduler with a fixed id', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    await waitFor(async () => (await queue.getJobSchedulers()).length === 1, 5000, 'the sweep scheduler');
    expect((await queue.getJobSchedulers())[0]).toMatchObject({ key: 'webhook-sweep', name: 'sweep-pending' });
  });

  it('a URL that grows past 2000 characters once normalised (percent-encoding) is a 400 naming url, not a 500', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    // 1,500 characters as sent; 13,500 once the URL parser percent-encodes every 中 (the column allows 2,000).
    const long = `${r.url}/${'中'.repeat(1500)}`;
    expect(long.length).toBeLessThan(2000);
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/organisations/me/webhooks',
      headers: auth,
      payload: { url: long },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0]).toMatchObject({ field: 'url', rule: 'maxLength' });
    const endpoint = await createEndpoint(r.url);
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/organisations/me/webhooks/${endpoint.id}`,
      headers: auth,
      payload: { url: long },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors[0]).toMatchObject({ field: 'url', rule: 'maxLength' });
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });

  it('refuses event types that are not notification types, at creation and on update, and keeps the stored ones', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const base = '/api/v1/organisations/me/webhooks';
    const created = await t.request({
      method: 'POST',
      url: base,
      headers: auth,
      payload: { url: r.url, eventTypes: ['award.result', 'award.resutl'] },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0]).toMatchObject({ field: 'eventTypes', rule: 'isIn' });
    const endpoint = await createEndpoint(r.url, ['award.result']);
    const patched = await t.request({
      method: 'PATCH',
      url: `${base}/${endpoint.id}`,
      headers: auth,
      payload: { eventTypes: ['scenario.matched', 'webhook.ping'] },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors[0]).toMatchObject({ field: 'eventTypes', rule: 'isIn' });
    const list = await t.request({ method: 'GET', url: base, headers: auth });
    const stored = (list.json() as { id: string; eventTypes: string[] }[]).find((e) => e.id === endpoint.id);
    expect(stored?.eventTypes).toEqual(['award.result']);
    await t.request({ method: 'DELETE', url: `${base}/${endpoint.id}`, headers: auth });
  });

  it('a crafted cursor whose date JavaScript reads but PostgreSQL does not is a 400 naming cursor, not a 500', async () => {
    // V8's Date.parse takes all three; PostgreSQL's timestamptz refuses them (syntax, 30 February, year 0).
    for (const createdAt of ['foo 1', '2020-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      const cursor = Buffer.from(JSON.stringify([createdAt, randomUUID()])).toString('base64url');
      for (const [url, headers] of [
        [`/api/v1/organisations/me/webhooks/deliveries?cursor=${cursor}`, auth],
        [`/api/v1/admin/webhook-deliveries?cursor=${cursor}`, staffAuth],
      ] as const) {
        const res = await t.request({ method: 'GET', url, headers });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0]).toMatchObject({ field: 'cursor' });
      }
    }
  });

  it('another organisation’s admin can neither see nor touch my endpoint; the secret is in no list, view or audit record', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const other = {
      authorization: `Bearer ${t.tokenFor({ userId: randomUUID(), organisationId: randomUUID(), role: 'agency_admin' })}`,
    };
    const base = `/api/v1/organisations/me/webhooks/${endpoint.id}`;
    for (const [method, url, payload] of [
      ['PATCH', base, { active: false }],
      ['DELETE', base, undefined],
      ['POST', `${base}/rotate-secret`, undefined],
      ['POST', `${base}/test`, undefined],
    ] as const) {
      const res = await t.request({ method, url, headers: other, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(404);
    }
    const theirList = await t.request({ method: 'GET', url: '/api/v1/organisations/me/webhooks', headers: other });
    expect(theirList.json()).toEqual([]);
    const filtered = await t.request({
      method: 'GET',
      url: `/api/v1/organisations/me/webhooks/deliveries?endpointId=${endpoint.id}`,
      headers: other,
    });
    expect(filtered.json().items).toEqual([]);
    // Still mine, unchanged, with the same secret.
    const [{ active, secret }] = (
      await pg.query(`SELECT active, secret FROM webhook_endpoint WHERE id = $1`, [endpoint.id])
    ).rows;
    expect({ active, secret: t.app.get(WebhookSecretBox).open(secret as string, endpoint.id) }).toEqual({
      active: true,
      secret: endpoint.secret,
    });

    const patched = await t.request({ method: 'PATCH', url: base, headers: auth, payload: { eventTypes: [] } });
    expect(patched.json()).not.toHaveProperty('secret');
    const rotated = (await t.request({ method: 'POST', url: `${base}/rotate-secret`, headers: auth })).json();
    const ping = (await t.request({ method: 'POST', url: `${base}/test`, headers: auth })).json();
    await waitStatus(ping.deliveryId, 'delivered');
    const views = JSON.stringify([
      (await t.request({ method: 'GET', url: '/api/v1/organisations/me/webhooks', headers: auth })).json(),
      (await t.request({ method: 'GET', url: '/api/v1/organisations/me/webhooks/deliveries', headers: auth })).json(),
      (await t.request({ method: 'GET', url: '/api/v1/admin/webhook-deliveries', headers: staffAuth })).json(),
    ]);
    const audit = JSON.stringify(
      (await pg.query(`SELECT before, after FROM audit_record WHERE object_id = $1`, [endpoint.id])).rows,
    );
    for (const s of [endpoint.secret, rotated.secret as string]) {
      expect(views).not.toContain(s);
      expect(audit).not.toContain(s);
    }
    await t.request({ method: 'DELETE', url: base, headers: auth });
  });

  it('DNS that changes after the check: a stored name now resolving to loopback is refused at delivery, nothing sent', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    // As if `localhost` had resolved to a public address when the endpoint was vetted (only 127.0.0.1 is allowed).
    const [{ id: endpointId }] = (
      await pg.query(`INSERT INTO webhook_endpoint (organisation_id, url, secret) VALUES ($1, $2, $3) RETURNING id`, [
        admin.organisationId,
        `http://localhost:${r.port}/hook`,
        `whsec_${'a'.repeat(40)}`,
      ])
    ).rows;
    const [row] = (await enqueue(`evt-${randomUUID()}`)).filter((d) => d.endpoint_id === endpointId);
    await waitStatus(row.id, 'dead');
    expect((await delivery(row.id)).last_error).toMatch(/refused: localhost resolves to/);
    expect(r.requests).toHaveLength(0);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpointId}`, headers: auth });
  });

  it('a receiver answering with NUL bytes (which PostgreSQL text cannot hold) still ends dead, with its attempts recorded', async () => {
    const r = await receiver((_, res) => res.writeHead(500).end(Buffer.from('bad\u0000answer\u0000', 'utf8')));
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const [row] = (await enqueue(`evt-${randomUUID()}`)).filter((d) => d.endpoint_id === endpoint.id);
    await waitStatus(row.id, 'dead');
    const d = await delivery(row.id);
    expect(d).toMatchObject({ attempts: 5, last_status_code: 500 });
    expect(d.last_error).toMatch(/^HTTP 500: bad.answer/);
    expect(r.requests).toHaveLength(5);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  }, 20_000);

  it('queues after the caller’s commit, and nothing when it rolls back', async () => {
    const r = await receiver((_, res) => res.writeHead(200).end());
    receivers.push(r);
    const endpoint = await createEndpoint(r.url);
    const service = t.app.get(WebhookService);
    const ds = t.app.get(WebhookDeliveryService)['dataSource'] as import('typeorm').DataSource;
    const committed = `evt-${randomUUID()}`;
    await ds.transaction(async (em) => {
      await service.enqueueForOrganisations(
        {
          eventKey: committed,
          type: 'scenario.matched',
          occurredAt: new Date().toISOString(),
          organisationIds: [admin.organisationId!],
          data: {},
        },
        em,
      );
    });
    const rolledBack = `evt-${randomUUID()}`;
    await expect(
      ds.transaction(async (em) => {
        await service.enqueueForOrganisations(
          {
            eventKey: rolledBack,
            type: 'scenario.matched',
            occurredAt: new Date().toISOString(),
            organisationIds: [admin.organisationId!],
            data: {},
          },
          em,
        );
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const [row] = (
      await pg.query(`SELECT id FROM webhook_delivery WHERE event_key = $1 AND endpoint_id = $2`, [
        committed,
        endpoint.id,
      ])
    ).rows;
    await waitStatus(row.id, 'delivered');
    expect(
      (await pg.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE event_key = $1`, [rolledBack])).rows[0].n,
    ).toBe(0);
    await t.request({ method: 'DELETE', url: `/api/v1/organisations/me/webhooks/${endpoint.id}`, headers: auth });
  });
});
