import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { type Actor, systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { completeScenarioFields } from '../support/fixtures';
import { scenarioSetup } from '../support/scenario-setup';
import {
  fileUpload,
  multipartBody,
  sampleCfb,
  sampleDocx,
  sampleDocxEntries,
  sampleExe,
  samplePdf,
  samplePng,
  zipArchive,
} from '../support/upload-fixtures';

const MAX_BYTES = 256 * 1024;
const MAX_FILES = 4;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KPI');
  ws.addRow(['指标', '基线', '目标']);
  ws.addRow(['缺陷检出率', 95, 99.5]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('scenario attachments (HTTP, multipart, local disk storage)', () => {
  let t: TestApp;
  let pg: Client;
  let setup: ReturnType<typeof scenarioSetup>;
  let agencyA: Actor;
  let agencyB: Actor;
  let vendor: Actor;
  let seq = 0;

  const upload = (actor: Actor | null, scenarioId: string, body: { payload: Buffer; headers: object }) =>
    t.request({
      method: 'POST',
      url: `/api/v1/scenarios/${scenarioId}/attachments`,
      headers: { ...body.headers, ...(actor ? setup.auth(actor) : {}) },
      payload: body.payload,
    });
  const get = (actor: Actor | null, url: string) =>
    t.request({ method: 'GET', url: `/api/v1${url}`, headers: actor ? setup.auth(actor) : {} });

  /** Every regular file under STORAGE_DIR (temp files included), relative. */
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(t.storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(t.storageDir.length + 1));
  }
  const rows = async (scenarioId?: string) =>
    Number(
      (
        await pg.query(
          `SELECT count(*) FROM scenario_attachment ${scenarioId ? 'WHERE scenario_id = $1' : ''}`,
          scenarioId ? [scenarioId] : [],
        )
      ).rows[0].count,
    );
  const events = async (type: string, scenarioId: string) =>
    Number(
      (await pg.query(`SELECT count(*) FROM outbox_event WHERE type = $1 AND aggregate_id = $2`, [type, scenarioId]))
        .rows[0].count,
    );

  /** A complete draft of `agency` (ready to submit). */
  async function draft(agency: Actor = agencyA): Promise<string> {
    const title = `面料瑕疵检测附件场景 ${++seq}`;
    const d = await setup.call(agency, 'POST', '/scenarios', { title, domain: 'manufacturing' });
    expect(d.statusCode).toBe(201);
    const p = await setup.call(agency, 'PATCH', `/scenarios/${d.json().id}`, {
      ...completeScenarioFields(title),
      version: 1,
    });
    expect(p.statusCode).toBe(200);
    return d.json().id as string;
  }

  /** Submit, approve and publish a draft; returns its code. */
  async function publish(id: string, agency: Actor = agencyA): Promise<string> {
    const s = await setup.call(agency, 'POST', `/scenarios/${id}/submit`);
    expect(s.statusCode).toBe(200);
    expect((await setup.call(setup.staff, 'POST', `/vetting/${id}/approve`)).statusCode).toBe(200);
    await t.app.get(ScenarioService).transition(systemContext('publish-test'), id, 'publish');
    return s.json().code as string;
  }

  beforeAll(async () => {
    t = await createTestApp({
      env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES), ATTACHMENTS_PER_SCENARIO_MAX: String(MAX_FILES) },
    });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    setup = scenarioSetup(t);
    agencyA = await setup.organisation('agency');
    agencyB = await setup.organisation('agency');
    vendor = await setup.organisation('vendor');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('stores a PDF, PNG, docx and xlsx with sniffed types and SHA-256, lists them, and refuses a fifth', async () => {
    const id = await draft();
    const pdf = samplePdf();
    const png = samplePng();
    const docx = sampleDocx();
    const xlsx = await sampleXlsx();

    const a = await upload(agencyA, id, fileUpload('需求说明书.pdf', pdf, 'text/html'));
    expect(a.statusCode).toBe(201);
    expect(a.json()).toEqual({
      id: expect.any(String),
      fileName: '需求说明书.pdf',
      // The client's Content-Type (text/html here) is ignored: the content decides.
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      createdAt: expect.any(String),
    });
    const b = await upload(agencyA, id, fileUpload('C:\\现场\\site photo.PNG', png));
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ fileName: 'site photo.PNG', mediaType: 'image/png', sha256: sha256(png) });
    const c = await upload(agencyA, id, fileUpload('方案模板.docx', docx));
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ mediaType: DOCX, sizeBytes: docx.length });
    const d = await upload(agencyA, id, fileUpload('KPI.xlsx', xlsx));
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ mediaType: XLSX, sha256: sha256(xlsx) });

    const list = await get(agencyA, `/scenarios/${id}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { id: string }) => x.id)).toEqual([a, b, c, d].map((r) => r.json().id));
    expect(list.json()[0]).toEqual(a.json());

    expect(await rows(id)).toBe(4);
    expect(await storedFiles()).toEqual(
      expect.arrayContaining([a, b, c, d].map((r) => `scenarios/${id}/attachments/${r.json().id}`)),
    );
    expect(await events('scenario.attachment_added', id)).toBe(4);
    const audit = await pg.query(
      `SELECT after FROM audit_record WHERE action = 'scenario.attachment_add' AND object_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.after.sha256)).toEqual([pdf, png, docx, xlsx].map(sha256));

    const fifth = await upload(agencyA, id, fileUpload('more.pdf', pdf));
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json().code).toBe('ATTACHMENT_LIMIT_REACHED');
    expect(await rows(id)).toBe(4);
    expect((await storedFiles()).filter((f) => f.includes(id))).toHaveLength(4);
  });

  it('accepts a real multipart upload over a socket (fetch + FormData, as a browser sends it)', async () => {
    const id = await draft();
    await t.app.listen(0, '127.0.0.1');
    const base = await t.app.getUrl();
    const png = samplePng();
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), '现场 照片.png');
    const res = await fetch(`${base}/api/v1/scenarios/${id}/attachments`, {
      method: 'POST',
      headers: setup.auth(agencyA),
      body: form,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; fileName: string; sha256: string };
    expect(body).toMatchObject({ fileName: '现场 照片.png', sha256: sha256(png) });
    const back = await fetch(`${base}/api/v1/scenarios/${id}/attachments/${body.id}`, {
      headers: setup.auth(agencyA),
    });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);

    // Refusals mid-upload still reach the client as answers (not a reset connection).
    const filesBefore = await storedFiles();
    for (const [name, data, status] of [
      ['huge.pdf', samplePdf(MAX_BYTES * 8), 413],
      ['fake.pdf', Buffer.concat([sampleExe(), Buffer.alloc(MAX_BYTES / 2)]), 415],
    ] as const) {
      const big = new FormData();
      big.append('file', new Blob([data]), name);
      const refused = await fetch(`${base}/api/v1/scenarios/${id}/attachments`, {
        method: 'POST',
        headers: setup.auth(agencyA),
        body: big,
      });
      expect([name, refused.status]).toEqual([name, status]);
    }
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('downloads identical bytes with safe headers (type, length, RFC 6266 file name, nosniff)', async () => {
    const id = await draft();
    const pdf = samplePdf(10_000);
    const up = await upload(agencyA, id, fileUpload('2026年 需求"说明".pdf', pdf));
    expect(up.statusCode).toBe(201);
    const res = await get(agencyA, `/scenarios/${id}/attachments/${up.json().id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(sha256(res.rawPayload)).toBe(up.json().sha256);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(up.json().fileName);
    expect(res.headers.etag).toBe(`"${sha256(pdf)}"`);
    const again = await t.request({
      method: 'GET',
      url: `/api/v1/scenarios/${id}/attachments/${up.json().id}`,
      headers: { ...setup.auth(agencyA), 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('refuses disguised and unknown types with 415 naming file, leaving no row and no file', async () => {
    const id = await draft();
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const refusals: [string, Buffer][] = [
      ['invoice.pdf', sampleExe()], // an .exe renamed .pdf
      ['photo.png', html], // HTML renamed .png
      ['scan.png', samplePdf()], // a real PDF with the wrong extension
      ['tool.exe', sampleExe()],
      ['page.html', html],
      ['archive.docx', zipArchive([{ name: 'a.txt', data: 'not office' }])], // a plain zip renamed .docx
      ['legacy.pdf', sampleCfb()], // an OLE file is only a doc/xls/ppt
      ['noextension', samplePdf()],
      ['empty.pdf', Buffer.alloc(0)],
    ];
    const filesBefore = await storedFiles();
    for (const [name, data] of refusals) {
      const res = await upload(agencyA, id, fileUpload(name, data));
      expect([name, res.statusCode]).toEqual([name, 415]);
      expect(res.json()).toMatchObject({
        code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
        errors: [expect.objectContaining({ field: 'file' })],
      });
    }
    expect(await rows(id)).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);

    // A legacy Word file (OLE compound file) named .doc is fine.
    const doc = await upload(agencyA, id, fileUpload('旧版说明.doc', sampleCfb()));
    expect(doc.statusCode).toBe(201);
    expect(doc.json().mediaType).toBe('application/msword');
  });

  it('sniffs the whole stored file when an Office zip does not reveal itself in its first bytes', async () => {
    const id = await draft();
    const media = { name: 'word/media/image1.bin', data: Buffer.alloc(100 * 1024, 7) };
    // [Content_Types].xml after 100 KiB: the start looks like any zip.
    const parts = sampleDocxEntries();
    const late = zipArchive([media, ...parts]);
    const ok = await upload(agencyA, id, fileUpload('late-types.docx', late));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ mediaType: DOCX, sizeBytes: late.length, sha256: sha256(late) });

    // Same start, but no [Content_Types].xml anywhere: a zip, refused, and its stored copy removed.
    const filesBefore = await storedFiles();
    const plainZip = zipArchive([media, { name: 'word/document.xml', data: '<x/>' }]);
    const refused = await upload(agencyA, id, fileUpload('fake.docx', plainZip));
    expect(refused.statusCode).toBe(415);
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await rows(id)).toBe(1);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and keeps nothing; exactly the limit is fine', async () => {
    const id = await draft();
    const filesBefore = await storedFiles();
    const tooBig = await upload(agencyA, id, fileUpload('big.pdf', samplePdf(MAX_BYTES + 1)));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', errors: [{ field: 'file' }] });
    const wayTooBig = await upload(agencyA, id, fileUpload('bigger.pdf', samplePdf(MAX_BYTES * 3)));
    expect(wayTooBig.statusCode).toBe(413);
    expect(await rows(id)).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);

    const atLimit = await upload(agencyA, id, fileUpload('exact.pdf', samplePdf(MAX_BYTES)));
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json().sizeBytes).toBe(MAX_BYTES);
  });

  it('answers 400 naming file for a missing file part, two files, a non-multipart body or a broken multipart body', async () => {
    const id = await draft();
    const filesBefore = await storedFiles();
    const expectFileError = (res: { statusCode: number; json: () => { errors?: { field: string }[] } }) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().errors?.[0]?.field).toBe('file');
    };
    expectFileError(await upload(agencyA, id, multipartBody([{ name: 'note', data: '没有文件' }])));
    expectFileError(
      await upload(agencyA, id, multipartBody([{ name: 'document', fileName: 'a.pdf', data: samplePdf() }])),
    );
    expectFileError(
      await upload(agencyA, id, { payload: Buffer.from('{}'), headers: { 'content-type': 'application/json' } }),
    );
    expectFileError(
      await upload(agencyA, id, { payload: Buffer.from('x'), headers: { 'content-type': 'multipart/form-data' } }),
    );
    // The body stops in the middle of the file (no closing boundary).
    const whole = fileUpload('cut.pdf', samplePdf(20_000));
    const cut = { ...whole, payload: whole.payload.subarray(0, 8_000) };
    expectFileError(await upload(agencyA, id, cut));
    // Two files in one request: refused whole (the first is not kept and the second not dropped silently).
    expectFileError(
      await upload(
        agencyA,
        id,
        multipartBody([
          { name: 'file', fileName: 'a.pdf', contentType: 'application/pdf', data: samplePdf() },
          { name: 'file', fileName: 'b.pdf', contentType: 'application/pdf', data: samplePdf() },
        ]),
      ),
    );
    // A field after the file is fine.
    const withField = await upload(
      agencyA,
      id,
      multipartBody([
        { name: 'file', fileName: 'c.pdf', contentType: 'application/pdf', data: samplePdf() },
        { name: 'note', data: '说明' },
      ]),
    );
    expect(withField.statusCode).toBe(201);
    await t.request({
      method: 'DELETE',
      url: `/api/v1/scenarios/${id}/attachments/${withField.json().id}`,
      headers: setup.auth(agencyA),
    });
    // Nothing usable in the file name.
    const noName = await upload(agencyA, id, fileUpload('\u0000/', samplePdf()));
    expectFileError(noName);
    expect(noName.json()).toMatchObject({ errors: [{ field: 'file', rule: 'attachment.file_name' }] });
    expect(await rows(id)).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('keeps client file names safe: no path, no controls, at most 200 characters with the extension', async () => {
    const id = await draft();
    const res = await upload(agencyA, id, fileUpload(`../../${'场'.repeat(250)}\u202e.pdf`, samplePdf()));
    expect(res.statusCode).toBe(201);
    const name = res.json().fileName as string;
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toMatch(/[/\\\u202e]/);
  });

  it('lets only the owning agency add or remove, only while editable; others never see a draft', async () => {
    const id = await draft();
    const pdf = samplePdf();
    // Another agency cannot see the draft at all; a vendor may not upload; anonymous callers must log in.
    expect((await upload(agencyB, id, fileUpload('x.pdf', pdf))).statusCode).toBe(404);
    expect((await upload(vendor, id, fileUpload('x.pdf', pdf))).statusCode).toBe(403);
    expect((await upload(null, id, fileUpload('x.pdf', pdf))).statusCode).toBe(401);
    const up = await upload(agencyA, id, fileUpload('说明.pdf', pdf));
    expect(up.statusCode).toBe(201);
    const attachmentId = up.json().id as string;
    const url = `/scenarios/${id}/attachments/${attachmentId}`;
    expect((await get(agencyB, `/scenarios/${id}/attachments`)).statusCode).toBe(404);
    expect((await get(agencyB, url)).statusCode).toBe(404);
    expect((await get(vendor, url)).statusCode).toBe(404);
    expect((await setup.call(agencyB, 'DELETE', url)).statusCode).toBe(404);
    // Centre staff see everything.
    expect((await get(setup.staff, `/scenarios/${id}/attachments`)).json()).toHaveLength(1);
    expect((await get(setup.staff, url)).rawPayload.equals(pdf)).toBe(true);

    // Before publication the public gets nothing.
    expect((await get(null, `/public/scenarios/${id}/attachments/${attachmentId}`)).statusCode).toBe(404);

    const submitted = await setup.call(agencyA, 'POST', `/scenarios/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    const locked = await upload(agencyA, id, fileUpload('late.pdf', pdf));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('SCENARIO_NOT_EDITABLE');
    expect((await setup.call(agencyA, 'DELETE', url)).statusCode).toBe(409);
    expect(await rows(id)).toBe(1);
  });

  it('serves attachments of public scenarios to anyone, by id or code, and lists them on the public detail', async () => {
    const id = await draft();
    const png = samplePng();
    const up = await upload(agencyA, id, fileUpload('现场照片.png', png));
    expect(up.statusCode).toBe(201);
    const attachmentId = up.json().id as string;
    const code = await publish(id);

    for (const key of [id, code, id.toUpperCase()]) {
      const res = await get(null, `/public/scenarios/${key}/attachments/${attachmentId}`);
      expect([key, res.statusCode]).toEqual([key, 200]);
      expect(res.rawPayload.equals(png)).toBe(true);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['cache-control'])).toMatch(/^public/);
    }
    const detail = await get(null, `/public/scenarios/${code}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().attachments).toEqual([
      { id: attachmentId, fileName: '现场照片.png', mediaType: 'image/png', sizeBytes: png.length },
    ]);
    // Once published, other agencies and vendors may read them too.
    expect((await get(agencyB, `/scenarios/${id}/attachments`)).json()).toHaveLength(1);
    expect((await get(vendor, `/scenarios/${id}/attachments/${attachmentId}`)).statusCode).toBe(200);

    // An attachment is reachable only through its own scenario.
    const other = await draft();
    const otherUp = await upload(agencyA, other, fileUpload('其他.pdf', samplePdf()));
    await publish(other);
    expect((await get(null, `/public/scenarios/${id}/attachments/${otherUp.json().id}`)).statusCode).toBe(404);
    expect((await get(null, `/public/scenarios/no-such-code/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await get(agencyA, `/scenarios/${id}/attachments/${otherUp.json().id}`)).statusCode).toBe(404);
  });

  it('removes an attachment: row, file and event; removing it again is 404', async () => {
    const id = await draft();
    const up = await upload(agencyA, id, fileUpload('待删除.pdf', samplePdf()));
    expect(up.statusCode).toBe(201);
    const attachmentId = up.json().id as string;
    const file = `scenarios/${id}/attachments/${attachmentId}`;
    expect(await storedFiles()).toContain(file);

    const del = await setup.call(agencyA, 'DELETE', `/scenarios/${id}/attachments/${attachmentId}`);
    expect(del.statusCode).toBe(204);
    expect(await storedFiles()).not.toContain(file);
    expect(await rows(id)).toBe(0);
    expect(await events('scenario.attachment_removed', id)).toBe(1);
    const audit = await pg.query(
      `SELECT before FROM audit_record WHERE action = 'scenario.attachment_remove' AND object_id = $1`,
      [id],
    );
    expect(audit.rows[0].before).toMatchObject({ attachmentId, fileName: '待删除.pdf' });
    expect((await get(agencyA, `/scenarios/${id}/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await setup.call(agencyA, 'DELETE', `/scenarios/${id}/attachments/${attachmentId}`)).statusCode).toBe(404);
  });

  it('leaves no stored file behind when the database refuses the row', async () => {
    const id = await draft();
    const filesBefore = await storedFiles();
    await pg.query(`CREATE FUNCTION refuse_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated database failure'; END $$`);
    await pg.query(`CREATE TRIGGER refuse_attachment BEFORE INSERT ON scenario_attachment
      FOR EACH ROW EXECUTE FUNCTION refuse_attachment()`);
    // TypeORM logs the failed query to the console: expected here, so kept out of the test output.
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const res = await upload(agencyA, id, fileUpload('doomed.pdf', samplePdf()));
      expect(res.statusCode).toBe(500);
    } finally {
      quiet.mockRestore();
      await pg.query(`DROP TRIGGER refuse_attachment ON scenario_attachment`);
      await pg.query(`DROP FUNCTION refuse_attachment()`);
    }
    expect(await rows(id)).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await events('scenario.attachment_added', id)).toBe(0);
  });
});
