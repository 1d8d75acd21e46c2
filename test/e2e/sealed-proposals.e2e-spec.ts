import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { routeTable } from '../support/route-table';
import { proposalSetup, sealedMarker } from '../support/proposal-setup';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { fileUpload, samplePdf } from '../support/upload-fixtures';

/**
 * The sealed-proposal matrix: every route that can return proposal data × every kind of caller,
 * before the deadline (only the proposing vendors read the content; others at most a count) and after
 * the scenario closed (staff and the owning agency read the opened proposals too). The content, the
 * attachment's name and its bytes carry a marker; each cell says whether the marker must show.
 *
 * To add routes (e.g. the evaluation context's panel routes), append rows to ROUTES: `request` builds
 * the call from the fixture, `expected` gives each principal's status and whether it sees the content
 * per phase, `prepare` runs setup before a phase (e.g. assigning the reviewer to the panel), `text`
 * reads a non-JSON body, and `reveals` says what else gives a proposal away on a route that never
 * carries its content (the audit view: any record about a proposal tells who bids, and on what). The
 * reviewer principal is a real reviewer account (`f.actors.reviewer`).
 */

const PRINCIPALS = [
  'anonymous',
  'lead',
  'member',
  'otherVendor',
  'owningAgency',
  'otherAgency',
  'reviewer',
  'staff',
  'platformAdmin',
] as const;
type Principal = (typeof PRINCIPALS)[number];
type Phase = 'beforeDeadline' | 'afterClosing';

/** What one caller gets: the status, and whether the sealed proposal (its content, or `reveals`) shows. */
interface Expectation {
  status: number;
  sees: boolean;
}
type Row = Record<Principal, Expectation>;

/** Everything a row may need to build its request. */
interface Fixture {
  t: TestApp;
  actors: Record<Exclude<Principal, 'anonymous'>, Actor>;
  scenarioId: string;
  scenarioCode: string;
  proposalId: string;
  attachmentId: string;
  /** The other vendor's own proposal (it must never show to the lead or the member). */
  otherProposalId: string;
  /** A time before anything about the proposals was written. */
  startedAt: string;
}

interface SealedRoute {
  name: string;
  request(f: Fixture): { method: 'GET' | 'POST'; url: string; payload?: object };
  expected: Record<Phase, Row>;
  /** The body as text, for bodies that are not plain text (files, workbooks). */
  text?: (res: LightMyRequestResponse) => Promise<string> | string;
  prepare?: Partial<Record<Phase, (f: Fixture) => Promise<void>>>;
  /** Besides the content (marker): whether a 200 answer gives the sealed proposals away. */
  reveals?: (res: LightMyRequestResponse, f: Fixture) => boolean;
}

const sees = (status = 200): Expectation => ({ status, sees: true });
const blind = (status: number): Expectation => ({ status, sees: false });
/** Every principal gets `base`, except those overridden. */
const row = (base: Expectation, overrides: Partial<Row> = {}): Row =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, overrides[p] ?? base])) as Row;
const same = (r: Row): Record<Phase, Row> => ({ beforeDeadline: r, afterClosing: r });

const VENDOR_ONLY = { anonymous: blind(401), lead: blind(200), member: blind(200), otherVendor: blind(200) };
const CENTRE_ONLY = { anonymous: blind(401), staff: blind(200), platformAdmin: blind(200) };
/** The proposal's own routes: its vendors always; staff and the owning agency once opened. */
const proposalReaders: Record<Phase, Row> = {
  beforeDeadline: row(blind(404), { anonymous: blind(401), lead: sees(), member: sees() }),
  afterClosing: row(blind(404), {
    anonymous: blind(401),
    lead: sees(),
    member: sees(),
    owningAgency: sees(),
    staff: sees(),
  }),
};

async function workbookText(res: LightMyRequestResponse): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void cells.push(String(c.text)))));
  return cells.join('\n');
}
const bytesText = (res: LightMyRequestResponse) => res.rawPayload.toString('latin1');

