import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { AmendmentService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

const DAY = 86_400_000;
const NOTICE_DAYS = 5;
/** completeScenarioFields' budget, which it marks private. */
const PRIVATE_MIN = 500_000;
const PRIVATE_MAX = 1_500_000;
const NEW_PRIVATE_MAX = 1_777_777;

describe('amendments to published scenarios (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let setup: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let otherAgency: Actor;
  let vendor: Actor;

  const call = (...args: Parameters<ReturnType<typeof scenarioSetup>['call']>) => setup.call(...args);
  const anon = (url: string) => t.request({ method: 'GET', url: `/api/v1${url}` });
  const current = async (id: string) => (await call(agency, 'GET', `/scenarios/${id}`)).json();
  const amend = async (actor: Actor, id: string, body: { reason?: string; changes: object; version?: number }) =>
    call(actor, 'POST', `/scenarios/${id}/amendments`, {
      reason: '根据答疑情况调整',
      version: body.version ?? (await current(id)).version,
      ...body,
    });
  const events = async (id: string, type: string) =>
    (
      await pg.query(`SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = $2 ORDER BY created_at`, [
        id,
        type,
      ])
    ).rows.map((r: { payload: Record<string, unknown> }) => r.payload);
  const setDeadline = (id: string, at: Date) =>
    pg.query(`UPDATE scenario SET proposal_deadline = $1 WHERE id = $2`, [at, id]);
  const searchIds = async (q: string) =>
    ((await anon(`/public/scenarios?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp({ env: { AMENDMENT_MIN_NOTICE_DAYS: String(NOTICE_DAYS) } });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    setup = scenarioSetup(t);
    agency = await setup.organisation('agency');
    otherAgency = await setup.organisation('agency');
    vendor = await setup.organisation('vendor');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('keeps every version, numbered, and shows the field-level differences', async () => {
    const s = await setup.publishedScenario(agency, '童装面料瑕疵AI视觉检测');
    const before = await current(s.id);

    const first = await amend(agency, s.id, {
      reason: '补充英文标题与背景说明',
      changes: { description: '## 背景\n织里童装产业，人工智能检测。', titleEn: 'AI fabric inspection' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().amendment).toMatchObject({
      no: 1,
      reason: '补充英文标题与背景说明',
      changedFields: ['description', 'titleEn'],
      material: false,
      deadlineExtended: false,
      fromVersion: 1,
      toVersion: 2,
      amendedBy: agency.userId,
    });
    expect(first.json().scenario).toMatchObject({
      version: before.version + 1,
      proposalDeadline: before.proposalDeadline,
      titleEn: 'AI fabric inspection',
    });

    const second = await amend(agency, s.id, {
      reason: '调整考核指标',
      changes: { kpis: [{ metric: '缺陷检出率', baseline: '95', target: '99.8', unit: '%' }] },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().amendment).toMatchObject({ no: 2, material: true, fromVersion: 2, toVersion: 3 });

    const versions = await pg.query(
      `SELECT version_no, snapshot FROM scenario_version WHERE scenario_id = $1 ORDER BY version_no`,
      [s.id],
    );
    expect(versions.rows.map((r: { version_no: number }) => r.version_no)).toEqual([1, 2, 3]);
    expect(versions.rows[0].snapshot.description).toBe(before.description);
    expect(versions.rows[1].snapshot.description).toBe('## 背景\n织里童装产业，人工智能检测。');
    expect(versions.rows[2].snapshot.kpis[0].target).toBe('99.8');

    const list = await anon(`/public/scenarios/${s.code}/amendments`);
    expect(list.statusCode).toBe(200);
    expect(list.headers.etag).toBeDefined();
    expect(list.json()).toEqual([
      {
        no: 1,
        reason: '补充英文标题与背景说明',
        changedFields: ['description', 'titleEn'],
        material: false,
        deadlineExtended: false,
        amendedAt: expect.any(String),
      },
      {
        no: 2,
        reason: '调整考核指标',
        changedFields: ['kpis'],
        material: true,
        deadlineExtended: false,
        amendedAt: expect.any(String),
      },
    ]);
    expect(list.body).not.toContain(agency.userId);
    expect((await anon(`/public/scenarios/${s.id}`)).json().amendments).toEqual(list.json());

    const diff = await anon(`/public/scenarios/${s.id}/amendments/1`);
    expect(diff.statusCode).toBe(200);
    const byField = Object.fromEntries(diff.json().diff.map((d: { field: string }) => [d.field, d]));
    expect(Object.keys(byField)).toEqual(['description', 'titleEn']);
    expect(byField.titleEn).toEqual({
      field: 'titleEn',
      before: null,
      after: 'AI fabric inspection',
      changes: [{ op: 'insert', text: 'AI fabric inspection' }],
    });
    const changes = byField.description.changes as { op: string; text: string }[];
    expect(
      changes
        .filter((c) => c.op !== 'insert')
        .map((c) => c.text)
        .join(''),
    ).toBe(before.description);
    expect(
      changes
        .filter((c) => c.op !== 'delete')
        .map((c) => c.text)
        .join(''),
    ).toBe('## 背景\n织里童装产业，人工智能检测。');
    expect(changes.map((c) => c.op)).toEqual(expect.arrayContaining(['equal', 'insert', 'delete']));
    expect(diff.body).not.toContain(agency.userId);

    const kpiDiff = (await anon(`/public/scenarios/${s.code}/amendments/2`)).json();
    expect(kpiDiff.diff).toEqual([
      {
        field: 'kpis',
        before: [{ metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' }],
        after: [{ metric: '缺陷检出率', baseline: '95', target: '99.8', unit: '%' }],
      },
    ]);
    for (const missing of ['3', '0', 'abc', '-1']) {
      expect((await anon(`/public/scenarios/${s.id}/amendments/${missing}`)).statusCode).toBe(404);
    }
  });

  it('keeps the deadline and asks for no re-confirmation on a non-material amendment far from the deadline', async () => {
    const s = await setup.publishedScenario(agency);
    const before = await current(s.id);
    const res = await amend(agency, s.id, { changes: { summary: '织里童装企业面料瑕疵检测需求，补充说明。' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().scenario.proposalDeadline).toBe(before.proposalDeadline);
    expect(await events(s.id, 'scenario.amended')).toEqual([
      {
        scenarioId: s.id,
        agencyOrganisationId: agency.organisationId,
        amendmentNo: 1,
        material: false,
        changedFields: ['summary'],
        deadlineExtended: false,
        proposalDeadline: before.proposalDeadline,
      },
    ]);
    expect(await events(s.id, 'scenario.reconfirmation_required')).toEqual([]);
    const audit = await pg.query(`SELECT after FROM audit_record WHERE action = 'scenario.amend' AND object_id = $1`, [
      s.id,
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ amendmentNo: 1, changedFields: ['summary'], material: false });
  });

  it('keeps the deadline on a non-material amendment even within the notice period', async () => {
    const s = await setup.publishedScenario(agency);
    const close = new Date(Date.now() + 2 * DAY);
    await setDeadline(s.id, close);
    const res = await amend(agency, s.id, { changes: { summaryEn: 'Fabric inspection' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().scenario.proposalDeadline).toBe(close.toISOString());
    expect(await events(s.id, 'scenario.reconfirmation_required')).toEqual([]);
  });

  it('extends the deadline to now + N days on a material amendment within N days, raising both events', async () => {
    const s = await setup.publishedScenario(agency);
    const close = new Date(Date.now() + 2 * DAY);
    await setDeadline(s.id, close);
    const started = Date.now();
    const res = await amend(agency, s.id, { changes: { trlRequired: 7 } });
    const ended = Date.now();
    expect(res.statusCode).toBe(201);
    const deadline = Date.parse(res.json().scenario.proposalDeadline);
    expect(deadline).toBeGreaterThanOrEqual(started + NOTICE_DAYS * DAY);
    expect(deadline).toBeLessThanOrEqual(ended + NOTICE_DAYS * DAY);
    expect(res.json().amendment).toMatchObject({
      material: true,
      deadlineExtended: true,
      changedFields: ['trlRequired', 'proposalDeadline'],
      deadlineBefore: close.toISOString(),
      deadlineAfter: res.json().scenario.proposalDeadline,
    });
    const proposalDeadline = res.json().scenario.proposalDeadline;
    expect(await events(s.id, 'scenario.amended')).toEqual([
      expect.objectContaining({ material: true, deadlineExtended: true, proposalDeadline }),
    ]);
    expect(await events(s.id, 'scenario.reconfirmation_required')).toEqual([
      { scenarioId: s.id, amendmentNo: 1, proposalDeadline },
    ]);
  });

  it('computes the extension from the injected clock', async () => {
    const s = await setup.publishedScenario(agency);
    const view = await current(s.id);
    const deadline = Date.parse(view.proposalDeadline);
    const now = new Date(deadline - 1 * DAY);
    const ctx = { actor: agency, requestId: randomUUID(), ip: null, locale: 'zh-CN' as const };
    const result = await t.app
      .get(AmendmentService)
      .amend(ctx, s.id, { version: view.version, reason: '调整预算', changes: { budgetMaxYuan: 1_600_000 } }, { now });
    expect(result.scenario.proposalDeadline).toBe(new Date(now.getTime() + NOTICE_DAYS * DAY).toISOString());
    expect(result.amendment).toMatchObject({ deadlineExtended: true, amendedAt: now.toISOString() });
  });

  it('keeps a later deadline the agency asked for', async () => {
    const s = await setup.publishedScenario(agency);
    await setDeadline(s.id, new Date(Date.now() + 2 * DAY));
    const asked = new Date(Date.now() + 30 * DAY).toISOString();
    const res = await amend(agency, s.id, { changes: { proposalDeadline: asked, expectedDeliveryMonths: 8 } });
    expect(res.statusCode).toBe(201);
    expect(res.json().scenario.proposalDeadline).toBe(asked);
    expect(res.json().amendment).toMatchObject({
      material: true,
      deadlineExtended: true,
      deadlineAfter: asked,
      changedFields: ['proposalDeadline', 'expectedDeliveryMonths'],
    });
  });

  it('lets only the owning agency amend', async () => {
    const s = await setup.publishedScenario(agency);
    const version = (await current(s.id)).version;
    const body = { version, reason: '调整', changes: { summary: '新的简介内容，补充说明。' } };
    expect((await call(otherAgency, 'POST', `/scenarios/${s.id}/amendments`, body)).statusCode).toBe(403);
    expect((await call(vendor, 'POST', `/scenarios/${s.id}/amendments`, body)).statusCode).toBe(403);
    expect((await call(setup.staff, 'POST', `/scenarios/${s.id}/amendments`, body)).statusCode).toBe(403);
    expect((await call(otherAgency, 'POST', `/scenarios/${randomUUID()}/amendments`, body)).statusCode).toBe(404);
    const anonymous = await t.request({ method: 'POST', url: `/api/v1/scenarios/${s.id}/amendments`, payload: body });
    expect(anonymous.statusCode).toBe(401);
    expect((await current(s.id)).version).toBe(version);
    expect((await pg.query(`SELECT 1 FROM scenario_amendment WHERE scenario_id = $1`, [s.id])).rowCount).toBe(0);
  });

  it('amends only published scenarios, and hides drafts of other agencies', async () => {
    const approved = await setup.approvedScenario(agency);
    const res = await amend(agency, approved.id, { changes: { summary: '新的简介内容，补充说明。' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('AMENDMENT_SCENARIO_NOT_PUBLISHED');
    const version = (await current(approved.id)).version;
    const hidden = await call(otherAgency, 'POST', `/scenarios/${approved.id}/amendments`, {
      version,
      reason: '调整',
      changes: { summary: 'x' },
    });
    expect(hidden.statusCode).toBe(404);
    expect((await anon(`/public/scenarios/${approved.id}/amendments`)).statusCode).toBe(404);
  });

  it('refuses a stale version with 409, writing nothing', async () => {
    const s = await setup.publishedScenario(agency);
    const version = (await current(s.id)).version;
    expect((await amend(agency, s.id, { changes: { summaryEn: 'One' }, version })).statusCode).toBe(201);
    const stale = await amend(agency, s.id, { changes: { summaryEn: 'Two' }, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('SCENARIO_VERSION_CONFLICT');
    expect((await current(s.id)).summaryEn).toBe('One');
    expect((await pg.query(`SELECT 1 FROM scenario_amendment WHERE scenario_id = $1`, [s.id])).rowCount).toBe(1);
  });

  it('refuses no-op amendments, broken cross-field rules and locked fields with 400 naming the fields', async () => {
    const s = await setup.publishedScenario(agency);
    const view = await current(s.id);
    const fields = (res: { json(): { errors?: { field: string; rule: string }[] } }) =>
      (res.json().errors ?? []).map((e) => `${e.field}:${e.rule}`).sort();

    const same = await amend(agency, s.id, { changes: { summary: view.summary, trlRequired: view.trlRequired } });
    expect(same.statusCode).toBe(400);
    expect(fields(same)).toEqual(['changes:amendment.no_change']);
    expect((await amend(agency, s.id, { changes: {} })).statusCode).toBe(400);

    const broken = await amend(agency, s.id, {
      changes: { budgetMinYuan: 9_000_000, sector: 'fishery', proposalDeadline: '2020-01-01T00:00:00.000Z' },
    });
    expect(broken.statusCode).toBe(400);
    expect(fields(broken)).toEqual([
      'changes.budgetMinYuan:scenario.budget_range',
      'changes.proposalDeadline:scenario.deadline_past',
      'changes.sector:scenario.sector_domain',
    ]);
    const cleared = await amend(agency, s.id, { changes: { summary: null } });
    expect(fields(cleared)).toEqual(['changes.summary:scenario.required']);

    const domain = await amend(agency, s.id, { changes: { domain: 'agriculture' } });
    expect(domain.statusCode).toBe(400);
    expect(fields(domain)).toEqual(['changes.domain:whitelistValidation']);
    const code = await amend(agency, s.id, { changes: { code: 'HZ-2026-MF-9999' } });
    expect(code.statusCode).toBe(400);
    const noReason = await amend(agency, s.id, { reason: '  ', changes: { summaryEn: 'x' } });
    expect(fields(noReason)).toEqual(['reason:isNotEmpty']);
    const longReason = await amend(agency, s.id, { reason: '长'.repeat(2001), changes: { summaryEn: 'x' } });
    expect(fields(longReason)).toEqual(['reason:maxLength']);

    expect((await current(s.id)).version).toBe(view.version);
    expect((await pg.query(`SELECT 1 FROM scenario_version WHERE scenario_id = $1`, [s.id])).rowCount).toBe(0);
  });

  it('never shows a private budget in public versions or diffs; the owner and staff see it', async () => {
    const s = await setup.publishedScenario(agency);
    const res = await amend(agency, s.id, {
      reason: '调整预算上限',
      changes: { budgetMaxYuan: NEW_PRIVATE_MAX, summaryEn: 'Budget revised' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().amendment.changedFields).toEqual(['budgetMaxYuan', 'summaryEn']);

    const publicBodies = [
      (await anon(`/public/scenarios/${s.id}`)).body,
      (await anon(`/public/scenarios/${s.id}/amendments`)).body,
      (await anon(`/public/scenarios/${s.id}/amendments/1`)).body,
    ];
    for (const body of publicBodies) {
      for (const secret of [PRIVATE_MIN, PRIVATE_MAX, NEW_PRIVATE_MAX]) expect(body).not.toContain(String(secret));
    }
    const publicDiff = (await anon(`/public/scenarios/${s.id}/amendments/1`)).json().diff;
    expect(publicDiff[0]).toEqual({ field: 'budgetMaxYuan', hidden: true });

    const own = await call(agency, 'GET', `/scenarios/${s.id}/amendments/1`);
    expect(own.statusCode).toBe(200);
    expect(own.json().diff[0]).toEqual({ field: 'budgetMaxYuan', before: PRIVATE_MAX, after: NEW_PRIVATE_MAX });
    expect(own.json().amendedBy).toBe(agency.userId);
    const staffView = await call(setup.staff, 'GET', `/scenarios/${s.id}/amendments/1`);
    expect(staffView.json().diff[0].after).toBe(NEW_PRIVATE_MAX);

    expect((await call(vendor, 'GET', `/scenarios/${s.id}/amendments/1`)).statusCode).toBe(403);
    expect((await call(otherAgency, 'GET', `/scenarios/${s.id}/amendments/1`)).statusCode).toBe(403);
    expect((await call(agency, 'GET', `/scenarios/${s.id}/amendments/2`)).statusCode).toBe(404);
    expect((await call(agency, 'GET', `/scenarios/${randomUUID()}/amendments/1`)).statusCode).toBe(404);
  });

  it('re-indexes the search: new text is found, removed text no longer', async () => {
    const s = await setup.publishedScenario(agency, '纺织车间质检场景');
    const first = await amend(agency, s.id, { changes: { description: '## 方案\n采用高光谱成像识别面料色差。' } });
    expect(first.statusCode).toBe(201);
    expect(await searchIds('高光谱')).toContain(s.id);

    const second = await amend(agency, s.id, { changes: { description: '## 方案\n采用毫米波雷达识别面料褶皱。' } });
    expect(second.statusCode).toBe(201);
    expect(await searchIds('毫米波')).toContain(s.id);
    expect(await searchIds('高光谱')).not.toContain(s.id);
  });

  it('renders the Markdown description as sanitised HTML', async () => {
    const s = await setup.publishedScenario(agency);
    const res = await amend(agency, s.id, {
      changes: {
        description:
          '## 目标\n- **检出率** 99%\n\n<script>alert(1)</script>\n\n[链接](javascript:alert(1)) [官网](https://example.cn)',
      },
    });
    expect(res.statusCode).toBe(201);
    const html = (await anon(`/public/scenarios/${s.id}`)).json().descriptionHtml as string;
    expect(html).toContain('<h3>目标</h3>');
    expect(html).toContain('<li><strong>检出率</strong> 99%</li>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<a href="https://example.cn" rel="nofollow noopener noreferrer">官网</a>');
  });
});
