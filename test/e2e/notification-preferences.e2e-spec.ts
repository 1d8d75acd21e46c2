import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { NOTIFICATION_TYPES, NotificationPreferenceService, UnsubscribeLinks } from '@app/notifications';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

describe('notification settings: preferences, saved searches, one-click unsubscribe (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let vendor: Actor;
  let agency: Actor;
  let links: UnsubscribeLinks;

  const prefs = (actor: Actor) => s.call(actor, 'GET', '/notifications/preferences');
  const setPrefs = (actor: Actor, items: unknown) => s.call(actor, 'PUT', '/notifications/preferences', { items });
  const modeOf = (body: { items: { type: string; inApp: string; email: string }[] }, type: string) =>
    body.items.find((i) => i.type === type);

  beforeAll(async () => {
    t = await createTestApp({ env: { SAVED_SEARCHES_PER_USER_MAX: '3' } });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    vendor = await s.organisation('vendor');
    agency = await s.organisation('agency');
    links = t.app.get(UnsubscribeLinks);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json();
    expect(Object.keys(doc.paths['/api/v1/notifications/preferences'])).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/api/v1/saved-searches'])).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/saved-searches/{id}'].delete).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/notifications/unsubscribe'])).toEqual(['get', 'post']);
    expect(doc.components.schemas.SavedSearchFiltersDto.properties.q).toBeDefined();
    expect(doc.components.schemas.SavedSearchFiltersDto.properties.cursor).toBeUndefined();
  });

  describe('preferences', () => {
    it('lists every type with labels in both languages and the defaults (email digest for matches)', async () => {
      const res = await prefs(vendor);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.map((i: { type: string }) => i.type)).toEqual([...NOTIFICATION_TYPES]);
      expect(modeOf(body, 'saved_search.matched')).toMatchObject({
        inApp: 'instant',
        email: 'digest',
        label: { 'zh-CN': expect.any(String), en: expect.any(String) },
        defaults: { inApp: 'instant', email: 'digest' },
      });
      expect(modeOf(body, 'award.result')).toMatchObject({ inApp: 'instant', email: 'instant' });
      expect(modeOf(body, 'scenario.deadline_reminder')).toMatchObject({ email: 'instant' });
    });

    it('sets some (type, channel) modes, keeps the others, and is what the pipeline reads', async () => {
      const res = await setPrefs(vendor, [
        { type: 'scenario.matched', channel: 'email', mode: 'instant' },
        { type: 'scenario.matched', channel: 'in_app', mode: 'off' },
        { type: 'award.result', channel: 'email', mode: 'digest' },
      ]);
      expect(res.statusCode).toBe(200);
      expect(modeOf(res.json(), 'scenario.matched')).toMatchObject({ inApp: 'off', email: 'instant' });
      expect(modeOf(res.json(), 'award.result')).toMatchObject({ inApp: 'instant', email: 'digest' });
      expect(modeOf(res.json(), 'saved_search.matched')).toMatchObject({ inApp: 'instant', email: 'digest' });
      // Again, changing one: the earlier choices stay.
      const again = await setPrefs(vendor, [{ type: 'award.result', channel: 'email', mode: 'off' }]);
      expect(modeOf(again.json(), 'scenario.matched')).toMatchObject({ inApp: 'off', email: 'instant' });
      expect(modeOf((await prefs(vendor)).json(), 'award.result')).toMatchObject({ email: 'off' });

      const modes = await t.app
        .get(NotificationPreferenceService)
        .modesFor([vendor.userId, agency.userId], 'scenario.matched');
      expect(modes.get(vendor.userId)).toEqual({ inApp: 'off', email: 'instant' });
      expect(modes.get(agency.userId)).toEqual({ inApp: 'instant', email: 'digest' });
    });

    it('answers 400 naming the item and field: no digest in-app, unknown type, duplicates, empty', async () => {
      const bad = await setPrefs(agency, [
        { type: 'award.result', channel: 'email', mode: 'off' },
        { type: 'award.result', channel: 'in_app', mode: 'off' },
        { type: 'scenario.amended', channel: 'in_app', mode: 'digest' },
      ]);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([
        expect.objectContaining({ field: 'items[2].mode', rule: 'notificationModeForChannel' }),
      ]);
      const duplicate = await setPrefs(agency, [
        { type: 'award.result', channel: 'email', mode: 'off' },
        { type: 'award.result', channel: 'email', mode: 'instant' },
      ]);
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().errors).toEqual([expect.objectContaining({ field: 'items[1]' })]);
      const unknown = await setPrefs(agency, [{ type: 'no.such_type', channel: 'sms', mode: 'instant' }]);
      expect(unknown.statusCode).toBe(400);
      expect(
        unknown
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['items.0.channel', 'items.0.type']);
      expect((await setPrefs(agency, [])).json().errors[0].field).toBe('items');
      const extra = await s.call(agency, 'PUT', '/notifications/preferences', { items: [], userId: randomUUID() });
      expect(extra.statusCode).toBe(400);
      // Nothing was written for the agency by the refused requests.
      expect(modeOf((await prefs(agency)).json(), 'award.result')).toMatchObject({ email: 'instant' });
    });

    it('refuses anonymous callers', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/notifications/preferences' })).statusCode).toBe(401);
    });
  });

  describe('saved searches', () => {
    const save = (actor: Actor, body: object) => s.call(actor, 'POST', '/saved-searches', body);

    it('saves list filters (normalised), lists them newest first, deletes only the owner’s', async () => {
      const first = await save(vendor, {
        name: '  制造业视觉检测 ',
        filters: { q: '瑕疵检测', domain: 'manufacturing', capability: ['cv_inspection', 'cv_inspection'] },
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        name: '制造业视觉检测',
        filters: { q: '瑕疵检测', domain: ['manufacturing'], capability: ['cv_inspection'] },
        listQuery: expect.stringContaining('domain=manufacturing'),
      });
      const second = await save(vendor, { name: '吴兴预算', filters: { district: ['wuxing'], budgetMin: 100000 } });
      expect(second.statusCode).toBe(201);
      const list = await s.call(vendor, 'GET', '/saved-searches');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([second.json().id, first.json().id]);
      expect(list.json().max).toBe(3);
      // Somebody else's: not found, and still there.
      expect((await s.call(agency, 'DELETE', `/saved-searches/${first.json().id}`)).statusCode).toBe(404);
      expect((await s.call(agency, 'GET', '/saved-searches')).json().items).toEqual([]);
      expect((await s.call(vendor, 'DELETE', `/saved-searches/${first.json().id}`)).statusCode).toBe(204);
      expect((await s.call(vendor, 'DELETE', `/saved-searches/${first.json().id}`)).statusCode).toBe(404);
      expect((await s.call(vendor, 'GET', '/saved-searches')).json().items).toHaveLength(1);
    });

    it('answers 400 naming the field for bad filters, none at all, or an inverted budget range', async () => {
      const badDomain = await save(vendor, { name: 'x', filters: { domain: ['space'] } });
      expect(badDomain.statusCode).toBe(400);
      expect(badDomain.json().errors).toEqual([expect.objectContaining({ field: 'filters.domain' })]);
      const empty = await save(vendor, { name: 'x', filters: {} });
      expect(empty.json().errors).toEqual([
        expect.objectContaining({ field: 'filters', rule: 'savedSearchFiltersEmpty' }),
      ]);
      const range = await save(vendor, { name: 'x', filters: { budgetMin: 10, budgetMax: 5 } });
      expect(range.json().errors).toEqual([expect.objectContaining({ field: 'filters.budgetMin' })]);
      const status = await save(vendor, { name: 'x', filters: { q: 'a', status: 'open' } });
      expect(status.json().errors).toEqual([expect.objectContaining({ field: 'filters.status' })]);
      const noName = await save(vendor, { filters: { q: 'a' } });
      expect(noName.json().errors[0].field).toBe('name');
      expect((await s.call(vendor, 'DELETE', '/saved-searches/not-a-uuid')).statusCode).toBe(400);
    });

    it('keeps at most SAVED_SEARCHES_PER_USER_MAX per user (409), also when saved at once', async () => {
      const other = await s.organisation('vendor');
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => save(other, { name: `搜索 ${i}`, filters: { q: `关键词${i}` } })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409]);
      const refused = results.find((r) => r.statusCode === 409)!;
      expect(refused.json()).toMatchObject({ code: 'SAVED_SEARCH_LIMIT_REACHED', details: { max: 3 } });
      const n = await pg.query(`SELECT count(*)::int AS n FROM saved_search WHERE user_id = $1`, [other.userId]);
      expect(n.rows[0].n).toBe(3);
    });

    it('refuses anonymous callers', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/saved-searches' })).statusCode).toBe(401);
    });
  });

  describe('one-click unsubscribe', () => {
    const emailMode = async (userId: string, type: string) =>
      (
        await pg.query(
          `SELECT mode FROM notification_preference WHERE user_id = $1 AND type = $2 AND channel = 'email'`,
          [userId, type],
        )
      ).rows[0]?.mode as string | undefined;

    it('GET shows a confirmation page without login and changes nothing', async () => {
      const url = links.urlFor(agency.userId, 'scenario.vetting_decision');
      expect(url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/notifications\/unsubscribe\?token=/);
      const res = await t.request({ method: 'GET', url: url.replace('http://localhost:3000', '') });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<form method="post"');
      expect(res.body).toContain('场景审核结果');
      expect(await emailMode(agency.userId, 'scenario.vetting_decision')).toBeUndefined();
      const en = await t.request({
        method: 'GET',
        url: url.replace('http://localhost:3000', ''),
        headers: { 'accept-language': 'en' },
      });
      expect(en.body).toContain('Vetting decisions on your scenarios');
    });

    it('POST as a mail client sends it (RFC 8058 form body) turns that type’s email off, idempotently', async () => {
      const path = links.urlFor(agency.userId, 'scenario.vetting_decision').replace('http://localhost:3000', '');
      for (let i = 0; i < 2; i++) {
        const res = await t.request({
          method: 'POST',
          url: path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
      }
      expect(await emailMode(agency.userId, 'scenario.vetting_decision')).toBe('off');
      const modes = await t.app
        .get(NotificationPreferenceService)
        .modesFor([agency.userId], 'scenario.vetting_decision');
      expect(modes.get(agency.userId)).toEqual({ inApp: 'instant', email: 'off' });
      // Without a body (or JSON): the same, answered in JSON.
      const json = await t.request({
        method: 'POST',
        url: links.urlFor(agency.userId, 'award.result').replace('http://localhost:3000', ''),
      });
      expect(json.statusCode).toBe(200);
      expect(json.json()).toEqual({ unsubscribed: true, type: 'award.result' });
      expect(await emailMode(agency.userId, 'award.result')).toBe('off');
    });

    it('the `all` link turns every type’s email off', async () => {
      const res = await t.request({
        method: 'POST',
        url: links.urlFor(vendor.userId, 'all').replace('http://localhost:3000', ''),
      });
      expect(res.json()).toEqual({ unsubscribed: true, type: 'all' });
      const body = (await prefs(vendor)).json();
      expect(body.items.every((i: { email: string }) => i.email === 'off')).toBe(true);
      expect(modeOf(body, 'scenario.matched')).toMatchObject({ inApp: 'off' }); // in-app untouched (chosen earlier)
      expect(modeOf(body, 'award.result')).toMatchObject({ inApp: 'instant' });
    });

    it('answers 400 to a forged, tampered or missing token, unsubscribing nobody', async () => {
      const token = links.tokenFor(agency.userId, 'objection.update');
      const [payload, signature] = token.split('.');
      const otherUser = links.tokenFor(vendor.userId, 'objection.update').split('.')[0];
      const forged = [
        `${otherUser}.${signature}`,
        `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
        'abc',
      ];
      for (const bad of forged) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await t.request({
            method,
            url: `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(bad)}`,
          });
          expect(res.statusCode).toBe(400);
          expect(res.json().errors[0].field).toBe('token');
        }
      }
      const missing = await t.request({ method: 'POST', url: '/api/v1/notifications/unsubscribe' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].field).toBe('token');
      expect(await emailMode(agency.userId, 'objection.update')).toBeUndefined();
    });
  });
});
