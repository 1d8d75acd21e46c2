import { loadConfig } from '@app/config';
import { UNSUBSCRIBE_ALL, UnsubscribeLinks, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-links';

const SECRET = 's'.repeat(40);
const USER = '0b9f5c1e-7d2a-4c3b-9e8f-1a2b3c4d5e6f';

describe('unsubscribe tokens', () => {
  it('round-trips a user and a type, and `all`', () => {
    const token = unsubscribeToken(SECRET, USER, 'award.result');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ userId: USER, type: 'award.result' });
    expect(verifyUnsubscribeToken(SECRET, unsubscribeToken(SECRET, USER, UNSUBSCRIBE_ALL))).toEqual({
      userId: USER,
      type: 'all',
    });
  });

  it('is deterministic per (user, type) and differs between them', () => {
    const a = unsubscribeToken(SECRET, USER, 'award.result');
    expect(unsubscribeToken(SECRET, USER, 'award.result')).toBe(a);
    expect(unsubscribeToken(SECRET, USER, 'objection.update')).not.toBe(a);
    expect(unsubscribeToken(SECRET, USER.replace('0b9f', '0b9e'), 'award.result')).not.toBe(a);
  });

  it('refuses another secret, a changed payload or signature, a swapped signature and junk', () => {
    const token = unsubscribeToken(SECRET, USER, 'award.result');
    const [payload, signature] = token.split('.');
    const other = unsubscribeToken(SECRET, USER, 'objection.update').split('.');
    const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
    const bad = [
      unsubscribeToken('t'.repeat(40), USER, 'award.result'),
      `${flip(payload)}.${signature}`,
      `${payload}.${flip(signature)}`,
      `${other[0]}.${signature}`,
      `${payload}.${signature}x`,
      `${payload}`,
      '',
      '..',
      `${payload}.${signature}.${signature}`,
    ];
    for (const t of bad) expect(verifyUnsubscribeToken(SECRET, t)).toBeNull();
  });

  it('refuses a validly signed payload that names no user or no known type', () => {
    const sign = (raw: string) => {
      const payload = Buffer.from(raw).toString('base64url');
      const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      return `${payload}.${createHmac('sha256', SECRET).update(`unsubscribe.${payload}`).digest('base64url')}`;
    };
    expect(verifyUnsubscribeToken(SECRET, sign(`u1:${USER}:award.result`))).not.toBeNull(); // the format itself
    expect(verifyUnsubscribeToken(SECRET, sign(`u1:${USER}:no.such_type`))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, sign(`u1:not-a-user:award.result`))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, sign(`u0:${USER}:award.result`))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, sign(`u1:${USER}:award.result:extra`))).toBeNull();
  });

  it('builds absolute links under PUBLIC_BASE_URL that verify with the configured secret', () => {
    const links = new UnsubscribeLinks(
      loadConfig({ PUBLIC_BASE_URL: 'https://sx.example.cn', NOTIFICATION_UNSUBSCRIBE_SECRET: SECRET }),
    );
    const url = new URL(links.urlFor(USER, 'scenario.deadline_reminder'));
    expect(`${url.origin}${url.pathname}`).toBe('https://sx.example.cn/api/v1/notifications/unsubscribe');
    expect(links.verify(url.searchParams.get('token')!)).toEqual({ userId: USER, type: 'scenario.deadline_reminder' });
    expect(verifyUnsubscribeToken(SECRET, url.searchParams.get('token')!)).not.toBeNull();
  });
});
