import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';
import { endpointRateLimitWait, type RateLimitRedis, WebhookService } from '@app/webhooks';
import { createTestApp, type TestApp } from '../support/test-app';
import { randomUscc } from '../support/fixtures';
import { waitFor } from '../../apps/worker/src/testing/worker-test-context';

/** A loopback receiver answering 200 and noting when each request arrived. */
async function receiver() {
  const times: number[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      times.push(Date.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    times,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhooks: per-endpoint rate limit', () => {
  let t: TestApp;
  let pg: Client;
  let auth: Record<string, string>;
  let admin: Actor;

  beforeAll(async () => {
    t = await createTestApp({
      withWorkers: true,
      env: {
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_ENDPOINT_RATE_LIMIT_MAX: '2',
        WEBHOOK_ENDPOINT_RATE_LIMIT_WINDOW_MS: '1000',
        WEBHOOK_SWEEP_EVERY_MS: '3600000',
      },
    });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const org = await pg.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('vendor', '湖州测试智能科技有限公司', $1, 'wuxing', '王测试', '0572-2345678', 'v@example.cn', 'verified')
       RETURNING id`,
      [randomUscc('9')],
    );
    admin = { userId: randomUUID(), organisationId: org.rows[0].id, role: 'vendor_admin' };
    auth = { authorization: `Bearer ${t.tokenFor(admin)}` };
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('a throttled backlog is spread over the following windows, not woken all at once (no thundering herd)', async () => {
    const client = (await t.app.get<Queue>(getQueueToken(QUEUES.webhooks)).client) as unknown as RateLimitRedis;
    const endpointId = randomUUID();
    const windowMs = 1000;
    const now = 1_000_000 * windowMs + 250; // a quarter into some window
    const waits: number[] = [];
    for (let i = 0; i < 10; i++)
      waits.push(await endpointRateLimitWait(client, 'herd-test', endpointId, 2, windowMs, now));
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    // Every woken job takes one slot of the channel's limiter: at most `max` of them per window boundary, else a
    // backlog of thousands for one endpoint re-wakes all at once each window and holds every other endpoint back.
    const byWake = new Map<number, number>();
    for (const w of waits.slice(2)) {
      expect(w).toBeGreaterThan(0);
      byWake.set(now + w, (byWake.get(now + w) ?? 0) + 1);
    }
    expect(Math.max(...byWake.values())).toBeLessThanOrEqual(2);
    expect(Math.min(...waits.slice(2))).toBe(750); // the first over the limit: the next window
    expect(Math.max(...waits.slice(2))).toBe(750 + 3 * windowMs); // 8 over the limit at 2 a window: 4 windows
  });

  it('spreads one endpoint’s deliveries over windows (delayed, not failed) without slowing another endpoint', async () => {
    const busy = await receiver();
    const quiet = await receiver();
    try {
      const create = async (url: string, eventTypes: string[]) => {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/organisations/me/webhooks',
          headers: auth,
          payload: { url, eventTypes },
        });
        expect(res.statusCode).toBe(201);
        return res.json().id as string;
      };
      const busyId = await create(busy.url, ['scenario.matched']);
      const quietId = await create(quiet.url, ['award.result']);
      const service = t.app.get(WebhookService);
      const started = Date.now();
      const send = (type: string) =>
        service.enqueueForOrganisations({
          eventKey: `evt-${randomUUID()}`,
          type,
          occurredAt: new Date().toISOString(),
          organisationIds: [admin.organisationId!],
          data: {},
        });
      await Promise.all([...Array.from({ length: 6 }, () => send('scenario.matched')), send('award.result')]);
      await waitFor(async () => busy.times.length === 6 && quiet.times.length === 1, 15_000, 'all deliveries');
      // 6 deliveries at 2 per 1 s window need at least three windows: the last arrives ≥ 1 s after the first.
      expect(Math.max(...busy.times) - Math.min(...busy.times)).toBeGreaterThanOrEqual(900);
      // The other endpoint was not held back by the busy one.
      expect(quiet.times[0] - started).toBeLessThan(900);
      const rows = (
        await pg.query(`SELECT status, attempts FROM webhook_delivery WHERE endpoint_id = ANY ($1::uuid[])`, [
          [busyId, quietId],
        ])
      ).rows;
      expect(rows).toHaveLength(7);
      // Throttling used up no attempt: each was delivered at its first.
      expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    } finally {
      await busy.close();
      await quiet.close();
    }
  }, 30_000);
});
