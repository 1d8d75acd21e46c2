import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

/** The database's own guards for evaluation invariants, whatever the application does. */
describe('evaluation schema (Postgres constraints)', () => {
  let db: TestDatabase;
  let pg: Client;
  let scenarioId: string;
  let vendorId: string;
  let proposalId: string;
  let reviewerId: string;

  const criterion = (key: string, weight: number, scaleMax = 10) => ({
    key,
    name: key,
    weight,
    scaleMax,
    commentRequired: false,
  });
  const insertEvaluation = (rubric: unknown, scenario = scenarioId) =>
    pg.query(`INSERT INTO evaluation (scenario_id, rubric, created_by) VALUES ($1, $2, $3) RETURNING id`, [
      scenario,
      JSON.stringify(rubric),
      randomUUID(),
    ]);
  const errorCode = async (p: Promise<unknown>) => {
    try {
      await p;
      return null;
    } catch (e) {
      return (e as { code?: string }).code;
    }
  };
  const organisation = async (type: string) =>
    (
      await pg.query(
        `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
         VALUES ($1, '测试单位', $2, 'wuxing', '王', '0572-1234567', 'a@example.cn', 'verified') RETURNING id`,
        [type, randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase()],
      )
    ).rows[0].id as string;
  const scenario = async (agencyId: string) =>
    (
      await pg.query(
        `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain)
         VALUES ($1, $2, 'closed', '场景', 'manufacturing') RETURNING id`,
        [agencyId, randomUUID()],
      )
    ).rows[0].id as string;
  const proposal = async (scenario: string, lead: string) =>
    (
      await pg.query(
        `INSERT INTO proposal (scenario_id, lead_organisation_id, status, sealed_content, created_by)
         VALUES ($1, $2, 'draft', $3, $4) RETURNING id`,
        [scenario, lead, Buffer.concat([Buffer.from([1]), Buffer.alloc(40, 7)]), randomUUID()],
      )
    ).rows[0].id as string;
  const decision = (evaluationId: string, scenario: string, outcome = 'no_award', winners: unknown[] = []) =>
    pg.query(
      `INSERT INTO award_decision (evaluation_id, scenario_id, outcome, winners, justification, notice_summary,
         decided_by, decided_at, standstill_ends_at)
       VALUES ($1, $2, $3, $4, '理由', '理由', $5, now(), now() + interval '10 days') RETURNING id`,
      [evaluationId, scenario, outcome, JSON.stringify(winners), randomUUID()],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const agencyId = await organisation('agency');
    vendorId = await organisation('vendor');
    scenarioId = await scenario(agencyId);
    proposalId = await proposal(scenarioId, vendorId);
    reviewerId = (
      await pg.query(
        `INSERT INTO app_user (email, password_hash, display_name, role) VALUES ($1, 'x', '专家', 'reviewer') RETURNING id`,
        [`${randomUUID()}@example.cn`],
      )
    ).rows[0].id as string;
  });
  afterAll(async () => {
    await pg.end();
    await db.drop();
  });

  it('accepts only rubrics of 1–20 criteria with unique keys and whole positive weights summing to 100', async () => {
    const other = await scenario(await organisation('agency'));
    const bad = [
      [criterion('a', 60), criterion('b', 30)],
      [criterion('a', 50), criterion('a', 50)],
      [criterion('a', 100, 0)],
      [criterion('a', 50.5), criterion('b', 49.5)],
      [criterion('a', 0), criterion('b', 100)],
      [],
      { a: 100 },
      Array.from({ length: 21 }, (_, i) => criterion(`c${i}`, i === 0 ? 80 : 1)),
    ];
    for (const rubric of bad) expect(await errorCode(insertEvaluation(rubric, other))).toBe('23514');
    expect(await errorCode(insertEvaluation([criterion('a', 70), criterion('b', 30, 5)], other))).toBeNull();
  });

  it('keeps one evaluation per scenario and one current panel seat per reviewer', async () => {
    const { rows } = await insertEvaluation([criterion('only', 100)]);
    const evaluationId = rows[0].id as string;
    expect(await errorCode(insertEvaluation([criterion('only', 100)]))).toBe('23505');
    const seat = () =>
      pg.query(`INSERT INTO panel_member (evaluation_id, reviewer_id, assigned_by) VALUES ($1, $2, $3) RETURNING id`, [
        evaluationId,
        reviewerId,
        randomUUID(),
      ]);
    const first = (await seat()).rows[0].id as string;
    expect(await errorCode(seat())).toBe('23505');
    await pg.query(`UPDATE panel_member SET removed_at = now(), removed_by = $2 WHERE id = $1`, [first, randomUUID()]);
    expect(await errorCode(seat())).toBeNull();
  });

  it('allows one current award decision per scenario; a superseded one makes room for the next', async () => {
    const s = await scenario(await organisation('agency'));
    const evaluationId = (await insertEvaluation([criterion('only', 100)], s)).rows[0].id as string;
    const p = await proposal(s, await organisation('vendor'));
    expect(await errorCode(decision(evaluationId, s, 'award', []))).toBe('23514');
    expect(await errorCode(decision(evaluationId, s, 'no_award', [{ proposalId: p }]))).toBe('23514');
    const first = (await decision(evaluationId, s)).rows[0].id as string;
    expect(await errorCode(decision(evaluationId, s, 'award', [{ proposalId: p, amountYuan: 1 }]))).toBe('23505');

    const lodge = (decisionId: string, proposal: string, scenario: string) =>
      pg.query(
        `INSERT INTO objection (decision_id, scenario_id, proposal_id, organisation_id, lodged_by, grounds, lodged_at)
         VALUES ($1, $2, $3, $4, $5, '理由', now()) RETURNING id`,
        [decisionId, scenario, proposal, vendorId, randomUUID()],
      );
    // The objection's proposal must be one of the decision's scenario.
    expect(await errorCode(lodge(first, proposalId, s))).toBe('23503');
    const objectionId = (await lodge(first, p, s)).rows[0].id as string;
    expect(await errorCode(lodge(first, p, s))).toBe('23505');
    // Decided objections carry reasons; open ones carry none.
    expect(
      await errorCode(
        pg.query(`UPDATE objection SET status = 'upheld', decided_at = now() WHERE id = $1`, [objectionId]),
      ),
    ).toBe('23514');
    await pg.query(
      `UPDATE objection SET status = 'upheld', decided_at = now(), decided_by = $2, reasons = '成立' WHERE id = $1`,
      [objectionId, randomUUID()],
    );
    await pg.query(`UPDATE award_decision SET superseded_at = now(), superseded_by_objection_id = $2 WHERE id = $1`, [
      first,
      objectionId,
    ]);
    expect(await errorCode(decision(evaluationId, s, 'award', [{ proposalId: p, amountYuan: 1 }]))).toBeNull();
  });

  it('keeps scores within 0..100 with optional comments of 1–2000 characters', async () => {
    const evaluationId = (await pg.query(`SELECT id FROM evaluation WHERE scenario_id = $1`, [scenarioId])).rows[0]
      .id as string;
    const score = (value: number, comment: string | null, key = 'only') =>
      pg.query(
        `INSERT INTO score (evaluation_id, reviewer_id, proposal_id, criterion_key, value, comment, submitted_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now())`,
        [evaluationId, reviewerId, proposalId, key, value, comment],
      );
    expect(await errorCode(score(101, null))).toBe('23514');
    expect(await errorCode(score(-1, null))).toBe('23514');
    expect(await errorCode(score(5, ''))).toBe('23514');
    expect(await errorCode(score(5, '合理'))).toBeNull();
    expect(await errorCode(score(6, null))).toBe('23505');
  });
});
