import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { EvaluationService } from '@app/evaluation';
import { createTestApp, type TestApp } from '../support/test-app';
import { evaluationSetup, scores, total } from '../support/evaluation-setup';
import { staffActor } from '../support/scenario-setup';

const DAY_MS = 86_400_000;

describe('award decision, award notice, standstill and objections (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let e: ReturnType<typeof evaluationSetup>;
  let agency: Actor;
  let run: string;

  const publicDetail = (scenarioId: string) =>
    t.request({ method: 'GET', url: `/api/v1/public/scenarios/${scenarioId}` });
  const statusesOf = async (ids: string[]) =>
    Object.fromEntries(
      (await pg.query(`SELECT id, status FROM proposal WHERE id = ANY ($1)`, [ids])).rows.map(
        (r: { id: string; status: string }) => [r.id, r.status],
      ),
    );
  const eventsOf = async (scenarioId: string, types: string[]) =>
    (
      await pg.query(
        `SELECT type, payload FROM outbox_event WHERE type = ANY ($1) AND payload->>'scenarioId' = $2
          ORDER BY created_at, id`,
        [types, scenarioId],
      )
    ).rows as { type: string; payload: Record<string, unknown> }[];
  const award = (staff: Actor, scenarioId: string, body: object) =>
    e.call(staff, 'POST', `/scenarios/${scenarioId}/award`, body);
  const moveClockTo = (at: Date) => jest.spyOn(e.clock, 'now').mockReturnValue(at);

  /**
   * A scenario whose panel has closed: proposals by a consortium (a + member, the best), b and c;
   * two reviewers scored all three with comments naming the proposal.
   */
  async function closedEvaluation() {
    const a = await e.vendor(`湖州甲方智能有限公司${run}`);
    const member = await e.vendor(`湖州联合成员有限公司${run}`);
    const b = await e.vendor(`湖州乙方科技有限公司${run}`);
    const c = await e.vendor(`湖州丙方数据有限公司${run}`);
    const [r1, r2] = [await e.reviewer('评审甲'), await e.reviewer('评审乙')];
    const {
      scenarioId,
      proposalIds: [pa, pb, pc],
      now,
    } = await e.closedScenarioWithProposals(agency, [{ lead: a, members: [member] }, b, c]);
    const evaluationId = await e.openEvaluation(scenarioId, [r1, r2], { minReviewersPerProposal: 2 });
    for (const r of [r1, r2]) await e.declare(r, evaluationId);
    const given: [Actor, string, [number, number, number], string][] = [
      [r1, pa, [9, 4, 90], '甲方案扎实'],
      [r2, pa, [8, 5, 80], '甲方案可行'],
      [r1, pb, [6, 3, 60], '乙方案数据不足'],
      [r2, pb, [4, 2, 50], '乙方案报价偏高'],
      [r1, pc, [5, 2, 40], '丙方案经验少'],
      [r2, pc, [5, 3, 40], '丙方案周期长'],
    ];
    for (const [r, p, v, comment] of given)
      e.expectStatus('score', await e.score(r, evaluationId, p, scores(...v, comment)), 200);
    e.expectStatus('close', await e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/close`), 200);
    return { a, member, b, c, r1, r2, scenarioId, evaluationId, pa, pb, pc, now };
  }

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    e = evaluationSetup(t);
    agency = await e.organisation('agency');
  });
  beforeEach(() => {
    run = randomUUID().slice(0, 6);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('lets one of two staff recording conflicting decisions at once succeed; the other gets 409', async () => {
    for (const [first, second] of [
      [
        (ids: string[]) => ({
          outcome: 'award',
          winners: [{ proposalId: ids[0], amountYuan: 900_000 }],
          justification: '甲最优',
        }),
        (ids: string[]) => ({
          outcome: 'award',
          winners: [{ proposalId: ids[1], amountYuan: 800_000 }],
          justification: '乙最优',
        }),
      ],
      [
        (ids: string[]) => ({
          outcome: 'award',
          winners: [{ proposalId: ids[2], amountYuan: 700_000 }],
          justification: '丙最优',
        }),
        () => ({ outcome: 'no_award', winners: [], justification: '均未达到要求' }),
      ],
    ]) {
      jest.restoreAllMocks(); // the previous round left the clock past its deadline
      run = randomUUID().slice(0, 6);
      const { scenarioId, pa, pb, pc } = await closedEvaluation();
      const ids = [pa, pb, pc];
      const [staff1, staff2] = [staffActor(), staffActor()];
      const results = await Promise.all([
        award(staff1, scenarioId, first(ids)),
        award(staff2, scenarioId, second(ids)),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = results.find((r) => r.statusCode === 409)!;
      expect(loser.json().code).toBe('AWARD_ALREADY_DECIDED');
      const winner = results.find((r) => r.statusCode === 201)!.json();
      const decisions = await pg.query(`SELECT id, outcome FROM award_decision WHERE scenario_id = $1`, [scenarioId]);
      expect(decisions.rows).toEqual([{ id: winner.id, outcome: winner.outcome }]);
      // Everything follows the decision that won, nothing the other.
      const statuses = await statusesOf(ids);
      for (const id of ids)
        expect(statuses[id]).toBe(
          winner.winners.some((w: { proposalId: string }) => w.proposalId === id) ? 'awarded' : 'unsuccessful',
        );
      const scenario = await e.call(e.staff, 'GET', `/scenarios/${scenarioId}`);
      expect(scenario.json().status).toBe(winner.outcome === 'award' ? 'awarded' : 'no_award');
      expect((await eventsOf(scenarioId, ['award.decided'])).map((x) => x.payload.decisionId)).toEqual([winner.id]);
    }
  });

  it('records an award with its justification: statuses, the public award notice, the event, the audit and currentAward()', async () => {
    const { a, member, b, scenarioId, evaluationId, pa, pb, pc } = await closedEvaluation();
    const url = `/scenarios/${scenarioId}/award`;

    const empty = await award(e.staff, scenarioId, { outcome: 'award', winners: [], justification: '甲最优' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([
      expect.objectContaining({ field: 'winners', rule: 'evaluation.winners_required' }),
    ]);
    const noAwardWithWinner = await award(e.staff, scenarioId, {
      outcome: 'no_award',
      winners: [{ proposalId: pa, amountYuan: 1 }],
      justification: '无',
    });
    expect(noAwardWithWinner.json().errors[0].rule).toBe('evaluation.winners_forbidden');
    const stranger = await award(e.staff, scenarioId, {
      outcome: 'award',
      winners: [{ proposalId: randomUUID(), amountYuan: 1 }],
      justification: '无',
    });
    expect(stranger.json().errors).toEqual([expect.objectContaining({ field: 'winners[0].proposalId' })]);
    expect(
      (await award(agency, scenarioId, { outcome: 'no_award', winners: [], justification: '无' })).statusCode,
    ).toBe(403);

    // A proposal left off the shortlist cannot win.
    e.expectStatus(
      'shortlist',
      await e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [pa, pb] }),
      200,
    );
    const notShortlisted = await award(e.staff, scenarioId, {
      outcome: 'award',
      winners: [{ proposalId: pc, amountYuan: 1 }],
      justification: '丙',
    });
    expect(notShortlisted.statusCode).toBe(409);
    expect(notShortlisted.json()).toMatchObject({
      code: 'AWARD_WINNER_NOT_ELIGIBLE',
      errors: [{ field: 'winners[0].proposalId' }],
    });
    expect(await t.app.get(EvaluationService).currentAward(scenarioId)).toBeNull();

    const decided = await award(e.staff, scenarioId, {
      outcome: 'award',
      winners: [{ proposalId: pa, amountYuan: 980_000 }],
      justification: '综合得分第一，技术方案成熟，报价在预算范围内。评审甲指出部署经验丰富。',
      publicSummary: '综合得分第一，技术方案成熟，报价在预算范围内。',
    });
    expect(decided.statusCode).toBe(201);
    const decision = decided.json();
    expect(decision).toMatchObject({
      scenarioId,
      outcome: 'award',
      winners: [{ proposalId: pa, leadOrganisationId: a.organisationId, amountYuan: 980_000 }],
      publicSummary: '综合得分第一，技术方案成熟，报价在预算范围内。',
      supersededAt: null,
      objections: [],
    });
    expect(Date.parse(decision.standstillEndsAt) - Date.parse(decision.decidedAt)).toBe(10 * DAY_MS);
    expect(await statusesOf([pa, pb, pc])).toEqual({ [pa]: 'awarded', [pb]: 'unsuccessful', [pc]: 'unsuccessful' });
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation`)).json().status).toBe('decided');

    // The award notice: on the public detail (the opportunity list) and in the scenario view.
    const notice = {
      outcome: 'award',
      winners: [{ name: a.nameZh, members: [member.nameZh], amountYuan: 980_000 }],
      totalAmountYuan: 980_000,
      summary: '综合得分第一，技术方案成熟，报价在预算范围内。',
      decidedAt: decision.decidedAt,
      standstillEndsAt: decision.standstillEndsAt,
    };
    const pub = await publicDetail(scenarioId);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'awarded', awardNotice: notice });
    expect(pub.body).not.toContain('评审甲指出'); // the full justification stays with the centre
    expect((await e.call(b, 'GET', `/scenarios/${scenarioId}`)).json().awardNotice).toEqual(notice);

    expect(await eventsOf(scenarioId, ['award.decided'])).toEqual([
      {
        type: 'award.decided',
        payload: {
          decisionId: decision.id,
          scenarioId,
          agencyOrganisationId: agency.organisationId,
          outcome: 'award',
          winnerProposalIds: [pa],
          unsuccessfulProposalIds: [pb, pc],
          standstillEndsAt: decision.standstillEndsAt,
        },
      },
    ]);
    const audit = await pg.query(`SELECT action, after FROM audit_record WHERE object_id = $1 ORDER BY id`, [
      decision.id,
    ]);
    expect(audit.rows).toEqual([
      {
        action: 'award.decide',
        after: expect.objectContaining({ outcome: 'award', winners: [{ proposalId: pa, amountYuan: 980_000 }] }),
      },
    ]);
    const scenarioAudit = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [
      scenarioId,
    ]);
    expect(scenarioAudit.rows.map((r: { action: string }) => r.action).slice(-2)).toEqual([
      'scenario.award',
      'scenario.publish_award_notice',
    ]);
    expect(
      (await pg.query(`SELECT action FROM audit_record WHERE object_id = $1`, [evaluationId])).rows,
    ).toContainEqual({
      action: 'evaluation.decide',
    });

    // The contract for delivery.
    expect(await t.app.get(EvaluationService).currentAward(scenarioId)).toEqual({
      decisionId: decision.id,
      outcome: 'award',
      winners: [{ proposalId: pa, leadOrganisationId: a.organisationId, amountYuan: 980_000 }],
      justification: '综合得分第一，技术方案成熟，报价在预算范围内。评审甲指出部署经验丰富。',
      decidedAt: new Date(decision.decidedAt),
      standstillEndsAt: new Date(decision.standstillEndsAt),
      openObjections: 0,
    });
    const record = await e.call(e.staff, 'GET', url);
    expect(record.json()).toMatchObject({ current: { id: decision.id }, superseded: [] });
  });

  it('shows each vendor its own scores and comments (reviewers anonymised), never another vendor’s, and only once decided', async () => {
    const { a, member, b, c, r1, r2, scenarioId, pa, pb } = await closedEvaluation();
    const result = (vendor: Actor, proposalId: string) =>
      e.call(vendor, 'GET', `/proposals/${proposalId}/evaluation-result`);

    const early = await result(b, pb);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EVALUATION_RESULT_NOT_AVAILABLE');
    await award(e.staff, scenarioId, {
      outcome: 'award',
      winners: [{ proposalId: pa, amountYuan: 980_000 }],
      justification: '甲最优',
    });

    const own = await result(b, pb);
    expect(own.statusCode).toBe(200);
    const view = own.json();
    expect(view).toMatchObject({
      proposalId: pb,
      scenarioId,
      status: 'unsuccessful',
      outcome: 'award',
      objectionAllowed: true,
      weightedMean: (total(6, 3, 60) + total(4, 2, 50)) / 2,
      criteria: [
        { key: 'technical', name: '技术方案', weight: 50, scaleMax: 10, mean: 5 },
        { key: 'price', name: '报价合理性', weight: 30, scaleMax: 5, mean: 2.5 },
        { key: 'team', name: '团队能力', weight: 20, scaleMax: 100, mean: 55 },
      ],
      objections: [],
    });
    expect(view.reviewers.map((r: { reviewer: string }) => r.reviewer)).toEqual(['Reviewer 1', 'Reviewer 2']);
    expect(view.reviewers.map((r: { total: number }) => r.total).sort()).toEqual(
      [total(4, 2, 50), total(6, 3, 60)].sort(),
    );
    expect(
      view.reviewers.flatMap((r: { scores: { comment: string }[] }) => r.scores.map((s) => s.comment)).sort(),
    ).toEqual(
      [
        '技术：乙方案数据不足',
        '报价：乙方案数据不足',
        '团队：乙方案数据不足',
        '技术：乙方案报价偏高',
        '报价：乙方案报价偏高',
        '团队：乙方案报价偏高',
      ].sort(),
    );
    // Nothing of the other proposals, nor who the reviewers are.
    for (const secret of [pa, '甲方案', '丙方案', r1.userId, r2.userId, '评审甲', '评审乙', a.nameZh, c.nameZh])
      expect(own.body).not.toContain(secret);

    // The winning consortium's member sees the winner's result; others see nothing of it.
    const winner = await result(member, pa);
    expect(winner.json()).toMatchObject({
      status: 'awarded',
      objectionAllowed: false,
      weightedMean: (total(9, 4, 90) + total(8, 5, 80)) / 2,
    });
    expect(winner.body).not.toContain('乙方案');
    for (const other of [b, c]) {
      const refused = await result(other, pa);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('甲方案');
    }
    expect((await e.call(e.staff, 'GET', `/proposals/${pb}/evaluation-result`)).statusCode).toBe(403);
  });

  it('takes objections from unsuccessful vendors within the standstill only (late → 409), one per decision; a dismissal leaves the decision standing', async () => {
    const { a, b, c, scenarioId, pa, pb, pc, now } = await closedEvaluation();
    const decision = (
      await award(e.staff, scenarioId, {
        outcome: 'award',
        winners: [{ proposalId: pa, amountYuan: 980_000 }],
        justification: '甲最优',
      })
    ).json();
    const standstillEndsAt = new Date(decision.standstillEndsAt);
    expect(standstillEndsAt.getTime()).toBe(now.getTime() + 10 * DAY_MS);
    const object = (vendor: Actor, proposalId: string, grounds = '对报价评分有异议，请复核。') =>
      e.call(vendor, 'POST', `/proposals/${proposalId}/objections`, { grounds });

    const winner = await object(a, pa);
    expect(winner.statusCode).toBe(409);
    expect(winner.json().code).toBe('OBJECTION_NOT_UNSUCCESSFUL');
    expect((await object(a, pb)).statusCode).toBe(404); // not a's proposal

    moveClockTo(new Date(standstillEndsAt.getTime() - 1000));
    const lodged = await object(b, pb);
    expect(lodged.statusCode).toBe(201);
    expect(lodged.json()).toMatchObject({
      decisionId: decision.id,
      scenarioId,
      proposalId: pb,
      organisationId: b.organisationId,
      status: 'lodged',
      reasons: null,
    });
    const twice = await object(b, pb);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('OBJECTION_ALREADY_LODGED');

    moveClockTo(standstillEndsAt);
    const late = await object(c, pc);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'OBJECTION_STANDSTILL_OVER',
      details: { standstillEndsAt: decision.standstillEndsAt },
    });
    expect((await t.app.get(EvaluationService).currentAward(scenarioId))?.openObjections).toBe(1);

    const objectionId = lodged.json().id as string;
    expect((await e.call(e.staff, 'POST', `/objections/${objectionId}/dismiss`, {})).statusCode).toBe(400);
    expect((await e.call(b, 'POST', `/objections/${objectionId}/dismiss`, { reasons: '驳回' })).statusCode).toBe(403);
    const dismissed = await e.call(e.staff, 'POST', `/objections/${objectionId}/dismiss`, {
      reasons: '经复核，报价评分依据充分，异议不成立。',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', reasons: '经复核，报价评分依据充分，异议不成立。' });
    const again = await e.call(e.staff, 'POST', `/objections/${objectionId}/uphold`, { reasons: '改判' });
    expect(again.statusCode).toBe(409);
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}`)).json().status).toBe('awarded');
    expect((await publicDetail(scenarioId)).json().awardNotice).toMatchObject({ outcome: 'award' });
    expect((await t.app.get(EvaluationService).currentAward(scenarioId))?.openObjections).toBe(0);
    expect((await e.call(b, 'GET', `/proposals/${pb}/evaluation-result`)).json()).toMatchObject({
      objectionAllowed: false,
      objections: [{ id: objectionId, status: 'dismissed', reasons: '经复核，报价评分依据充分，异议不成立。' }],
    });
    expect((await e.call(e.staff, 'POST', `/objections/${randomUUID()}/dismiss`, { reasons: '无' })).statusCode).toBe(
      404,
    );

    expect(await eventsOf(scenarioId, ['objection.lodged', 'objection.dismissed'])).toEqual([
      {
        type: 'objection.lodged',
        payload: { objectionId, decisionId: decision.id, scenarioId, proposalId: pb, organisationId: b.organisationId },
      },
      { type: 'objection.dismissed', payload: { objectionId, decisionId: decision.id, scenarioId, proposalId: pb } },
    ]);
    const audit = await pg.query(`SELECT action, after FROM audit_record WHERE object_id = $1 ORDER BY id`, [
      objectionId,
    ]);
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['objection.lodge', 'objection.dismiss']);
    expect(audit.rows[1].after).toMatchObject({
      status: 'dismissed',
      reasons: '经复核，报价评分依据充分，异议不成立。',
    });
  });

  it('on an upheld objection sets the decision aside and reopens the evaluation; open objections lapse; a new decision follows', async () => {
    const { b, c, r1, scenarioId, evaluationId, pa, pb, pc } = await closedEvaluation();
    const first = (
      await award(e.staff, scenarioId, {
        outcome: 'award',
        winners: [{ proposalId: pa, amountYuan: 980_000 }],
        justification: '甲最优',
      })
    ).json();
    const byB = (await e.call(b, 'POST', `/proposals/${pb}/objections`, { grounds: '评分计算有误' })).json();
    const byC = (await e.call(c, 'POST', `/proposals/${pc}/objections`, { grounds: '资格认定有误' })).json();

    const upheld = await e.call(e.staff, 'POST', `/objections/${byB.id}/uphold`, {
      reasons: '经复核，第二评分项计算有误，重新评审。',
    });
    expect(upheld.statusCode).toBe(200);
    expect(upheld.json()).toMatchObject({ status: 'upheld', reasons: '经复核，第二评分项计算有误，重新评审。' });

    // Back to evaluation: scenario, proposals, evaluation; the notice is withdrawn; c's objection lapsed.
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}`)).json().status).toBe('under_evaluation');
    expect(await statusesOf([pa, pb, pc])).toEqual({ [pa]: 'opened', [pb]: 'opened', [pc]: 'opened' });
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation`)).json().status).toBe('scoring');
    expect((await publicDetail(scenarioId)).json()).toMatchObject({ status: 'under_evaluation', awardNotice: null });
    expect(await t.app.get(EvaluationService).currentAward(scenarioId)).toBeNull();
    const record = (await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/award`)).json();
    expect(record.current).toBeNull();
    expect(record.superseded).toEqual([
      expect.objectContaining({
        id: first.id,
        supersededAt: expect.any(String),
        objections: [
          expect.objectContaining({ id: byB.id, status: 'upheld' }),
          expect.objectContaining({ id: byC.id, status: 'lapsed' }),
        ],
      }),
    ]);
    expect((await e.call(b, 'GET', `/proposals/${pb}/evaluation-result`)).statusCode).toBe(409);
    expect((await e.call(e.staff, 'POST', `/objections/${byC.id}/uphold`, { reasons: '成立' })).statusCode).toBe(409);

    // Reviewers revise; staff close and decide again.
    e.expectStatus('revise', await e.score(r1, evaluationId, pb, scores(10, 5, 100, '复核后')), 200);
    e.expectStatus('close', await e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/close`), 200);
    const second = await award(e.staff, scenarioId, {
      outcome: 'award',
      winners: [{ proposalId: pb, amountYuan: 950_000 }],
      justification: '复核后乙综合得分第一',
    });
    expect(second.statusCode).toBe(201);
    expect(await statusesOf([pa, pb, pc])).toEqual({ [pa]: 'unsuccessful', [pb]: 'awarded', [pc]: 'unsuccessful' });
    expect((await publicDetail(scenarioId)).json().awardNotice).toMatchObject({
      winners: [{ name: b.nameZh, members: [], amountYuan: 950_000 }],
    });
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/award`)).json()).toMatchObject({
      current: { id: second.json().id },
      superseded: [{ id: first.id }],
    });
    const decisions = await pg.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE superseded_at IS NULL)::int AS current FROM award_decision WHERE scenario_id = $1`,
      [scenarioId],
    );
    expect(decisions.rows[0]).toEqual({ n: 2, current: 1 });

    const types = (
      await eventsOf(scenarioId, [
        'objection.lodged',
        'objection.upheld',
        'objection.lapsed',
        'evaluation.reopened',
        'award.decided',
        'scenario.transitioned',
      ])
    ).map((x) => (x.type === 'scenario.transitioned' ? `scenario.${x.payload.transition}` : x.type));
    expect(types.slice(types.indexOf('award.decided') - 1)).toEqual([
      'scenario.award',
      'award.decided',
      'objection.lodged',
      'objection.lodged',
      'scenario.reopen_evaluation',
      'objection.lapsed',
      'evaluation.reopened',
      'objection.upheld',
      'scenario.award',
      'award.decided',
    ]);
  });

  it('records no award: the scenario is no_award (not terminal), every proposal unsuccessful and free to object; upheld, it reopens', async () => {
    const { b, scenarioId, pa, pb, pc } = await closedEvaluation();
    const decided = await award(e.staff, scenarioId, {
      outcome: 'no_award',
      winners: [],
      justification: '所有方案的技术指标均未达到要求',
    });
    expect(decided.statusCode).toBe(201);
    expect(await statusesOf([pa, pb, pc])).toEqual({
      [pa]: 'unsuccessful',
      [pb]: 'unsuccessful',
      [pc]: 'unsuccessful',
    });
    const pub = (await publicDetail(scenarioId)).json();
    expect(pub).toMatchObject({
      status: 'no_award',
      awardNotice: {
        outcome: 'no_award',
        winners: [],
        totalAmountYuan: null,
        summary: '所有方案的技术指标均未达到要求',
      },
    });
    const objection = await e.call(b, 'POST', `/proposals/${pb}/objections`, { grounds: '指标理解有误' });
    expect(objection.statusCode).toBe(201);
    e.expectStatus(
      'uphold',
      await e.call(e.staff, 'POST', `/objections/${objection.json().id}/uphold`, { reasons: '成立' }),
      200,
    );
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}`)).json().status).toBe('under_evaluation');
    expect(await statusesOf([pa, pb, pc])).toEqual({ [pa]: 'opened', [pb]: 'opened', [pc]: 'opened' });
  });
});
