import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';
import { fileUpload, samplePdf } from '../support/upload-fixtures';
import { randomUscc } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Tables an import may write: a refused import leaves every count as it was. */
const TABLES = [
  'organisation',
  'vendor_profile',
  'scenario',
  'scenario_review',
  'scenario_batch',
  'audit_record',
  'outbox_event',
];

const HEADER =
  'key,title,summary,description,domain,sector,capabilities,district,budgetMin,budgetMax,trlRequired,proposalDeadline,kpis';
const deadline = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
const scenarioLine = (
  key: string,
  caps = 'cv_inspection|edge_computing',
  extra: Partial<Record<string, string>> = {},
) =>
  [
    key,
    extra.title ?? `导入场景 ${key}`,
    '织里童装企业验布依赖人工目检，漏检率高，拟引入AI视觉检测提升质检效率。',
    '拟在3家示范企业的验布机上部署工业相机与边缘推理设备。',
    extra.domain ?? 'manufacturing',
    extra.sector ?? 'textile',
    caps,
    'wuxing',
    extra.budgetMin ?? '500000',
    '1500000',
    '6',
    deadline(),
    '缺陷检出率:99:%',
  ].join(',');

describe('imports (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await pg.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    return out;
  };
  const upload = (actor: Actor, route: string, fileName: string, data: Buffer, lang = 'en') => {
    const { payload, headers } = fileUpload(fileName, data);
    return t.request({
      method: 'POST',
      url: `/api/v1/imports/${route}`,
      payload,
      headers: { ...headers, ...s.auth(actor), 'accept-language': lang },
    });
  };

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  describe('vendors', () => {
    it('creates verified vendor organisations with profiles from CSV, firing vendor_profile.updated', async () => {
      const res = await upload(s.staff, 'vendors', 'vendors.csv', fixture('vendors.csv'));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ dryRun: false, format: 'csv', rows: 2, created: 2, updated: 0 });
      const ids = body.items.map((i: { id: string }) => i.id);
      expect(body.items.map((i: { key: string; row: number }) => [i.key, i.row])).toEqual([
        ['v001', 2],
        ['v002', 3],
      ]);
      const orgs = await pg.query(
        `SELECT id, type, status, name_zh FROM organisation WHERE id = ANY ($1) ORDER BY name_zh`,
        [ids],
      );
      expect(orgs.rows.every((o) => o.type === 'vendor' && o.status === 'verified')).toBe(true);
      expect(
        Number((await pg.query(`SELECT count(*) FROM app_user WHERE organisation_id = ANY ($1)`, [ids])).rows[0].count),
      ).toBe(0);
      const profiles = await pg.query(
        `SELECT organisation_id, capability_codes, districts, past_cases, trl FROM vendor_profile WHERE organisation_id = ANY ($1)`,
        [ids],
      );
      expect(profiles.rowCount).toBe(2);
      const v001 = profiles.rows.find((p) => p.organisation_id === ids[0]);
      expect(v001.capability_codes).toEqual(['cv_inspection', 'edge_computing']);
      expect(v001.districts).toEqual(['wuxing', 'nanxun']);
      expect(v001.past_cases.map((c: { title: string }) => c.title)).toEqual([
        '织里某童装企业验布车间疵点检测',
        '南浔某经编企业布面在线检测',
      ]);
      const events = await pg.query(
        `SELECT aggregate_id FROM outbox_event WHERE type = 'vendor_profile.updated' AND aggregate_id = ANY ($1)`,
        [ids],
      );
      expect(events.rowCount).toBe(2);
      const audit = await pg.query(`SELECT after FROM audit_record WHERE action = 'import.vendors'`);
      expect(audit.rows[0].after).toMatchObject({ rows: 2, created: 2, organisationIds: ids });
    });

    it('updates a vendor matched by USCC from JSON (the profile gets a new version)', async () => {
      const first = await upload(s.staff, 'vendors', 'vendors.json', fixture('vendors.json'));
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ created: 1, updated: 0 });
      const id = first.json().items[0].id;
      const changed = JSON.parse(fixture('vendors.json').toString('utf8'));
      changed[0].capabilities = ['forecasting'];
      const again = await upload(s.staff, 'vendors', 'vendors.json', Buffer.from(JSON.stringify(changed)));
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ created: 0, updated: 1, items: [{ id, action: 'updated' }] });
      const p = await pg.query(
        `SELECT version, capability_codes, past_cases FROM vendor_profile WHERE organisation_id = $1`,
        [id],
      );
      expect(p.rows[0].version).toBe(2);
      expect(p.rows[0].capability_codes).toEqual(['forecasting']);
      expect(p.rows[0].past_cases[1]).toMatchObject({ client: '德清某古镇管委会', year: 2024 });
      // A CSV without the optional columns keeps them; a kept minimum above a new maximum is refused.
      const header = 'name,uscc,description,domains,capabilities,typicalBudgetMax';
      const uscc = changed[0].uscc as string;
      const keep = await upload(
        s.staff,
        'vendors',
        'v.csv',
        Buffer.from(`${header}\n${changed[0].name},${uscc},新描述,culture_tourism,forecasting,\n`),
      );
      expect(keep.statusCode).toBe(201);
      const kept = await pg.query(
        `SELECT version, description, districts, past_cases, trl FROM vendor_profile WHERE organisation_id = $1`,
        [id],
      );
      expect(kept.rows[0]).toMatchObject({ version: 3, description: '新描述', districts: ['anji', 'deqing'], trl: 7 });
      expect(kept.rows[0].past_cases).toHaveLength(2);
      const before = await counts();
      const below = await upload(
        s.staff,
        'vendors',
        'v.csv',
        Buffer.from(`${header}\n${changed[0].name},${uscc},新描述,culture_tourism,forecasting,1000\n`),
      );
      expect(below.statusCode).toBe(422);
      expect(below.json().errors).toEqual([
        expect.objectContaining({ row: 2, field: 'typicalBudgetMin', code: 'vendor.budget_range' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a file with one bad row: 422 naming row and field, nothing stored', async () => {
      const lines = fixture('vendors.csv').toString('utf8').trim().split('\n');
      const extra = [3, 4, 5].map(
        (n) =>
          `k${n},湖州新导入${n}号科技有限公司,${randomUscc()},wuxing,赵经理,0572-1234567,zhao${n}@example.cn,做视觉检测,manufacturing,${
            n === 4 ? 'cv_inspection|mind_reading' : 'cv_inspection'
          },,wuxing,,7,100000,200000`,
      );
      const csv = [
        lines[0],
        ...extra,
        `k6,湖州坏码科技有限公司,91330502MA2B3C4D5E,wuxing,赵经理,0572-1234567,bad@example.cn,文本,manufacturing,cv_inspection,,,,12,,`,
      ].join('\n');
      const before = await counts();
      const res = await upload(s.staff, 'vendors', 'bad.csv', Buffer.from(csv));
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe('IMPORT_ROWS_INVALID');
      expect(body.errors).toEqual(
        expect.arrayContaining([
          {
            row: 3,
            field: 'capabilities[1]',
            code: 'vendor.unknown_capability',
            message: 'Unknown capability code: mind_reading',
          },
          expect.objectContaining({ row: 5, field: 'uscc', code: 'uscc.check_character' }),
          expect.objectContaining({ row: 5, field: 'trl', code: 'max' }),
        ]),
      );
      expect(await counts()).toEqual(before);
    });

    it('dry run validates and stores nothing', async () => {
      const before = await counts();
      const csv = fixture('vendors.csv')
        .toString('utf8')
        .replace(/913305\d\dMA2\w+/g, () => randomUscc())
        .replace(/有限公司/g, '（试运行）有限公司');
      const res = await upload(s.staff, 'vendors?dryRun=true', 'vendors.csv', Buffer.from(csv));
      expect([res.statusCode, res.body]).toEqual([200, expect.any(String)]);
      expect(res.json()).toMatchObject({ dryRun: true, rows: 2, created: 0, items: [{ id: null }, { id: null }] });
      expect(await counts()).toEqual(before);
    });
  });

  describe('scenarios', () => {
    it('creates drafts from CSV (quoting, multi-line cells, JSON KPIs) for the agency given by id', async () => {
      const before = Number((await pg.query(`SELECT count(*) FROM scenario`)).rows[0].count);
      const res = await upload(
        s.staff,
        `scenarios?agencyOrganisationId=${agency.organisationId}`,
        'scenarios.csv',
        fixture('scenarios.csv'),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ created: 2, published: 0, batchId: null });
      const ids = res.json().items.map((i: { id: string }) => i.id);
      const rows = await pg.query(
        `SELECT title, status, agency_organisation_id, capability_codes, kpis, contact, description FROM scenario WHERE id = ANY ($1) ORDER BY title DESC`,
        [ids],
      );
      expect(rows.rows.map((r) => r.status)).toEqual(['draft', 'draft']);
      expect(rows.rows.every((r) => r.agency_organisation_id === agency.organisationId)).toBe(true);
      const sheep = rows.rows.find((r) => r.title.startsWith('湖羊'));
      expect(sheep.title).toBe('湖羊养殖AI健康监测（"智慧羊场"）');
      expect(sheep.description).toContain('\n异常以短信推送养殖户');
      expect(sheep.kpis).toEqual([{ metric: '发情检出率', baseline: '60', target: '90', unit: '%' }]);
      expect(sheep.contact).toMatchObject({ name: '王联系', public: true });
      const fabric = rows.rows.find((r) => r.title.startsWith('织里'));
      expect(fabric.kpis).toEqual([
        { metric: '缺陷检出率', baseline: '', target: '99', unit: '%' },
        { metric: '误报率', baseline: '', target: '2', unit: '%' },
      ]);
      expect(Number((await pg.query(`SELECT count(*) FROM scenario`)).rows[0].count)).toBe(before + 2);
      const created = await pg.query(
        `SELECT count(*) FROM outbox_event WHERE type = 'scenario.created' AND aggregate_id = ANY ($1)`,
        [ids],
      );
      expect(Number(created.rows[0].count)).toBe(2);
    });

    it('reads XLSX (first sheet, typed cells) and names the agency by the agency column', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('场景');
      ws.addRow(['title', 'domain', 'sector', 'capabilities', 'budgetMin', 'budgetMax', 'agency', 'proposalDeadline']);
      ws.addRow([
        '太湖航道船舶AI识别',
        'transport',
        'inland_waterway',
        'video_analytics|edge_computing',
        300000,
        800000,
        '湖州市测试局',
        new Date(Date.now() + 40 * 86_400_000),
      ]);
      ws.addRow([
        { richText: [{ text: '公交' }, { text: '智能排班' }] },
        'transport',
        'public_transit',
        'forecasting',
        100000,
        200000,
        '湖州市测试局',
        null,
      ]);
      const res = await upload(s.staff, 'scenarios', '场景清单.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(res.statusCode).toBe(201);
      const ids = res.json().items.map((i: { id: string }) => i.id);
      const rows = await pg.query(
        `SELECT title, budget_max_yuan, agency_organisation_id, proposal_deadline FROM scenario WHERE id = ANY ($1) ORDER BY title`,
        [ids],
      );
      expect(rows.rows.map((r) => r.title).sort()).toEqual(['公交智能排班', '太湖航道船舶AI识别']);
      expect(rows.rows.every((r) => r.agency_organisation_id === agency.organisationId)).toBe(true);
    });

    it('one bad row among many: 422 with the row and field of each problem, nothing stored', async () => {
      const csv = [
        HEADER,
        scenarioLine('a1'),
        scenarioLine('a2'),
        scenarioLine('a3', 'cv_inspection|telepathy'),
        scenarioLine('a4'),
        scenarioLine('a5', 'cv_inspection', { sector: 'fishery', budgetMin: '9000000' }),
        scenarioLine('a6'),
      ].join('\n');
      const before = await counts();
      const res = await upload(
        s.staff,
        `scenarios?agencyOrganisationId=${agency.organisationId}`,
        'list.csv',
        Buffer.from(csv),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        {
          row: 4,
          field: 'capabilities[1]',
          code: 'import.unknown_code',
          message: 'Unknown capability code: telepathy',
        },
        expect.objectContaining({ row: 6, field: 'budgetMin', code: 'scenario.budget_range' }),
        expect.objectContaining({ row: 6, field: 'sector', code: 'scenario.sector_domain' }),
      ]);
      expect(await counts()).toEqual(before);
      // In Chinese as well.
      const zh = await upload(
        s.staff,
        `scenarios?agencyOrganisationId=${agency.organisationId}`,
        'list.csv',
        Buffer.from(csv),
        'zh-CN',
      );
      expect(zh.json().errors[0].message).toBe('未知的capability代码：telepathy');
    });

    it('dry run validates and stores nothing; rows without an agency are refused', async () => {
      const csv = [HEADER, scenarioLine('d1'), scenarioLine('d2')].join('\n');
      const before = await counts();
      const dry = await upload(
        s.staff,
        `scenarios?dryRun=true&agencyOrganisationId=${agency.organisationId}`,
        'x.csv',
        Buffer.from(csv),
      );
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, created: 0 });
      const noAgency = await upload(s.staff, 'scenarios', 'x.csv', Buffer.from(csv));
      expect(noAgency.statusCode).toBe(422);
      expect(noAgency.json().errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
        [2, 'agency'],
        [3, 'agency'],
      ]);
      expect(await counts()).toEqual(before);
    });

    it('publish=true takes the rows through submission, vetting and a batch of their own to published', async () => {
      const res = await upload(
        s.staff,
        `scenarios?publish=true&agencyOrganisationId=${agency.organisationId}`,
        'scenarios.json',
        fixture('scenarios.json'),
      );
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ created: 1, published: 1, batchId: expect.any(String) });
      const id = body.items[0].id;
      const row = await pg.query(`SELECT status, code, batch_id, published_at FROM scenario WHERE id = $1`, [id]);
      expect(row.rows[0]).toMatchObject({ status: 'published', batch_id: body.batchId });
      expect(row.rows[0].code).toMatch(/^HZ-\d{4}-CT-\d{4}$/);
      const batch = await pg.query(`SELECT status FROM scenario_batch WHERE id = $1`, [body.batchId]);
      expect(batch.rows[0].status).toBe('published');
      const transitions = await pg.query(
        `SELECT payload->>'transition' AS t FROM outbox_event WHERE type = 'scenario.transitioned' AND aggregate_id = $1 ORDER BY id`,
        [id],
      );
      expect(transitions.rows.map((r) => r.t).sort()).toEqual(['approve', 'publish', 'submit']);
      const pub = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${id}` });
      expect(pub.statusCode).toBe(200);
    });

    it('publish=true refuses incomplete rows (the submission rules), storing nothing', async () => {
      const before = await counts();
      const csv = [HEADER, scenarioLine('p1')].join('\n');
      const res = await upload(
        s.staff,
        `scenarios?publish=true&agencyOrganisationId=${agency.organisationId}`,
        'x.csv',
        Buffer.from(csv),
      );
      expect(res.statusCode).toBe(422);
      const fields = res.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['site', 'contactName', 'dataSecurityLevel', 'fundingType']));
      expect(await counts()).toEqual(before);
    });
  });

  describe('files and callers', () => {
    it('refuses a file over 5 MiB (413), storing nothing', async () => {
      const big = Buffer.concat([Buffer.from('title,domain,description\n'), Buffer.alloc(5 * 1024 * 1024, 'a')]);
      const res = await upload(s.staff, 'vendors', 'big.csv', big);
      expect([res.statusCode, res.json().code]).toEqual([413, 'IMPORT_FILE_TOO_LARGE']);
    });

    it('is for the centre only', async () => {
      for (const role of ['agency_admin', 'vendor_admin', 'reviewer'] as const) {
        const res = await upload({ ...agency, role }, 'vendors', 'vendors.csv', fixture('vendors.csv'));
        expect(res.statusCode).toBe(403);
      }
      const anonymous = await t.request({
        method: 'POST',
        url: '/api/v1/imports/scenarios',
        ...fileUpload('a.csv', fixture('scenarios.csv')),
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('refuses other file types (415) by extension and by content', async () => {
      const before = await counts();
      expect((await upload(s.staff, 'vendors', 'vendors.txt', fixture('vendors.csv'))).statusCode).toBe(415);
      expect((await upload(s.staff, 'vendors', 'vendors.csv', samplePdf())).statusCode).toBe(415);
      const fakeXlsx = await upload(s.staff, 'vendors', 'vendors.xlsx', fixture('vendors.csv'));
      expect(fakeXlsx.statusCode).toBe(415);
      expect(fakeXlsx.json().code).toBe('IMPORT_FILE_TYPE_NOT_ALLOWED');
      expect(await counts()).toEqual(before);
    });

    it('answers unreadable files with 400 naming the problem', async () => {
      const cases: [string, string, string][] = [
        ['a.csv', 'title,domain\n"unclosed,manufacturing\n', 'import.csv_syntax'],
        ['a.csv', 'title,domain,colour\nx,manufacturing,red\n', 'import.unknown_column'],
        ['a.csv', 'title,summary\nx,y\n', 'import.missing_column'],
        ['a.csv', 'title,domain\n', 'import.no_rows'],
        ['a.json', '{"title": "x"}', 'import.json_shape'],
        ['a.json', '[{"title": "x",', 'import.json_syntax'],
      ];
      for (const [name, text, code] of cases) {
        const res = await upload(
          s.staff,
          `scenarios?agencyOrganisationId=${agency.organisationId}`,
          name,
          Buffer.from(text),
        );
        expect([res.statusCode, res.json().errors[0].code]).toEqual([400, code]);
        expect(res.json().errors[0]).toEqual(
          expect.objectContaining({ field: expect.any(String), message: expect.any(String) }),
        );
      }
      const gbk = Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xba, 0xfe, 0xd6, 0xdd]); // "title\n湖州" in GBK
      const res = await upload(s.staff, 'scenarios', 'gbk.csv', gbk);
      expect([res.statusCode, res.json().errors[0].code]).toEqual([400, 'import.encoding']);
      const notMultipart = await t.request({
        method: 'POST',
        url: '/api/v1/imports/vendors',
        headers: { ...s.auth(s.staff), 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(notMultipart.statusCode).toBe(400);
      const badQuery = await upload(
        s.staff,
        'scenarios?agencyOrganisationId=nope&publish=maybe',
        'a.csv',
        fixture('scenarios.csv'),
      );
      expect(badQuery.statusCode).toBe(400);
      const unknownAgency = await upload(
        s.staff,
        `scenarios?agencyOrganisationId=${s.staff.organisationId}`,
        'a.csv',
        fixture('scenarios.csv'),
      );
      expect([unknownAgency.statusCode, unknownAgency.json().code]).toEqual([400, 'IMPORT_AGENCY_NOT_FOUND']);
    });
  });
});
