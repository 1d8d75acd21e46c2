import type { AppConfig } from '@app/config';
import { uniqueRedisPrefix } from '../../../../test/support/test-database';
import { TEST_REDIS_URL } from '../../../../test/support/test-run';
import { EmailRateLimiter } from './email-rate-limiter';

describe('EmailRateLimiter (real Redis)', () => {
  const limiters: EmailRateLimiter[] = [];
  afterAll(async () => {
    for (const l of limiters) await l.onApplicationShutdown();
  });

  const limiter = (config: Partial<AppConfig>) => {
    const l = new EmailRateLimiter({ REDIS_URL: TEST_REDIS_URL, ...config } as AppConfig);
    limiters.push(l);
    return l;
  };

  it('lets at most EMAIL_RATE_LIMIT_PER_SECOND sends per second through, across workers', async () => {
    const prefix = uniqueRedisPrefix('ratelimit');
    const workers = [
      limiter({ REDIS_PREFIX: prefix, EMAIL_RATE_LIMIT_PER_SECOND: 5 }),
      limiter({ REDIS_PREFIX: prefix, EMAIL_RATE_LIMIT_PER_SECOND: 5 }),
    ];
    // The window each send was counted in (a clock read after the reply could already be in the next
    // second on a loaded machine, which would make this test flaky without saying anything about the limit).
    const stamps: number[] = [];
    const started = Date.now();
    await Promise.all(
      workers.map(async (w) => {
        for (let i = 0; i < 6; i++) {
          const second = await w.acquire();
          expect(second).not.toBeNull();
          stamps.push(second!);
        }
      }),
    );
    const perSecond = new Map<number, number>();
    for (const s of stamps) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect(stamps).toHaveLength(12);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(5);
    expect(perSecond.size).toBeGreaterThanOrEqual(3); // 12 sends at 5/s span at least three windows
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  }, 20_000);

  it('does not wait when the limit is 0 (off)', async () => {
    const off = limiter({ REDIS_PREFIX: uniqueRedisPrefix('ratelimit'), EMAIL_RATE_LIMIT_PER_SECOND: 0 });
    const started = Date.now();
    for (let i = 0; i < 100; i++) await off.acquire();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
