import type { Actor, Role } from '@app/common';
import { GOOD_PASSWORD, registrationBody, uniqueEmail } from './fixtures';
import { proposalSetup } from './proposal-setup';
import { scenarioSetup } from './scenario-setup';
import type { TestApp } from './test-app';

/** A rubric of three criteria: technical 50 on 0–10 (comment required), price 30 on 0–5, team 20 on 0–100. */
export const RUBRIC = [
  { key: 'technical', name: '技术方案', weight: 50, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价合理性', weight: 30, scaleMax: 5, commentRequired: false },
  { key: 'team', name: '团队能力', weight: 20, scaleMax: 100, commentRequired: false },
];

/** Scores for RUBRIC (a comment on every criterion). */
export const scores = (technical: number, price: number, team: number, comment = '评语') => ({
  scores: [
    { criterion: 'technical', value: technical, comment: `技术：${comment}` },
    { criterion: 'price', value: price, comment: `报价：${comment}` },
    { criterion: 'team', value: team, comment: `团队：${comment}` },
  ],
});

/** The weighted total (0–100) of scores for RUBRIC, computed by hand. */
export const total = (technical: number, price: number, team: number) =>
  (technical / 10) * 50 + (price / 5) * 30 + (team / 100) * 20;

/**
 * The usual path to an evaluation through the API: vendors with distinct names, reviewers created by
 * staff, a closed scenario with submitted (then opened) proposals, a rubric and a panel.
 */
export function evaluationSetup(t: TestApp) {
  const s = scenarioSetup(t);
  const p = proposalSetup(t, s);
  let seq = 0;

  const expectStatus = (what: string, res: { statusCode: number; body: string }, status: number) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  };

  /** A verified vendor whose organisation has this (unique) name. */
  async function vendor(nameZh: string): Promise<Actor & { nameZh: string }> {
    const body = registrationBody('vendor');
    body.organisation.nameZh = nameZh;
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    expectStatus(`register ${nameZh}`, res, 201);
    const organisationId = res.json().organisation.id as string;
    expectStatus('verify', await s.call(s.staff, 'POST', `/organisations/${organisationId}/verify`), 200);
    return { userId: res.json().user.id, organisationId, role: res.json().user.role as Role, nameZh };
  }

  /** A reviewer (专家) registered by the centre. */
  async function reviewer(displayName = `评审专家${++seq}`): Promise<Actor & { displayName: string }> {
    const res = await s.call(s.staff, 'POST', '/users/reviewers', {
      email: uniqueEmail('expert'),
      password: GOOD_PASSWORD,
      displayName,
    });
    expectStatus('add reviewer', res, 201);
    return { userId: res.json().id as string, organisationId: null, role: 'reviewer', displayName };
  }

  /**
   * A published scenario with one submitted proposal per entry (a vendor alone, or a lead with
   * consortium members), then closed past its deadline (the clock stays moved; restore it after).
   */
  async function closedScenarioWithProposals(agency: Actor, entries: (Actor | { lead: Actor; members: Actor[] })[]) {
    const scenario = await s.publishedScenario(agency);
    const proposalIds: string[] = [];
    for (const entry of entries) {
      if ('lead' in entry) proposalIds.push((await p.consortiumProposal(entry.lead, entry.members, scenario.id)).id);
      else proposalIds.push((await p.submittedProposal(entry, scenario.id)).id);
    }
    const closed = await p.closeScenario(scenario.id);
    return { scenarioId: scenario.id, code: scenario.code, proposalIds, now: closed.now };
  }

  /** Rubric and panel set, scoring opened. */
  async function openEvaluation(
    scenarioId: string,
    reviewers: Actor[],
    settings: { blindFirstRound?: boolean; minReviewersPerProposal?: number; disagreementThreshold?: number } = {},
  ) {
    const set = await s.call(s.staff, 'PUT', `/scenarios/${scenarioId}/evaluation`, { criteria: RUBRIC, ...settings });
    expectStatus('set rubric', set, 200);
    const panel = await s.call(s.staff, 'POST', `/scenarios/${scenarioId}/evaluation/panel`, {
      reviewerIds: reviewers.map((r) => r.userId),
    });
    expectStatus('assign panel', panel, 200);
    expectStatus('open scoring', await s.call(s.staff, 'POST', `/scenarios/${scenarioId}/evaluation/open`), 200);
    return set.json().id as string;
  }

  /** The reviewer declares about every vendor: conflicted with those in `conflictedWith`, else not. */
  async function declare(reviewer: Actor, evaluationId: string, conflictedWith: string[] = []) {
    const listed = await s.call(reviewer, 'GET', `/evaluations/${evaluationId}/conflicts`);
    expectStatus('list vendors', listed, 200);
    const declarations = (listed.json().vendors as { organisationId: string }[]).map((v) => ({
      organisationId: v.organisationId,
      conflicted: conflictedWith.includes(v.organisationId),
      ...(conflictedWith.includes(v.organisationId) ? { note: '曾在该公司任职' } : {}),
    }));
    const res = await s.call(reviewer, 'PUT', `/evaluations/${evaluationId}/conflicts`, { declarations });
    expectStatus('declare', res, 200);
    return res;
  }

  const score = (reviewer: Actor, evaluationId: string, proposalId: string, body: object) =>
    s.call(reviewer, 'PUT', `/evaluations/${evaluationId}/proposals/${proposalId}/scores`, body);

  return { ...p, vendor, reviewer, closedScenarioWithProposals, openEvaluation, declare, score, expectStatus };
}
