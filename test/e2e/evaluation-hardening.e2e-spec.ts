import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../support/test-app';
import { evaluationSetup, scores } from '../support/evaluation-setup';
import { registrationBody } from '../support/fixtures';

/** Review findings on evaluation: concurrency on the pool, access and masking edge cases. */
describe('expert evaluation, hardening (HTTP)', () => {
  let t: TestApp;
  let e: ReturnType<typeof evaluationSetup>;
  let agency: Actor;
  let run: string;

  beforeAll(async () => {
    t = await createTestApp();
    e = evaluationSetup(t);
    agency = await e.organisation('agency');
  });
  beforeEach(() => {
    run = randomUUID().slice(0, 6);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
  });

  it('takes more simultaneous score submissions than the connection pool holds (no request waits on a second connection)', async () => {
    const v = await e.vendor(`湖州并发评分科技有限公司${run}`);
    const reviewers = await Promise.all(Array.from({ length: 8 }, (_, i) => e.reviewer(`并发专家${i}`)));
    const { scenarioId, proposalIds } = await e.closedScenarioWithProposals(agency, [v]);
    const evaluationId = await e.openEvaluation(scenarioId, reviewers, { minReviewersPerProposal: 1 });
    for (const r of reviewers) await e.declare(r, evaluationId);

    const started = Date.now();
    const results = await Promise.all(reviewers.map((r) => e.score(r, evaluationId, proposalIds[0], scores(8, 4, 80))));
    expect(results.map((r) => r.statusCode)).toEqual(reviewers.map(() => 200));
    expect(Date.now() - started).toBeLessThan(4000);
  }, 30_000);

  it('takes a reviewer’s simultaneous first scorings of one proposal one after the other (no 500 on the key)', async () => {
    const v = await e.vendor(`湖州重复评分科技有限公司${run}`);
    const reviewer = await e.reviewer();
    const { scenarioId, proposalIds } = await e.closedScenarioWithProposals(agency, [v]);
    const evaluationId = await e.openEvaluation(scenarioId, [reviewer], { minReviewersPerProposal: 1 });
    await e.declare(reviewer, evaluationId);

    const results = await Promise.all(
      [6, 7, 8, 9].map((technical) => e.score(reviewer, evaluationId, proposalIds[0], scores(technical, 4, 80))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(results.map((r) => r.json().revision as number).sort()).toEqual([1, 2, 3, 4]);
  }, 30_000);

  it('keeps a declared conflict final when the reviewer sends “conflicted” and “not conflicted” at once', async () => {
    const v = await e.vendor(`湖州利益冲突科技有限公司${run}`);
    const reviewer = await e.reviewer();
    const { scenarioId, proposalIds } = await e.closedScenarioWithProposals(agency, [v]);
    const evaluationId = await e.openEvaluation(scenarioId, [reviewer], { minReviewersPerProposal: 1 });
    const url = `/evaluations/${evaluationId}/conflicts`;
    const declare = (conflicted: boolean) =>
      e.call(reviewer, 'PUT', url, { declarations: [{ organisationId: v.organisationId, conflicted }] });
    expect((await e.call(reviewer, 'GET', url)).statusCode).toBe(200); // opens the proposals

    const results = await Promise.all([declare(true), ...Array.from({ length: 6 }, () => declare(false))]);
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect(results[0].statusCode).toBe(200);
    const now = await e.call(reviewer, 'GET', url);
    expect(now.json().vendors).toEqual([
      expect.objectContaining({ organisationId: v.organisationId, conflicted: true }),
    ]);
    expect((await e.score(reviewer, evaluationId, proposalIds[0], scores(8, 4, 80))).statusCode).toBe(403);
  }, 30_000);

  it('masks a vendor’s identifying metadata in a blind round (English name in any case, USCC, contact) and lists proposals by label, not by submission', async () => {
    const suffix = randomUUID().slice(0, 8);
    const registration = registrationBody('vendor');
    const o = {
      ...registration.organisation,
      nameZh: `湖州织梭视觉科技有限公司${run}`,
      nameEn: `Loom Vision ${suffix}`,
      contactName: `欧阳织${run}`,
      contactPhone: `0572-${String(Date.now()).slice(-7)}`,
      contactEmail: `bids-${suffix}@loomvision.example.cn`,
    };
    const body = { ...registration, organisation: o };
    const registered = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expect(registered.statusCode).toBe(201);
    const org = registered.json().organisation as { id: string };
    e.expectStatus('verify', await e.call(e.staff, 'POST', `/organisations/${org.id}/verify`), 200);
    const a: Actor = { userId: registered.json().user.id, organisationId: org.id, role: 'vendor_admin' };
    const others = await Promise.all([1, 2, 3, 4].map((i) => e.vendor(`湖州盲评${i}科技有限公司${run}`)));
    const reviewer = await e.reviewer();

    const scenario = await e.publishedScenario(agency);
    const content = await e.contentFor(scenario.id);
    const identifying = [
      o.nameEn.toUpperCase(),
      o.nameEn.toLowerCase(),
      o.uscc,
      o.contactName,
      o.contactPhone,
      o.contactEmail,
    ];
    const draft = await e.draftProposal(a, scenario.id, {
      ...content,
      technicalApproach: `${identifying.join('；')}：我方牵头实施。`,
    });
    e.expectStatus('submit', await e.call(a, 'POST', `/proposals/${draft.id}/submit`), 200);
    for (const v of others) await e.submittedProposal(v, scenario.id);
    await e.closeScenario(scenario.id);
    const evaluationId = await e.openEvaluation(scenario.id, [reviewer], { blindFirstRound: true });
    await e.declare(reviewer, evaluationId);

    const list = await e.call(reviewer, 'GET', `/evaluations/${evaluationId}/proposals`);
    expect(list.statusCode).toBe(200);
    for (const secret of identifying) expect(list.body).not.toContain(secret);
    const proposals = list.json().proposals as {
      proposalId: string;
      label: string;
      content: { technicalApproach: string };
    }[];
    const ofA = proposals.find((x) => x.proposalId === draft.id)!;
    expect(ofA.content.technicalApproach).toMatch(
      /^(Vendor [A-E]|Contact person)(；(Vendor [A-E]|Contact person)){5}：我方牵头实施。$/,
    );
    // Listed in label order: the order of submission says nothing either.
    expect(proposals.map((x) => x.label)).toEqual(['Vendor A', 'Vendor B', 'Vendor C', 'Vendor D', 'Vendor E']);
  }, 30_000);

  it('answers odd but well-formed input with a 4xx naming the field, never a 500', async () => {
    const v = await e.vendor(`湖州边界输入科技有限公司${run}`);
    const reviewer = await e.reviewer();
    const { scenarioId, proposalIds } = await e.closedScenarioWithProposals(agency, [v]);
    const evaluationId = await e.openEvaluation(scenarioId, [reviewer], { minReviewersPerProposal: 1 });
    await e.declare(reviewer, evaluationId);
    const upper = (id: string) => id.toUpperCase();
    const calls = [
      e.call(e.staff, 'POST', `/scenarios/${scenarioId}/evaluation/panel`, {
        reviewerIds: [upper(reviewer.userId), reviewer.userId],
      }),
      e.call(reviewer, 'PUT', `/evaluations/${evaluationId}/conflicts`, {
        declarations: [
          { organisationId: upper(v.organisationId!), conflicted: false },
          { organisationId: v.organisationId, conflicted: false },
        ],
      }),
      e.score(reviewer, evaluationId, proposalIds[0], {
        scores: [
          { criterion: 'technical', value: 1e300, comment: '好' },
          { criterion: 'price', value: -1 },
          { criterion: 'team', value: 2 ** 53 },
        ],
      }),
      e.call(e.staff, 'POST', `/scenarios/${scenarioId}/award`, {
        outcome: 'award',
        winners: [{ proposalId: upper(proposalIds[0]), amountYuan: 1 }],
        justification: '最优',
      }),
      e.call(e.staff, 'PUT', `/scenarios/${scenarioId}/shortlist`, { proposalIds: [upper(proposalIds[0])] }),
      e.call(v, 'POST', `/proposals/${proposalIds[0]}/objections`, { grounds: '异'.repeat(5001) }),
    ];
    const results = await Promise.all(calls);
    for (const res of results) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(results[2].json().errors.map((x: { field: string }) => x.field)).toEqual([
      'scores.technical.value',
      'scores.price.value',
      'scores.team.value',
    ]);
  }, 30_000);
});
