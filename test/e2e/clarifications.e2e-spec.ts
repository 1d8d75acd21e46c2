import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Actor, systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { createTestApp, type TestApp } from '../support/test-app';
import { scenarioSetup } from '../support/scenario-setup';

describe('Q&A (clarifications): vendors ask anonymously, the owning agency answers for all (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let agency: Actor;
  let otherAgency: Actor;
  let asker: Actor;
  let otherVendor: Actor;

  /** No response, event or view may carry who asked: neither the user nor the organisation. */
  const expectNoAskerIn = (body: string) => {
    expect(body).not.toContain(asker.userId);
    expect(body).not.toContain(asker.organisationId as string);
  };
  const questionsOf = (actor: Actor, scenarioId: string) => s.call(actor, 'GET', `/scenarios/${scenarioId}/questions`);
  const publicDetail = (scenarioId: string) =>
    t.request({ method: 'GET', url: `/api/v1/public/scenarios/${scenarioId}` });
  const ask = (actor: Actor, scenarioId: string, question = '历史瑕疵图像是否包含多种面料类型？') =>
    s.call(actor, 'POST', `/scenarios/${scenarioId}/questions`, { question });
  const answer = (actor: Actor, scenarioId: string, questionId: string, text = '包含棉、涤纶及混纺三类面料。') =>
    s.call(actor, 'POST', `/scenarios/${scenarioId}/questions/${questionId}/answer`, { answer: text });

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    agency = await s.organisation('agency');
    otherAgency = await s.organisation('agency');
    asker = await s.organisation('vendor');
    otherVendor = await s.organisation('vendor');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('keeps the asker anonymous to the public, other vendors, the agency and the events; answers are public', async () => {
    const { id } = await s.publishedScenario(agency);

    const asked = await ask(asker, id, '  历史瑕疵图像是否包含多种面料类型？  ');
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toEqual({
      id: expect.any(String),
      question: '历史瑕疵图像是否包含多种面料类型？',
      answer: null,
      askedAt: expect.any(String),
      answeredAt: null,
      mine: true,
    });
    expectNoAskerIn(asked.body);
    const questionId = asked.json().id as string;

    // Unanswered: the asker sees it as theirs, the agency and staff see it (to answer), nobody else does.
    expect((await questionsOf(asker, id)).json()).toEqual([expect.objectContaining({ id: questionId, mine: true })]);
    expect((await questionsOf(otherVendor, id)).json()).toEqual([]);
    expect((await questionsOf(otherAgency, id)).json()).toEqual([]);
    const forAgency = await questionsOf(agency, id);
    expect(forAgency.statusCode).toBe(200);
    expect(forAgency.json()).toEqual([expect.objectContaining({ id: questionId, answer: null, mine: false })]);
    expectNoAskerIn(forAgency.body);
    const forStaff = await questionsOf(s.staff, id);
    expect(forStaff.json()).toEqual([expect.objectContaining({ id: questionId, mine: false })]);
    expectNoAskerIn(forStaff.body);
    expect((await publicDetail(id)).json().questions).toEqual([]);

    const answered = await answer(agency, id, questionId);
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ id: questionId, answer: '包含棉、涤纶及混纺三类面料。', mine: false });
    expect(answered.json().answeredAt).toEqual(expect.any(String));
    expectNoAskerIn(answered.body);

    // Answered: published to all, still without who asked.
    const seenByOther = await questionsOf(otherVendor, id);
    expect(seenByOther.json()).toEqual([
      expect.objectContaining({ id: questionId, answer: '包含棉、涤纶及混纺三类面料。', mine: false }),
    ]);
    expectNoAskerIn(seenByOther.body);
    expect((await questionsOf(asker, id)).json()[0]).toMatchObject({ id: questionId, mine: true });
    const pub = await publicDetail(id);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().questions).toEqual([
      {
        id: questionId,
        question: '历史瑕疵图像是否包含多种面料类型？',
        answer: '包含棉、涤纶及混纺三类面料。',
        askedAt: asked.json().askedAt,
        answeredAt: answered.json().answeredAt,
      },
    ]);
    expectNoAskerIn(pub.body);
    const anonymous = await t.request({ method: 'GET', url: `/api/v1/scenarios/${id}/questions` });
    expect(anonymous.statusCode).toBe(401);

    // The agency may revise its answer; the public sees the revision.
    const revised = await answer(agency, id, questionId, '包含棉、涤纶、混纺三类，另有少量丝绸样本。');
    expect(revised.statusCode).toBe(200);
    expect((await publicDetail(id)).json().questions[0].answer).toBe('包含棉、涤纶、混纺三类，另有少量丝绸样本。');

    // Events: one per change, with routing facts only.
    const events = await pg.query(
      `SELECT type, payload FROM outbox_event
        WHERE aggregate_id = $1 AND type LIKE 'scenario.question_%' ORDER BY created_at, id`,
      [id],
    );
    expect(events.rows).toEqual([
      {
        type: 'scenario.question_asked',
        payload: { scenarioId: id, questionId, agencyOrganisationId: agency.organisationId },
      },
      {
        type: 'scenario.question_answered',
        payload: { scenarioId: id, questionId, agencyOrganisationId: agency.organisationId, revised: false },
      },
      {
        type: 'scenario.question_answered',
        payload: { scenarioId: id, questionId, agencyOrganisationId: agency.organisationId, revised: true },
      },
    ]);
    expectNoAskerIn(JSON.stringify(events.rows));

    // The staff-only audit trail is where the centre can find who asked.
    const audit = await pg.query(
      `SELECT action, actor_user_id, actor_organisation_id FROM audit_record WHERE object_id = $1 ORDER BY id`,
      [questionId],
    );
    expect(audit.rows).toEqual([
      {
        action: 'scenario.question_ask',
        actor_user_id: asker.userId,
        actor_organisation_id: asker.organisationId,
      },
      {
        action: 'scenario.question_answer',
        actor_user_id: agency.userId,
        actor_organisation_id: agency.organisationId,
      },
      {
        action: 'scenario.question_revise_answer',
        actor_user_id: agency.userId,
        actor_organisation_id: agency.organisationId,
      },
    ]);
    const stored = await pg.query(
      `SELECT asked_by_user_id, asked_by_organisation_id FROM scenario_question WHERE id = $1`,
      [questionId],
    );
    expect(stored.rows[0]).toEqual({
      asked_by_user_id: asker.userId,
      asked_by_organisation_id: asker.organisationId,
    });
  });

  it('shows a vendor its own unanswered questions but not those of a colleague', async () => {
    const { id } = await s.publishedScenario(agency);
    const colleague: Actor = { ...asker, userId: randomUUID(), role: 'vendor_member' };
    const mine = await ask(asker, id, '数据能否带出试验场？');
    const theirs = await ask(colleague, id, '是否接受联合体揭榜？');
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect((await questionsOf(asker, id)).json().map((q: { id: string }) => q.id)).toEqual([mine.json().id]);
    expect((await questionsOf(colleague, id)).json().map((q: { id: string }) => q.id)).toEqual([theirs.json().id]);
    expect((await questionsOf(agency, id)).json().map((q: { id: string }) => q.id)).toEqual([
      mine.json().id,
      theirs.json().id,
    ]);
  });

  it('takes questions only on published scenarios: drafts are not found, closed ones refused', async () => {
    const draft = await s.call(agency, 'POST', '/scenarios', { title: '草稿场景', domain: 'manufacturing' });
    expect(draft.statusCode).toBe(201);
    const onDraft = await ask(asker, draft.json().id);
    expect(onDraft.statusCode).toBe(404);
    expect(onDraft.json().code).toBe('SCENARIO_NOT_FOUND');

    const approved = await s.approvedScenario(agency);
    expect((await ask(asker, approved.id)).statusCode).toBe(404);

    const { id } = await s.publishedScenario(agency);
    const before = await ask(asker, id);
    expect(before.statusCode).toBe(201);
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), id, 'close');
    const onClosed = await ask(asker, id);
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json()).toMatchObject({ code: 'ENGAGEMENT_QUESTIONS_CLOSED' });
    expect(onClosed.json().message).toContain('closed');

    // After the deadline the agency may still answer what was asked before it.
    expect((await answer(agency, id, before.json().id)).statusCode).toBe(200);
    const count = await pg.query(`SELECT count(*)::int AS n FROM scenario_question WHERE scenario_id = $1`, [id]);
    expect(count.rows[0].n).toBe(1);
  });

  it('lets only the owning agency answer, and not once the scenario is cancelled', async () => {
    const { id } = await s.publishedScenario(agency);
    const q = (await ask(asker, id)).json().id as string;

    const byOtherAgency = await answer(otherAgency, id, q);
    expect(byOtherAgency.statusCode).toBe(403);
    expect((await answer(asker, id, q)).statusCode).toBe(403); // vendors: not an answering role
    expect((await answer(s.staff, id, q)).statusCode).toBe(403);
    const unknown = await answer(agency, id, randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ENGAGEMENT_QUESTION_NOT_FOUND');
    const elsewhere = await s.publishedScenario(agency);
    expect((await answer(agency, elsewhere.id, q)).json().code).toBe('ENGAGEMENT_QUESTION_NOT_FOUND');
    expect((await publicDetail(id)).json().questions).toEqual([]);

    expect((await s.call(agency, 'POST', `/scenarios/${id}/cancel`, { reason: '预算调整' })).statusCode).toBe(200);
    const afterCancel = await answer(agency, id, q);
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json().code).toBe('ENGAGEMENT_ANSWERS_CLOSED');
    // Cancelled scenarios are not public: other agencies no longer find it at all.
    expect((await answer(otherAgency, id, q)).statusCode).toBe(404);
    expect((await questionsOf(otherVendor, id)).statusCode).toBe(404);
  });

  it('refuses vendors that are not verified, other roles, and invalid questions naming the field', async () => {
    const { id } = await s.publishedScenario(agency);
    const pending = await s.organisation('vendor', false);
    const unverified = await ask(pending, id);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('ENGAGEMENT_VENDOR_NOT_VERIFIED');
    expect((await ask(agency, id)).statusCode).toBe(403);

    for (const question of ['   ', 'a'.repeat(2001), 42]) {
      const res = await s.call(asker, 'POST', `/scenarios/${id}/questions`, { question });
      expect(res.statusCode).toBe(400);
      expect(new Set(res.json().errors.map((e: { field: string }) => e.field))).toEqual(new Set(['question']));
    }
    const empty = await s.call(asker, 'POST', `/scenarios/${id}/questions`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('question');
    expect((await ask(asker, id, '问'.repeat(2000))).statusCode).toBe(201);

    const q = (await questionsOf(asker, id)).json()[0].id as string;
    const badAnswer = await s.call(agency, 'POST', `/scenarios/${id}/questions/${q}/answer`, { answer: '' });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.json().errors[0].field).toBe('answer');
    const badId = await s.call(agency, 'POST', `/scenarios/${id}/questions/not-a-uuid/answer`, { answer: '好' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('questionId');
    const count = await pg.query(`SELECT count(*)::int AS n FROM scenario_question WHERE scenario_id = $1`, [id]);
    expect(count.rows[0].n).toBe(1);
  });
});
