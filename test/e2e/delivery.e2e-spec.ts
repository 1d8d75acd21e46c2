import { Client } from 'pg';
import type { Actor } from '@app/common';
import { MilestoneService } from '@app/delivery';
import { createTestApp, type TestApp } from '../support/test-app';
import { deliverySetup } from '../support/delivery-setup';
import { fileUpload, samplePdf } from '../support/upload-fixtures';

const DAY_MS = 86_400_000;
/** The instant a Huzhou calendar day (`YYYY-MM-DD`) starts, plus `hours`. */
const huzhouTime = (date: string, hours = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + hours * 3_600_000);

describe('delivery and acceptance (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let d: ReturnType<typeof deliverySetup>;

  const eventsOf = async (scenarioId: string, prefix = 'delivery.') =>
    (
      await pg.query(
        `SELECT type, payload FROM outbox_event WHERE type LIKE $2 AND payload->>'scenarioId' = $1
          ORDER BY created_at, id`,
        [scenarioId, `${prefix}%`],
      )
    ).rows as { type: string; payload: Record<string, unknown> }[];
  const auditOf = async (objectId: string, actionPrefix = 'delivery.') =>
    (
      await pg.query(
        `SELECT action, before, after, actor_role FROM audit_record WHERE object_id = $1 AND action LIKE $2 ORDER BY id`,
        [objectId, `${actionPrefix}%`],
      )
    ).rows as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    d = deliverySetup(t);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('starts delivery only after the standstill, without open objections, by staff; milestones come from the winning proposal', async () => {
    const a = await d.awardedScenario();
    const start = (actor: Actor) => d.call(actor, 'POST', `/scenarios/${a.scenarioId}/delivery/start`);

    // During the standstill the losing vendor objects.
    d.setClock(new Date(a.standstillEndsAt.getTime() - DAY_MS));
    const early = await start(d.staff);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'DELIVERY_STANDSTILL_NOT_ENDED',
      details: { standstillEndsAt: a.standstillEndsAt.toISOString() },
    });
    const objection = await d.call(a.loser, 'POST', `/proposals/${a.losingProposalId}/objections`, {
      grounds: '评分中对我方试点经验的认定有误。',
    });
    expect(objection.statusCode).toBe(201);

    // After the standstill, the open objection still blocks the start until staff decide it.
    d.setClock(new Date(a.standstillEndsAt.getTime() + 1000));
    const blocked = await start(d.staff);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'DELIVERY_OPEN_OBJECTION', details: { openObjections: 1 } });
    const dismissed = await d.call(d.staff, 'POST', `/objections/${objection.json().id}/dismiss`, {
      reasons: '经复核，评分无误。',
    });
    expect(dismissed.statusCode).toBe(200);

    // Only staff start it (the agency and the winner cannot).
    expect((await start(a.agency)).statusCode).toBe(403);
    expect((await start(a.lead)).statusCode).toBe(403);
    // Two staff start at once: one delivery, the other gets 409.
    const both = await Promise.all([start(d.staff), start(d.staff)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const started = both.find((r) => r.statusCode === 200)!;
    const body = started.json();
    expect(body).toMatchObject({ scenarioId: a.scenarioId, scenarioStatus: 'in_delivery' });
    expect(body.deliveries).toHaveLength(1);
    const [delivery] = body.deliveries;
    expect(delivery).toMatchObject({
      proposalId: a.winningProposalId,
      leadOrganisationId: a.lead.organisationId,
      amountYuan: 880_000,
      members: [
        { organisationId: a.lead.organisationId, role: 'lead' },
        { organisationId: a.member.organisationId, role: 'member' },
      ],
    });
    const content = await d.contentFor(a.scenarioId);
    expect(
      delivery.milestones.map((m: Record<string, unknown>) => [m.seq, m.title, m.dueDate, m.paymentPercent, m.status]),
    ).toEqual(content.milestones.map((m, i) => [i + 1, m.title, m.dueDate, m.paymentPercent, 'pending']));
    expect(delivery.milestones.every((m: { overdue: boolean }) => !m.overdue)).toBe(true);

    // A second start: the scenario is in delivery already.
    const again = await start(d.staff);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('COMMON_INVALID_TRANSITION');

    // Events: the scenario transition and one delivery.started (routing facts, no proposal content).
    const started_ = await eventsOf(a.scenarioId, 'delivery.started');
    expect(started_).toEqual([
      {
        type: 'delivery.started',
        payload: {
          scenarioId: a.scenarioId,
          deliveryId: delivery.id,
          proposalId: a.winningProposalId,
          agencyOrganisationId: a.agency.organisationId,
          leadOrganisationId: a.lead.organisationId,
          memberOrganisationIds: [a.lead.organisationId, a.member.organisationId],
          milestoneCount: 2,
        },
      },
    ]);
    const transitions = await eventsOf(a.scenarioId, 'scenario.transitioned');
    expect(transitions.map((x) => x.payload.transition)).toContain('start_delivery');
    const audit = await auditOf(a.scenarioId, 'delivery.start');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(content.milestones[0].title);
  });

  it('shows the delivery to the winning vendors, the owning agency and staff only', async () => {
    const x = await d.scenarioInDelivery();
    const otherAgency = await d.organisation('agency');
    for (const actor of [x.lead, x.member, x.agency, d.staff]) {
      const res = await d.deliveryOf(actor, x.scenarioId);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        scenarioId: x.scenarioId,
        scenarioStatus: 'in_delivery',
        deliveries: [{ id: x.deliveryId }],
        trialResults: [],
        acceptanceRounds: [{ roundNo: 1, status: 'open', outcome: 'awaiting_verdicts', verdicts: [] }],
        demonstration: null,
      });
    }
    // The losing vendor, another agency and a reviewer see nothing.
    for (const actor of [x.loser, otherAgency, await d.reviewer()]) {
      const res = await d.deliveryOf(actor, x.scenarioId);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('DELIVERY_NOT_FOUND');
    }
    const anonymous = await t.request({ method: 'GET', url: `/api/v1/scenarios/${x.scenarioId}/delivery` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('changes milestones only by agreement between the lead vendor and the agency, audited before and after', async () => {
    const x = await d.scenarioInDelivery();
    const [m1, m2] = x.milestones;
    const propose = (actor: Actor, milestoneId: string, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/delivery/milestones/${milestoneId}/changes`, body);
    const answer = (actor: Actor, changeId: string, how: 'agree' | 'refuse', body?: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/delivery/milestone-changes/${changeId}/${how}`, body);
    const newDate = new Date(Date.parse(`${m1.dueDate}T00:00:00Z`) + 14 * DAY_MS).toISOString().slice(0, 10);

    // A consortium member is not a party to the agreement; the loser and other vendors see nothing.
    expect((await propose(x.member, m1.id, { dueDate: newDate, reason: '数据接入推迟' })).statusCode).toBe(403);
    expect((await propose(x.loser, m1.id, { dueDate: newDate, reason: '数据接入推迟' })).statusCode).toBe(404);
    const unchanged = await propose(x.lead, m1.id, { dueDate: m1.dueDate, reason: '无变化' });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().errors).toEqual([
      expect.objectContaining({ field: 'dueDate', rule: 'delivery.unchanged' }),
    ]);
    const impossible = await propose(x.lead, m1.id, { dueDate: '2027-02-30', reason: '笔误' });
    expect(impossible.json().errors).toEqual([expect.objectContaining({ field: 'dueDate', rule: 'delivery.date' })]);

    const proposed = await propose(x.lead, m1.id, { dueDate: newDate, reason: '试验场数据接入推迟两周' });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({
      proposedByParty: 'vendor',
      status: 'proposed',
      changes: { dueDate: newDate },
      before: { dueDate: m1.dueDate },
    });
    const changeId = proposed.json().id as string;
    // One open change per milestone; the proposer cannot answer its own.
    const second = await propose(x.agency, m1.id, { title: '样机部署与调优', reason: '补充调优' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('DELIVERY_CHANGE_PENDING');
    const own = await answer(x.lead, changeId, 'agree');
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('DELIVERY_OWN_CHANGE');
    // Not applied until agreed.
    let view = (await d.deliveryOf(d.staff, x.scenarioId)).json();
    expect(view.deliveries[0].milestones[0]).toMatchObject({ dueDate: m1.dueDate, version: 1 });

    const agreed = await answer(x.agency, changeId, 'agree');
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toMatchObject({ id: m1.id, dueDate: newDate, version: 2 });
    expect(agreed.json().changes).toEqual([expect.objectContaining({ id: changeId, status: 'agreed' })]);
    const twice = await answer(x.agency, changeId, 'refuse', { comment: '改主意了' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('COMMON_INVALID_TRANSITION');

    // The agency proposes; the lead refuses, with a comment (required).
    const byAgency = await propose(x.agency, m2.id, { title: '终验与试运行总结', reason: '增加试运行总结' });
    expect(byAgency.statusCode).toBe(201);
    expect((await answer(x.lead, byAgency.json().id, 'refuse', {})).statusCode).toBe(400);
    const refused = await answer(x.lead, byAgency.json().id, 'refuse', { comment: '总结已包含在验收报告中' });
    expect(refused.statusCode).toBe(200);
    view = (await d.deliveryOf(x.lead, x.scenarioId)).json();
    expect(view.deliveries[0].milestones[1]).toMatchObject({ title: m2.title, version: 1 });
    expect(view.deliveries[0].milestones[1].changes).toEqual([
      expect.objectContaining({
        status: 'refused',
        answerComment: '总结已包含在验收报告中',
        proposedByParty: 'agency',
      }),
    ]);

    const audit = await auditOf(m1.id);
    expect(audit.map((r) => r.action)).toEqual([
      'delivery.milestone_change_propose',
      'delivery.milestone_change_agree',
    ]);
    expect(audit[1].before).toEqual({ dueDate: m1.dueDate, version: 1 });
    expect(audit[1].after).toMatchObject({ dueDate: newDate, version: 2, changeId, answeredBy: 'agency' });
    const events = (await eventsOf(x.scenarioId, 'delivery.milestone_change')).map((e) => [e.type, e.payload.changeId]);
    expect(events).toEqual([
      ['delivery.milestone_change_proposed', changeId],
      ['delivery.milestone_change_agreed', changeId],
      ['delivery.milestone_change_proposed', byAgency.json().id],
      ['delivery.milestone_change_refused', byAgency.json().id],
    ]);
  });

  it('derives overdue from the clock and announces due and overdue milestones once each (sweep)', async () => {
    const x = await d.scenarioInDelivery();
    const [m1] = x.milestones;
    const sweep = t.app.get(MilestoneService);
    const notices = async () =>
      (await eventsOf(x.scenarioId, 'delivery.milestone_%due')).map((e) => [e.type, e.payload.milestoneId]);

    // (Other tests' deliveries have milestones too: the sweep's totals count them; events are per scenario.)
    // Nothing is due yet.
    await sweep.sweepMilestones(d.setClock(huzhouTime(m1.dueDate, -5 * 24)));
    expect(await notices()).toEqual([]);
    // Three days ahead (MILESTONE_DUE_NOTICE_DAYS): due, once however often the sweep runs.
    d.setClock(huzhouTime(m1.dueDate, -3 * 24 + 1));
    // In batches of one row (each in its own transaction) until nothing is left.
    expect((await sweep.sweepMilestones(undefined, 1)).due).toBeGreaterThanOrEqual(1);
    expect(await sweep.sweepMilestones()).toEqual({ due: 0, overdue: 0 });
    expect(await notices()).toEqual([['delivery.milestone_due', m1.id]]);
    // The last instant of the due day: not overdue; the next day: overdue in the view and announced once.
    d.setClock(new Date(huzhouTime(m1.dueDate, 24).getTime() - 1));
    expect((await d.deliveryOf(x.agency, x.scenarioId)).json().deliveries[0].milestones[0].overdue).toBe(false);
    d.setClock(huzhouTime(m1.dueDate, 24));
    expect((await d.deliveryOf(x.agency, x.scenarioId)).json().deliveries[0].milestones[0].overdue).toBe(true);
    // Two sweeps at once (two workers): still one announcement.
    await Promise.all([sweep.sweepMilestones(), sweep.sweepMilestones()]);
    expect(await sweep.sweepMilestones()).toEqual({ due: 0, overdue: 0 });
    expect(await notices()).toEqual([
      ['delivery.milestone_due', m1.id],
      ['delivery.milestone_overdue', m1.id],
    ]);
    const [overdueEvent] = await eventsOf(x.scenarioId, 'delivery.milestone_overdue');
    expect(overdueEvent.payload).toEqual({
      scenarioId: x.scenarioId,
      deliveryId: x.deliveryId,
      milestoneId: m1.id,
      agencyOrganisationId: x.agency.organisationId,
      leadOrganisationId: x.lead.organisationId,
      dueDate: m1.dueDate,
    });

    // Reported and confirmed: no longer overdue.
    const move = (actor: Actor, how: string, body?: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/delivery/milestones/${m1.id}/${how}`, body);
    expect((await move(x.member, 'report')).statusCode).toBe(403); // the lead reports
    expect((await move(x.agency, 'confirm')).statusCode).toBe(409); // nothing reported yet
    const reported = await move(x.lead, 'report');
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'reported', overdue: false });
    const returned = await move(x.agency, 'return', { reason: '缺少现场测试记录' });
    expect(returned.json()).toMatchObject({ status: 'pending', overdue: true, returnReason: '缺少现场测试记录' });
    await move(x.lead, 'report');
    const confirmed = await move(x.agency, 'confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'completed', overdue: false });
    expect((await move(x.lead, 'report')).statusCode).toBe(409);
    expect((await eventsOf(x.scenarioId, 'delivery.milestone_')).map((e) => e.type).slice(-4)).toEqual([
      'delivery.milestone_reported',
      'delivery.milestone_returned',
      'delivery.milestone_reported',
      'delivery.milestone_completed',
    ]);
  });

  it('takes progress reports with files from the winning vendors (lead and members)', async () => {
    const x = await d.scenarioInDelivery();
    const report = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/delivery/reports`, body);
    const upload = (actor: Actor, reportId: string, name: string, data: Buffer) => {
      const form = fileUpload(name, data);
      return t.request({
        method: 'POST',
        url: `/api/v1/scenarios/${x.scenarioId}/delivery/reports/${reportId}/attachments`,
        payload: form.payload,
        headers: { ...form.headers, ...d.auth(actor) },
      });
    };

    const byMember = await report(x.member, {
      text: '已完成数据接入与标注，模型首轮训练检出率 97.8%。',
      percentComplete: 40,
      milestoneId: x.milestones[0].id,
    });
    expect(byMember.statusCode).toBe(201);
    expect(byMember.json()).toMatchObject({ percentComplete: 40, organisationId: x.member.organisationId });
    const reportId = byMember.json().id as string;
    expect((await report(x.loser, { text: '进展', percentComplete: 10 })).statusCode).toBe(404);
    expect((await report(x.lead, { text: '进展', percentComplete: 101 })).statusCode).toBe(400);

    const pdf = samplePdf();
    const uploaded = await upload(x.member, reportId, '阶段测试报告.pdf', pdf);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({
      fileName: '阶段测试报告.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    // Content decides the type: HTML named .pdf is refused; only the report's vendor attaches.
    expect((await upload(x.member, reportId, 'x.pdf', Buffer.from('<html>hi</html>'))).statusCode).toBe(415);
    expect((await upload(x.lead, reportId, 'y.pdf', pdf)).statusCode).toBe(403);

    const attachmentId = uploaded.json().id as string;
    const url = `/scenarios/${x.scenarioId}/delivery/reports/${reportId}/attachments/${attachmentId}`;
    const download = await d.call(x.agency, 'GET', url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await d.call(x.loser, 'GET', url)).statusCode).toBe(404);

    const view = (await d.deliveryOf(x.agency, x.scenarioId)).json();
    expect(view.deliveries[0].reports).toEqual([
      expect.objectContaining({ id: reportId, attachments: [expect.objectContaining({ id: attachmentId })] }),
    ]);
    expect((await eventsOf(x.scenarioId, 'delivery.progress_')).map((e) => e.type)).toEqual([
      'delivery.progress_reported',
      'delivery.progress_attachment_added',
    ]);
  });

  it('records trial results against the scenario KPIs, then acceptance rounds, acceptance, demonstration and replication', async () => {
    const x = await d.scenarioInDelivery();
    const trial = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/delivery/trial-results`, body);
    const verdict = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/acceptance/verdicts`, body);
    const measuredAt = new Date(d.clock.now().getTime() - 3_600_000).toISOString();
    const result = {
      metric: '缺陷检出率',
      measuredValue: '99.6',
      met: true,
      method: '试验场抽检 2000 张图像',
      measuredAt,
    };

    const unknown = await trial(d.staff, { ...result, metric: '速度' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({
        field: 'metric',
        rule: 'delivery.unknown_metric',
        message: expect.stringContaining('速度'),
      }),
    ]);
    expect((await trial(x.lead, result)).statusCode).toBe(403);
    expect((await trial(await d.organisation('agency'), result)).statusCode).toBe(404); // not the owning agency
    const future = await trial(d.staff, {
      ...result,
      measuredAt: new Date(d.clock.now().getTime() + 60_000).toISOString(),
    });
    expect(future.json().errors).toEqual([
      expect.objectContaining({ field: 'measuredAt', rule: 'delivery.measured_in_future' }),
    ]);
    const recorded = await trial(d.staff, result);
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      metric: '缺陷检出率',
      baseline: '95',
      target: '99.5',
      unit: '%',
      measuredValue: '99.6',
      met: true,
      deliveryId: x.deliveryId,
      recordedByParty: 'centre',
    });
    expect((await trial(x.agency, { ...result, measuredValue: '99.1', met: false })).statusCode).toBe(201);

    // Round 1: the agency finds it not met (comments required): the round closes, round 2 opens.
    const noComment = await verdict(x.agency, { verdict: 'not_met' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors).toEqual([expect.objectContaining({ field: 'comments' })]);
    const notMet = await verdict(x.agency, { verdict: 'not_met', comments: '检出率未稳定达标' });
    expect(notMet.json()).toMatchObject({ roundNo: 1, status: 'not_met', outcome: 'not_met' });
    const accept = () => d.call(d.staff, 'POST', `/scenarios/${x.scenarioId}/accept`);
    expect((await accept()).json().code).toBe('DELIVERY_ACCEPTANCE_INCOMPLETE');

    // Round 2: the agency says met, staff partially met (with comments): staff may accept.
    expect((await verdict(x.agency, { verdict: 'met' })).json()).toMatchObject({
      roundNo: 2,
      outcome: 'awaiting_verdicts',
    });
    expect((await accept()).statusCode).toBe(409);
    expect((await verdict(x.lead, { verdict: 'met' })).statusCode).toBe(403);
    const centre = await verdict(d.staff, { verdict: 'partially_met', comments: '误报率略高，可接受' });
    expect(centre.json()).toMatchObject({ roundNo: 2, status: 'open', outcome: 'acceptable' });
    expect((await d.call(x.agency, 'POST', `/scenarios/${x.scenarioId}/accept`)).statusCode).toBe(403);
    const accepted = await accept();
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const view = (await d.deliveryOf(x.agency, x.scenarioId)).json();
    expect(view.acceptanceRounds.map((r: { roundNo: number; status: string }) => [r.roundNo, r.status])).toEqual([
      [1, 'not_met'],
      [2, 'accepted'],
    ]);
    expect(view.trialResults).toHaveLength(2);
    // In acceptance, nothing about the delivery changes any more.
    expect((await verdict(x.agency, { verdict: 'met' })).json().code).toBe('DELIVERY_NOT_IN_DELIVERY');

    // Replication needs a demonstration scenario.
    const replicator = await d.organisation('agency');
    const replicate = () => d.call(replicator, 'POST', `/scenarios/${x.scenarioId}/replicate`);
    const tooEarly = await replicate();
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json()).toMatchObject({ code: 'DELIVERY_NOT_DEMONSTRATION', details: { status: 'accepted' } });
    const citation = '面料瑕疵检出率由 95% 提升至 99.6%，可在纺织行业推广。';
    const designate = (actor: Actor, body: object) =>
      d.call(actor, 'POST', `/scenarios/${x.scenarioId}/designate-demonstration`, body);
    expect((await designate(d.staff, {})).statusCode).toBe(400);
    const designated = await designate(d.staff, { citation });
    expect(designated.statusCode).toBe(200);
    expect(designated.json().status).toBe('demonstration');
    expect((await designate(d.staff, { citation })).statusCode).toBe(409);

    const replica = await replicate();
    expect(replica.statusCode).toBe(201);
    expect(replica.json()).toMatchObject({
      status: 'draft',
      copiedFromId: x.scenarioId,
      agencyOrganisationId: replicator.organisationId,
    });
    expect((await d.call(x.lead, 'POST', `/scenarios/${x.scenarioId}/replicate`)).statusCode).toBe(403);
    const unverified = await d.organisation('agency', false);
    const refused = await d.call(unverified, 'POST', `/scenarios/${x.scenarioId}/replicate`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('SCENARIO_AGENCY_NOT_VERIFIED');
    const pub = await t.request({ method: 'GET', url: `/api/v1/public/scenarios/${x.scenarioId}` });
    expect(pub.json()).toMatchObject({ status: 'demonstration', replicationCount: 1 });
    const demo = (await d.deliveryOf(x.agency, x.scenarioId)).json().demonstration;
    expect(demo).toMatchObject({
      citation,
      replicationCount: 1,
      replications: [{ scenarioId: replica.json().id, agencyOrganisationId: replicator.organisationId }],
    });
    expect((await d.deliveryOf(x.lead, x.scenarioId)).json().demonstration.replications).toBeUndefined();

    const transitions = (await eventsOf(x.scenarioId, 'scenario.transitioned')).map((e) => e.payload.transition);
    expect(transitions.slice(-3)).toEqual(['start_delivery', 'accept', 'designate_demonstration']);
    const [designation] = (await eventsOf(x.scenarioId, 'scenario.transitioned')).slice(-1);
    expect(designation.payload.reason).toBe(citation);
    expect((await eventsOf(x.scenarioId, 'delivery.acceptance_recorded')).map((e) => e.payload)).toEqual([
      expect.objectContaining({ roundNo: 1, party: 'agency', verdict: 'not_met', outcome: 'not_met' }),
      expect.objectContaining({ roundNo: 2, party: 'agency', verdict: 'met', outcome: 'awaiting_verdicts' }),
      expect.objectContaining({ roundNo: 2, party: 'centre', verdict: 'partially_met', outcome: 'acceptable' }),
    ]);
    expect(await eventsOf(x.scenarioId, 'delivery.scenario_replicated')).toEqual([
      {
        type: 'delivery.scenario_replicated',
        payload: {
          scenarioId: x.scenarioId,
          replicaScenarioId: replica.json().id,
          agencyOrganisationId: replicator.organisationId,
        },
      },
    ]);
  });
});
