import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '@app/common';
import { ALL_QUEUES, QUEUES } from '@app/queue';
import { createTestApp, type TestApp } from '../support/test-app';

const actor = (role: Role): Actor => ({ userId: randomUUID(), organisationId: null, role });

/** The value of one sample in Prometheus text format, or undefined when absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('Operations: health, metrics, OpenAPI, Bull Board', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(async () => t.close());

  const bearer = (role: Role) => ({ authorization: `Bearer ${t.tokenFor(actor(role))}` });

  describe('health', () => {
    it('GET /health/live answers 200 without a token and is not cached', async () => {
      const res = await t.request({ method: 'GET', url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok' });
      expect(res.headers['cache-control']).toContain('no-store');
    });

    it('GET /health/ready answers 200 with database, redis and migrations up', async () => {
      const res = await t.request({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'ok',
        info: {
          database: { status: 'up' },
          redis: { status: 'up' },
          migrations: { status: 'up', applied: ds.migrations.length },
        },
        error: {},
      });
    });

    it('GET /health/ready answers 503 naming the pending migration when one is not applied', async () => {
      const [last] = (await ds.query(
        `SELECT id, "timestamp", name FROM schema_migration ORDER BY "timestamp" DESC LIMIT 1`,
      )) as { id: number; timestamp: string; name: string }[];
      await ds.query(`DELETE FROM schema_migration WHERE id = $1`, [last.id]);
      try {
        const res = await t.request({ method: 'GET', url: '/health/ready' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({
          status: 'error',
          info: { database: { status: 'up' }, redis: { status: 'up' } },
          error: { migrations: { status: 'down', pending: [last.name] } },
        });
      } finally {
        await ds.query(`INSERT INTO schema_migration (id, "timestamp", name) VALUES ($1, $2, $3)`, [
          last.id,
          last.timestamp,
          last.name,
        ]);
      }
      expect((await t.request({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    });
  });

  describe('metrics', () => {
    it('GET /metrics exposes process metrics and the HTTP histogram labelled by route pattern, not raw URL', async () => {
      const staff = bearer('staff');
      expect(
        (await t.request({ method: 'GET', url: '/admin/queues/api/queues/domain-events/workers', headers: staff }))
          .statusCode,
      ).toBe(200);
      expect((await t.request({ method: 'GET', url: '/api/v1/no-such-route-8f3a' })).statusCode).toBe(404);

      const res = await t.request({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.body;
      expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(
        sample(text, 'http_request_duration_seconds_count', {
          method: 'GET',
          route: '/admin/queues/api/queues/:queueName/workers',
          status_code: '200',
        }),
      ).toBe(1);
      expect(
        sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' }),
      ).toBeGreaterThanOrEqual(1);
      expect(text).not.toContain('no-such-route-8f3a');
      expect(text).not.toContain('/domain-events/workers');
    });

    it('reports queue depth per queue and state, read on scrape', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.domainEvents), { strict: false });
      const before = await t.request({ method: 'GET', url: '/metrics' });
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(sample(before.body, 'queue_jobs', { queue: 'domain-events', state })).toBe(0);
      }
      await queue.add('ops.test', { n: 1 });
      await queue.add('ops.test', { n: 2 }, { delay: 60_000 });
      const after = await t.request({ method: 'GET', url: '/metrics' });
      expect(sample(after.body, 'queue_jobs', { queue: 'domain-events', state: 'waiting' })).toBe(1);
      expect(sample(after.body, 'queue_jobs', { queue: 'domain-events', state: 'delayed' })).toBe(1);
      await queue.obliterate({ force: true });
    });

    it('reports unsent outbox events and the age of the oldest one, read on scrape', async () => {
      const before = await t.request({ method: 'GET', url: '/metrics' });
      expect(sample(before.body, 'outbox_unsent_events')).toBe(0);
      expect(sample(before.body, 'outbox_lag_seconds')).toBe(0);

      const insert = `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload, created_at, sent_at)
                      VALUES ('user.password_changed', 'user', $1, '{}'::jsonb, now() - make_interval(secs => $2), $3)`;
      await ds.query(insert, [randomUUID(), 90, null]);
      await ds.query(insert, [randomUUID(), 30, null]);
      await ds.query(insert, [randomUUID(), 600, new Date()]); // already sent: not counted
      const after = await t.request({ method: 'GET', url: '/metrics' });
      expect(sample(after.body, 'outbox_unsent_events')).toBe(2);
      const lag = sample(after.body, 'outbox_lag_seconds')!;
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(600);
      expect(sample(after.body, 'metrics_collection_errors_total', { source: 'outbox' }) ?? 0).toBe(0);
      await ds.query(`DELETE FROM outbox_event`);
    });

    it('is not shared between app instances in one process', async () => {
      const other = await createTestApp();
      try {
        const res = await other.request({ method: 'GET', url: '/metrics' });
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('/admin/queues/api/queues/:queueName/workers');
      } finally {
        await other.close();
      }
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document with the bearer scheme and access policies applied', async () => {
      const res = await t.request({ method: 'GET', url: '/api/docs-json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('Scenario Exchange API / 场景机会清单平台');
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      expect(doc.components.schemas.ErrorBody).toBeDefined();
      expect(doc.paths['/health/live'].get).toMatchObject({ security: [], 'x-access-policy': 'public' });
      expect(doc.paths['/health/ready'].get.responses['503']).toBeDefined();
      expect(doc.paths['/metrics'].get).toMatchObject({ security: [] });
    });

    it('serves Swagger UI as HTML at /api/docs', async () => {
      const res = await t.request({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('swagger-ui');
      const init = await t.request({ method: 'GET', url: '/api/docs/swagger-ui-init.js' });
      expect(init.statusCode).toBe(200);
      expect(init.body).toContain('bearerAuth');
    });
  });

  describe('Bull Board', () => {
    const url = '/admin/queues';

    it('answers 401 in the API error shape without a token', async () => {
      const res = await t.request({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({
        statusCode: 401,
        code: 'ACCESS_UNAUTHENTICATED',
        requestId: expect.any(String),
      });
    });

    it('answers 401 for an invalid token, in the header or the cookie', async () => {
      const viaHeader = await t.request({ method: 'GET', url, headers: { authorization: 'Bearer not-a-jwt' } });
      expect(viaHeader.statusCode).toBe(401);
      expect(viaHeader.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
      const viaCookie = await t.request({ method: 'GET', url, headers: { cookie: 'sx_access_token=not-a-jwt' } });
      expect(viaCookie.statusCode).toBe(401);
      expect(viaCookie.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
    });

    it('answers 403 for roles other than staff and platform_admin', async () => {
      for (const role of ['vendor_admin', 'agency_admin', 'reviewer'] as const) {
        const res = await t.request({ method: 'GET', url, headers: bearer(role) });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ statusCode: 403, code: 'ACCESS_FORBIDDEN' });
      }
      const api = await t.request({ method: 'GET', url: `${url}/api/queues`, headers: bearer('vendor_admin') });
      expect(api.statusCode).toBe(403);
    });

    it('serves the dashboard to staff with a bearer token', async () => {
      const res = await t.request({ method: 'GET', url, headers: bearer('staff') });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('Scenario Exchange queues');
    });

    it('serves the dashboard and its API to staff with the access-token cookie', async () => {
      const cookie = `theme=dark; sx_access_token=${t.tokenFor(actor('staff'))}`;
      const page = await t.request({ method: 'GET', url, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const queues = await t.request({ method: 'GET', url: `${url}/api/queues`, headers: { cookie } });
      expect(queues.statusCode).toBe(200);
      expect(queues.json().queues.map((q: { name: string }) => q.name)).toEqual([...ALL_QUEUES]);
    });

    it('serves platform admins', async () => {
      const res = await t.request({ method: 'GET', url: `${url}/api/queues`, headers: bearer('platform_admin') });
      expect(res.statusCode).toBe(200);
    });

    it('refuses cross-site state changes authenticated by cookie, allows same-origin ones', async () => {
      const cookie = `sx_access_token=${t.tokenFor(actor('staff'))}`;
      const pause = `${url}/api/queues/${QUEUES.domainEvents}/pause`;
      const crossSite = await t.request({
        method: 'PUT',
        url: pause,
        headers: { cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(crossSite.statusCode).toBe(403);
      const noOrigin = await t.request({ method: 'PUT', url: pause, headers: { cookie } });
      expect(noOrigin.statusCode).toBe(403);
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.domainEvents), { strict: false });
      expect(await queue.isPaused()).toBe(false);

      const sameOrigin = await t.request({
        method: 'PUT',
        url: pause,
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
      });
      expect(sameOrigin.statusCode).toBe(200);
      expect(await queue.isPaused()).toBe(true);
      const resume = await t.request({
        method: 'PUT',
        url: `${url}/api/queues/${QUEUES.domainEvents}/resume`,
        headers: bearer('staff'),
      });
      expect(resume.statusCode).toBe(200);
      expect(await queue.isPaused()).toBe(false);
    });
  });
});
