import { createTestApp, type TestApp } from '../support/test-app';

/** The API process serves the web front end's build (apps/api/src/http/web-app.ts), here the test fixture build. */
describe('web front end served by the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves index.html at / and for deep links of the app, never cached', async () => {
    for (const url of ['/', '/staff/vetting', '/scenarios/HZ-2026-001?tab=qa', '/vendor/proposals/5f0c']) {
      const res = await t.request({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
      // The security headers apply to the page too.
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves hashed assets with a year of immutable caching', async () => {
    const res = await t.request({ method: 'GET', url: '/assets/index-T3stH4sh.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toContain('test build');
  });

  it('answers missing files and server paths with the API 404, not the page', async () => {
    for (const url of ['/favicon.ico', '/assets/index-old0000.js', '/api/v1/nope', '/api', '/admin/unknown']) {
      const res = await t.request({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toMatchObject({ statusCode: 404 });
    }
  });

  it('leaves the API untouched', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/scenarios' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('items');
    const post = await t.request({ method: 'POST', url: '/staff/vetting' });
    expect(post.statusCode).toBe(404);
  });
});
