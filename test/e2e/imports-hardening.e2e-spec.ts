import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Client } from 'pg';
import { type Actor, Clock } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';
import { fileUpload } from '../support/upload-fixtures';
import { randomUscc } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const TABLES = [
  'organisation',
  'vendor_profile',
  'scenario',
  'scenario_review',
  'scenario_batch',
  'audit_record',
  'outbox_event',
];

const deadline = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
const VENDOR_HEADER =
  'key,name,uscc,registeredDistrict,contactName,contactPhone,contactEmail,description,domains,capabilities,districts,trl';
let vendorSeq = 0;
const vendorLine = (key: string, uscc = randomUscc(), name = `湖州加固${++vendorSeq}号科技有限公司`) =>
  [
    key,
    name,
    uscc,
    'wuxing',
    '赵经理',
    '0572-1234567',
    `v${vendorSeq}@example.cn`,
    '做视觉检测',
    'manufacturing',
    'cv_inspection',
    'wuxing',
    '7',
  ].join(',');

/** A minimal workbook (title, domain) rebuilt with JSZip so its parts can be changed. */
async function workbookZip(
  rows: unknown[][] = [
    ['title', 'domain'],
    ['导入场景', 'manufacturing'],
  ],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
}
const zipBuffer = (zip: JSZip) =>
  zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

