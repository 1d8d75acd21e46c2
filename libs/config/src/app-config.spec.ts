import { ConfigValidationError, DEV_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working local defaults for the quick start', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/scenario_exchange');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(c.JWT_ACCESS_SECRET).toBe(DEV_JWT_SECRET);
    expect(c.HTTP_PORT).toBe(3000);
  });

  it('parses numbers, booleans and lists from strings', () => {
    const c = loadConfig({ HTTP_PORT: '8080', TRUST_PROXY: 'true', CORS_ORIGINS: 'https://a.cn, https://b.cn' });
    expect(c.HTTP_PORT).toBe(8080);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.CORS_ORIGINS).toEqual(['https://a.cn', 'https://b.cn']);
  });

  it('refuses a bad port and a non-postgres database URL, naming both', () => {
    try {
      loadConfig({ HTTP_PORT: 'abc', DATABASE_URL: 'mysql://x' });
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      const text = (e as ConfigValidationError).problems.join('\n');
      expect(text).toMatch(/HTTP_PORT/);
      expect(text).toMatch(/DATABASE_URL/);
    }
  });

  it('refuses to start in production without a secret, with a short one, or with the dev default', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: DEV_JWT_SECRET })).toThrow(
      /development default/,
    );
    const ok = loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(16) + 'Y'.repeat(24) });
    expect(ok.isProduction).toBe(true);
  });

  it('defaults the amendment notice to 5 days and accepts only whole days from 1 to 60', () => {
    expect(loadConfig({}).AMENDMENT_MIN_NOTICE_DAYS).toBe(5);
    expect(loadConfig({ AMENDMENT_MIN_NOTICE_DAYS: '10' }).AMENDMENT_MIN_NOTICE_DAYS).toBe(10);
    for (const bad of ['0', '61', '2.5', 'abc']) {
      expect(() => loadConfig({ AMENDMENT_MIN_NOTICE_DAYS: bad })).toThrow(/AMENDMENT_MIN_NOTICE_DAYS/);
    }
  });

  it('defaults attachment storage and limits, and refuses bad limits', () => {
    const c = loadConfig({});
    expect(c.STORAGE_DIR).toBe('./var/storage');
    expect(c.ATTACHMENT_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(c.ATTACHMENTS_PER_SCENARIO_MAX).toBe(10);
    expect(loadConfig({ ATTACHMENT_MAX_BYTES: '65536' }).ATTACHMENT_MAX_BYTES).toBe(65536);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '10' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(() => loadConfig({ ATTACHMENTS_PER_SCENARIO_MAX: '0' })).toThrow(/ATTACHMENTS_PER_SCENARIO_MAX/);
    expect(() => loadConfig({ STORAGE_DIR: '' })).toThrow(/STORAGE_DIR/);
  });
});
