import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

const DAY = 86_400_000;
const FORMULA = '=HYPERLINK("http://evil.example","点我")';

describe('public exports (CSV, XLSX) and the Atom feed', () => {
  let t: TestApp;
  let setup: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  const codes: Record<string, string> = {};
  let batchId: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.request({ method: 'GET', url: `/api/v1/public/scenarios${url}`, headers });

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://ai.huzhou.example' } });
    setup = scenarioSetup(t);
    const { call, staff } = setup;
    agency = await setup.organisation('agency');
    // Private budget (the fixture's default).
    codes.fabric = (await setup.publishedScenario(agency, '童装面料瑕疵AI视觉检测')).code;
    codes.tea = (
      await setup.publishedScenario(agency, '茶园病虫害无人机飞防', {
        domain: 'agriculture',
        sector: 'tea_bamboo',
        capabilityCodes: ['uav_drone', 'remote_sensing'],
        district: 'anji',
        privateFields: [],
        budgetMinYuan: 300_000,
        budgetMaxYuan: 900_000,
        summary: `${FORMULA} 安吉白茶茶园病虫害监测与精准施药，降低农药用量。`,
        proposalDeadline: new Date(Date.now() + 40 * DAY).toISOString(),
      })
    ).code;
    // Published through a batch, so the batch filter has something to find.
    const inBatch = await setup.approvedScenario(agency, '电梯预测性维护');
    codes.elevator = inBatch.code;
    const batch = await call(staff, 'POST', '/batches', { year: 2026 });
    expect(batch.statusCode).toBe(201);
    batchId = batch.json().id;
    expect((await call(staff, 'POST', `/batches/${batchId}/scenarios`, { scenarioIds: [inBatch.id] })).statusCode).toBe(
      200,
    );
    expect((await call(staff, 'POST', `/batches/${batchId}/publish`, {})).statusCode).toBe(200);
    // Never exported: a draft.
    const draft = await call(agency, 'POST', '/scenarios', { title: '机密草稿场景', domain: 'manufacturing' });
    expect(draft.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('exports the filtered list as CSV that parses back, public fields only, formulas neutralised', async () => {
    const res = await get('/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?scenario-opportunities-\d{4}-\d{2}-\d{2}\.csv"?$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['场景编号']).sort()).toEqual([codes.fabric, codes.tea, codes.elevator].sort());
    expect(res.body).not.toContain('机密草稿场景');

    const tea = rows.find((r) => r['场景编号'] === codes.tea) as Record<string, string>;
    expect(tea['场景名称']).toBe('茶园病虫害无人机飞防');
    expect(tea['领域']).toBe('智慧农业');
    expect(tea['预算下限（元）']).toBe('300000');
    expect(tea['链接']).toBe(`https://ai.huzhou.example/scenarios/${codes.tea}`);
    expect(tea['场景简介'].startsWith(`'${FORMULA}`)).toBe(true);
    const fabric = rows.find((r) => r['场景编号'] === codes.fabric) as Record<string, string>;
    expect(fabric['预算下限（元）']).toBe('');
    expect(fabric['预算上限（元）']).toBe('');
    expect(res.body).not.toContain('1500000');
  });

  it('applies the list filters and sorts, and English headers on request', async () => {
    const res = await get('/export.csv?domain=agriculture', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Code)).toEqual([codes.tea]);
    expect(rows[0].Domain).toBe('Agriculture');

    const byDeadline = parseCsv((await get('/export.csv?sort=deadline')).rawPayload, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(byDeadline[0]['场景编号']).toBe(codes.tea);
  });

  it('exports one batch as an XLSX workbook that parses back', async () => {
    const res = await get(`/export.xlsx?batch=${batchId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('场景机会清单');
    expect(sheet.getRow(1).getCell(1).value).toBe('场景编号');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(codes.elevator);
    expect(sheet.getRow(2).getCell(2).value).toBe('电梯预测性维护');
    expect(String(sheet.getRow(2).getCell(15).value)).toMatch(/^2026年第\d+批/);
  });

  it('refuses bad filters with 400 naming the field, and page parameters that make no sense for a file', async () => {
    const bad = await get('/export.csv?domain=space');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('domain');
    expect((await get('/export.xlsx?limit=5')).statusCode).toBe(400);
  });

  it('answers If-None-Match with 304', async () => {
    const first = await get('/export.csv');
    const again = await get('/export.csv', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('publishes an Atom feed of the newest published scenarios, newest first, that parses back', async () => {
    const res = await get('/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.body);
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.title).toBe('湖州市人工智能场景机会清单');
    const entries = (Array.isArray(feed.entry) ? feed.entry : [feed.entry]) as Record<string, unknown>[];
    const title = (e: Record<string, unknown>) => (e.title as { '#text': string })['#text'];
    expect(entries).toHaveLength(3);
    // The batch was published last.
    expect(title(entries[0])).toBe(`[${codes.elevator}] 电梯预测性维护`);
    expect(entries.map(title).sort()).toEqual(
      [
        `[${codes.elevator}] 电梯预测性维护`,
        `[${codes.fabric}] 童装面料瑕疵AI视觉检测`,
        `[${codes.tea}] 茶园病虫害无人机飞防`,
      ].sort(),
    );
    const link = entries[0].link as { '@href': string } | { '@href': string }[];
    expect((Array.isArray(link) ? link[0] : link)['@href']).toBe(
      `https://ai.huzhou.example/scenarios/${codes.elevator}`,
    );
    const updated = entries.map((e) => Date.parse(e.updated as string));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
    expect(feed.updated).toBe(entries[0].updated);
  });
});