/**
 * The staff audit view: before the opening it holds no record about a proposal at all (ids, statuses,
 * the bidding vendor and its users, hashes, sizes); from the opening on it shows them all, including
 * those written before it. Nobody but the centre reads the audit view.
 */
const auditRecordsAboutProposals = (res: LightMyRequestResponse) =>
  (res.json().items as { objectType: string }[]).some((r) => r.objectType === 'proposal');
const AUDIT_VIEW: Record<Phase, Row> = {
  beforeDeadline: row(blind(403), CENTRE_ONLY),
  afterClosing: row(blind(403), { anonymous: blind(401), staff: sees(), platformAdmin: sees() }),
};

const ROUTES: SealedRoute[] = [
  {
    name: 'GET /proposals/:id',
    request: (f) => ({ method: 'GET', url: `/proposals/${f.proposalId}` }),
    expected: proposalReaders,
  },
  {
    name: 'GET /proposals/:id/attachments',
    request: (f) => ({ method: 'GET', url: `/proposals/${f.proposalId}/attachments` }),
    expected: proposalReaders,
  },
  {
    name: 'GET /proposals/:id/attachments/:attachmentId',
    request: (f) => ({ method: 'GET', url: `/proposals/${f.proposalId}/attachments/${f.attachmentId}` }),
    expected: proposalReaders,
    text: bytesText,
  },
  {
    name: 'GET /proposals/:id/receipt (hashes only)',
    request: (f) => ({ method: 'GET', url: `/proposals/${f.proposalId}/receipt` }),
    expected: same(
      row(blind(403), { anonymous: blind(401), lead: blind(200), member: blind(200), otherVendor: blind(404) }),
    ),
  },
  {
    // Before the opening the proposal is sealed: 404 to the centre, as on every other route about it.
    name: 'POST /proposals/:id/receipt/verify (hashes and verdicts only)',
    request: (f) => ({ method: 'POST', url: `/proposals/${f.proposalId}/receipt/verify`, payload: {} }),
    expected: {
      beforeDeadline: row(blind(403), { anonymous: blind(401), staff: blind(404), platformAdmin: blind(404) }),
      afterClosing: row(blind(403), CENTRE_ONLY),
    },
  },
  {
    name: 'GET /proposals/mine (no content)',
    request: () => ({ method: 'GET', url: '/proposals/mine' }),
    expected: same(row(blind(403), VENDOR_ONLY)),
  },
  {
    name: 'GET /scenarios/:id/proposals (the count, then the opened proposals)',
    request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}/proposals` }),
    expected: {
      beforeDeadline: row(blind(403), {
        anonymous: blind(401),
        owningAgency: blind(200),
        staff: blind(200),
        platformAdmin: blind(200),
      }),
      afterClosing: row(blind(403), {
        anonymous: blind(401),
        owningAgency: sees(),
        staff: sees(),
        platformAdmin: blind(200),
      }),
    },
  },
  {
    name: 'GET /scenarios/:id (scenario detail)',
    request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}` }),
    expected: same(row(blind(200), { anonymous: blind(401) })),
  },
  {
    name: 'GET /scenarios/:id/attachments (scenario files)',
    request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}/attachments` }),
    expected: same(row(blind(200), { anonymous: blind(401) })),
  },
  {
    name: 'GET /public/scenarios/:codeOrId (public detail)',
    request: (f) => ({ method: 'GET', url: `/public/scenarios/${f.scenarioCode}` }),
    expected: same(row(blind(200))),
  },
  {
    name: 'GET /public/scenarios (public list)',
    request: () => ({ method: 'GET', url: '/public/scenarios' }),
    expected: same(row(blind(200))),
  },
  {
    name: 'GET /public/scenarios?q=<proposal text> (search does not index proposals)',
    request: () => ({ method: 'GET', url: `/public/scenarios?q=${encodeURIComponent('缺陷分割模型 持续标注迭代')}` }),
    expected: same(row(blind(200))),
  },
  {
    name: 'GET /public/scenarios/export.csv',
    request: () => ({ method: 'GET', url: '/public/scenarios/export.csv' }),
    expected: same(row(blind(200))),
  },
  {
    name: 'GET /public/scenarios/export.xlsx',
    request: () => ({ method: 'GET', url: '/public/scenarios/export.xlsx' }),
    expected: same(row(blind(200))),
    text: workbookText,
  },
  {
    name: 'GET /public/scenarios/feed.atom',
    request: () => ({ method: 'GET', url: '/public/scenarios/feed.atom' }),
    expected: same(row(blind(200))),
  },
  {
    name: 'GET /audit/records about the proposal',
    request: (f) => ({ method: 'GET', url: `/audit/records?objectType=proposal&objectId=${f.proposalId}&limit=200` }),
    expected: AUDIT_VIEW,
    reveals: auditRecordsAboutProposals,
  },
  {
    name: 'GET /audit/records by the lead vendor',
    request: (f) => ({ method: 'GET', url: `/audit/records?actorUserId=${f.actors.lead.userId}&limit=200` }),
    expected: AUDIT_VIEW,
    reveals: auditRecordsAboutProposals,
  },
  {
    name: 'GET /audit/records about proposals in a time range',
    request: (f) => ({
      method: 'GET',
      url: `/audit/records?objectType=proposal&from=${f.startedAt}&to=2100-01-01T00:00:00Z&limit=200`,
    }),
    expected: AUDIT_VIEW,
    reveals: auditRecordsAboutProposals,
  },
  {
    name: 'GET /audit/records about the scenario',
    request: (f) => ({ method: 'GET', url: `/audit/records?objectType=scenario&objectId=${f.scenarioId}&limit=200` }),
    expected: same(row(blind(403), CENTRE_ONLY)),
  },
  // The evaluation context's routes (Helper C). Before the deadline staff already set the rubric and the
  // panel (the reviewer), but nothing opens; after the closing staff open scoring and the reviewer
  // declares no conflicts: only then does the reviewer read the proposals and their files.
  ...((): SealedRoute[] => {
    const state = { evaluationId: randomUUID() as string, setUp: false, opened: false };
    const as = (f: Fixture, who: Actor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      f.t.request({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${f.t.tokenFor(who)}` },
        ...(payload ? { payload } : {}),
      });
    const check = (what: string, res: LightMyRequestResponse) => {
      if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
      return res;
    };
    const prepare: SealedRoute['prepare'] = {
      beforeDeadline: async (f) => {
        if (state.setUp) return;
        state.setUp = true;
        const criteria = [{ key: 'quality', name: '方案质量', weight: 100, scaleMax: 10, commentRequired: false }];
        const set = check(
          'rubric',
          await as(f, f.actors.staff, 'PUT', `/scenarios/${f.scenarioId}/evaluation`, { criteria }),
        );
        state.evaluationId = set.json().id as string;
        const panel = { reviewerIds: [f.actors.reviewer.userId] };
        check('panel', await as(f, f.actors.staff, 'POST', `/scenarios/${f.scenarioId}/evaluation/panel`, panel));
      },
      afterClosing: async (f) => {
        if (state.opened) return;
        state.opened = true;
        check('open', await as(f, f.actors.staff, 'POST', `/scenarios/${f.scenarioId}/evaluation/open`));
        const url = `/evaluations/${state.evaluationId}/conflicts`;
        const vendors = check('vendors', await as(f, f.actors.reviewer, 'GET', url)).json().vendors as {
          organisationId: string;
        }[];
        const declarations = vendors.map((v) => ({ organisationId: v.organisationId, conflicted: false }));
        check('declare', await as(f, f.actors.reviewer, 'PUT', url, { declarations }));
      },
    };
    const REVIEWER_ONLY = { anonymous: blind(401), reviewer: blind(200) };
    const STAFF_ONLY = { anonymous: blind(401), staff: blind(200) };
    return [
      {
        name: 'GET /evaluations/mine (the reviewer’s panels, no content)',
        request: () => ({ method: 'GET', url: '/evaluations/mine' }),
        expected: same(row(blind(403), REVIEWER_ONLY)),
        prepare,
      },
      {
        name: 'GET /evaluations/:id/conflicts (vendor names to declare about, no content)',
        request: () => ({ method: 'GET', url: `/evaluations/${state.evaluationId}/conflicts` }),
        expected: {
          beforeDeadline: row(blind(403), { ...REVIEWER_ONLY, reviewer: blind(409) }),
          afterClosing: row(blind(403), REVIEWER_ONLY),
        },
        prepare,
      },
      {
        name: 'GET /evaluations/:id/proposals (the panel, once scoring opened and conflicts declared)',
        request: () => ({ method: 'GET', url: `/evaluations/${state.evaluationId}/proposals` }),
        expected: {
          beforeDeadline: row(blind(403), { ...REVIEWER_ONLY, reviewer: blind(409) }),
          afterClosing: row(blind(403), { ...REVIEWER_ONLY, reviewer: sees() }),
        },
        prepare,
      },
      {
        name: 'GET /evaluations/:id/proposals/:proposalId/attachments/:attachmentId',
        request: (f) => ({
          method: 'GET',
          url: `/evaluations/${state.evaluationId}/proposals/${f.proposalId}/attachments/${f.attachmentId}`,
        }),
        expected: {
          beforeDeadline: row(blind(403), { ...REVIEWER_ONLY, reviewer: blind(409) }),
          afterClosing: row(blind(403), { ...REVIEWER_ONLY, reviewer: sees() }),
        },
        text: bytesText,
        prepare,
      },
      {
        name: 'GET /proposals/:id/evaluation-result (the vendors’ own scores, only once decided)',
        request: (f) => ({ method: 'GET', url: `/proposals/${f.proposalId}/evaluation-result` }),
        expected: same(
          row(blind(403), { anonymous: blind(401), lead: blind(409), member: blind(409), otherVendor: blind(404) }),
        ),
        prepare,
      },
      {
        name: 'GET /scenarios/:id/evaluation/consensus (scores and vendors, no content)',
        request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}/evaluation/consensus` }),
        expected: {
          beforeDeadline: row(blind(403), { ...STAFF_ONLY, staff: blind(409) }),
          afterClosing: row(blind(403), STAFF_ONLY),
        },
        prepare,
      },
      {
        name: 'GET /scenarios/:id/evaluation/coverage (counts and vendors, no content)',
        request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}/evaluation/coverage` }),
        expected: {
          beforeDeadline: row(blind(403), { ...STAFF_ONLY, staff: blind(409) }),
          afterClosing: row(blind(403), STAFF_ONLY),
        },
        prepare,
      },
      {
        name: 'GET /scenarios/:id/award (decisions, no content)',
        request: (f) => ({ method: 'GET', url: `/scenarios/${f.scenarioId}/award` }),
        expected: same(row(blind(403), STAFF_ONLY)),
        prepare,
      },
    ];
  })(),
];

