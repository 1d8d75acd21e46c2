import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { Clock } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

/** A complete, valid profile body (without `version`). */
function profileBody(overrides: Record<string, unknown> = {}) {
  return {
    domains: ['manufacturing'],
    capabilityCodes: ['cv_inspection', 'video_analytics'],
    industryFields: ['chips_software'],
    districts: ['wuxing', 'nanxun'],
    description: '## 公司简介\n专注**工业视觉**，为纺织企业提供面料瑕疵检测。',
    products: [{ name: '织物瑕疵在线检测系统', description: '产线实时检测破洞、污渍', url: 'https://example.cn/p' }],
    pastCases: [{ title: '童装面料质检', client: '织里某童装企业', year: 2024, outcome: '漏检率降至 0.5%' }],
    certifications: [{ name: 'ISO 9001', issuer: '中国质量认证中心', validUntil: '2027-06-30' }],
    teamSize: 35,
    trl: 7,
    typicalBudgetMinYuan: 300_000,
    typicalBudgetMaxYuan: 1_200_000,
    ...overrides,
  };
}

describe('vendor capability profiles (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let api: ReturnType<typeof scenarioSetup>;

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    api = scenarioSetup(t);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  const put = (actor: Actor, body: object) => api.call(actor, 'PUT', '/vendors/me/profile', body);
  const mine = (actor: Actor) => api.call(actor, 'GET', '/vendors/me/profile');

  it('creates (201), reads, replaces with the version read (200) and refuses a stale version (409)', async () => {
    const vendor = await api.organisation('vendor');
    expect((await mine(vendor)).statusCode).toBe(404);

    const created = await put(vendor, profileBody());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      organisationId: vendor.organisationId,
      organisationStatus: 'verified',
      listed: true,
      version: 1,
      domains: ['manufacturing'],
      capabilityCodes: ['cv_inspection', 'video_analytics'],
      trl: 7,
      typicalBudgetMinYuan: 300_000,
      pastCases: [{ title: '童装面料质检', scenarioId: null, verified: false }],
      products: [{ name: '织物瑕疵在线检测系统', url: 'https://example.cn/p' }],
    });
    expect(created.json().descriptionHtml).toContain('<strong>工业视觉</strong>');

    const read = await mine(vendor);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created.json());

    // A replacement: fields left out are cleared.
    const replaced = await put(vendor, {
      domains: ['agriculture'],
      capabilityCodes: ['uav_drone'],
      description: '植保无人机',
      version: 1,
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      version: 2,
      domains: ['agriculture'],
      products: [],
      pastCases: [],
      industryFields: [],
      trl: null,
      teamSize: null,
    });

    const stale = await put(vendor, profileBody({ version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'VENDOR_PROFILE_VERSION_CONFLICT',
      details: { current: 2 },
      errors: [{ field: 'version' }],
    });
    // Creating what already exists (no version) is stale too; so is a version for a profile not there.
    expect((await put(vendor, profileBody())).statusCode).toBe(409);
    const other = await api.organisation('vendor');
    const phantom = await put(other, profileBody({ version: 3 }));
    expect(phantom.statusCode).toBe(409);
    expect(phantom.json().details).toEqual({ current: 0 });
    expect((await mine(vendor)).json().version).toBe(2);
  });

  it('lets vendor members edit too, and an unverified vendor keep an unlisted profile', async () => {
    const pending = await api.organisation('vendor', false);
    const member: Actor = { ...pending, userId: randomUUID(), role: 'vendor_member' };
    const res = await put(member, profileBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organisationStatus: 'pending', listed: false });
    expect((await mine(pending)).statusCode).toBe(200);
    const publicDetail = await t.request({ method: 'GET', url: `/api/v1/public/vendors/${pending.organisationId}` });
    expect(publicDetail.statusCode).toBe(404);
    // Staff read any profile, listed or not; an organisation without one is not found.
    const staffRead = await api.call(api.staff, 'GET', `/vendors/${pending.organisationId}/profile`);
    expect(staffRead.statusCode).toBe(200);
    expect(staffRead.json().organisationId).toBe(pending.organisationId);
    const agency = await api.organisation('agency');
    expect((await api.call(api.staff, 'GET', `/vendors/${agency.organisationId}/profile`)).statusCode).toBe(404);
  });

  it('refuses codes outside the taxonomy and broken rules with 400 naming each field', async () => {
    const vendor = await api.organisation('vendor');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ domains: ['manufacturing', 'space'] }, 'domains[1]', 'vendor.unknown_domain'],
      [{ capabilityCodes: ['cv_inspection', 'telepathy'] }, 'capabilityCodes[1]', 'vendor.unknown_capability'],
      [{ industryFields: ['textile'] }, 'industryFields[0]', 'vendor.unknown_industry_field'],
      [{ districts: ['wuxing', 'hangzhou'] }, 'districts[1]', 'vendor.unknown_district'],
      [
        { typicalBudgetMinYuan: 2_000_000, typicalBudgetMaxYuan: 1_000_000 },
        'typicalBudgetMinYuan',
        'vendor.budget_range',
      ],
      [
        { pastCases: [{ title: '未来案例', client: '某单位', year: 2099, outcome: '-' }] },
        'pastCases[0].year',
        'vendor.case_year_future',
      ],
      [
        { pastCases: [{ title: '虚构关联', client: '某单位', year: 2024, outcome: '-', scenarioId: randomUUID() }] },
        'pastCases[0].scenarioId',
        'vendor.case_scenario_unknown',
      ],
      [
        { certifications: [{ name: 'ISO 27001', issuer: '认证机构', validUntil: '2027-02-30' }] },
        'certifications[0].validUntil',
        'vendor.date',
      ],
      [{ trl: 10 }, 'trl', 'max'],
      [{ teamSize: -1 }, 'teamSize', 'min'],
      [{ domains: [] }, 'domains', 'arrayMinSize'],
      [{ capabilityCodes: ['cv_inspection', 'cv_inspection'] }, 'capabilityCodes', 'arrayUnique'],
      [{ description: '' }, 'description', 'isNotEmpty'],
    ];
    for (const [overrides, field, rule] of cases) {
      const res = await put(vendor, profileBody(overrides));
      expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
      expect({ field, errors: res.json().errors }).toEqual({
        field,
        errors: expect.arrayContaining([expect.objectContaining({ field, rule })]),
      });
    }
    // The message names the offending code, in the caller's language.
    const en = await t.request({
      method: 'PUT',
      url: '/api/v1/vendors/me/profile',
      headers: { ...api.auth(vendor), 'accept-language': 'en' },
      payload: profileBody({ capabilityCodes: ['telepathy'] }),
    });
    expect(en.json().errors[0].message).toBe('Unknown capability code: telepathy');
    expect((await mine(vendor)).statusCode).toBe(404);
  });

  it('counts the description in characters as the database does: 10,001 (emoji with a variation selector) is 400, not 500', async () => {
    const vendor = await api.organisation('vendor');
    // U+2764 U+FE0F: two characters for PostgreSQL, one for class-validator's MaxLength.
    const heart = '\u2764\uFE0F';
    const tooLong = await put(vendor, profileBody({ description: `${heart.repeat(5000)}x` }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'description', rule: 'maxLength' })]);
    const atLimit = await put(vendor, profileBody({ description: heart.repeat(5000) }));
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json().description).toBe(heart.repeat(5000));
  });

  it('judges the year of a case by the server clock', async () => {
    const vendor = await api.organisation('vendor');
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2023-06-01T00:00:00Z'));
    try {
      const res = await put(vendor, profileBody());
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'pastCases[0].year', rule: 'vendor.case_year_future' }),
      ]);
    } finally {
      clock.mockRestore();
    }
    expect((await put(vendor, profileBody())).statusCode).toBe(201);
  });

  it('writes a vendor_profile.updated event and an audit record for each change, in its transaction', async () => {
    const vendor = await api.organisation('vendor');
    expect((await put(vendor, profileBody())).statusCode).toBe(201);
    expect((await put(vendor, profileBody({ trl: 8, version: 1 }))).statusCode).toBe(200);
    expect((await put(vendor, profileBody({ version: 1 }))).statusCode).toBe(409);
    const events = await pg.query(
      `SELECT type, aggregate_type, payload FROM outbox_event WHERE aggregate_type = 'vendor_profile' AND aggregate_id = $1
       ORDER BY created_at, id`,
      [vendor.organisationId],
    );
    expect(events.rows).toEqual([
      {
        type: 'vendor_profile.updated',
        aggregate_type: 'vendor_profile',
        payload: { organisationId: vendor.organisationId, version: 1 },
      },
      {
        type: 'vendor_profile.updated',
        aggregate_type: 'vendor_profile',
        payload: { organisationId: vendor.organisationId, version: 2 },
      },
    ]);
    const audit = await pg.query(
      `SELECT action, actor_user_id, before, after FROM audit_record WHERE object_id = $1 ORDER BY id`,
      [vendor.organisationId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['vendor_profile.create', 'vendor_profile.update']),
    );
    const update = audit.rows.find((r) => r.action === 'vendor_profile.update');
    expect(update).toMatchObject({
      actor_user_id: vendor.userId,
      before: { version: 1, trl: 7, products: 1 },
      after: { version: 2, trl: 8, pastCases: 1 },
    });
    const verified = await api.call(api.staff, 'GET', '/audit/verify');
    expect(verified.json()).toMatchObject({ ok: true });
  });

  it('one of two concurrent first PUTs wins; the other gets 409', async () => {
    const vendor = await api.organisation('vendor');
    const results = await Promise.all([put(vendor, profileBody()), put(vendor, profileBody({ trl: 5 }))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const { rows } = await pg.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_type = 'vendor_profile' AND aggregate_id = $1`,
      [vendor.organisationId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('keeps its invariants in the database too', async () => {
    const vendor = await api.organisation('vendor');
    const agency = await api.organisation('agency');
    const insert = (org: string | null, extra = '', values = '') =>
      pg.query(
        `INSERT INTO vendor_profile (organisation_id, description, version${extra}) VALUES ($1, '简介', 1${values})`,
        [org],
      );
    // Only a vendor organisation has a profile.
    await expect(insert(agency.organisationId)).rejects.toMatchObject({ code: '23503' });
    await expect(insert(vendor.organisationId, ', trl', ', 10')).rejects.toMatchObject({
      constraint: 'ck_vendor_profile_trl',
    });
    await expect(insert(vendor.organisationId, ', team_size', ', -1')).rejects.toMatchObject({
      constraint: 'ck_vendor_profile_team_size',
    });
    await expect(
      insert(vendor.organisationId, ', typical_budget_min_yuan, typical_budget_max_yuan', ', 2, 1'),
    ).rejects.toMatchObject({ constraint: 'ck_vendor_profile_budget_range' });
    await insert(vendor.organisationId);
    await expect(insert(vendor.organisationId)).rejects.toMatchObject({ code: '23505' });
  });
});
