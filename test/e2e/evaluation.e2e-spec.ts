import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Actor } from '@app/common';
import { aggregateProposal, type Rubric } from '@app/evaluation';
import { createTestApp, type TestApp } from '../support/test-app';
import { evaluationSetup, RUBRIC, scores, total } from '../support/evaluation-setup';
import { fileUpload, samplePdf } from '../support/upload-fixtures';

describe('expert evaluation: rubric, panel, conflicts of interest, blind round, scoring, consensus (HTTP)', () => {
  let t: TestApp;
  let pg: Client;
  let e: ReturnType<typeof evaluationSetup>;
  let agency: Actor;
  let run: string;

  const eventsOf = async (aggregateId: string, prefix = 'evaluation.') =>
    (
      await pg.query(
        `SELECT type, payload FROM outbox_event WHERE aggregate_id = $1 AND type LIKE $2 ORDER BY created_at, id`,
        [aggregateId, `${prefix}%`],
      )
    ).rows as { type: string; payload: Record<string, unknown> }[];
  const auditOf = async (objectId: string) =>
    (await pg.query(`SELECT action, before, after FROM audit_record WHERE object_id = $1 ORDER BY id`, [objectId]))
      .rows as { action: string; before: unknown; after: unknown }[];

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

  it('lets staff set a rubric (weights summing to 100) and a panel of reviewers, then open scoring, which locks the rubric', async () => {
    const v = await e.vendor(`湖州甲智能科技有限公司${run}`);
    const r1 = await e.reviewer('王专家');
    const { scenarioId } = await e.closedScenarioWithProposals(agency, [v]);
    const url = `/scenarios/${scenarioId}/evaluation`;

    const ninety = await e.call(e.staff, 'PUT', url, { criteria: [{ ...RUBRIC[0], weight: 40 }, ...RUBRIC.slice(1)] });
    expect(ninety.statusCode).toBe(400);
    expect(ninety.json().errors).toEqual([
      { field: 'criteria', rule: 'evaluation.weights_sum', message: '各评分项权重之和必须为 100（当前为 90）' },
    ]);
    const dup = await e.call(e.staff, 'PUT', url, {
      criteria: [RUBRIC[0], { ...RUBRIC[1], key: 'technical' }, RUBRIC[2]],
    });
    expect(dup.json().errors).toEqual([
      expect.objectContaining({ field: 'criteria[1].key', rule: 'evaluation.duplicate_key' }),
    ]);
    expect((await e.call(agency, 'PUT', url, { criteria: RUBRIC })).statusCode).toBe(403);
    expect((await e.call(e.staff, 'GET', url)).statusCode).toBe(404);

    const set = await e.call(e.staff, 'PUT', url, { criteria: RUBRIC, minReviewersPerProposal: 2 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      scenarioId,
      status: 'setup',
      criteria: RUBRIC,
      blindFirstRound: false,
      minReviewersPerProposal: 2,
      disagreementThreshold: 15,
      panel: [],
    });
    const evaluationId = set.json().id as string;

    // Only active reviewers sit on a panel: the vendor's user is refused, naming the entry.
    const notReviewer = await e.call(e.staff, 'POST', `${url}/panel`, { reviewerIds: [r1.userId, v.userId] });
    expect(notReviewer.statusCode).toBe(400);
    expect(notReviewer.json().errors).toEqual([expect.objectContaining({ field: 'reviewerIds[1]' })]);
    const assigned = await e.call(e.staff, 'POST', `${url}/panel`, { reviewerIds: [r1.userId] });
    expect(assigned.json().panel).toEqual([
      { reviewerId: r1.userId, displayName: '王专家', assignedAt: expect.any(String) },
    ]);
    // Assigning again changes nothing.
    expect((await e.call(e.staff, 'POST', `${url}/panel`, { reviewerIds: [r1.userId] })).json().panel).toHaveLength(1);

    // The reviewer sees the panel, but nothing opens before scoring does.
    const mine = await e.call(r1, 'GET', '/evaluations/mine');
    expect(mine.json()).toEqual([
      expect.objectContaining({ evaluationId, scenarioId, status: 'setup', vendorsToDeclare: 1, undeclaredVendors: 1 }),
    ]);
    await e.declare(r1, evaluationId);
    const early = await e.call(r1, 'GET', `/evaluations/${evaluationId}/proposals`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EVALUATION_NOT_OPEN');

    const opened = await e.call(e.staff, 'POST', `${url}/open`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'scoring', scoringOpenedAt: expect.any(String) });
    expect((await e.call(e.staff, 'GET', `/scenarios/${scenarioId}`)).json().status).toBe('under_evaluation');
    const locked = await e.call(e.staff, 'PUT', url, { criteria: RUBRIC });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('EVALUATION_RUBRIC_LOCKED');
    expect((await e.call(e.staff, 'POST', `${url}/open`)).statusCode).toBe(409);

    expect((await eventsOf(evaluationId)).map((x) => x.type)).toEqual([
      'evaluation.rubric_set',
      'evaluation.panel_assigned',
      'evaluation.coi_declared',
      'evaluation.scoring_opened',
    ]);
    expect((await eventsOf(evaluationId))[1].payload).toEqual({ evaluationId, scenarioId, reviewerIds: [r1.userId] });
    expect((await auditOf(evaluationId)).map((a) => a.action)).toEqual([
      'evaluation.set_rubric',
      'evaluation.assign_panel',
      'evaluation.declare_conflicts',
      'evaluation.open_scoring',
    ]);
    const transitions = (await eventsOf(scenarioId, 'scenario.transitioned')).map((x) => x.payload.transition);
    expect(transitions.slice(-2)).toEqual(['close', 'start_evaluation']);
  });

  it('enforces conflicts of interest: nothing opens before every vendor is declared; a conflicted reviewer neither sees nor scores that proposal; coverage shows the shortfall', async () => {
    const a = await e.vendor(`湖州乙视觉科技有限公司${run}`);
    const b = await e.vendor(`南太湖丙数据有限公司${run}`);
    const member = await e.vendor(`德清丁算法有限公司${run}`);
    const [r1, r2, r3] = [await e.reviewer(), await e.reviewer(), await e.reviewer()];
    const {
      scenarioId,
      proposalIds: [pa, pb],
    } = await e.closedScenarioWithProposals(agency, [a, { lead: b, members: [member] }]);
    const evaluationId = await e.openEvaluation(scenarioId, [r1, r2, r3], { minReviewersPerProposal: 3 });

    // Declared about one vendor only: nothing opens yet.
    const partial = await e.call(r1, 'PUT', `/evaluations/${evaluationId}/conflicts`, {
      declarations: [{ organisationId: a.organisationId, conflicted: false }],
    });
    expect(partial.json()).toMatchObject({ complete: false });
    const blocked = await e.call(r1, 'GET', `/evaluations/${evaluationId}/proposals`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({
      code: 'EVALUATION_DECLARATIONS_INCOMPLETE',
      details: { vendors: 3, missing: 2 },
    });
    expect((await e.score(r1, evaluationId, pa, scores(8, 4, 80))).statusCode).toBe(409);
    // Declarations name vendors of this evaluation only.
    const stranger = await e.call(r1, 'PUT', `/evaluations/${evaluationId}/conflicts`, {
      declarations: [{ organisationId: agency.organisationId, conflicted: false }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('declarations[0].organisationId');

    // r1: no conflicts. r2: conflicted with the consortium's member. r3: conflicted with vendor a.
    await e.declare(r1, evaluationId);
    await e.declare(r2, evaluationId, [member.organisationId!]);
    await e.declare(r3, evaluationId, [a.organisationId!]);

    const seenBy = async (r: Actor) => {
      const res = await e.call(r, 'GET', `/evaluations/${evaluationId}/proposals`);
      expect(res.statusCode).toBe(200);
      return res.json() as { excluded: number; proposals: { proposalId: string }[] };
    };
    expect((await seenBy(r1)).proposals.map((x) => x.proposalId).sort()).toEqual([pa, pb].sort());
    expect(await seenBy(r2)).toMatchObject({ excluded: 1, proposals: [{ proposalId: pa }] });
    expect(await seenBy(r3)).toMatchObject({ excluded: 1, proposals: [{ proposalId: pb }] });
    const conflicted = await e.score(r2, evaluationId, pb, scores(8, 4, 80));
    expect(conflicted.statusCode).toBe(403);
    expect(conflicted.json().code).toBe('EVALUATION_CONFLICTED');
    expect((await e.call(r2, 'GET', `/evaluations/${evaluationId}/proposals`)).body).not.toContain(pb);

    // A declared conflict cannot be withdrawn.
    const withdraw = await e.call(r2, 'PUT', `/evaluations/${evaluationId}/conflicts`, {
      declarations: [{ organisationId: member.organisationId, conflicted: false }],
    });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().code).toBe('EVALUATION_CONFLICT_FINAL');

    expect((await e.score(r1, evaluationId, pa, scores(8, 4, 80))).statusCode).toBe(200);
    const coverage = await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/coverage`);
    expect(coverage.statusCode).toBe(200);
    expect(coverage.json()).toMatchObject({ minReviewersPerProposal: 3, panelSize: 3, allCovered: false });
    const byProposal = Object.fromEntries(
      (coverage.json().proposals as { proposalId: string; vendors: { name: string }[] }[]).map((c) => [
        c.proposalId,
        c,
      ]),
    );
    expect(byProposal[pa]).toMatchObject({
      eligible: 2,
      conflicted: 1,
      undeclared: 0,
      scored: 1,
      shortfall: 1,
      enough: false,
    });
    expect(byProposal[pb]).toMatchObject({
      eligible: 2,
      conflicted: 1,
      undeclared: 0,
      scored: 0,
      shortfall: 1,
      enough: false,
    });
    expect(byProposal[pb].vendors.map((v) => v.name).sort()).toEqual([b.nameZh, member.nameZh].sort());

    // Adding a fourth reviewer closes the gap once they declare.
    const r4 = await e.reviewer();
    await e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/panel`, { reviewerIds: [r4.userId] });
    const pending = await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/coverage`);
    expect(pending.json().proposals.map((c: { undeclared: number }) => c.undeclared)).toEqual([1, 1]);
    await e.declare(r4, evaluationId);
    const covered = await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/coverage`);
    expect(covered.json()).toMatchObject({ panelSize: 4, allCovered: true });

    // The event names the conflicted organisations by id only.
    const declared = (await eventsOf(evaluationId)).filter((x) => x.type === 'evaluation.coi_declared');
    expect(declared).toContainEqual({
      type: 'evaluation.coi_declared',
      payload: {
        evaluationId,
        scenarioId,
        reviewerId: r2.userId,
        declared: 3,
        conflictedOrganisationIds: [member.organisationId],
      },
    });
    for (const d of declared) expect(JSON.stringify(d)).not.toMatch(/有限公司/);
  });

  it('masks vendors in a blind first round (no vendor name, client, team member or file name in any reviewer response), then shows names after the reveal', async () => {
    const a = await e.vendor(`湖州戊智造科技有限公司${run}`);
    const b = await e.vendor(`长兴己视觉有限公司${run}`);
    const reviewer = await e.reviewer();
    const scenario = await e.publishedScenario(agency);
    const content = await e.contentFor(scenario.id);
    // Vendor a names itself (and b) in its text, a person, a client and a file: all identifying.
    const draft = await e.draftProposal(a, scenario.id, {
      ...content,
      technicalApproach: `${a.nameZh}牵头实施，优于${b.nameZh}的方案。`,
      team: [{ name: '钱多多', role: '项目经理', qualifications: `${a.nameZh}高级工程师` }],
      references: [{ client: '吴兴区某丝绸集团', project: '面料检测', year: 2024 }],
    });
    const upload = fileUpload(`${a.nameZh}-技术方案.pdf`, samplePdf());
    const uploaded = await t.request({
      method: 'POST',
      url: `/api/v1/proposals/${draft.id}/attachments`,
      headers: { ...e.auth(a), ...upload.headers },
      payload: upload.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    e.expectStatus('submit', await e.call(a, 'POST', `/proposals/${draft.id}/submit`), 200);
    const pb = (await e.submittedProposal(b, scenario.id)).id;
    await e.closeScenario(scenario.id);
    const evaluationId = await e.openEvaluation(scenario.id, [reviewer], {
      blindFirstRound: true,
      minReviewersPerProposal: 1,
    });

    const identifying = [
      a.nameZh,
      b.nameZh,
      a.organisationId!,
      b.organisationId!,
      '钱多多',
      '吴兴区某丝绸集团',
      '技术方案.pdf',
    ];
    const bodies: string[] = [];
    const asReviewer = async (method: 'GET' | 'PUT', url: string, payload?: object) => {
      const res = await e.call(reviewer, method, url, payload);
      bodies.push(res.body);
      return res;
    };

    // Declaring needs the vendors' names (a conflict cannot be declared about an anonymous party).
    const vendors = await e.call(reviewer, 'GET', `/evaluations/${evaluationId}/conflicts`);
    expect(
      vendors
        .json()
        .vendors.map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual([a.nameZh, b.nameZh].sort());
    await e.declare(reviewer, evaluationId);

    expect((await asReviewer('GET', '/evaluations/mine')).json()[0]).toMatchObject({ masked: true });
    const list = await asReviewer('GET', `/evaluations/${evaluationId}/proposals`);
    expect(list.statusCode).toBe(200);
    expect(list.json().masked).toBe(true);
    const proposals = list.json().proposals as {
      proposalId: string;
      label: string;
      vendors: unknown;
      submittedAt: unknown;
      content: { technicalApproach: string; team: { name: string }[]; references: { client: string }[] };
      attachments: { id: string; fileName: string }[];
    }[];
    expect(proposals.map((p) => p.label).sort()).toEqual(['Vendor A', 'Vendor B']);
    const ofA = proposals.find((p) => p.proposalId === draft.id)!;
    const labelOfB = proposals.find((p) => p.proposalId === pb)!.label;
    expect(ofA).toMatchObject({ vendors: null, submittedAt: null });
    expect(ofA.content.technicalApproach).toBe(`${ofA.label}牵头实施，优于${labelOfB}的方案。`);
    expect(ofA.content.team[0]).toEqual({
      name: 'Team member 1',
      role: '项目经理',
      qualifications: `${ofA.label}高级工程师`,
    });
    expect(ofA.content.references[0].client).toBe('Client 1');
    expect(ofA.attachments).toEqual([
      {
        id: uploaded.json().id,
        fileName: 'attachment-1.pdf',
        mediaType: 'application/pdf',
        sizeBytes: samplePdf().length,
      },
    ]);
    // The labels stay put for the whole evaluation.
    expect((await asReviewer('GET', `/evaluations/${evaluationId}/proposals`)).json().proposals).toEqual(proposals);

    const file = await t.request({
      method: 'GET',
      url: `/api/v1/evaluations/${evaluationId}/proposals/${draft.id}/attachments/${uploaded.json().id}`,
      headers: e.auth(reviewer),
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(samplePdf())).toBe(true);
    bodies.push(file.headers['content-disposition'] as string);
    expect(file.headers['content-disposition']).toContain('attachment-1.pdf');

    bodies.push(
      (await asReviewer('PUT', `/evaluations/${evaluationId}/proposals/${draft.id}/scores`, scores(7, 3, 60))).body,
    );
    for (const body of bodies) for (const secret of identifying) expect(body).not.toContain(secret);

    // Staff are not masked.
    const consensus = await e.call(e.staff, 'GET', `/scenarios/${scenario.id}/evaluation/consensus`);
    expect(consensus.body).toContain(a.nameZh);

    const revealed = await e.call(e.staff, 'POST', `/scenarios/${scenario.id}/evaluation/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect((await e.call(e.staff, 'POST', `/scenarios/${scenario.id}/evaluation/reveal`)).statusCode).toBe(409);
    const named = await e.call(reviewer, 'GET', `/evaluations/${evaluationId}/proposals`);
    expect(named.json().masked).toBe(false);
    const namedA = named.json().proposals.find((p: { proposalId: string }) => p.proposalId === draft.id);
    expect(namedA).toMatchObject({
      label: a.nameZh,
      vendors: [{ organisationId: a.organisationId, name: a.nameZh, role: 'lead' }],
      content: { technicalApproach: `${a.nameZh}牵头实施，优于${b.nameZh}的方案。`, team: [{ name: '钱多多' }] },
      attachments: [{ fileName: `${a.nameZh}-技术方案.pdf` }],
    });
    // The score given blind is still the reviewer's, and still revisable.
    expect(namedA.myScores).toHaveLength(3);
    expect((await e.score(reviewer, evaluationId, draft.id, scores(8, 3, 60))).json().revision).toBe(2);
  });

  it('keeps scores independent and revisable until the panel closes: 400 naming the criterion, 409 once closed', async () => {
    const a = await e.vendor(`湖州庚科技有限公司${run}`);
    const [r1, r2] = [await e.reviewer(), await e.reviewer()];
    const {
      scenarioId,
      proposalIds: [pa],
    } = await e.closedScenarioWithProposals(agency, [a]);
    const evaluationId = await e.openEvaluation(scenarioId, [r1, r2], { minReviewersPerProposal: 2 });
    await e.declare(r1, evaluationId);
    await e.declare(r2, evaluationId);

    const outOfScale = await e.score(r1, evaluationId, pa, scores(11, 4, 80));
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().errors).toEqual([
      {
        field: 'scores.technical.value',
        rule: 'evaluation.score_out_of_scale',
        message: '评分项 technical 的分值必须是 0–10 的整数',
      },
    ]);
    const noComment = await e.call(r1, 'PUT', `/evaluations/${evaluationId}/proposals/${pa}/scores`, {
      scores: [
        { criterion: 'technical', value: 5 },
        { criterion: 'price', value: 3 },
        { criterion: 'team', value: 50 },
      ],
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors).toEqual([
      expect.objectContaining({ field: 'scores.technical.comment', rule: 'evaluation.comment_required' }),
    ]);
    const missing = await e.score(r1, evaluationId, pa, { scores: scores(5, 3, 50).scores.slice(0, 2) });
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ field: 'scores.team', rule: 'evaluation.criterion_missing' }),
    ]);
    const english = await t.request({
      method: 'PUT',
      url: `/api/v1/evaluations/${evaluationId}/proposals/${pa}/scores`,
      headers: { ...e.auth(r1), 'accept-language': 'en' },
      payload: scores(5, 6, 50),
    });
    expect(english.json().errors[0].message).toBe('The score for price must be a whole number from 0 to 5');

    const first = await e.score(r1, evaluationId, pa, scores(6, 3, 50, '一般'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ proposalId: pa, revision: 1, total: total(6, 3, 50) });
    const revised = await e.score(r1, evaluationId, pa, scores(9, 4, 90, '复核后上调'));
    expect(revised.json()).toMatchObject({ revision: 2, total: total(9, 4, 90) });
    expect((await e.score(r2, evaluationId, pa, scores(5, 2, 40, '偏弱'))).statusCode).toBe(200);

    // Each reviewer sees only their own scores.
    const own = await e.call(r2, 'GET', `/evaluations/${evaluationId}/proposals`);
    expect(own.json().proposals[0].myScores.map((x: { value: number }) => x.value)).toEqual([5, 2, 40]);
    expect(own.body).not.toContain('复核后上调');
    // A reviewer not on the panel sees nothing of it.
    const outsider = await e.reviewer();
    expect((await e.call(outsider, 'GET', `/evaluations/${evaluationId}/proposals`)).statusCode).toBe(404);
    expect((await e.score(outsider, evaluationId, pa, scores(1, 1, 1))).statusCode).toBe(404);

    expect((await e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/close`)).json().status).toBe('closed');
    const late = await e.score(r1, evaluationId, pa, scores(1, 1, 1));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('EVALUATION_NOT_SCORING');
    // Closed: still readable, no longer changeable.
    expect((await e.call(r1, 'GET', `/evaluations/${evaluationId}/proposals`)).json().proposals[0].myTotal).toBe(
      total(9, 4, 90),
    );
    const consensus = (await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/consensus`)).json();
    expect(consensus.proposals[0].reviewers.map((r: { total: number }) => r.total).sort()).toEqual(
      [total(9, 4, 90), total(5, 2, 40)].sort(),
    );

    // Events and audit: submissions and revisions, without values or comments.
    const submitted = (await eventsOf(evaluationId)).filter((x) => x.type === 'evaluation.score_submitted');
    expect(submitted.map((x) => x.payload)).toEqual([
      { evaluationId, scenarioId, reviewerId: r1.userId, proposalId: pa, revision: 1 },
      { evaluationId, scenarioId, reviewerId: r1.userId, proposalId: pa, revision: 2 },
      { evaluationId, scenarioId, reviewerId: r2.userId, proposalId: pa, revision: 1 },
    ]);
    const audits = (await auditOf(evaluationId)).filter((x) => x.action.includes('score'));
    expect(audits.map((x) => x.action)).toEqual(['evaluation.score', 'evaluation.revise_score', 'evaluation.score']);
    expect(JSON.stringify(audits)).not.toMatch(/复核|一般|偏弱/);
    expect((await eventsOf(evaluationId)).map((x) => x.type)).toContain('evaluation.panel_closed');
  });

  it('aggregates through HTTP as the pure functions do: weighted means, criterion means, spread, disagreement and rank', async () => {
    const [a, b, c] = [
      await e.vendor(`湖州辛科技有限公司${run}`),
      await e.vendor(`湖州壬科技有限公司${run}`),
      await e.vendor(`湖州癸科技有限公司${run}`),
    ];
    const reviewers = [await e.reviewer(), await e.reviewer(), await e.reviewer()];
    const { scenarioId, proposalIds } = await e.closedScenarioWithProposals(agency, [a, b, c]);
    const evaluationId = await e.openEvaluation(scenarioId, reviewers, { disagreementThreshold: 10 });
    for (const r of reviewers) await e.declare(r, evaluationId);
    // a: close agreement, high. b: wide disagreement. c: scored by two reviewers only.
    const given: Record<string, [number, number, number][]> = {
      [proposalIds[0]]: [
        [9, 5, 90],
        [8, 4, 85],
        [9, 4, 80],
      ],
      [proposalIds[1]]: [
        [10, 5, 100],
        [2, 1, 10],
        [6, 3, 50],
      ],
      [proposalIds[2]]: [
        [7, 3, 70],
        [7, 3, 70],
      ],
    };
    for (const [proposalId, rows] of Object.entries(given))
      for (const [i, row] of rows.entries())
        e.expectStatus('score', await e.score(reviewers[i], evaluationId, proposalId, scores(...row)), 200);

    const res = await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/consensus`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ evaluationId, status: 'scoring', disagreementThreshold: 10, criteria: RUBRIC });
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    const expected = Object.entries(given).map(([proposalId, rows]) => {
      const totals = rows.map((r) => total(...r));
      return { proposalId, mean: mean(totals), sd: sd(totals), rows };
    });
    // By hand: a = (93 + 81 + 85) / 3 ≈ 86.33 (sd ≈ 5.0), b = (100 + 18 + 58) / 3 ≈ 58.67 (sd ≈ 33.5 > 10),
    // c = 67 (sd 0) → ranks a, c, b; only b's reviewers disagree.
    expect(view.proposals.map((p: { proposalId: string }) => p.proposalId)).toEqual([
      proposalIds[0],
      proposalIds[2],
      proposalIds[1],
    ]);
    for (const p of view.proposals) {
      const x = expected.find((y) => y.proposalId === p.proposalId)!;
      expect(p.weightedMean).toBeCloseTo(x.mean, 2);
      expect(p.stdDev).toBeCloseTo(x.sd, 2);
      expect(p.disagreement).toBe(x.sd > 10);
      expect(p.reviewerCount).toBe(x.rows.length);
      expect(p.criteria.map((k: { mean: number }) => k.mean)).toEqual(
        [0, 1, 2].map((i) => Math.round(mean(x.rows.map((r) => r[i])) * 100) / 100),
      );
      expect(p.reviewers).toHaveLength(x.rows.length);
      expect(p.reviewers[0].scores[0].comment).toBe('技术：评语');
      // The same as the library's pure aggregation.
      const pure = aggregateProposal(
        RUBRIC as Rubric,
        x.rows.map((r, i) => ({ reviewerId: `r${i}`, values: { technical: r[0], price: r[1], team: r[2] } })),
        10,
      );
      expect(p.weightedMean).toBe(Math.round(pure.weightedMean! * 100) / 100);
    }
    expect(view.proposals.map((p: { rank: number }) => p.rank)).toEqual([1, 2, 3]);
    expect(view.proposals.map((p: { disagreement: boolean }) => p.disagreement)).toEqual([false, false, true]);
    // The consensus view is the centre's: reviewers and vendors get 403 at the route.
    expect((await e.call(reviewers[0], 'GET', `/scenarios/${scenarioId}/evaluation/consensus`)).statusCode).toBe(403);
    expect((await e.call(a, 'GET', `/scenarios/${scenarioId}/evaluation/consensus`)).statusCode).toBe(403);
  });

  it('lets staff remove a reviewer, whose scores then stop counting, and shortlist once the panel is closed', async () => {
    const [a, b] = [await e.vendor(`湖州子科技有限公司${run}`), await e.vendor(`湖州丑科技有限公司${run}`)];
    const [r1, r2] = [await e.reviewer(), await e.reviewer()];
    const {
      scenarioId,
      proposalIds: [pa, pb],
    } = await e.closedScenarioWithProposals(agency, [a, b]);
    const evaluationId = await e.openEvaluation(scenarioId, [r1, r2], { minReviewersPerProposal: 1 });
    for (const r of [r1, r2]) await e.declare(r, evaluationId);
    await e.score(r1, evaluationId, pa, scores(9, 5, 90));
    await e.score(r2, evaluationId, pa, scores(1, 1, 10));
    await e.score(r1, evaluationId, pb, scores(5, 3, 50));

    const shortlistEarly = await e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [pa] });
    expect(shortlistEarly.statusCode).toBe(409);
    expect(shortlistEarly.json().code).toBe('EVALUATION_NOT_CLOSED');

    const removed = await e.call(e.staff, 'DELETE', `/scenarios/${scenarioId}/evaluation/panel/${r2.userId}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().panel.map((m: { reviewerId: string }) => m.reviewerId)).toEqual([r1.userId]);
    expect((await e.call(r2, 'GET', `/evaluations/${evaluationId}/proposals`)).statusCode).toBe(404);
    const consensus = (await e.call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/consensus`)).json();
    expect(consensus.proposals[0]).toMatchObject({ proposalId: pa, reviewerCount: 1, weightedMean: total(9, 5, 90) });

    await e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/close`);
    expect((await e.call(e.staff, 'DELETE', `/scenarios/${scenarioId}/evaluation/panel/${r1.userId}`)).statusCode).toBe(
      409,
    );
    const unknown = await e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    const shortlisted = await e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [pa] });
    expect(shortlisted.statusCode).toBe(200);
    const statuses = () =>
      e
        .call(e.staff, 'GET', `/scenarios/${scenarioId}/evaluation/consensus`)
        .then((r) =>
          Object.fromEntries(
            r.json().proposals.map((p: { proposalId: string; status: string }) => [p.proposalId, p.status]),
          ),
        );
    expect(await statuses()).toEqual({ [pa]: 'shortlisted', [pb]: 'not_shortlisted' });
    // Changing the shortlist moves proposals across (through reopen).
    await e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [pb] });
    expect(await statuses()).toEqual({ [pa]: 'not_shortlisted', [pb]: 'shortlisted' });
    const changes = (await eventsOf(evaluationId)).filter((x) => x.type === 'evaluation.shortlist_changed');
    expect(changes.map((x) => x.payload)).toEqual([
      { evaluationId, scenarioId, shortlisted: [pa], notShortlisted: [pb] },
      { evaluationId, scenarioId, shortlisted: [pb], notShortlisted: [pa] },
    ]);
    expect((await eventsOf(evaluationId)).map((x) => x.type)).toContain('evaluation.panel_member_removed');
  });
});
