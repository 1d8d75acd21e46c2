import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { registrationBody } from '../support/fixtures';

describe('request logs', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream: stream });
  });
  afterAll(async () => t.close());

  const forRequest = (id: string) => lines.filter((l) => l.reqId === id);

  it('writes one JSON line per write with its request id, never the headers', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: registrationBody('vendor'),
      headers: { 'x-request-id': 'req-test-0001', authorization: 'Bearer secret-token-value' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-test-0001');
    expect(forRequest('req-test-0001')).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'scenario-exchange-api',
        method: 'POST',
        route: '/api/v1/auth/register',
        statusCode: 201,
        msg: 'request completed',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-token-value');
  });

  it('logs client errors at warn, and successful reads only at debug', async () => {
    const bad = await t.request({
      method: 'GET',
      url: `/api/v1/organisations/${randomUUID()}`,
      headers: { 'x-request-id': 'req-test-0002' },
    });
    expect(bad.statusCode).toBe(401);
    expect(forRequest('req-test-0002')).toEqual([expect.objectContaining({ level: 40, statusCode: 401 })]);
    const token = t.tokenFor({ userId: randomUUID(), organisationId: randomUUID(), role: 'staff' });
    const ok = await t.request({
      method: 'GET',
      url: '/api/v1/organisations',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-test-0003' },
    });
    expect(ok.statusCode).toBe(200);
    expect(forRequest('req-test-0003')).toEqual([]);
  });

  it('replaces a malformed incoming request id with a fresh one', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(forRequest(String(res.headers['x-request-id']))).toHaveLength(1);
  });
});
