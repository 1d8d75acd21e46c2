import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import type { Role } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { routeTable, type RouteInfo } from '../support/route-table';
import { GOOD_PASSWORD, registrationBody } from '../support/fixtures';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A valid body for every write route, holding only required fields: every mutation below then
 * makes it definitely invalid. A new write route without an entry here fails the test.
 */
const VALID_BODIES: Record<string, Json | 'no body'> = {
  'POST /api/v1/organisations/:id/verify': 'no body',
  'POST /api/v1/auth/register': registrationBody('vendor') as unknown as Json,
  'POST /api/v1/auth/login': { email: 'someone@example.cn', password: GOOD_PASSWORD },
  'POST /api/v1/auth/refresh': { refreshToken: `${randomUUID()}.${'a'.repeat(43)}` },
  'POST /api/v1/auth/logout': { refreshToken: `${randomUUID()}.${'a'.repeat(43)}` },
  'POST /api/v1/auth/change-password': { currentPassword: GOOD_PASSWORD, newPassword: 'Another-good-pass-2026' },
  'PATCH /api/v1/auth/me': { locale: 'en' },
  'POST /api/v1/organisations/:id/reject': { reason: '资料不全' },
  'POST /api/v1/organisations/:id/members': {
    email: 'member@example.cn',
    password: GOOD_PASSWORD,
    displayName: '成员',
    role: 'vendor_member',
  },
  'POST /api/v1/users/reviewers': { email: 'expert@example.cn', password: GOOD_PASSWORD, displayName: '专家' },
  'POST /api/v1/scenarios': { title: '童装面料瑕疵AI视觉检测', domain: 'manufacturing' },
  'PATCH /api/v1/scenarios/:id': { version: 1 },
  'POST /api/v1/scenarios/:id/submit': 'no body',
  'POST /api/v1/scenarios/:id/withdraw': 'no body',
  'POST /api/v1/scenarios/:id/copy': 'no body',
  'POST /api/v1/scenarios/:id/amendments': { version: 1, reason: '根据答疑情况调整', changes: {} },
  'POST /api/v1/scenarios/:id/cancel': { reason: '上级部门调整预算安排' },
  'POST /api/v1/scenarios/:id/questions': { question: '历史数据是否可以带出试验场？' },
  'POST /api/v1/scenarios/:id/questions/:questionId/answer': { answer: '数据仅限试验场内使用。' },
  'PUT /api/v1/scenarios/:id/follow': 'no body',
  'DELETE /api/v1/scenarios/:id/follow': 'no body',
  'POST /api/v1/vetting/:id/approve': 'no body',
  'POST /api/v1/vetting/:id/return': { comments: { budgetMaxYuan: '预算上限偏高，请说明测算依据' } },
  'POST /api/v1/vetting/:id/reject': { reason: '不属于人工智能应用场景' },
  'POST /api/v1/batches': { year: 2026 },
  'POST /api/v1/batches/:id/scenarios': { scenarioIds: [randomUUID()] },
  'DELETE /api/v1/batches/:id/scenarios/:scenarioId': 'no body',
  'POST /api/v1/batches/:id/publish': { at: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  'POST /api/v1/batches/:id/unschedule': 'no body',
  // multipart/form-data, not JSON: malformed uploads (no file part, broken or cut-off multipart, wrong
  // types, oversize) are covered in attachments.e2e-spec.ts.
  'POST /api/v1/scenarios/:id/attachments': 'no body',
  'DELETE /api/v1/scenarios/:id/attachments/:attachmentId': 'no body',
  'POST /api/v1/scenarios/:id/proposals': { technicalApproach: '基于深度学习的面料瑕疵检测' },
  'PATCH /api/v1/proposals/:id': { version: 1 },
  'POST /api/v1/proposals/:id/submit': 'no body',
  'POST /api/v1/proposals/:id/revise': 'no body',
  'POST /api/v1/proposals/:id/withdraw': 'no body',
  'POST /api/v1/proposals/:id/reconfirm': 'no body',
  'POST /api/v1/proposals/:id/consortium/members': { organisationId: randomUUID() },
  'DELETE /api/v1/proposals/:id/consortium/members/:organisationId': 'no body',
  'POST /api/v1/proposals/:id/consortium/confirm': 'no body',
  'POST /api/v1/proposals/:id/consortium/decline': 'no body',
  'POST /api/v1/proposals/:id/receipt/verify': { receiptSha256: 'a'.repeat(64) },
  // multipart, like scenario uploads: malformed uploads are covered in proposals.e2e-spec.ts.
  'POST /api/v1/proposals/:id/attachments': 'no body',
  'DELETE /api/v1/proposals/:id/attachments/:attachmentId': 'no body',
  'PUT /api/v1/vendors/me/profile': {
    domains: ['manufacturing'],
    capabilityCodes: ['cv_inspection'],
    description: '面料瑕疵在线检测',
  },
  'PUT /api/v1/scenarios/:id/evaluation': {
    criteria: [{ key: 'technical', name: '技术方案', weight: 100, scaleMax: 10, commentRequired: true }],
  },
  'POST /api/v1/scenarios/:id/evaluation/panel': { reviewerIds: [randomUUID()] },
  'DELETE /api/v1/scenarios/:id/evaluation/panel/:reviewerId': 'no body',
  'POST /api/v1/scenarios/:id/evaluation/open': 'no body',
  'POST /api/v1/scenarios/:id/evaluation/reveal': 'no body',
  'POST /api/v1/scenarios/:id/evaluation/close': 'no body',
  'PUT /api/v1/scenarios/:id/shortlist': { proposalIds: [randomUUID()] },
  'POST /api/v1/scenarios/:id/award': { outcome: 'no_award', winners: [], justification: '所有方案均未达到技术指标' },
  'POST /api/v1/objections/:id/uphold': { reasons: '经复核，评分计算有误' },
  'POST /api/v1/objections/:id/dismiss': { reasons: '经复核，异议不成立' },
  'PUT /api/v1/evaluations/:id/conflicts': { declarations: [{ organisationId: randomUUID(), conflicted: false }] },
  'PUT /api/v1/evaluations/:id/proposals/:proposalId/scores': { scores: [{ criterion: 'technical', value: 8 }] },
  'POST /api/v1/proposals/:id/objections': { grounds: '对报价评分有异议' },
  'POST /api/v1/scenarios/:id/delivery/start': 'no body',
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/changes': { reason: '试验场数据接入推迟两周' },
  'POST /api/v1/scenarios/:id/delivery/milestone-changes/:changeId/agree': 'no body',
  'POST /api/v1/scenarios/:id/delivery/milestone-changes/:changeId/refuse': { comment: '将影响整体验收计划' },
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/report': 'no body',
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/confirm': 'no body',
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/return': { reason: '缺少现场测试记录' },
  'POST /api/v1/scenarios/:id/delivery/reports': { text: '已完成数据接入与标注', percentComplete: 40 },
  // multipart, like scenario uploads: malformed uploads are covered in attachments.e2e-spec.ts (same parser).
  'POST /api/v1/scenarios/:id/delivery/reports/:reportId/attachments': 'no body',
  // multipart imports: malformed files (bad rows, wrong types, broken CSV/JSON/XLSX) are covered in imports.e2e-spec.ts.
  'POST /api/v1/imports/scenarios': 'no body',
  'POST /api/v1/imports/vendors': 'no body',
  'POST /api/v1/scenarios/:id/delivery/trial-results': {
    metric: '缺陷检出率',
    measuredValue: '99.6',
    met: true,
    method: '试验场抽检 2000 张面料图像',
    measuredAt: '2026-10-12T10:00:00+08:00',
  },
  'POST /api/v1/scenarios/:id/acceptance/verdicts': { verdict: 'met' },
  'POST /api/v1/scenarios/:id/accept': 'no body',
  'POST /api/v1/scenarios/:id/designate-demonstration': { citation: '检出率提升至 99.6%，可在纺织行业推广' },
  'POST /api/v1/scenarios/:id/replicate': 'no body',
  'POST /api/v1/notifications/:id/read': 'no body',
  'POST /api/v1/notifications/read-all': 'no body',
  'POST /api/v1/notifications/stream-ticket': 'no body',
  'POST /api/v1/admin/notification-deliveries/:id/retry': 'no body',
  'PUT /api/v1/notifications/preferences': { items: [{ type: 'award.result', channel: 'email', mode: 'digest' }] },
  'POST /api/v1/saved-searches': { name: '制造业视觉检测', filters: { q: '瑕疵检测' } },
  'DELETE /api/v1/saved-searches/:id': 'no body',
  // The signed token is in the query; the body (RFC 8058 `List-Unsubscribe=One-Click`) is ignored.
  'POST /api/v1/notifications/unsubscribe': 'no body',
  'POST /api/v1/organisations/me/webhooks': { url: 'https://hooks.example.cn/scenario-exchange' },
  'PATCH /api/v1/organisations/me/webhooks/:id': { active: false },
  'DELETE /api/v1/organisations/me/webhooks/:id': 'no body',
  'POST /api/v1/organisations/me/webhooks/:id/rotate-secret': 'no body',
  'POST /api/v1/organisations/me/webhooks/:id/test': 'no body',
  'POST /api/v1/organisations/me/webhooks/deliveries/:id/replay': 'no body',
  'POST /api/v1/admin/webhook-deliveries/:id/retry': 'no body',
  'POST /api/v1/scenarios/:id/invitations': { vendorOrganisationId: randomUUID() },
  'PUT /api/v1/vendors/me/recommendations/:scenarioId/feedback': { kind: 'not_relevant' },
  'DELETE /api/v1/vendors/me/recommendations/:scenarioId/feedback': 'no body',
};

type Path = (string | number)[];

function paths(value: Json, prefix: Path = []): { path: Path; value: Json }[] {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return entries.flatMap(([k, v]) => [{ path: [...prefix, k], value: v }, ...paths(v, [...prefix, k])]);
  }
  return [];
}

