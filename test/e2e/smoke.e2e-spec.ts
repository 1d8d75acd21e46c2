import { createTestApp, type TestApp } from '../support/test-app';

describe('API smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers an unknown route with our 404 shape, a request id and security headers', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nope', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('request bodies the parser refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: '65536' } });
  });
  afterAll(async () => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.request({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': contentType } });

  it('answers a body over the limit with 413 in our error shape', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.cn', password: 'x'.repeat(70_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'COMMON_PAYLOAD_TOO_LARGE', requestId: expect.any(String) });
  });

  it('answers broken JSON with 400 and an unsupported content type with 415', async () => {
    const broken = await post('{"email": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('COMMON_MALFORMED_REQUEST');
    const xml = await post('<login/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('COMMON_UNSUPPORTED_MEDIA_TYPE');
  });
});
