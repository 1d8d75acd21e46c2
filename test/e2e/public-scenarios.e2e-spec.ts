import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor, Role } from '@app/common';
import { systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { registrationBody } from '../support/fixtures';

const staff: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'staff' };
const DAY = 86_400_000;
/** The private budget of the tea-garden scenario: must never appear in any public response. */
const PRIVATE_MIN = 777_771;
const PRIVATE_MAX = 888_881;

interface Seed {
  key: string;
  title: string;
  titleEn?: string;
  summary: string;
  domain: string;
  sector: string;
  capabilityCodes: string[];
  district: string;
  budget: [number, number];
  privateBudget?: boolean;
  contactPublic?: boolean;
  deadlineDays: number;
  trl: number;
  /** Where it ends up: `published`, or a later status set directly, or a non-public one. */
  final: 'draft' | 'submitted' | 'rejected' | 'published' | 'closed' | 'awarded' | 'demonstration';
}

const SEEDS: Seed[] = [
  {
    key: 'fabric',
    title: '童装面料瑕疵AI视觉检测',
    titleEn: 'AI fabric inspection for children’s wear',
    summary: '织里童装企业面料瑕疵依赖人工目检，漏检率高。',
    domain: 'manufacturing',
    sector: 'textile',
    capabilityCodes: ['cv_inspection'],
    district: 'wuxing',
    budget: [500_000, 1_500_000],
    deadlineDays: 30,
    trl: 6,
    final: 'published',
  },
  {
    key: 'tea',
    title: '茶园病虫害无人机飞防',
    titleEn: 'Drone crop protection for tea gardens',
    summary: '安吉白茶茶园病虫害监测与精准施药。',
    domain: 'agriculture',
    sector: 'tea_bamboo',
    capabilityCodes: ['uav_drone', 'remote_sensing'],
    district: 'anji',
    budget: [PRIVATE_MIN, PRIVATE_MAX],
    privateBudget: true,
    deadlineDays: 45,
    trl: 7,
    final: 'published',
  },
  {
    key: 'scenic',
    title: '景区游客流量预测与智能调度',
    summary: '节假日景区客流预测，提前调度接驳车辆。',
    domain: 'culture_tourism',
    sector: 'scenic_areas',
    capabilityCodes: ['forecasting', 'video_analytics'],
    district: 'anji',
    budget: [2_000_000, 3_000_000],
    deadlineDays: 20,
    trl: 6,
    final: 'closed',
  },
  {
    key: 'v2x',
    title: '车路协同路口信号优化',
    summary: '德清智能网联示范区路口信号配时优化。',
    domain: 'transport',
    sector: 'road_traffic',
    capabilityCodes: ['v2x', 'traffic_optimization'],
    district: 'deqing',
    budget: [1_000_000, 2_000_000],
    deadlineDays: 25,
    trl: 8,
    final: 'awarded',
  },
  {
    key: 'elevator',
    title: '电梯预测性维护',
    titleEn: 'Predictive maintenance for elevators',
    summary: '南浔电梯企业设备运行数据建模，减少停梯。',
    domain: 'manufacturing',
    sector: 'elevators',
    capabilityCodes: ['predictive_maintenance', 'iot_sensing'],
    district: 'nanxun',
    budget: [300_000, 600_000],
    contactPublic: true,
    deadlineDays: 50,
    trl: 4,
    final: 'published',
  },
  {
    key: 'scheduling',
    title: '童装企业智能排产',
    summary: '小批量多品种订单的排产排程。',
    domain: 'manufacturing',
    sector: 'textile',
    capabilityCodes: ['production_scheduling'],
    district: 'wuxing',
    budget: [800_000, 1_200_000],
    deadlineDays: 60,
    trl: 6,
    final: 'demonstration',
  },
  {
    key: 'draft',
    title: '机密草稿面料瑕疵检测',
    summary: '草稿',
    domain: 'manufacturing',
    sector: 'textile',
    capabilityCodes: ['cv_inspection'],
    district: 'wuxing',
    budget: [1, 2],
    deadlineDays: 30,
    trl: 6,
    final: 'draft',
  },
  {
    key: 'submitted',
    title: '提交中的瑕疵检测场景',
    summary: '审核中',
    domain: 'manufacturing',
    sector: 'textile',
    capabilityCodes: ['cv_inspection'],
    district: 'anji',
    budget: [1, 2],
    deadlineDays: 30,
    trl: 6,
    final: 'submitted',
  },
  {
    key: 'rejected',
    title: '被驳回的瑕疵场景',
    summary: '驳回',
    domain: 'agriculture',
    sector: 'fishery',
    capabilityCodes: ['uav_drone'],
    district: 'anji',
    budget: [1, 2],
    deadlineDays: 30,
    trl: 6,
    final: 'rejected',
  },
];
const PUBLIC_KEYS = ['fabric', 'tea', 'scenic', 'v2x', 'elevator', 'scheduling'];