function setAt(
  root: Json,
  path: Path,
  fn: (old: Json, parent: Record<string | number, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  fn(node[last], node, last);
  return copy as Json;
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const anyJson: fc.Arbitrary<Json> = fc.jsonValue() as fc.Arbitrary<Json>;
/** Strings that are not text: NUL, C0 controls, lone surrogates. */
const notText = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\u0000', '\u0007', '\u001b', '\ud800', '\udfff', '\u007f'),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);
/** Valid but unusual text, mixed into otherwise-broken bodies. */
const oddText = fc.constantFrom(
  '😀👩‍👩‍👧',
  '\u200b\u200d',
  '\u202eabc',
  'ｅｍａｉｌ＠例子.中国',
  'a\u0301\u0302\u0303',
  '𠜎𠜱𠝹',
  ' ',
);

function malformed(valid: Json): fc.Arbitrary<Json | string> {
  const fields = paths(valid);
  const strings = fields.filter((f) => typeof f.value === 'string');
  const objects = [{ path: [] as Path, value: valid }, ...fields.filter((f) => typeOf(f.value) === 'object')];
  const mutation: fc.Arbitrary<(b: Json) => Json> = fc.oneof(
    // A required field goes missing.
    fc.constantFrom(...fields).map((f) => (b: Json) => setAt(b, f.path, (_o, p, k) => delete p[k])),
    // A field of the wrong JSON type.
    fc
      .tuple(fc.constantFrom(...fields), anyJson)
      .filter(([f, v]) => typeOf(f.value) !== typeOf(v))
      .map(
        ([f, v]) =>
          (b: Json) =>
            setAt(b, f.path, (_o, p, k) => (p[k] = v)),
      ),
    // An extra field, including prototype-poisoning keys.
    fc
      .tuple(
        fc.constantFrom(...objects),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.constantFrom('__proto__', 'constructor', 'id', 'role', 'status'),
        ),
        anyJson,
      )
      .map(([o, key, v]) => (b: Json) => {
        if (o.path.length === 0)
          return {
            ...(b as object),
            [`x_${key}`]: v,
            ...(key === '__proto__' ? JSON.parse('{"__proto__":{"admin":true}}') : {}),
          } as Json;
        return setAt(b, o.path, (old, p, k) => (p[k] = { ...(old as object), [`x_${key}`]: v }));
      }),
    // A huge string.
    ...(strings.length
      ? [
          fc
            .tuple(
              fc.constantFrom(...strings),
              fc.integer({ min: 5_000, max: 300_000 }),
              fc.constantFrom('a', '中', '😀'),
            )
            .map(
              ([f, n, ch]) =>
                (b: Json) =>
                  setAt(b, f.path, (_o, p, k) => (p[k] = ch.repeat(n))),
            ),
        ]
      : []),
    // Characters that are not text.
    ...(strings.length
      ? [
          fc.tuple(fc.constantFrom(...strings), notText).map(
            ([f, s]) =>
              (b: Json) =>
                setAt(b, f.path, (_o, p, k) => (p[k] = s)),
          ),
        ]
      : []),
  );
  const noise = strings.length
    ? fc.option(
        fc.tuple(fc.constantFrom(...strings), oddText).map(
          ([f, s]) =>
            (b: Json) =>
              setAt(b, f.path, (o, p, k) => (p[k] = `${String(o)}${s}`)),
        ),
      )
    : fc.constant(null);
  const mutated = fc.tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), noise).map(([ms, n]) => {
    // Noise first: the mutations after it guarantee the body stays invalid.
    let body = n ? n(valid) : valid;
    for (const m of ms) {
      try {
        body = m(body);
      } catch {
        // A path removed by an earlier mutation: that mutation already broke the body.
      }
    }
    return body;
  });
  const notAnObject = fc.oneof(
    fc.array(anyJson, { maxLength: 3 }),
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
  );
  return fc
    .oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: notAnObject })
    .map((b) => (b === valid ? '{"broken": ' : (b as Json)));
}

