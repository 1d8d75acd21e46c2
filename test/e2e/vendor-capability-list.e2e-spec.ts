import { Client } from 'pg';
import type { Actor, Role } from '@app/common';
import { VendorSearchIndexer } from '@app/vendors';
import { createTestApp, type TestApp } from '../support/test-app';
import { registrationBody } from '../support/fixtures';
import { scenarioSetup } from '../support/scenario-setup';

interface VendorSeed {
  key: string;
  name: string;
  /** Where the organisation ends up; only `verified` ones are listed. */
  status: 'verified' | 'pending' | 'rejected';
  profile: Record<string, unknown> | null;
}

const profile = (p: Record<string, unknown>) => ({ industryFields: [], districts: [], ...p });

const VENDORS: VendorSeed[] = [
  {
    key: 'fabric',
    name: '织里智能视觉科技有限公司',
    status: 'verified',
    profile: profile({
      domains: ['manufacturing'],
      capabilityCodes: ['cv_inspection'],
      industryFields: ['chips_software'],
      districts: ['wuxing'],
      description: '## 简介\n湖州本地团队，专注纺织面料瑕疵检测，覆盖破洞、污渍、色差。',
      products: [{ name: '布面在线质检平台', description: '产线实时质检' }],
      trl: 7,
      typicalBudgetMinYuan: 300_000,
      typicalBudgetMaxYuan: 1_200_000,
    }),
  },
  {
    key: 'product',
    name: '南浔慧眼工业科技有限公司',
    status: 'verified',
    profile: profile({
      domains: ['manufacturing'],
      capabilityCodes: ['cv_inspection', 'industrial_robot'],
      industryFields: ['embodied_robotics'],
      districts: ['nanxun', 'wuxing'],
      description: '湖州南浔的工业相机与机器人集成商。',
      products: [{ name: '焊缝瑕疵检测一体机', description: '钢结构焊缝外观质检' }],
      trl: 6,
      typicalBudgetMinYuan: 1_000_000,
      typicalBudgetMaxYuan: 3_000_000,
    }),
  },
  {
    key: 'case',
    name: '德清飞羽农业科技有限公司',
    status: 'verified',
    profile: profile({
      domains: ['agriculture'],
      capabilityCodes: ['uav_drone'],
      districts: ['deqing', 'anji'],
      description: '湖州德清植保无人机服务商，提供飞防与遥感巡田。',
      pastCases: [{ title: '茶叶包装瑕疵检测试点', client: '安吉某茶企', year: 2024, outcome: '人工复检减少一半' }],
      trl: 8,
      typicalBudgetMinYuan: 500_000,
      typicalBudgetMaxYuan: 800_000,
    }),
  },
  {
    key: 'tour',
    name: '安吉数字文旅有限公司',
    status: 'verified',
    profile: profile({
      domains: ['culture_tourism'],
      capabilityCodes: ['digital_human', 'llm_assistant'],
      districts: ['anji'],
      description: '湖州安吉景区数字人导游与智能问答。',
      trl: 5,
    }),
  },
  {
    key: 'v2x',
    name: '德清智行车联网有限公司',
    status: 'verified',
    profile: profile({
      domains: ['transport'],
      capabilityCodes: ['v2x', 'autonomous_driving'],
      industryFields: ['beidou_smart_driving'],
      districts: ['deqing'],
      description: '湖州德清车路协同路口信号优化。',
      trl: 9,
      typicalBudgetMinYuan: 2_000_000,
      typicalBudgetMaxYuan: 5_000_000,
    }),
  },
  {
    key: 'pending',
    name: '待审核瑕疵检测公司',
    status: 'pending',
    profile: profile({
      domains: ['manufacturing'],
      capabilityCodes: ['cv_inspection'],
      description: '湖州面料瑕疵检测（尚未通过审核）。',
    }),
  },
  {
    key: 'rejected',
    name: '被驳回的视觉公司',
    status: 'rejected',
    profile: profile({ domains: ['manufacturing'], capabilityCodes: ['cv_inspection'], description: '湖州瑕疵检测' }),
  },
  { key: 'noProfile', name: '没有清单的公司', status: 'verified', profile: null },
];
const LISTED = ['fabric', 'product', 'case', 'tour', 'v2x'];