describe('sealed proposals: every route that can return proposal data × every role, before and after the deadline', () => {
  let t: TestApp;
  let pg: Client;
  let p: ReturnType<typeof proposalSetup>;
  let f: Fixture;
  const marker = sealedMarker('SEALED');
  const otherMarker = sealedMarker('OTHER');
  const logLines: string[] = [];
  const logStream = { write: (line: string) => void logLines.push(line) };

  async function callAs(principal: Principal, route: SealedRoute) {
    const { method, url, payload } = route.request(f);
    const headers = principal === 'anonymous' ? {} : p.auth(f.actors[principal]);
    return t.request({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  }

  async function mismatches(phase: Phase): Promise<string[]> {
    const out: string[] = [];
    for (const route of ROUTES) {
      await route.prepare?.[phase]?.(f);
      for (const principal of PRINCIPALS) {
        const want = route.expected[phase][principal];
        const res = await callAs(principal, route);
        const text = route.text && res.statusCode === 200 ? await route.text(res) : res.body;
        const shown = text.includes(marker) || (res.statusCode === 200 && !!route.reveals?.(res, f));
        const cell = `${phase} ${route.name} as ${principal}`;
        if (res.statusCode !== want.status) out.push(`${cell}: status ${res.statusCode}, expected ${want.status}`);
        if (shown !== want.sees) out.push(`${cell}: ${shown ? 'SHOWS' : 'does not show'} the sealed proposal`);
        if ((principal === 'lead' || principal === 'member') && text.includes(otherMarker)) {
          out.push(`${cell}: shows another vendor's proposal`);
        }
      }
    }
    return out;
  }

  /** Every row of every table, as Postgres prints it (bytea in hex): what a database reader sees. */
  async function databaseText(): Promise<string> {
    const { rows: tables } = await pg.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const parts: string[] = [];
    for (const { table_name: table } of tables as { table_name: string }[]) {
      const { rows } = await pg.query(`SELECT t::text AS row FROM "${table}" t`);
      parts.push(...rows.map((r: { row: string }) => r.row));
    }
    return parts.join('\n');
  }

  async function storedFiles(dir: string): Promise<Buffer[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const out: Buffer[] = [];
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) out.push(...(await storedFiles(path)));
      else out.push(await readFile(path));
    }
    return out;
  }

  /** Outbox payloads, audit records, logs, every database row and every stored file: never the content. */
  async function expectNoLeaks() {
    for (const secret of [marker, otherMarker]) {
      const outbox = await pg.query(`SELECT type, payload::text AS payload FROM outbox_event`);
      expect(outbox.rows.filter((r) => r.payload.includes(secret))).toEqual([]);
      const audit = await pg.query(`SELECT action, before::text AS b, after::text AS a FROM audit_record`);
      expect(audit.rows.filter((r) => `${r.b}${r.a}`.includes(secret))).toEqual([]);
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
      const db = await databaseText();
      expect(db.includes(secret)).toBe(false);
      expect(db.includes(Buffer.from(secret).toString('hex'))).toBe(false);
      const files = await storedFiles(t.storageDir);
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((b) => b.includes(Buffer.from(secret)))).toEqual([]);
    }
    // The proposal events exist, and carry ids, statuses and counts only.
    const proposalEvents = await pg.query(`SELECT payload FROM outbox_event WHERE type LIKE 'proposal.%'`);
    expect(proposalEvents.rows.length).toBeGreaterThan(0);
    for (const { payload } of proposalEvents.rows) {
      for (const value of Object.values(payload as Record<string, unknown>)) {
        expect(['string', 'number', 'object']).toContain(typeof value);
        if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(64);
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logStream });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    p = proposalSetup(t);
    const [lead, member, otherVendor, owningAgency, otherAgency] = await Promise.all([
      p.organisation('vendor'),
      p.organisation('vendor'),
      p.organisation('vendor'),
      p.organisation('agency'),
      p.organisation('agency'),
    ]);
    const reviewerRes = await p.call(p.staff, 'POST', '/users/reviewers', {
      email: uniqueEmail('reviewer'),
      password: GOOD_PASSWORD,
      displayName: '评审专家',
    });
    if (reviewerRes.statusCode !== 201) throw new Error(`reviewer: ${reviewerRes.statusCode} ${reviewerRes.body}`);
    const reviewer: Actor = { userId: reviewerRes.json().id, organisationId: null, role: 'reviewer' };
    const platformAdmin: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'platform_admin' };

    const startedAt = new Date().toISOString();
    const scenario = await p.publishedScenario(owningAgency);
    const content = await p.contentFor(scenario.id, { marker });
    const main = await p.consortiumProposal(lead, [member], scenario.id, { content, submit: false });
    const file = fileUpload(`技术方案-${marker}.pdf`, Buffer.concat([samplePdf(), Buffer.from(`%${marker}\n`)]));
    const uploaded = await t.request({
      method: 'POST',
      url: `/api/v1/proposals/${main.id}/attachments`,
      headers: { ...p.auth(lead), ...file.headers },
      payload: file.payload,
    });
    if (uploaded.statusCode !== 201) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body}`);
    const submitted = await p.call(lead, 'POST', `/proposals/${main.id}/submit`);
    if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
    const other = await p.submittedProposal(
      otherVendor,
      scenario.id,
      await p.contentFor(scenario.id, { marker: otherMarker }),
    );

    f = {
      t,
      actors: { lead, member, otherVendor, owningAgency, otherAgency, reviewer, staff: p.staff, platformAdmin },
      scenarioId: scenario.id,
      scenarioCode: scenario.code,
      proposalId: main.id,
      attachmentId: uploaded.json().id,
      otherProposalId: other.id,
      startedAt,
    };
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await pg.end();
    await t.close();
  });

  it('has a row for every GET route whose path names proposals (new ones must be added here)', () => {
    const listed = new Set(ROUTES.map((r) => `${r.name.split(' (')[0].split('?')[0].replace(' /', ' /api/v1/')}`));
    const served = routeTable(t.app)
      .filter((r) => r.method === 'GET' && r.path.includes('proposal'))
      .map((r) => r.key);
    expect(served.length).toBeGreaterThanOrEqual(6);
    expect(served.filter((key) => !listed.has(key))).toEqual([]);
  });

  it('before the deadline: only the proposing vendors read the content; the agency and the centre see a count', async () => {
    expect(await mismatches('beforeDeadline')).toEqual([]);
    const count = await p.call(f.actors.owningAgency, 'GET', `/scenarios/${f.scenarioId}/proposals`);
    expect(count.json()).toEqual({ sealed: true, submittedCount: 2 });
  });

  const PROPOSAL_ACTIONS_BEFORE_OPENING = [
    'proposal.create',
    'proposal.consortium_invite',
    'proposal.consortium_confirm',
    'proposal.attachment_add',
    'proposal.submit',
  ];

  /** Audit views by object, by actor and by time range, each with the same question put to the table. */
  const auditViews = (): { url: string; where: string; params: unknown[] }[] => [
    ...[f.proposalId, f.otherProposalId].map((id) => ({
      url: `/audit/records?objectType=proposal&objectId=${id}`,
      where: `object_type = 'proposal' AND object_id = $1`,
      params: [id],
    })),
    ...[f.actors.lead, f.actors.member, f.actors.otherVendor].map((a) => ({
      url: `/audit/records?actorUserId=${a.userId}`,
      where: `actor_user_id = $1`,
      params: [a.userId],
    })),
    {
      url: `/audit/records?objectType=proposal&from=${f.startedAt}&to=2100-01-01T00:00:00Z`,
      where: `object_type = 'proposal' AND occurred_at >= $1`,
      params: [f.startedAt],
    },
  ];

  /** Stored record ids matching a view (and `also`), newest first. */
  async function storedIds(view: { where: string; params: unknown[] }, also = 'true'): Promise<string[]> {
    const { rows } = await pg.query(
      `SELECT r.id::text AS id FROM audit_record r WHERE ${view.where} AND ${also} ORDER BY r.id DESC`,
      view.params,
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Every record a view shows to `who`, paged two at a time; every page but the last is full. */
  async function shownIds(who: Actor, url: string): Promise<string[]> {
    const shown: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await p.call(who, 'GET', `${url}&limit=2${cursor ? `&before=${cursor}` : ''}`);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      if (page.nextCursor) expect({ url, size: page.items.length }).toEqual({ url, size: 2 });
      shown.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return shown;
  }

  it('before the deadline: the trail holds the proposal records, the audit view none; receipt verify is a 404', async () => {
    const { rows } = await pg.query(`SELECT action FROM audit_record WHERE object_type = 'proposal'`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(PROPOSAL_ACTIONS_BEFORE_OPENING),
    );
    for (const who of [f.actors.staff, f.actors.platformAdmin]) {
      for (const view of auditViews()) {
        // Everything else the filter matches still shows (the vendors' registration, say), in full pages.
        const expected = await storedIds(view, `r.object_type <> 'proposal'`);
        expect({ url: view.url, shown: await shownIds(who, view.url) }).toEqual({ url: view.url, shown: expected });
        expect((await storedIds(view)).length).toBeGreaterThan(expected.length);
      }
      // The same answer as for reading the sealed proposal: nothing tells it exists.
      const verify = await p.call(who, 'POST', `/proposals/${f.proposalId}/receipt/verify`, {});
      const read = await p.call(who, 'GET', `/proposals/${f.proposalId}`);
      expect(verify.statusCode).toBe(404);
      expect(verify.json()).toMatchObject({ code: 'PROPOSAL_NOT_FOUND', message: read.json().message });
    }
    const verified = await pg.query(`SELECT 1 FROM audit_record WHERE action = 'proposal.receipt_verify'`);
    expect(verified.rows).toEqual([]);
  });

  it('before the deadline: no content in outbox payloads, audit records, logs, database rows or stored files', async () => {
    await expectNoLeaks();
  });

  it('after the closing: staff and the owning agency read the opened proposals; nobody else gains access', async () => {
    await p.closeScenario(f.scenarioId);
    expect(await mismatches('afterClosing')).toEqual([]);
    const opened = await p.call(f.actors.staff, 'GET', `/scenarios/${f.scenarioId}/proposals`);
    expect(opened.json()).toMatchObject({ sealed: false, submittedCount: 2, notOpenedCount: 0 });
    expect(
      opened
        .json()
        .proposals.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([f.proposalId, f.otherProposalId].sort());
    const download = await p.call(
      f.actors.owningAgency,
      'GET',
      `/proposals/${f.proposalId}/attachments/${f.attachmentId}`,
    );
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Platform admins run the platform: they see the count, not the proposals.
    expect((await p.call(f.actors.platformAdmin, 'GET', `/scenarios/${f.scenarioId}/proposals`)).json()).toEqual({
      sealed: false,
      submittedCount: 2,
    });
  });

  it('after the closing: the audit view shows every proposal record, those written before the opening too', async () => {
    const verify = await p.call(f.actors.staff, 'POST', `/proposals/${f.proposalId}/receipt/verify`, {});
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ proposalId: f.proposalId, proposalStatus: 'opened', valid: true });

    const { rows } = await pg.query(`SELECT action FROM audit_record WHERE object_type = 'proposal'`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining([...PROPOSAL_ACTIONS_BEFORE_OPENING, 'proposal.open', 'proposal.receipt_verify']),
    );
    for (const who of [f.actors.staff, f.actors.platformAdmin]) {
      for (const view of auditViews()) {
        const expected = await storedIds(view);
        expect((await storedIds(view, `r.object_type = 'proposal'`)).length).toBeGreaterThan(0);
        expect({ url: view.url, shown: await shownIds(who, view.url) }).toEqual({ url: view.url, shown: expected });
      }
    }
  });

  it('after the closing: the opening wrote events and audit records without content; still no leaks', async () => {
    const opened = await pg.query(`SELECT aggregate_id FROM outbox_event WHERE type = 'proposal.opened'`);
    expect(opened.rows.map((r) => r.aggregate_id).sort()).toEqual([f.proposalId, f.otherProposalId].sort());
    await expectNoLeaks();
  });

  it('never indexes proposals for search: their text finds nothing on the opportunity list (last: it logs the query)', async () => {
    for (const q of [marker, otherMarker]) {
      const found = await t.request({ method: 'GET', url: `/api/v1/public/scenarios?q=${encodeURIComponent(q)}` });
      expect(found.statusCode).toBe(200);
      expect(found.json().items).toEqual([]);
    }
  });
});