describe('imports: hardening (HTTP)', () => {
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
  const scenarios = (fileName: string, data: Buffer, qs = '') =>
    upload(s.staff, `scenarios?agencyOrganisationId=${agency.organisationId}${qs}`, fileName, data);

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

  describe('malformed XLSX never answers 500', () => {
    it('a zip that is not a workbook, a workbook with a broken sheet or missing parts: 400/415, nothing stored', async () => {
      const before = await counts();
      const notWorkbook = new JSZip();
      notWorkbook.file('[Content_Types].xml', '<Types/>');
      notWorkbook.file('xl/hello.txt', 'hi');
      const broken = await workbookZip();
      broken.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v>');
      const noSheet = await workbookZip();
      noSheet.remove('xl/worksheets/sheet1.xml');
      const badSharedString = await workbookZip();
      badSharedString.file(
        'xl/worksheets/sheet1.xml',
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
          '<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c><c r="B1" t="inlineStr"><is><t>domain</t></is></c></row>' +
          '<row r="2"><c r="A2" t="s"><v>999</v></c><c r="B2" t="inlineStr"><is><t>manufacturing</t></is></c></row>' +
          '</sheetData></worksheet>',
      );
      for (const zip of [notWorkbook, broken, noSheet, badSharedString]) {
        const res = await scenarios('x.xlsx', await zipBuffer(zip));
        expect([400, 415, 422]).toContain(res.statusCode);
      }
      const truncated = (await zipBuffer(await workbookZip())).subarray(0, 600);
      expect([400, 415]).toContain((await scenarios('x.xlsx', truncated)).statusCode);
      expect(await counts()).toEqual(before);
    });

    it('reads formula results, error cells, merged cells and hyperlinks as values', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['key', 'title', 'domain', 'summary', 'budgetMin', 'budgetMax', 'trlRequired']);
      ws.addRow([
        'f1',
        { formula: 'CONCATENATE("公式","场景")', result: '公式场景' },
        'manufacturing',
        { text: '链接摘要', hyperlink: 'https://example.cn/' },
        { formula: '1000*100', result: 100000 },
        200000,
        { formula: '1/0', result: { error: '#DIV/0!' } },
      ]);
      ws.addRow(['f2', '合并单元格场景', 'manufacturing', '合并', null, null, null]);
      ws.mergeCells('C2:C3');
      const before = Number((await pg.query(`SELECT count(*) FROM scenario`)).rows[0].count);
      const res = await scenarios('f.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(res.statusCode).toBe(201);
      const ids = res.json().items.map((i: { id: string }) => i.id);
      const rows = await pg.query(
        `SELECT title, domain, summary, budget_min_yuan::int, trl_required FROM scenario WHERE id = ANY ($1) ORDER BY title`,
        [ids],
      );
      expect(rows.rows).toEqual([
        {
          title: '公式场景',
          domain: 'manufacturing',
          summary: '链接摘要',
          budget_min_yuan: 100000,
          trl_required: null,
        },
        {
          title: '合并单元格场景',
          domain: 'manufacturing',
          summary: '合并',
          budget_min_yuan: null,
          trl_required: null,
        },
      ]);
      expect(Number((await pg.query(`SELECT count(*) FROM scenario`)).rows[0].count)).toBe(before + 2);
    });

    it('reads an XLSX date cell (no zone in Excel) as Huzhou time, UTC+8', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['title', 'domain', 'proposalDeadline']);
      // What a user in Huzhou types as 2030-06-30 17:00 (ExcelJS hands wall-clock times over as UTC).
      ws.addRow(['日期场景', 'manufacturing', new Date(Date.UTC(2030, 5, 30, 17, 0))]);
      const res = await scenarios('d.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(res.statusCode).toBe(201);
      const row = await pg.query(`SELECT proposal_deadline FROM scenario WHERE id = $1`, [res.json().items[0].id]);
      expect((row.rows[0].proposal_deadline as Date).toISOString()).toBe('2030-06-30T09:00:00.000Z');
    });

    it('refuses a zip bomb (a small file that unpacks to far more than any import) before reading it', async () => {
      const zip = await workbookZip();
      const huge = 'a'.repeat(48 * 1024 * 1024);
      zip.file(
        'xl/worksheets/sheet1.xml',
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
          `<row r="1"><c r="A1" t="inlineStr"><is><t>title${huge}</t></is></c></row></sheetData></worksheet>`,
      );
      const bomb = await zipBuffer(zip);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await scenarios('bomb.xlsx', bomb);
      expect([res.statusCode, res.json().errors?.[0]?.code]).toEqual([400, 'import.xlsx_too_large']);
    });

    it('refuses a sheet of a million empty rows or cells (bounded work) with 400', async () => {
      const rows = await workbookZip();
      rows.file(
        'xl/worksheets/sheet1.xml',
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
          Array.from({ length: 300_000 }, (_, i) => `<row r="${i + 1}"/>`).join('') +
          '</sheetData></worksheet>',
      );
      const started = Date.now();
      const res = await scenarios('rows.xlsx', await zipBuffer(rows));
      expect([res.statusCode, res.json().errors?.[0]?.code]).toEqual([400, 'import.xlsx_too_large']);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });

  describe('CSV and JSON edge cases', () => {
    it('BOM + CRLF, ragged rows: a row with extra filled cells is refused naming the row', async () => {
      const csv = `\uFEFFtitle,domain\r\n场景甲,manufacturing\r\n场景乙,manufacturing,多出来的\r\n场景丙\r\n`;
      const before = await counts();
      const res = await scenarios('r.csv', Buffer.from(csv));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ row: 3, field: '(column 3)', code: 'import.extra_cells' }),
        expect.objectContaining({ row: 4, field: 'domain' }),
      ]);
      expect(await counts()).toEqual(before);
      // Under a trailing empty header cell (a header line ending in a comma) as well.
      const trailing = await scenarios('r.csv', Buffer.from('title,domain,\n场景丁,manufacturing,多出来的\n'));
      expect(trailing.statusCode).toBe(422);
      expect(trailing.json().errors).toEqual([
        expect.objectContaining({ row: 2, field: '(column 3)', code: 'import.extra_cells' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('header only, duplicate headers, empty file: 400 naming the rule', async () => {
      const cases: [string, string][] = [
        ['title,domain\r\n', 'import.no_rows'],
        ['title,domain,title\nA,manufacturing,B\n', 'import.duplicate_column'],
        ['', 'import.no_rows'],
        ['\uFEFF', 'import.no_rows'],
      ];
      for (const [text, code] of cases) {
        const res = await scenarios('h.csv', Buffer.from(text));
        expect([res.statusCode, res.json().errors?.[0]?.code]).toEqual([400, code]);
      }
    });

    it('JSON: nested nulls, numbers where text is expected, objects, __proto__ keys → 422 per row, never 500', async () => {
      const text =
        '[' +
        [
          '{"title": 123, "domain": "manufacturing", "capabilities": [null, 5, {"a": 1}]}',
          '{"title": null, "domain": null, "kpis": [null, {"metric": null}], "contactName": {"x": 1}}',
          '{"title": "原型", "domain": "manufacturing", "__proto__": {"polluted": true}}',
          '{"title": "构造", "domain": "manufacturing", "constructor": {"prototype": {"polluted": true}}}',
          '{"title": ["a"], "domain": ["manufacturing"], "budgetMin": {"$gt": 0}, "proposalDeadline": 1e400}',
          '{"title": "x", "domain": "manufacturing", "agency": {"name": "a"}, "privateFields": "budget|nope"}',
          'null',
          '[]',
        ].join(',') +
        ']';
      const before = await counts();
      const res = await scenarios('n.json', Buffer.from(text));
      expect(res.statusCode).toBe(422);
      const rows = new Set(res.json().errors.map((e: { row: number }) => e.row));
      expect([...rows].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await counts()).toEqual(before);
    });

    it('JSON vendors: a 4 MB description, nulls in lists and case objects → 422, never 500', async () => {
      const v = (extra: object) => ({
        name: `湖州空值${++vendorSeq}号科技有限公司`,
        uscc: randomUscc(),
        contactName: '钱经理',
        contactPhone: '0572-7778899',
        contactEmail: `n${vendorSeq}@example.cn`,
        description: '描述',
        domains: ['manufacturing'],
        capabilities: ['cv_inspection'],
        registeredDistrict: 'wuxing',
        ...extra,
      });
      const items = [
        v({ description: 'a'.repeat(4 * 1024 * 1024) }),
        v({ domains: [null], capabilities: null, pastCases: [null, { title: null }, 7] }),
        v({ uscc: 91330502, trl: '七', teamSize: -1 }),
      ];
      const before = await counts();
      const res = await upload(s.staff, 'vendors', 'v.json', Buffer.from(JSON.stringify(items)));
      expect(res.statusCode).toBe(422);
      expect(res.body.length).toBeLessThan(64 * 1024); // the 4 MB value is not echoed back
      const rows = new Set(res.json().errors.map((e: { row: number }) => e.row));
      expect([...rows].sort()).toEqual([1, 2, 3]);
      expect(await counts()).toEqual(before);
    });
  });

  describe('error report size', () => {
    it('echoes at most 100 characters of a bad value, and lists at most 1000 errors (then how many more)', async () => {
      const huge = 'x'.repeat(1_000_000);
      const rows = [
        { title: '回显', domain: 'manufacturing', capabilities: [huge], agency: huge, key: 'k' },
        { title: '回显', domain: 'manufacturing', key: 'k' },
      ];
      const res = await scenarios('e.json', Buffer.from(JSON.stringify(rows)));
      expect(res.statusCode).toBe(422);
      expect(res.body.length).toBeLessThan(8 * 1024);
      const vendor = {
        name: `湖州回显${++vendorSeq}号科技有限公司`,
        uscc: randomUscc(),
        description: '描述',
        domains: ['manufacturing'],
        capabilities: [huge],
        districts: [huge],
      };
      const v = await upload(s.staff, 'vendors', 'e.json', Buffer.from(JSON.stringify([vendor])));
      expect(v.statusCode).toBe(422);
      expect(v.body.length).toBeLessThan(8 * 1024);
      const lines = ['title,domain,capabilities'];
      for (let i = 0; i < 1500; i++) lines.push(`场景${i},manufacturing,nope1|nope2`);
      const many = await scenarios('m.csv', Buffer.from(lines.join('\n')));
      expect(many.statusCode).toBe(422);
      const errors = many.json().errors as { row: number | null; code: string; message: string }[];
      expect(errors).toHaveLength(1001);
      expect(errors[1000]).toMatchObject({ row: null, code: 'import.more_errors', message: 'And 2000 more error(s)' });
    });
  });

  describe('all or nothing against the database', () => {
    it('a case linked to an unknown scenario is a row error, not a half-written import', async () => {
      const item = {
        name: `湖州关联${++vendorSeq}号科技有限公司`,
        uscc: randomUscc(),
        registeredDistrict: 'wuxing',
        contactName: '钱经理',
        contactPhone: '0572-7778899',
        contactEmail: `l${vendorSeq}@example.cn`,
        description: '描述',
        domains: ['manufacturing'],
        capabilities: ['cv_inspection'],
        pastCases: [
          {
            title: '某案例',
            client: '某企业',
            year: 2024,
            outcome: '好',
            scenarioId: '0b5d8d7e-1111-4222-8333-444455556666',
          },
        ],
      };
      const before = await counts();
      const res = await upload(s.staff, 'vendors', 'v.json', Buffer.from(JSON.stringify([item])));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ row: 1, field: 'pastCases[0].scenarioId', code: 'vendor.case_scenario_unknown' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('a USCC in the file that another organisation type holds is refused; case and spaces do not hide a duplicate', async () => {
      const uscc = randomUscc();
      const csv = [VENDOR_HEADER, vendorLine('a', uscc), vendorLine('b', ` ${uscc.toLowerCase()} `)].join('\n');
      const before = await counts();
      const res = await upload(s.staff, 'vendors', 'd.csv', Buffer.from(csv));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ row: 3, field: 'uscc', code: 'import.duplicate_in_file' }),
      ]);
      const agencyUscc = (await pg.query(`SELECT uscc FROM organisation WHERE id = $1`, [agency.organisationId]))
        .rows[0].uscc as string;
      const other = await upload(
        s.staff,
        'vendors',
        'd.csv',
        Buffer.from([VENDOR_HEADER, vendorLine('c', agencyUscc)].join('\n')),
      );
      expect(other.statusCode).toBe(422);
      expect(other.json().errors).toEqual([
        expect.objectContaining({ row: 2, field: 'uscc', code: 'import.organisation_not_vendor' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('two concurrent imports of the same new vendors: one organisation per USCC, the loser refused cleanly', async () => {
      const lines = [vendorLine('c1'), vendorLine('c2'), vendorLine('c3')];
      const csv = Buffer.from([VENDOR_HEADER, ...lines].join('\n'));
      const usccs = lines.map((l) => l.split(',')[2]);
      const [a, b] = await Promise.all([
        upload(s.staff, 'vendors', 'c.csv', csv),
        upload(s.staff, 'vendors', 'c.csv', csv),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes[0]).toBe(201);
      expect([201, 409]).toContain(codes[1]);
      const orgs = await pg.query(
        `SELECT uscc, count(*)::int AS n FROM organisation WHERE uscc = ANY ($1) GROUP BY uscc`,
        [usccs],
      );
      expect(orgs.rows.map((r) => r.n)).toEqual([1, 1, 1]);
      const profiles = await pg.query(
        `SELECT count(*)::int AS n FROM vendor_profile p JOIN organisation o ON o.id = p.organisation_id WHERE o.uscc = ANY ($1)`,
        [usccs],
      );
      expect(profiles.rows[0].n).toBe(3);
    });

    it('a database failure while writing vendor profiles: importing the same file again completes it', async () => {
      const csv = Buffer.from(
        [
          VENDOR_HEADER,
          vendorLine('t1'),
          vendorLine('t2', randomUscc(), '湖州注入失败科技有限公司'),
          vendorLine('t3'),
        ].join('\n'),
      );
      await pg.query(`CREATE OR REPLACE FUNCTION sx_test_fail_profile() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF (SELECT name_zh FROM organisation WHERE id = NEW.organisation_id) = '湖州注入失败科技有限公司'
              THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
      await pg.query(
        `CREATE TRIGGER sx_test_fail_profile BEFORE INSERT ON vendor_profile FOR EACH ROW EXECUTE FUNCTION sx_test_fail_profile()`,
      );
      try {
        const res = await upload(s.staff, 'vendors', 't.csv', csv);
        expect(res.statusCode).toBe(500);
        // The import's audit record says what was committed and where it stopped.
        const audit = await pg.query(
          `SELECT after FROM audit_record WHERE action = 'import.vendors' AND after->>'fileName' = 't.csv'`,
        );
        expect(audit.rows).toEqual([
          {
            after: expect.objectContaining({
              created: 3,
              organisationIds: expect.any(Array),
              failed: { row: 3, code: 'INTERNAL_ERROR', profilesWritten: 1 },
            }),
          },
        ]);
      } finally {
        await pg.query(`DROP TRIGGER sx_test_fail_profile ON vendor_profile`);
      }
      // The organisations were committed first (documented); the same file again takes them as updates.
      const again = await upload(s.staff, 'vendors', 't.csv', csv);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ created: 0, updated: 3 });
      const ids = again.json().items.map((i: { id: string }) => i.id);
      const profiles = await pg.query(
        `SELECT count(*)::int AS n FROM vendor_profile WHERE organisation_id = ANY ($1)`,
        [ids],
      );
      expect(profiles.rows[0].n).toBe(3);
    });

    it('publish=true: a failure in the batch steps is reported in the response, and the scenarios can still be published', async () => {
      const scenariosJson = JSON.parse(fixture('scenarios.json').toString('utf8')) as Record<string, unknown>[];
      scenariosJson[0].proposalDeadline = deadline();
      await pg.query(`CREATE OR REPLACE FUNCTION sx_test_fail_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.status = 'published' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
      await pg.query(
        `CREATE TRIGGER sx_test_fail_batch BEFORE UPDATE ON scenario_batch FOR EACH ROW EXECUTE FUNCTION sx_test_fail_batch()`,
      );
      let res;
      try {
        res = await scenarios('p.json', Buffer.from(JSON.stringify(scenariosJson)), '&publish=true');
      } finally {
        await pg.query(`DROP TRIGGER sx_test_fail_batch ON scenario_batch`);
      }
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        created: 1,
        published: 0,
        batchId: expect.any(String),
        publication: { status: 'failed', step: 'publish', code: expect.any(String) },
      });
      const id = body.items[0].id;
      expect((await pg.query(`SELECT status, batch_id FROM scenario WHERE id = $1`, [id])).rows[0]).toEqual({
        status: 'approved',
        batch_id: body.batchId,
      });
      // Recoverable: staff publish the batch from /batches.
      const pub = await s.call(s.staff, 'POST', `/batches/${body.batchId}/publish`, {});
      expect(pub.statusCode).toBe(200);
      expect((await pg.query(`SELECT status FROM scenario WHERE id = $1`, [id])).rows[0].status).toBe('published');
    });
  });

  describe('time', () => {
    it('publish=true: a deadline valid at validation stays valid for the writes (one instant per import)', async () => {
      const rows = JSON.parse(fixture('scenarios.json').toString('utf8')) as Record<string, unknown>[];
      const start = Date.now();
      rows[0].proposalDeadline = new Date(start + 2 * 86_400_000).toISOString();
      const clock = t.app.get(Clock);
      let calls = 0;
      // The first reading is now; every later one two days on (past the deadline).
      const spy = jest
        .spyOn(clock, 'now')
        .mockImplementation(() => new Date(calls++ === 0 ? start : start + 3 * 86_400_000));
      let res;
      try {
        res = await scenarios('t.json', Buffer.from(JSON.stringify(rows)), '&publish=true');
      } finally {
        spy.mockRestore();
      }
      expect([res.statusCode, res.json().code]).toEqual([201, undefined]);
      expect(res.json()).toMatchObject({ created: 1, published: 1, publication: { status: 'published' } });
    });
  });

  describe('callers', () => {
    it('vendors, agencies and reviewers cannot import scenarios (403), nothing stored', async () => {
      const vendor = await s.organisation('vendor');
      const before = await counts();
      for (const actor of [vendor, agency, { ...agency, role: 'reviewer' as const }]) {
        const res = await upload(
          actor,
          `scenarios?agencyOrganisationId=${agency.organisationId}`,
          'scenarios.csv',
          fixture('scenarios.csv'),
        );
        expect(res.statusCode).toBe(403);
      }
      expect(await counts()).toEqual(before);
    });
  });
});
