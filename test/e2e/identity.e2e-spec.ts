import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../support/test-app';
import { GOOD_PASSWORD, randomUscc, registrationBody, uniqueEmail } from '../support/fixtures';

const staff = { userId: randomUUID(), organisationId: randomUUID(), role: 'staff' as const };

describe('identity and access (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });
  });
  afterAll(async () => t.close());

  async function register(type: 'agency' | 'vendor' = 'vendor') {
    const body = registrationBody(type);
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expect(res.statusCode).toBe(201);
    return { body, result: res.json() };
  }

  async function login(email: string, password = GOOD_PASSWORD) {
    return t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  }

  it('registers a vendor as pending with a vendor_admin, audited and with an outbox event', async () => {
    const { body, result } = await register('vendor');
    expect(result.organisation).toMatchObject({ type: 'vendor', status: 'pending', uscc: body.organisation.uscc });
    expect(result.user).toMatchObject({ role: 'vendor_admin', email: body.user.email });
    expect(result.user.passwordHash).toBeUndefined();
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    try {
      const audit = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1`, [result.organisation.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['organisation.register']);
      const events = await pg.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [result.organisation.id]);
      expect(events.rows.map((r) => r.type)).toEqual(['organisation.registered']);
    } finally {
      await pg.end();
    }
  });

  it('names the USCC rule that failed, in Chinese by default and in English on request', async () => {
    const body = registrationBody('agency', { uscc: '91330500MA2B3C4D5Z' });
    const zh = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors).toEqual([
      expect.objectContaining({
        field: 'organisation.uscc',
        rule: 'uscc.charset',
        message: expect.stringContaining('统一社会信用代码'),
      }),
    ]);
    const valid = randomUscc();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const en = await t.request({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: registrationBody('agency', { uscc: wrongCheck }),
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().errors[0]).toMatchObject({
      rule: 'uscc.check_character',
      message: expect.stringMatching(/check character/),
    });
  });

  it('refuses a duplicate USCC and a duplicate email with 409 naming the field, writing nothing', async () => {
    const { body } = await register('agency');
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: registrationBody('agency', { uscc: body.organisation.uscc }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('organisation.uscc');
    const sameEmail = await t.request({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: registrationBody('vendor', { email: body.user.email.toUpperCase() }),
    });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json()).toMatchObject({ code: 'IDENTITY_EMAIL_TAKEN', errors: [{ field: 'user.email' }] });
  });

  it('refuses a weak password naming the field', async () => {
    const body = registrationBody('vendor');
    body.user.password = 'short1';
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_WEAK_PASSWORD', errors: [{ field: 'user.password' }] });
  });

  it('logs in, reads /me, rotates the refresh token and revokes the family on reuse', async () => {
    const { body } = await register('vendor');
    const bad = await login(body.user.email, 'Wrong-password-1');
    expect(bad.statusCode).toBe(401);
    const session = await login(body.user.email);
    expect(session.statusCode).toBe(200);
    const s = session.json();
    // The dashboard cookie carries the same access token, scoped and locked down.
    expect(session.headers['set-cookie']).toMatch(
      new RegExp(
        `^sx_access_token=${s.accessToken}; Path=/admin/queues; Max-Age=\\d+; HttpOnly; Secure; SameSite=Strict$`,
      ),
    );
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${s.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().organisation.type).toBe('vendor');

    const r1 = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: s.refreshToken },
    });
    expect(r1.statusCode).toBe(200);
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    try {
      const audited = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [
        me.json().user.id,
      ]);
      expect(audited.rows.map((r) => r.action)).toEqual(['auth.login', 'auth.refresh']);
    } finally {
      await pg.end();
    }
    const second = r1.json().refreshToken;
    expect(second).not.toBe(s.refreshToken);
    // The first token is spent: presenting it again is reuse, which revokes the family…
    const reuse = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: s.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('IDENTITY_REFRESH_TOKEN_REUSED');
    // …so the legitimately rotated token no longer works either.
    const after = await t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: second } });
    expect(after.statusCode).toBe(401);
    // A new login starts a new, working family.
    const fresh = (await login(body.user.email)).json();
    const ok = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: fresh.refreshToken },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('logout revokes the session; change password needs the current one and ends all sessions', async () => {
    const { body } = await register('agency');
    const a = (await login(body.user.email)).json();
    const out = await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: a.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    const dead = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: a.refreshToken },
    });
    expect(dead.statusCode).toBe(401);

    const b = (await login(body.user.email)).json();
    const auth = { authorization: `Bearer ${b.accessToken}` };
    const wrong = await t.request({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: auth,
      payload: { currentPassword: 'Not-the-password-9', newPassword: 'Another-good-pass-2026' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const changed = await t.request({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: auth,
      payload: { currentPassword: GOOD_PASSWORD, newPassword: 'Another-good-pass-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: b.refreshToken } }))
        .statusCode,
    ).toBe(401);
    expect((await login(body.user.email)).statusCode).toBe(401);
    expect((await login(body.user.email, 'Another-good-pass-2026')).statusCode).toBe(200);
  });

  describe('access tokens', () => {
    const me = (token: string) =>
      t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    const claims = { sub: randomUUID(), org: null, role: 'staff', typ: 'access' };
    const opts = { issuer: 'scenario-exchange', audience: 'scenario-exchange-api', expiresIn: 300 } as const;

    it('refuses alg none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({ ...claims, iss: opts.issuer, aud: opts.audience, exp: Math.floor(Date.now() / 1000) + 300 }),
      ).toString('base64url');
      const res = await me(`${header}.${payload}.`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('ACCESS_TOKEN_INVALID');
    });

    it('refuses a token signed with another key, another audience, or expired', async () => {
      expect((await me(sign(claims, 'x'.repeat(48), { ...opts, algorithm: 'HS256' }))).statusCode).toBe(401);
      expect(
        (
          await me(
            sign(claims, process.env.JWT_ACCESS_SECRET ?? 'dev-only-jwt-secret-change-me-0123456789abcdef', {
              ...opts,
              audience: 'other',
              algorithm: 'HS256',
            }),
          )
        ).statusCode,
      ).toBe(401);
      const expired = sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
        'dev-only-jwt-secret-change-me-0123456789abcdef',
        {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithm: 'HS256',
        },
      );
      expect((await me(expired)).statusCode).toBe(401);
      // Control: the same claims with the right key and a future expiry pass the guard.
      const good = sign(claims, 'dev-only-jwt-secret-change-me-0123456789abcdef', { ...opts, algorithm: 'HS256' });
      expect((await me(good)).json().code).toBe('IDENTITY_USER_NOT_FOUND');
    });
  });

  it('staff verify or reject pending organisations through the state machine', async () => {
    const { result: a } = await register('vendor');
    const { result: b } = await register('agency');
    const auth = { authorization: `Bearer ${t.tokenFor(staff)}` };
    const pending = await t.request({
      method: 'GET',
      url: '/api/v1/organisations?status=pending&limit=100',
      headers: auth,
    });
    expect(pending.json().items.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([a.organisation.id, b.organisation.id]),
    );
    const verified = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/${a.organisation.id}/verify`,
      headers: auth,
    });
    expect(verified.json().status).toBe('verified');
    const twice = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/${a.organisation.id}/reject`,
      headers: auth,
      payload: { reason: '资料不全' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('COMMON_INVALID_TRANSITION');
    const rejected = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/${b.organisation.id}/reject`,
      headers: auth,
      payload: { reason: '资料不全' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '资料不全' });
  });

  it('lets an organisation admin add members with allowed roles only, and hides other organisations', async () => {
    const { body, result } = await register('vendor');
    const { result: other } = await register('agency');
    const admin = (await login(body.user.email)).json();
    const auth = { authorization: `Bearer ${admin.accessToken}` };
    const orgUrl = `/api/v1/organisations/${result.organisation.id}`;
    const member = {
      email: uniqueEmail('member'),
      password: GOOD_PASSWORD,
      displayName: '李工程师',
      role: 'vendor_member',
    };
    expect(
      (await t.request({ method: 'POST', url: `${orgUrl}/members`, headers: auth, payload: member })).statusCode,
    ).toBe(201);
    const asStaff = { ...member, email: uniqueEmail('x'), role: 'staff' };
    const refused = await t.request({ method: 'POST', url: `${orgUrl}/members`, headers: auth, payload: asStaff });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'IDENTITY_ROLE_NOT_ALLOWED', errors: [{ field: 'role' }] });
    const list = await t.request({ method: 'GET', url: `${orgUrl}/members`, headers: auth });
    expect(
      list
        .json()
        .map((u: { role: string }) => u.role)
        .sort(),
    ).toEqual(['vendor_admin', 'vendor_member']);
    const foreign = await t.request({
      method: 'GET',
      url: `/api/v1/organisations/${other.organisation.id}`,
      headers: auth,
    });
    expect(foreign.statusCode).toBe(404);
    const foreignAdd = await t.request({
      method: 'POST',
      url: `/api/v1/organisations/${other.organisation.id}/members`,
      headers: auth,
      payload: { ...member, email: uniqueEmail('y') },
    });
    expect(foreignAdd.statusCode).toBe(404);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '5' } });
  });
  afterAll(async () => t.close());

  it('answers 429 to repeated bad logins from one IP, but not to another IP', async () => {
    const attempt = (ip: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { email: 'nobody@example.cn', password: 'Wrong-password-1' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt('10.1.1.1')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await attempt('10.1.1.1');
    expect(limited.json().code).toBe('COMMON_RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await attempt('10.2.2.2')).statusCode).toBe(401);
  });
});