const TABLES = [
  'organisation',
  'app_user',
  'refresh_token',
  'audit_record',
  'outbox_event',
  'scenario',
  'scenario_review',
  'scenario_batch',
  'scenario_question',
  'scenario_follow',
  'scenario_version',
  'scenario_amendment',
  'scenario_attachment',
  'proposal',
  'proposal_member',
  'proposal_attachment',
  'proposal_receipt',
  'vendor_profile',
  'evaluation',
  'panel_member',
  'coi_declaration',
  'score',
  'award_decision',
  'objection',
  'delivery',
  'delivery_milestone',
  'milestone_change',
  'progress_report',
  'progress_report_attachment',
  'trial_result',
  'acceptance_round',
  'acceptance_verdict',
  'demonstration_designation',
  'notification',
  'notification_delivery',
  'notification_preference',
  'saved_search',
  'webhook_endpoint',
  'webhook_delivery',
  'match_feedback',
  'match_invitation',
];

describe('malformed bodies to every write route (property)', () => {
  let t: TestApp;
  let pg: Client;
  let writeRoutes: RouteInfo[];

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await pg.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    return out;
  }

  function callerFor(route: RouteInfo): Role | null {
    const p = route.policy;
    if (!p || p.kind === 'public') return null;
    if (p.kind === 'authenticated') return 'vendor_admin';
    return p.roles[0];
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_REGISTER_PER_HOUR: '100000', RATE_LIMIT_LOGIN_PER_MINUTE: '100000' } });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    writeRoutes = routeTable(t.app).filter((r) => r.method !== 'GET');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('has a valid example for every write route', () => {
    expect(writeRoutes.map((r) => r.key).filter((k) => !(k in VALID_BODIES))).toEqual([]);
  });

  it('answers 500+ malformed bodies per write route with 4xx and field messages, writing nothing', async () => {
    const before = await counts();
    const failures: string[] = [];
    for (const route of writeRoutes) {
      const role = callerFor(route);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (role)
        headers.authorization = `Bearer ${t.tokenFor({ userId: randomUUID(), organisationId: randomUUID(), role })}`;
      const url = route.path.replace(/:\w+/g, randomUUID());
      const valid = VALID_BODIES[route.key];
      if (valid === 'no body') continue; // takes no body: nothing to malform (the matrix covers it)
      let runs = 0;
      await fc
        .assert(
          fc.asyncProperty(malformed(valid), fc.constantFrom('zh-CN', 'en'), async (body, lang) => {
            runs++;
            const payload = typeof body === 'string' && body.startsWith('{"broken"') ? body : JSON.stringify(body);
            const res = await t.request({
              method: route.method as 'POST' | 'PATCH',
              url,
              headers: { ...headers, 'accept-language': lang },
              payload,
            });
            const json = res.json();
            const ok =
              res.statusCode >= 400 &&
              res.statusCode < 500 &&
              typeof json.message === 'string' &&
              (res.statusCode !== 400 ||
                (Array.isArray(json.errors)
                  ? json.errors.every((e: { field?: string; message?: string }) => e.field && e.message)
                  : json.code === 'COMMON_MALFORMED_REQUEST'));
            if (!ok)
              failures.push(`${route.key}: ${res.statusCode} ${res.body.slice(0, 200)} <- ${payload.slice(0, 200)}`);
            return ok;
          }),
          { numRuns: 500, endOnFailure: true },
        )
        .catch(() => undefined); // the failing request is in `failures`, with its payload
      if (failures.length === 0) expect(runs).toBeGreaterThanOrEqual(500);
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 300_000);
});
