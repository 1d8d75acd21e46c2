import { ConfigValidationError, DEV_JWT_SECRET, DEV_PROPOSAL_SEAL_KEY, loadConfig } from './app-config';

/** A valid proposal sealing key (base64 of 32 bytes) for production cases. */
const SEAL_KEY = Buffer.alloc(32, 7).toString('base64');

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
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(16) + 'Y'.repeat(24),
      PROPOSAL_SEAL_KEY: SEAL_KEY,
    });
    expect(ok.isProduction).toBe(true);
  });

  it('defaults the amendment notice to 5 days and accepts only whole days from 1 to 60', () => {
    expect(loadConfig({}).AMENDMENT_MIN_NOTICE_DAYS).toBe(5);
    expect(loadConfig({ AMENDMENT_MIN_NOTICE_DAYS: '10' }).AMENDMENT_MIN_NOTICE_DAYS).toBe(10);
    for (const bad of ['0', '61', '2.5', 'abc']) {
      expect(() => loadConfig({ AMENDMENT_MIN_NOTICE_DAYS: bad })).toThrow(/AMENDMENT_MIN_NOTICE_DAYS/);
    }
  });

  it('defaults the award standstill to 10 days and accepts only whole days from 1 to 90', () => {
    expect(loadConfig({}).AWARD_STANDSTILL_DAYS).toBe(10);
    expect(loadConfig({ AWARD_STANDSTILL_DAYS: '15' }).AWARD_STANDSTILL_DAYS).toBe(15);
    for (const bad of ['0', '91', '2.5', 'abc']) {
      expect(() => loadConfig({ AWARD_STANDSTILL_DAYS: bad })).toThrow(/AWARD_STANDSTILL_DAYS/);
    }
  });

  it('announces milestones 3 days ahead by default, from 0 (the due day itself) to 60 days', () => {
    expect(loadConfig({}).MILESTONE_DUE_NOTICE_DAYS).toBe(3);
    expect(loadConfig({ MILESTONE_DUE_NOTICE_DAYS: '0' }).MILESTONE_DUE_NOTICE_DAYS).toBe(0);
    for (const bad of ['-1', '61', '1.5', 'abc']) {
      expect(() => loadConfig({ MILESTONE_DUE_NOTICE_DAYS: bad })).toThrow(/MILESTONE_DUE_NOTICE_DAYS/);
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

  it('seals proposals with a development key outside production only; in production the key is required and real', () => {
    expect(loadConfig({}).PROPOSAL_SEAL_KEY).toBe(DEV_PROPOSAL_SEAL_KEY);
    expect(Buffer.from(DEV_PROPOSAL_SEAL_KEY, 'base64')).toHaveLength(32);
    expect(loadConfig({ PROPOSAL_SEAL_KEY: SEAL_KEY }).PROPOSAL_SEAL_KEY).toBe(SEAL_KEY);
    const prod = { NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(prod)).toThrow(/PROPOSAL_SEAL_KEY/);
    expect(() => loadConfig({ ...prod, PROPOSAL_SEAL_KEY: DEV_PROPOSAL_SEAL_KEY })).toThrow(/development default/);
    // Not base64 of exactly 32 bytes: too short, too long, not base64, non-canonical last character.
    for (const bad of [
      Buffer.alloc(16, 1).toString('base64'),
      Buffer.alloc(33, 1).toString('base64'),
      '!'.repeat(43) + '=',
      SEAL_KEY.slice(0, 42) + 'B=',
    ]) {
      expect(() => loadConfig({ PROPOSAL_SEAL_KEY: bad })).toThrow(/PROPOSAL_SEAL_KEY/);
      expect(() => loadConfig({ ...prod, PROPOSAL_SEAL_KEY: bad })).toThrow(/PROPOSAL_SEAL_KEY/);
    }
    expect(loadConfig({ ...prod, PROPOSAL_SEAL_KEY: SEAL_KEY }).PROPOSAL_SEAL_KEY).toBe(SEAL_KEY);
  });

  it('defaults the proposal attachment limit to 20 and refuses bad limits', () => {
    expect(loadConfig({}).PROPOSAL_ATTACHMENTS_MAX).toBe(20);
    expect(loadConfig({ PROPOSAL_ATTACHMENTS_MAX: '5' }).PROPOSAL_ATTACHMENTS_MAX).toBe(5);
    for (const bad of ['0', '101', 'x']) {
      expect(() => loadConfig({ PROPOSAL_ATTACHMENTS_MAX: bad })).toThrow(/PROPOSAL_ATTACHMENTS_MAX/);
    }
  });
});
