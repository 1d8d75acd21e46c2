import {
  ConfigValidationError,
  DEV_JWT_SECRET,
  DEV_PROPOSAL_SEAL_KEY,
  DEV_WEBHOOK_SECRET_KEY,
  DEV_UNSUBSCRIBE_SECRET,
  loadConfig,
} from './app-config';

/** A valid proposal sealing key (base64 of 32 bytes) for production cases. */
const SEAL_KEY = Buffer.alloc(32, 7).toString('base64');
const WEBHOOK_KEY = Buffer.alloc(32, 9).toString('base64');

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
      WEBHOOK_SECRET_KEY: WEBHOOK_KEY,
      NOTIFICATION_UNSUBSCRIBE_SECRET: 'u'.repeat(40),
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

  it('defaults matching settings (threshold 60, top 100, 300 candidates, 1 thread) and refuses bad ones', () => {
    const c = loadConfig({});
    expect([c.MATCH_NOTIFY_THRESHOLD, c.MATCH_STORE_TOP_N, c.MATCH_CANDIDATES, c.MATCH_SCORING_THREADS]).toEqual([
      60, 100, 300, 1,
    ]);
    expect(loadConfig({ MATCH_SCORING_THREADS: '0' }).MATCH_SCORING_THREADS).toBe(0);
    for (const [key, bad] of [
      ['MATCH_NOTIFY_THRESHOLD', '101'],
      ['MATCH_STORE_TOP_N', '0'],
      ['MATCH_CANDIDATES', '5'],
      ['MATCH_SCORING_THREADS', '-1'],
      ['MATCH_CANDIDATES', 'abc'],
    ]) {
      expect(() => loadConfig({ [key]: bad })).toThrow(new RegExp(key));
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
    const prod = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(40),
      NOTIFICATION_UNSUBSCRIBE_SECRET: 'u'.repeat(40),
    };
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
    expect(
      loadConfig({ ...prod, PROPOSAL_SEAL_KEY: SEAL_KEY, WEBHOOK_SECRET_KEY: WEBHOOK_KEY }).PROPOSAL_SEAL_KEY,
    ).toBe(SEAL_KEY);
  });

  it('seals webhook secrets with a development key outside production only; in production the key is required and real', () => {
    expect(loadConfig({}).WEBHOOK_SECRET_KEY).toBe(DEV_WEBHOOK_SECRET_KEY);
    expect(Buffer.from(DEV_WEBHOOK_SECRET_KEY, 'base64')).toHaveLength(32);
    const prod = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(40),
      PROPOSAL_SEAL_KEY: SEAL_KEY,
      NOTIFICATION_UNSUBSCRIBE_SECRET: 'u'.repeat(40),
    };
    expect(() => loadConfig(prod)).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(() => loadConfig({ ...prod, WEBHOOK_SECRET_KEY: DEV_WEBHOOK_SECRET_KEY })).toThrow(/development default/);
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: Buffer.alloc(16, 1).toString('base64') })).toThrow(
      /WEBHOOK_SECRET_KEY/,
    );
    expect(loadConfig({ ...prod, WEBHOOK_SECRET_KEY: WEBHOOK_KEY }).WEBHOOK_SECRET_KEY).toBe(WEBHOOK_KEY);
  });

  it('signs unsubscribe links with a development key outside production only; in production a strong one is required', () => {
    expect(loadConfig({}).NOTIFICATION_UNSUBSCRIBE_SECRET).toBe(DEV_UNSUBSCRIBE_SECRET);
    const prod = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(40),
      PROPOSAL_SEAL_KEY: SEAL_KEY,
      WEBHOOK_SECRET_KEY: WEBHOOK_KEY,
    };
    expect(() => loadConfig(prod)).toThrow(/NOTIFICATION_UNSUBSCRIBE_SECRET/);
    expect(() => loadConfig({ ...prod, NOTIFICATION_UNSUBSCRIBE_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...prod, NOTIFICATION_UNSUBSCRIBE_SECRET: DEV_UNSUBSCRIBE_SECRET })).toThrow(
      /development default/,
    );
    expect(
      loadConfig({ ...prod, NOTIFICATION_UNSUBSCRIBE_SECRET: 'k'.repeat(32) }).NOTIFICATION_UNSUBSCRIBE_SECRET,
    ).toBe('k'.repeat(32));
  });

  it('defaults the SMTP pool, timeout and saved-search limit, and refuses bad values', () => {
    const c = loadConfig({});
    expect([c.SMTP_POOL_SIZE, c.SMTP_TIMEOUT_MS, c.SAVED_SEARCHES_PER_USER_MAX]).toEqual([5, 10000, 20]);
    expect(() => loadConfig({ SMTP_POOL_SIZE: '0' })).toThrow(/SMTP_POOL_SIZE/);
    expect(() => loadConfig({ SMTP_TIMEOUT_MS: 'x' })).toThrow(/SMTP_TIMEOUT_MS/);
    expect(() => loadConfig({ SAVED_SEARCHES_PER_USER_MAX: '0' })).toThrow(/SAVED_SEARCHES_PER_USER_MAX/);
  });

  it('webhooks: https only, no SSRF exceptions, a 24 h retry window by default; refuses bad values', () => {
    const c = loadConfig({});
    expect([c.WEBHOOK_ALLOW_HTTP, c.WEBHOOK_ALLOWED_HOSTS, c.WEBHOOK_RETRY_WINDOW_MS]).toEqual([false, [], 86400000]);
    const t = loadConfig({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, hooks.local:8080,10.0.0.0/8,[::1]:9',
    });
    expect([t.WEBHOOK_ALLOW_HTTP, t.WEBHOOK_ALLOWED_HOSTS]).toEqual([
      true,
      ['127.0.0.1', 'hooks.local:8080', '10.0.0.0/8', '[::1]:9'],
    ]);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://x/' })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(() => loadConfig({ WEBHOOK_BACKOFF_BASE_MS: '0' })).toThrow(/WEBHOOK_BACKOFF_BASE_MS/);
    expect(() => loadConfig({ WEBHOOK_HEADERS_TIMEOUT_MS: 'x' })).toThrow(/WEBHOOK_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ WEBHOOK_RATE_LIMIT_MAX: '0' })).toThrow(/WEBHOOK_RATE_LIMIT_MAX/);
  });

  it('notification pipeline: defaults (cap 5/day, chunks of 500, 200 emails/s) and refuses bad values', () => {
    const c = loadConfig({});
    expect([
      c.MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY,
      c.NOTIFICATION_CHUNK_SIZE,
      c.NOTIFICATION_WORKER_CONCURRENCY,
      c.NOTIFICATION_EMAIL_MAX_ATTEMPTS,
      c.NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB,
      c.EMAIL_RATE_LIMIT_PER_SECOND,
      c.NOTIFICATION_LOCK_MS,
      c.NOTIFICATION_STALLED_INTERVAL_MS,
    ]).toEqual([5, 500, 4, 5, 1, 200, 30000, 30000]);
    expect(loadConfig({ EMAIL_RATE_LIMIT_PER_SECOND: '0' }).EMAIL_RATE_LIMIT_PER_SECOND).toBe(0);
    for (const [key, bad] of [
      ['MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY', '-1'],
      ['NOTIFICATION_CHUNK_SIZE', '0'],
      ['NOTIFICATION_WORKER_CONCURRENCY', '65'],
      ['NOTIFICATION_EMAIL_MAX_ATTEMPTS', 'x'],
      ['NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB', '0'],
      ['EMAIL_RATE_LIMIT_PER_SECOND', '-5'],
      ['NOTIFICATION_LOCK_MS', '10'],
      ['NOTIFICATION_STALLED_INTERVAL_MS', '1.5'],
    ]) {
      expect(() => loadConfig({ [key]: bad })).toThrow(new RegExp(key));
    }
  });

  it('defaults the proposal attachment limit to 20 and refuses bad limits', () => {
    expect(loadConfig({}).PROPOSAL_ATTACHMENTS_MAX).toBe(20);
    expect(loadConfig({ PROPOSAL_ATTACHMENTS_MAX: '5' }).PROPOSAL_ATTACHMENTS_MAX).toBe(5);
    for (const bad of ['0', '101', 'x']) {
      expect(() => loadConfig({ PROPOSAL_ATTACHMENTS_MAX: bad })).toThrow(/PROPOSAL_ATTACHMENTS_MAX/);
    }
  });
});