describe('public opportunity list (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let officer: Actor;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  const auth = (actor: Actor) => ({ authorization: `Bearer ${t.tokenFor(actor)}` });
  const call = (actor: Actor, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, headers: auth(actor), ...(payload ? { payload } : {}) });
  const list = (qs: string, headers: Record<string, string> = {}) =>
    t.request({ method: 'GET', url: `/api/v1/public/scenarios${qs ? `?${qs}` : ''}`, headers });
  const keysOf = (items: { id: string }[]) =>
    items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `unknown:${i.id}`);
  const keys = async (qs: string) => {
    const res = await list(qs);
    expect(res.statusCode).toBe(200);
    return keysOf(res.json().items);
  };

  async function seed(s: Seed): Promise<void> {
    const created = await call(officer, 'POST', '/scenarios', { title: s.title, domain: s.domain });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    ids[s.key] = id;
    const patch = await call(officer, 'PATCH', `/scenarios/${id}`, {
      version: 1,
      summary: s.summary,
      description: `## 背景\n湖州市${s.title}场景，需求明确，数据可用。`,
      sector: s.sector,
      capabilityCodes: s.capabilityCodes,
      district: s.district,
      site: 'agency_site',
      currentSituation: '目前依靠人工，效率低。',
      kpis: [{ metric: '准确率', baseline: '90', target: '99', unit: '%' }],
      dataResources: [{ name: '历史数据', description: '两年数据', accessTerms: '试验场内使用', sandboxed: true }],
      trlRequired: s.trl,
      compliance: {
        algorithmFiling: false,
        generativeAiFiling: false,
        dataSecurityLevel: 'general',
        personalInformation: false,
      },
      budgetMinYuan: s.budget[0],
      budgetMaxYuan: s.budget[1],
      fundingType: 'agency_budget',
      proposalDeadline: new Date(Date.now() + s.deadlineDays * DAY).toISOString(),
      expectedDeliveryMonths: 6,
      contact: { name: '李联系', phone: '0572-2345678', email: 'li@example.gov.cn', public: !!s.contactPublic },
      privateFields: s.privateBudget ? ['budget'] : [],
      ...(s.titleEn ? { titleEn: s.titleEn } : {}),
    });
    expect(patch.statusCode).toBe(200);
    if (s.final === 'draft') return;
    const submitted = await call(officer, 'POST', `/scenarios/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    codes[s.key] = submitted.json().code;
    if (s.final === 'submitted') return;
    if (s.final === 'rejected') {
      expect((await call(staff, 'POST', `/vetting/${id}/reject`, { reason: '不属于AI场景' })).statusCode).toBe(200);
      return;
    }
    expect((await call(staff, 'POST', `/vetting/${id}/approve`)).statusCode).toBe(200);
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), id, 'publish');
    // Later life-cycle stages belong to other features; set them directly.
    if (s.final !== 'published') await pg.query(`UPDATE scenario SET status = $1 WHERE id = $2`, [s.final, id]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: registrationBody('agency') });
    expect(res.statusCode).toBe(201);
    const orgId = res.json().organisation.id as string;
    expect((await call(staff, 'POST', `/organisations/${orgId}/verify`)).statusCode).toBe(200);
    officer = { userId: res.json().user.id, organisationId: orgId, role: 'agency_officer' as Role };
    for (const s of SEEDS) await seed(s);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('lists only public statuses, newest first', async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    expect(keysOf(res.json().items)).toEqual([...PUBLIC_KEYS].reverse());
    expect(res.json().nextCursor).toBeNull();
  });

  it('finds Chinese keywords (incl. 2 characters and synonyms) first, with <mark> highlights', async () => {
    const hit = await list(`q=${encodeURIComponent('瑕疵')}`);
    expect(keysOf(hit.json().items)).toEqual(['fabric']);
    expect(hit.json().items[0].highlights.title).toContain('<mark>瑕疵</mark>');
    expect(hit.json().items[0].highlights.summary).toContain('<mark>瑕疵</mark>');

    const two = await list(`q=${encodeURIComponent('茶园')}`);
    expect(keysOf(two.json().items)[0]).toBe('tea');
    expect(two.json().items[0].highlights.title).toContain('<mark>茶园</mark>');

    expect((await keys(`q=${encodeURIComponent('缺陷')}`))[0]).toBe('fabric');
    expect((await keys(`q=${encodeURIComponent('排产')}`))[0]).toBe('scheduling');
  });

  it('falls back to matching some of the words when none matches them all, and says so', async () => {
    const strict = await list(`q=${encodeURIComponent('面料 瑕疵')}`);
    expect(strict.json().match).toBe('all');
    expect(keysOf(strict.json().items)).toEqual(['fabric']);
    // Nothing mentions 布匹; the page shows what matches 瑕疵 and says the match is partial.
    const relaxed = await list(`q=${encodeURIComponent('布匹 瑕疵')}`);
    expect(relaxed.statusCode).toBe(200);
    expect(relaxed.json().match).toBe('any');
    expect(keysOf(relaxed.json().items)[0]).toBe('fabric');
    expect(keysOf(relaxed.json().items)).not.toContain('draft');
    expect(relaxed.json().facets.domain).toEqual({ manufacturing: 1 });
    // One word that matches nothing stays empty: there is nothing to relax.
    const none = await list(`q=${encodeURIComponent('布匹')}`);
    expect(none.json()).toMatchObject({ items: [], match: 'all' });
  });

  it('finds English keywords (title_en, taxonomy labels)', async () => {
    expect((await keys('q=elevator'))[0]).toBe('elevator');
    expect(await keys('q=drones')).toEqual(['tea']);
    const res = await list('q=elevators');
    expect(res.json().items[0].highlights.title).toBe('电梯预测性维护');
  });

  it('narrows by each filter', async () => {
    expect(await keys('domain=agriculture')).toEqual(['tea']);
    expect((await keys('district=anji')).sort()).toEqual(['scenic', 'tea']);
    expect((await keys('domain=manufacturing&district=wuxing')).sort()).toEqual(['fabric', 'scheduling']);
    expect(await keys('sector=elevators')).toEqual(['elevator']);
    expect(await keys('capability=v2x')).toEqual(['v2x']);
    expect((await keys('capability=cv_inspection,uav_drone')).sort()).toEqual(['fabric', 'tea']);
    expect((await keys('capability=cv_inspection&capability=uav_drone')).sort()).toEqual(['fabric', 'tea']);
    expect((await keys('status=open')).sort()).toEqual(['elevator', 'fabric', 'tea']);
    expect(await keys('status=closed')).toEqual(['scenic']);
    expect(await keys('status=awarded')).toEqual(['v2x']);
    expect(await keys('status=demonstration')).toEqual(['scheduling']);
    // Budget ranges overlap; the private budget never matches.
    expect((await keys('budgetMin=1800000')).sort()).toEqual(['scenic', 'v2x']);
    expect(await keys('budgetMax=400000')).toEqual(['elevator']);
    expect(await keys(`budgetMin=${PRIVATE_MIN}&budgetMax=${PRIVATE_MAX}`)).not.toContain('tea');
    expect(await keys('trl=5')).toEqual(['elevator']);
    const to = new Date(Date.now() + 27 * DAY).toISOString();
    expect((await keys(`deadlineTo=${to}`)).sort()).toEqual(['scenic', 'v2x']);
    const from = new Date(Date.now() + 47 * DAY).toISOString();
    expect((await keys(`deadlineFrom=${from}`)).sort()).toEqual(['elevator', 'scheduling']);
    expect(await keys(`batch=${randomUUID()}`)).toEqual([]);
  });

  it('counts facets over the filtered set, each ignoring its own filter', async () => {
    const all = (await list('')).json().facets;
    expect(all.domain).toEqual({ manufacturing: 3, agriculture: 1, culture_tourism: 1, transport: 1 });
    expect(all.district).toEqual({ wuxing: 2, anji: 2, nanxun: 1, deqing: 1 });
    expect(all.status).toEqual({ open: 3, closed: 1, awarded: 1, demonstration: 1 });
    expect(all.capability).toMatchObject({ cv_inspection: 1, uav_drone: 1, forecasting: 1, v2x: 1 });

    const manuf = (await list('domain=manufacturing')).json().facets;
    expect(manuf.domain).toEqual(all.domain);
    expect(manuf.district).toEqual({ wuxing: 2, nanxun: 1 });
    expect(manuf.status).toEqual({ open: 2, demonstration: 1 });
    expect(manuf.capability).toEqual({
      cv_inspection: 1,
      predictive_maintenance: 1,
      iot_sensing: 1,
      production_scheduling: 1,
    });

    const anjiOpen = (await list('district=anji&status=open')).json();
    expect(keysOf(anjiOpen.items)).toEqual(['tea']);
    expect(anjiOpen.facets.district).toEqual({ wuxing: 1, anji: 1, nanxun: 1 });
    expect(anjiOpen.facets.status).toEqual({ open: 1, closed: 1 });
    expect(anjiOpen.facets.domain).toEqual({ agriculture: 1 });

    const searched = (await list(`q=${encodeURIComponent('童装')}`)).json().facets;
    expect(searched.domain).toEqual({ manufacturing: 2 });
  });

  it('pages through every public scenario exactly once with limit 2, for each sort', async () => {
    const orders: Record<string, string[]> = {};
    for (const sort of ['newest', 'deadline', 'budget', 'relevance']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: string = `sort=${sort}&limit=2&q=${sort === 'relevance' ? encodeURIComponent('湖州') : ''}${
          cursor ? `&cursor=${cursor}` : ''
        }`;
        const res = await list(qs);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.length).toBeLessThanOrEqual(2);
        seen.push(...keysOf(res.json().items));
        cursor = res.json().nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect([...seen].sort()).toEqual([...PUBLIC_KEYS].sort());
      orders[sort] = seen;
    }
    expect(orders.newest).toEqual([...PUBLIC_KEYS].reverse());
    expect(orders.deadline).toEqual(['scenic', 'v2x', 'fabric', 'tea', 'elevator', 'scheduling']);
    // Highest first by the top of the range; the private budget sorts last.
    expect(orders.budget).toEqual(['scenic', 'v2x', 'fabric', 'scheduling', 'elevator', 'tea']);
  });

  it('never shows private fields, in the list or the detail', async () => {
    const body = (await list('limit=50')).body;
    const detail = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${ids.tea}` });
    expect(detail.statusCode).toBe(200);
    for (const raw of [body, detail.body]) {
      expect(raw).not.toContain(String(PRIVATE_MIN));
      expect(raw).not.toContain(String(PRIVATE_MAX));
      expect(raw).not.toContain('search_vector');
    }
    expect(detail.json()).not.toHaveProperty('budgetMinYuan');
    expect(detail.json()).toMatchObject({ questions: [], amendments: [], status: 'published' });
    // List cards carry no contact or long texts; the detail shows a contact only when it is public.
    const items = JSON.parse(body).items as Record<string, unknown>[];
    for (const item of items)
      for (const key of ['contact', 'description', 'kpis']) expect(item).not.toHaveProperty(key);
    const detailOf = async (key: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${ids[key]}` })).json();
    expect(await detailOf('fabric')).not.toHaveProperty('contact');
    expect((await detailOf('elevator')).contact).toMatchObject({ public: true });
    expect(items.find((i) => i.id === ids.fabric)).toMatchObject({ budgetMinYuan: 500_000 });
  });

  it('serves detail by id or code, and 404 for anything not public', async () => {
    const byCode = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${codes.fabric}` });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json().id).toBe(ids.fabric);
    for (const key of ['draft', 'submitted', 'rejected']) {
      expect((await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${ids[key]}` })).statusCode).toBe(404);
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${codes.submitted}` })).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: '/api/v1/public/scenarios/not-a-code' })).statusCode).toBe(404);
  });

  it('sends a strong ETag with Cache-Control, 304 on If-None-Match, and a new ETag after a change', async () => {
    const url = `/api/v1/public/scenarios/${ids.fabric}`;
    const first = await t.request({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await t.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const listed = await list('domain=manufacturing');
    const listEtag = listed.headers.etag as string;
    expect(listed.headers['cache-control']).toBe('public, max-age=60');
    expect((await list('domain=manufacturing', { 'if-none-match': listEtag })).statusCode).toBe(304);

    await pg.query(`UPDATE scenario SET summary = summary || '（更新）', version = version + 1 WHERE id = $1`, [
      ids.fabric,
    ]);
    const changed = await t.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const changedList = await list('domain=manufacturing', { 'if-none-match': listEtag });
    expect(changedList.statusCode).toBe(200);
    expect(changedList.headers.etag).not.toBe(listEtag);
  });

  it('refuses bad query values with 400 naming the field', async () => {
    const other = (await list('sort=deadline&limit=1')).json().nextCursor as string;
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['domain=unknown', 'domain'],
      ['capability=cv_inspection,nope', 'capability'],
      ['cursor=garbage', 'cursor'],
      [`cursor=${other}`, 'cursor'],
      ['budgetMin=2000&budgetMax=1000', 'budgetMin'],
      ['trl=10', 'trl'],
      ['status=draft', 'status'],
      ['sort=random', 'sort'],
      ['deadlineFrom=yesterday', 'deadlineFrom'],
      [`q=${'瑕'.repeat(101)}`, 'q'],
      ['batch=1', 'batch'],
      ['unknown=1', 'unknown'],
    ];
    for (const [qs, field] of cases) {
      const res = await list(qs.replace(/瑕+/, (m) => encodeURIComponent(m)));
      expect({ qs, status: res.statusCode }).toEqual({ qs, status: 400 });
      expect({ qs, fields: res.json().errors.map((e: { field: string }) => e.field) }).toEqual({
        qs,
        fields: expect.arrayContaining([field]),
      });
    }
  });
});