describe('public capability list (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let api: ReturnType<typeof scenarioSetup>;
  const vendors: Record<string, Actor> = {};

  const list = (qs: string, headers: Record<string, string> = {}) =>
    t.request({ method: 'GET', url: `/api/v1/public/vendors${qs ? `?${qs}` : ''}`, headers });
  const keysOf = (items: { organisationId: string }[]) =>
    items.map((i) => Object.keys(vendors).find((k) => vendors[k].organisationId === i.organisationId) ?? 'unknown');
  const keys = async (qs: string) => {
    const res = await list(qs);
    expect(res.statusCode).toBe(200);
    return keysOf(res.json().items);
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  async function register(seed: VendorSeed): Promise<Actor> {
    const body = registrationBody('vendor');
    body.organisation.nameZh = seed.name;
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expect(res.statusCode).toBe(201);
    const organisationId = res.json().organisation.id as string;
    const actor = { userId: res.json().user.id, organisationId, role: res.json().user.role as Role };
    if (seed.profile) {
      const put = await api.call(actor, 'PUT', '/vendors/me/profile', seed.profile);
      expect(put.statusCode).toBe(201);
    }
    if (seed.status === 'verified')
      expect((await api.call(api.staff, 'POST', `/organisations/${organisationId}/verify`)).statusCode).toBe(200);
    if (seed.status === 'rejected') {
      const r = await api.call(api.staff, 'POST', `/organisations/${organisationId}/reject`, { reason: '资料不全' });
      expect(r.statusCode).toBe(200);
    }
    return actor;
  }

  /**
   * An awarded proposal of `scenarioId` led by `lead` (members confirmed), written straight into the
   * proposals context's tables: how it got there is that context's business, not this list's.
   */
  async function awardedProposal(scenarioId: string, lead: string | null, members: (string | null)[] = []) {
    const [{ id }] = (
      await pg.query(
        `INSERT INTO proposal (scenario_id, lead_organisation_id, status, sealed_content, created_by)
         VALUES ($1, $2, 'draft', decode(repeat('01', 48), 'hex'), gen_random_uuid()) RETURNING id`,
        [scenarioId, lead],
      )
    ).rows;
    const [receipt] = (
      await pg.query(
        `INSERT INTO proposal_receipt (id, proposal_id, kind, issued_at, document, receipt_sha256)
         VALUES (gen_random_uuid(), $1, 'submission', now(), '{}', md5(random()::text) || md5(random()::text))
         RETURNING id`,
        [id],
      )
    ).rows;
    await pg.query(`UPDATE proposal SET status = 'awarded', submitted_at = now(), receipt_id = $2 WHERE id = $1`, [
      id,
      receipt.id,
    ]);
    for (const [org, role] of [[lead, 'lead'], ...members.map((m) => [m, 'member'])])
      await pg.query(
        `INSERT INTO proposal_member (proposal_id, scenario_id, organisation_id, role, status, confirmed_at)
         VALUES ($1, $2, $3, $4, 'confirmed', now())`,
        [id, scenarioId, org, role],
      );
  }

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    api = scenarioSetup(t);
    for (const seed of VENDORS) vendors[seed.key] = await register(seed);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('lists only verified vendors with a profile, newest first', async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    expect(keysOf(res.json().items)).toEqual([...LISTED].reverse());
    expect(res.json()).toMatchObject({ nextCursor: null, match: 'all' });
    const card = res
      .json()
      .items.find((i: { organisationId: string }) => i.organisationId === vendors.fabric.organisationId);
    expect(card).toMatchObject({
      nameZh: '织里智能视觉科技有限公司',
      domains: ['manufacturing'],
      industryFields: ['chips_software'],
      products: ['布面在线质检平台'],
      caseCount: 0,
      trl: 7,
      typicalBudgetMinYuan: 300_000,
      typicalBudgetMaxYuan: 1_200_000,
    });
    expect(card.summary).toBe('简介\n湖州本地团队，专注纺织面料瑕疵检测，覆盖破洞、污渍、色差。');
    expect(card).not.toHaveProperty('description');
  });

  it('finds a vendor by a Chinese keyword in its description, products or cases, with highlights', async () => {
    const res = await list(q('瑕疵检测'));
    expect(res.json().match).toBe('all');
    expect(keysOf(res.json().items).sort()).toEqual(['case', 'fabric', 'product']);
    for (const item of res.json().items) expect(item.highlights.text).toMatch(/<mark>[^<]*瑕疵/);
    // The product name (weight A) ranks above a description or case mention.
    expect(keysOf(res.json().items)[0]).toBe('product');
    const byCase = res
      .json()
      .items.find((i: { organisationId: string }) => i.organisationId === vendors.case.organisationId);
    expect(byCase.highlights.text).toContain('茶叶包装');
    // By name, and by the taxonomy's labels.
    expect(await keys(q('慧眼'))).toEqual(['product']);
    expect((await list(q('慧眼'))).json().items[0].highlights.name).toContain('<mark>');
    expect(await keys(q('数字人'))).toEqual(['tour']);
    expect(await keys(q('北斗智驾'))).toEqual(['v2x']);
  });

  it('falls back to matching some of the words, and says so', async () => {
    const relaxed = await list(q('瑕疵检测 火箭发动机'));
    expect(relaxed.json().match).toBe('any');
    expect(keysOf(relaxed.json().items).sort()).toEqual(['case', 'fabric', 'product']);
    expect((await list(q('火箭'))).json()).toMatchObject({ items: [], match: 'all' });
  });

  it('counts facets over the filtered set, each ignoring its own filter', async () => {
    const all = (await list('')).json().facets;
    expect(all.domain).toEqual({ manufacturing: 2, agriculture: 1, culture_tourism: 1, transport: 1 });
    expect(all.capability).toMatchObject({ cv_inspection: 2, uav_drone: 1, v2x: 1, digital_human: 1 });
    expect(all.district).toEqual({ wuxing: 2, deqing: 2, anji: 2, nanxun: 1 });
    expect(all.industryField).toEqual({ chips_software: 1, embodied_robotics: 1, beidou_smart_driving: 1 });

    const manuf = (await list('domain=manufacturing')).json();
    expect(keysOf(manuf.items).sort()).toEqual(['fabric', 'product']);
    expect(manuf.facets.domain).toEqual(all.domain);
    expect(manuf.facets.district).toEqual({ wuxing: 2, nanxun: 1 });
    expect(manuf.facets.industryField).toEqual({ chips_software: 1, embodied_robotics: 1 });

    const deqingAgri = (await list('district=deqing&domain=agriculture')).json();
    expect(keysOf(deqingAgri.items)).toEqual(['case']);
    expect(deqingAgri.facets.district).toEqual({ deqing: 1, anji: 1 });
    expect(deqingAgri.facets.domain).toEqual({ agriculture: 1, transport: 1 });

    expect((await list(q('瑕疵检测'))).json().facets.domain).toEqual({ manufacturing: 2, agriculture: 1 });
  });

  it('narrows by TRL, budget overlap, industry field and capability', async () => {
    expect((await keys('trl=8')).sort()).toEqual(['case', 'v2x']);
    expect((await keys('budgetMin=1500000')).sort()).toEqual(['product', 'v2x']);
    expect(await keys('budgetMax=400000')).toEqual(['fabric']);
    expect((await keys('budgetMin=700000&budgetMax=900000')).sort()).toEqual(['case', 'fabric']);
    expect(await keys('industryField=chips_software')).toEqual(['fabric']);
    expect((await keys('capability=cv_inspection,uav_drone')).sort()).toEqual(['case', 'fabric', 'product']);
    expect(await keys('capability=cv_inspection&trl=7')).toEqual(['fabric']);
  });

  it('pages through every listed vendor exactly once with limit 2, newest and by relevance', async () => {
    for (const [sort, extra] of [
      ['newest', ''],
      ['relevance', `&${q('湖州')}`],
    ]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(`sort=${sort}&limit=2${extra}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.length).toBeLessThanOrEqual(2);
        seen.push(...keysOf(res.json().items));
        cursor = res.json().nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect({ sort, pages }).toEqual({ sort, pages: 3 });
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...LISTED].sort());
      if (sort === 'newest') expect(seen).toEqual([...LISTED].reverse());
    }
  });

  it('shows a linked case as verified only when the vendor took part in the awarded, accepted scenario', async () => {
    const agency = await api.organisation('agency');
    const accepted = await api.publishedScenario(agency, '童装面料瑕疵AI视觉检测（已验收）');
    const ongoing = await api.publishedScenario(agency, '电梯预测性维护（实施中）');
    const other = await api.publishedScenario(agency, '茶园病虫害识别（他人中标）');
    await pg.query(`UPDATE scenario SET status = 'accepted' WHERE id = ANY ($1)`, [[accepted.id, other.id]]);
    await pg.query(`UPDATE scenario SET status = 'in_delivery' WHERE id = $1`, [ongoing.id]);
    // fabric led the accepted one with product as a consortium member; tour won the other one.
    await awardedProposal(accepted.id, vendors.fabric.organisationId, [vendors.product.organisationId]);
    await awardedProposal(ongoing.id, vendors.fabric.organisationId);
    await awardedProposal(other.id, vendors.tour.organisationId);

    const fabric = (await api.call(vendors.fabric, 'GET', '/vendors/me/profile')).json();
    const cases = [
      { title: '童装面料检测', client: '某局', year: 2025, outcome: '已验收', scenarioId: accepted.id },
      { title: '电梯维护', client: '某局', year: 2025, outcome: '实施中', scenarioId: ongoing.id },
      { title: '茶园识别', client: '某局', year: 2025, outcome: '声称', scenarioId: other.id },
      { title: '线下项目', client: '某企业', year: 2023, outcome: '自述' },
    ];
    const { version: _v, ...rest } = fabric;
    const put = await api.call(vendors.fabric, 'PUT', '/vendors/me/profile', {
      domains: rest.domains,
      capabilityCodes: rest.capabilityCodes,
      description: rest.description,
      pastCases: cases,
      version: fabric.version,
    });
    expect(put.statusCode).toBe(200);
    const verified = (body: { pastCases: { title: string; verified: boolean }[] }) =>
      Object.fromEntries(body.pastCases.map((c) => [c.title, c.verified]));
    const expected = { 童装面料检测: true, 电梯维护: false, 茶园识别: false, 线下项目: false };
    expect(verified(put.json())).toEqual(expected);
    const detail = await t.request({ method: 'GET', url: `/api/v1/public/vendors/${vendors.fabric.organisationId}` });
    expect(detail.statusCode).toBe(200);
    expect(verified(detail.json())).toEqual(expected);
    // A consortium member delivered it too.
    const product = (await api.call(vendors.product, 'GET', '/vendors/me/profile')).json();
    const memberPut = await api.call(vendors.product, 'PUT', '/vendors/me/profile', {
      domains: product.domains,
      capabilityCodes: product.capabilityCodes,
      description: product.description,
      pastCases: [cases[0]],
      version: product.version,
    });
    expect(verified(memberPut.json())).toEqual({ 童装面料检测: true });
    expect((await keys(`${q('湖州')}&limit=50`)).sort()).toEqual([...LISTED].sort());
  });

  it('serves the public detail of listed vendors only, without workflow fields, cacheable', async () => {
    const url = `/api/v1/public/vendors/${vendors.v2x.organisationId}`;
    const res = await t.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      organisationId: vendors.v2x.organisationId,
      nameZh: '德清智行车联网有限公司',
      industryFields: ['beidou_smart_driving'],
      trl: 9,
    });
    for (const key of ['version', 'listed', 'organisationStatus']) expect(res.json()).not.toHaveProperty(key);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(
      (await t.request({ method: 'GET', url, headers: { 'if-none-match': res.headers.etag as string } })).statusCode,
    ).toBe(304);
    for (const key of ['pending', 'rejected', 'noProfile']) {
      const hidden = await t.request({ method: 'GET', url: `/api/v1/public/vendors/${vendors[key].organisationId}` });
      expect({ key, status: hidden.statusCode }).toEqual({ key, status: 404 });
    }
    const listed = await list('');
    expect(listed.headers.etag).toMatch(/^"[\w-]{43}"$/);
  });

  it('lists a vendor once it is verified, and its changes at once', async () => {
    const seed = VENDORS.find((v) => v.key === 'pending')!;
    expect(await keys(q('待审核'))).toEqual([]);
    expect(
      (await api.call(api.staff, 'POST', `/organisations/${vendors.pending.organisationId}/verify`)).statusCode,
    ).toBe(200);
    expect(await keys(q('待审核'))).toEqual(['pending']);
    const current = (await api.call(vendors.pending, 'GET', '/vendors/me/profile')).json();
    const put = await api.call(vendors.pending, 'PUT', '/vendors/me/profile', {
      ...seed.profile,
      description: '湖州余热回收节能优化。',
      capabilityCodes: ['energy_optimization'],
      version: current.version,
    });
    expect(put.statusCode).toBe(200);
    expect(await keys(q('余热回收'))).toEqual(['pending']);
    expect(await keys('capability=energy_optimization')).toEqual(['pending']);
  });

  it('rebuilds every search vector with the indexer (after analyzer or dictionary changes)', async () => {
    await pg.query(`UPDATE vendor_profile SET search_vector = ''`);
    expect(await keys(q('慧眼'))).toEqual([]);
    expect(await t.app.get(VendorSearchIndexer).reindexAll({ batchSize: 2 })).toBe(
      VENDORS.filter((v) => v.profile).length,
    );
    expect(await keys(q('慧眼'))).toEqual(['product']);
    expect(await keys(q('余热回收'))).toEqual(['pending']);
  });

  it('refuses bad query values with 400 naming the field', async () => {
    const other = (await list('sort=newest&limit=1')).json().nextCursor as string;
    const cases: [string, string][] = [
      ['domain=unknown', 'domain'],
      ['industryField=textile', 'industryField'],
      ['capability=cv_inspection,nope', 'capability'],
      ['district=hangzhou', 'district'],
      ['trl=0', 'trl'],
      ['budgetMin=2000&budgetMax=1000', 'budgetMin'],
      ['sort=deadline', 'sort'],
      ['limit=51', 'limit'],
      ['cursor=garbage', 'cursor'],
      [`sort=relevance&${q('湖州')}&cursor=${other}`, 'cursor'],
      ['status=open', 'status'],
    ];
    for (const [qs, field] of cases) {
      const res = await list(qs);
      expect({ qs, status: res.statusCode }).toEqual({ qs, status: 400 });
      expect({ qs, fields: res.json().errors.map((e: { field: string }) => e.field) }).toEqual({
        qs,
        fields: expect.arrayContaining([field]),
      });
    }
  });
});
