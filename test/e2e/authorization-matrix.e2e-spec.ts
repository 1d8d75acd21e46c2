import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { routeTable, type RouteInfo } from '../support/route-table';

type Principal = 'anonymous' | Role;
const PRINCIPALS: Principal[] = ['anonymous', ...ROLES];
type Row = Record<Principal, number>;

const CENTRE: Role[] = ['staff', 'platform_admin'];
const AGENCY: Role[] = ['agency_officer', 'agency_admin'];
const VENDOR: Role[] = ['vendor_member', 'vendor_admin'];

/** Everyone gets the same status (public routes). */
const all = (status: number): Row => Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Row;
/** Logged-in users get `status`; anonymous callers 401. */
const loggedIn = (status: number): Row => ({ ...all(status), anonymous: 401 });
/** Only `roles` get `status`; other roles 403; anonymous 401. */
const only = (roles: Role[], status: number): Row =>
  Object.fromEntries(
    PRINCIPALS.map((p) => [p, p === 'anonymous' ? 401 : roles.includes(p as Role) ? status : 403]),
  ) as Row;

/**
 * The expected status of every route for every caller, probing with a random id and an empty body.
 * A route the application serves that is missing here fails the test: new routes must be added with
 * a decision about who may call them.
 */
const MATRIX: Record<string, Row> = {
  'GET /health/live': all(200),
  'GET /health/ready': all(200),
  'GET /metrics': all(200),
  'POST /api/v1/auth/register': all(400),
  'POST /api/v1/auth/login': all(400),
  'POST /api/v1/auth/refresh': all(400),
  'POST /api/v1/auth/logout': all(400),
  'POST /api/v1/auth/change-password': loggedIn(400),
  'GET /api/v1/auth/me': loggedIn(404),
  'PATCH /api/v1/auth/me': loggedIn(404),
  'GET /api/v1/organisations': only(CENTRE, 200),
  'GET /api/v1/organisations/:id': loggedIn(404),
  'POST /api/v1/organisations/:id/verify': only(CENTRE, 404),
  'POST /api/v1/organisations/:id/reject': only(CENTRE, 400),
  'GET /api/v1/organisations/:id/members': loggedIn(404),
  'POST /api/v1/organisations/:id/members': only(['agency_admin', 'vendor_admin', 'platform_admin'], 400),
  'POST /api/v1/users/reviewers': only(CENTRE, 400),
  // The probe sends no `role`: 400 naming it, for the centre only.
  'GET /api/v1/users': only(CENTRE, 400),
  'GET /api/v1/audit/records': only(CENTRE, 400),
  'GET /api/v1/audit/verify': only(CENTRE, 200),
  'POST /api/v1/scenarios': only(AGENCY, 400),
  'GET /api/v1/scenarios': only(CENTRE, 200),
  'GET /api/v1/scenarios/mine': only(AGENCY, 200),
  'GET /api/v1/scenarios/:id': loggedIn(404),
  'PATCH /api/v1/scenarios/:id': only(AGENCY, 400),
  'POST /api/v1/scenarios/:id/submit': only(AGENCY, 404),
  'POST /api/v1/scenarios/:id/withdraw': only(AGENCY, 404),
  'POST /api/v1/scenarios/:id/copy': only(AGENCY, 404),
  'POST /api/v1/scenarios/:id/amendments': only(AGENCY, 400),
  'GET /api/v1/scenarios/:id/amendments/:no': loggedIn(404),
  'POST /api/v1/scenarios/:id/cancel': only(['agency_admin', ...CENTRE], 400),
  'POST /api/v1/scenarios/:id/questions': only(VENDOR, 400),
  'GET /api/v1/scenarios/:id/questions': loggedIn(404),
  'POST /api/v1/scenarios/:id/questions/:questionId/answer': only(AGENCY, 400),
  'PUT /api/v1/scenarios/:id/follow': only(VENDOR, 404),
  'DELETE /api/v1/scenarios/:id/follow': only(VENDOR, 200),
  'GET /api/v1/scenarios/followed': only(VENDOR, 200),
  'GET /api/v1/vetting/queue': only(CENTRE, 200),
  'GET /api/v1/vetting/:id': only(CENTRE, 404),
  'POST /api/v1/vetting/:id/approve': only(CENTRE, 404),
  'POST /api/v1/vetting/:id/return': only(CENTRE, 400),
  'POST /api/v1/vetting/:id/reject': only(CENTRE, 400),
  'GET /api/v1/public/scenarios': all(200),
  'GET /api/v1/public/scenarios/:codeOrId': all(404),
  'GET /api/v1/public/scenarios/:codeOrId/amendments': all(404),
  'GET /api/v1/public/scenarios/:codeOrId/amendments/:no': all(404),
  'GET /api/v1/public/scenarios/export.csv': all(200),
  'GET /api/v1/public/scenarios/export.xlsx': all(200),
  'GET /api/v1/public/scenarios/feed.atom': all(200),
  'POST /api/v1/batches': only(CENTRE, 400),
  'GET /api/v1/batches': only(CENTRE, 200),
  'GET /api/v1/batches/:id': only(CENTRE, 404),
  'POST /api/v1/batches/:id/scenarios': only(CENTRE, 400),
  'DELETE /api/v1/batches/:id/scenarios/:scenarioId': only(CENTRE, 404),
  'POST /api/v1/batches/:id/publish': only(CENTRE, 404),
  'POST /api/v1/batches/:id/unschedule': only(CENTRE, 404),
  // Uploads are multipart: the probe's JSON body has no `file` part (400 naming it).
  'POST /api/v1/scenarios/:id/attachments': only(AGENCY, 400),
  'GET /api/v1/scenarios/:id/attachments': loggedIn(404),
  'GET /api/v1/scenarios/:id/attachments/:attachmentId': loggedIn(404),
  'DELETE /api/v1/scenarios/:id/attachments/:attachmentId': only(AGENCY, 404),
  'GET /api/v1/public/scenarios/:codeOrId/attachments/:attachmentId': all(404),
  // Proposals: vendors' own (a random proposal is nobody's: 404); the count or opened ones for agency and centre.
  'POST /api/v1/scenarios/:id/proposals': only(VENDOR, 404),
  'GET /api/v1/scenarios/:id/proposals': only([...AGENCY, ...CENTRE], 404),
  'GET /api/v1/proposals/mine': only(VENDOR, 200),
  'GET /api/v1/proposals/:id': loggedIn(404),
  'PATCH /api/v1/proposals/:id': only(VENDOR, 400),
  'POST /api/v1/proposals/:id/submit': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/revise': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/withdraw': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/reconfirm': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/consortium/members': only(VENDOR, 400),
  'DELETE /api/v1/proposals/:id/consortium/members/:organisationId': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/consortium/confirm': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/consortium/decline': only(VENDOR, 404),
  'GET /api/v1/proposals/:id/receipt': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/receipt/verify': only(CENTRE, 404),
  'POST /api/v1/proposals/:id/attachments': only(VENDOR, 400),
  'GET /api/v1/proposals/:id/attachments': loggedIn(404),
  'GET /api/v1/proposals/:id/attachments/:attachmentId': loggedIn(404),
  'DELETE /api/v1/proposals/:id/attachments/:attachmentId': only(VENDOR, 404),
  // Capability profiles: the vendor's own (a random organisation has none), any one for the centre.
  'GET /api/v1/vendors/me/profile': only(VENDOR, 404),
  'PUT /api/v1/vendors/me/profile': only(VENDOR, 400),
  'GET /api/v1/vendors/:organisationId/profile': only(CENTRE, 404),
  'GET /api/v1/public/vendors': all(200),
  'GET /api/v1/public/vendors/:id': all(404),
  // Evaluation and award: the centre's staff run and read them (platform admins do not read proposal
  // data); reviewers score on their panels; vendors see their own result and object (random ids: nothing found).
  'GET /api/v1/scenarios/:id/evaluation': only(['staff'], 404),
  'PUT /api/v1/scenarios/:id/evaluation': only(['staff'], 400),
  'POST /api/v1/scenarios/:id/evaluation/panel': only(['staff'], 400),
  'DELETE /api/v1/scenarios/:id/evaluation/panel/:reviewerId': only(['staff'], 404),
  'POST /api/v1/scenarios/:id/evaluation/open': only(['staff'], 404),
  'POST /api/v1/scenarios/:id/evaluation/reveal': only(['staff'], 404),
  'POST /api/v1/scenarios/:id/evaluation/close': only(['staff'], 404),
  'GET /api/v1/scenarios/:id/evaluation/coverage': only(['staff'], 404),
  'GET /api/v1/scenarios/:id/evaluation/consensus': only(['staff'], 404),
  'PUT /api/v1/scenarios/:id/shortlist': only(['staff'], 400),
  'POST /api/v1/scenarios/:id/award': only(['staff'], 400),
  'GET /api/v1/scenarios/:id/award': only(['staff'], 404),
  'POST /api/v1/objections/:id/uphold': only(['staff'], 400),
  'POST /api/v1/objections/:id/dismiss': only(['staff'], 400),
  'GET /api/v1/evaluations/mine': only(['reviewer'], 200),
  'GET /api/v1/evaluations/:id/conflicts': only(['reviewer'], 404),
  'PUT /api/v1/evaluations/:id/conflicts': only(['reviewer'], 400),
  'GET /api/v1/evaluations/:id/proposals': only(['reviewer'], 404),
  'GET /api/v1/evaluations/:id/proposals/:proposalId/attachments/:attachmentId': only(['reviewer'], 404),
  'PUT /api/v1/evaluations/:id/proposals/:proposalId/scores': only(['reviewer'], 400),
  'GET /api/v1/proposals/:id/evaluation-result': only(VENDOR, 404),
  'POST /api/v1/proposals/:id/objections': only(VENDOR, 400),
  // Delivery and acceptance: staff start, accept and designate; the lead vendor and the owning agency
  // agree milestone changes; winning vendors report progress; staff or the agency record trial results
  // and verdicts; any agency replicates a demonstration scenario (random ids: nothing found).
  'POST /api/v1/scenarios/:id/delivery/start': only(['staff'], 404),
  'GET /api/v1/scenarios/:id/delivery': loggedIn(404),
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/changes': only([...VENDOR, ...AGENCY], 400),
  'POST /api/v1/scenarios/:id/delivery/milestone-changes/:changeId/agree': only([...VENDOR, ...AGENCY], 404),
  'POST /api/v1/scenarios/:id/delivery/milestone-changes/:changeId/refuse': only([...VENDOR, ...AGENCY], 400),
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/report': only(VENDOR, 404),
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/confirm': only(AGENCY, 404),
  'POST /api/v1/scenarios/:id/delivery/milestones/:milestoneId/return': only(AGENCY, 400),
  'POST /api/v1/scenarios/:id/delivery/reports': only(VENDOR, 400),
  // Multipart: the probe's JSON body has no `file` part (400 naming it).
  'POST /api/v1/scenarios/:id/delivery/reports/:reportId/attachments': only(VENDOR, 400),
  'GET /api/v1/scenarios/:id/delivery/reports/:reportId/attachments/:attachmentId': loggedIn(404),
  'POST /api/v1/scenarios/:id/delivery/trial-results': only(['staff', ...AGENCY], 400),
  'POST /api/v1/scenarios/:id/acceptance/verdicts': only(['staff', ...AGENCY], 400),
  'POST /api/v1/scenarios/:id/accept': only(['staff'], 404),
  'POST /api/v1/scenarios/:id/designate-demonstration': only(['staff'], 400),
  'POST /api/v1/scenarios/:id/replicate': only(AGENCY, 404),
  // Notification settings: every logged-in user's own preferences and saved searches (a random saved
  // search is nobody's: 404); one-click unsubscribe needs no login, only a signed token (none: 400).
  // Inbox (notify-core): the caller's own; a random notification id is 404. The live stream checks that the
  // token's user exists and is active (the probe's users do not exist: 401 for everyone).
  'GET /api/v1/notifications': loggedIn(200),
  'GET /api/v1/notifications/unread-count': loggedIn(200),
  'POST /api/v1/notifications/:id/read': loggedIn(404),
  'POST /api/v1/notifications/read-all': loggedIn(200),
  'GET /api/v1/notifications/stream': all(401),
  'POST /api/v1/notifications/stream-ticket': loggedIn(201),
  'GET /api/v1/admin/notification-deliveries': only(CENTRE, 200),
  'POST /api/v1/admin/notification-deliveries/:id/retry': only(CENTRE, 404),
  'GET /api/v1/notifications/preferences': loggedIn(200),
  'PUT /api/v1/notifications/preferences': loggedIn(400),
  'GET /api/v1/saved-searches': loggedIn(200),
  'POST /api/v1/saved-searches': loggedIn(400),
  'DELETE /api/v1/saved-searches/:id': loggedIn(404),
  'GET /api/v1/notifications/unsubscribe': all(400),
  'POST /api/v1/notifications/unsubscribe': all(400),
  // Webhooks: the organisation's admin keeps its endpoints and reads/replays its deliveries (a random
  // organisation has none: empty lists, random ids 404); staff see every delivery and retry.
  'GET /api/v1/organisations/me/webhooks': only(['agency_admin', 'vendor_admin'], 200),
  'POST /api/v1/organisations/me/webhooks': only(['agency_admin', 'vendor_admin'], 400),
  'PATCH /api/v1/organisations/me/webhooks/:id': only(['agency_admin', 'vendor_admin'], 404),
  'DELETE /api/v1/organisations/me/webhooks/:id': only(['agency_admin', 'vendor_admin'], 404),
  'POST /api/v1/organisations/me/webhooks/:id/rotate-secret': only(['agency_admin', 'vendor_admin'], 404),
  'POST /api/v1/organisations/me/webhooks/:id/test': only(['agency_admin', 'vendor_admin'], 404),
  'GET /api/v1/organisations/me/webhooks/deliveries': only(['agency_admin', 'vendor_admin'], 200),
  'POST /api/v1/organisations/me/webhooks/deliveries/:id/replay': only(['agency_admin', 'vendor_admin'], 404),
  'GET /api/v1/admin/webhook-deliveries': only(CENTRE, 200),
  'POST /api/v1/admin/webhook-deliveries/:id/retry': only(CENTRE, 404),
  // Imports (multipart): the probe's JSON body has no `file` part (400 naming it).
  'POST /api/v1/imports/scenarios': only(CENTRE, 400),
  'POST /api/v1/imports/vendors': only(CENTRE, 400),
  // Matching: a scenario's matches for staff and (once published, owner only) agencies; a verified vendor's
  // recommendations and feedback (a random organisation is not one: 403); invitations by staff.
  'GET /api/v1/scenarios/:id/matches': only([...CENTRE, ...AGENCY], 404),
  'POST /api/v1/scenarios/:id/invitations': only(['staff'], 400),
  'GET /api/v1/scenarios/:id/invitations': only(['staff'], 404),
  'GET /api/v1/vendors/me/recommendations': only(VENDOR, 403),
  'PUT /api/v1/vendors/me/recommendations/:scenarioId/feedback': only(VENDOR, 400),
  'DELETE /api/v1/vendors/me/recommendations/:scenarioId/feedback': only(VENDOR, 403),
  // Reporting (read models, counts only): public statistics and the public directory of batches and
  // agencies for anyone; the publication-to-demonstration funnel for the centre.
  'GET /api/v1/public/statistics': all(200),
  'GET /api/v1/public/batches': all(200),
  'GET /api/v1/public/agencies': all(200),
  'GET /api/v1/admin/funnel': only(CENTRE, 200),
};

describe('authorization matrix (every route × every role)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    routes = routeTable(t.app);
    for (const role of ROLES) {
      tokens[role] = t.tokenFor({
        userId: randomUUID(),
        organisationId: role === 'reviewer' ? null : randomUUID(),
        role,
      });
    }
  });
  afterAll(async () => t.close());

  it('finds the routes from the application itself', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('has a decision for every route the application serves, and no stale entries', () => {
    const served = routes.map((r) => r.key);
    expect(served.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !served.includes(k))).toEqual([]);
  });

  it('declares an access policy on every route (default deny otherwise)', () => {
    expect(routes.filter((r) => !r.policy).map((r) => r.key)).toEqual([]);
  });

  it('answers every route × principal with the expected status', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const expected = MATRIX[route.key];
      if (!expected) continue;
      const url = route.path.replace(/:\w+/g, randomUUID());
      for (const principal of PRINCIPALS) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (principal !== 'anonymous') headers.authorization = `Bearer ${tokens[principal]}`;
        const res = await t.request({
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' ? {} : { payload: '{}' }),
        });
        if (res.statusCode !== expected[principal]) {
          mismatches.push(
            `${route.key} as ${principal}: expected ${expected[principal]}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
