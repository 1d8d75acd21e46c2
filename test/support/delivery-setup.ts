import type { Actor } from '@app/common';
import { evaluationSetup, scores } from './evaluation-setup';
import type { TestApp } from './test-app';

/**
 * The path to delivery through the API: a scenario whose evaluation awarded a consortium (a lead
 * and one member) over a second vendor, then — once the clock is moved past the standstill — the
 * start of delivery. Builds on `evaluationSetup` (proposals, evaluation, award).
 */
export function deliverySetup(t: TestApp) {
  const e = evaluationSetup(t);
  let seq = 0;

  /**
   * An awarded scenario: `lead` + `member` won (proposal `winningProposalId`, 880 000 yuan), `loser`
   * did not. The clock stays just past the proposal deadline (the standstill runs from there).
   */
  async function awardedScenario() {
    const n = ++seq;
    const agency = await e.organisation('agency');
    const lead = await e.vendor(`湖州织里视觉科技有限公司${n}-${Date.now()}`);
    const member = await e.vendor(`浙江湖智数据服务有限公司${n}-${Date.now()}`);
    const loser = await e.vendor(`德清云图智能科技有限公司${n}-${Date.now()}`);
    const closed = await e.closedScenarioWithProposals(agency, [{ lead, members: [member] }, loser]);
    const [winningProposalId, losingProposalId] = closed.proposalIds;
    const reviewer = await e.reviewer();
    const evaluationId = await e.openEvaluation(closed.scenarioId, [reviewer]);
    await e.declare(reviewer, evaluationId);
    e.expectStatus('score', await e.score(reviewer, evaluationId, winningProposalId, scores(9, 4, 90)), 200);
    e.expectStatus('score', await e.score(reviewer, evaluationId, losingProposalId, scores(6, 3, 60)), 200);
    e.expectStatus(
      'close panel',
      await e.call(e.staff, 'POST', `/scenarios/${closed.scenarioId}/evaluation/close`),
      200,
    );
    const award = await e.call(e.staff, 'POST', `/scenarios/${closed.scenarioId}/award`, {
      outcome: 'award',
      winners: [{ proposalId: winningProposalId, amountYuan: 880_000 }],
      justification: '综合得分第一，技术方案成熟，报价在预算范围内。',
    });
    e.expectStatus('award', award, 201);
    return {
      scenarioId: closed.scenarioId,
      agency,
      lead,
      member,
      loser,
      winningProposalId,
      losingProposalId,
      standstillEndsAt: new Date(award.json().standstillEndsAt as string),
    };
  }

  /** Moves the server clock to `at` (every service's Clock); it stays there until restored. */
  function setClock(at: Date) {
    jest.spyOn(e.clock, 'now').mockReturnValue(at);
    return at;
  }

  /** An awarded scenario, the clock moved just past its standstill, and delivery started by staff. */
  async function scenarioInDelivery() {
    const awarded = await awardedScenario();
    setClock(new Date(awarded.standstillEndsAt.getTime() + 1000));
    const started = await e.call(e.staff, 'POST', `/scenarios/${awarded.scenarioId}/delivery/start`);
    e.expectStatus('start delivery', started, 200);
    const delivery = started.json().deliveries[0] as {
      id: string;
      milestones: { id: string; title: string; dueDate: string }[];
    };
    return { ...awarded, deliveryId: delivery.id, milestones: delivery.milestones };
  }

  /** The delivery view as `actor` sees it. */
  const deliveryOf = (actor: Actor, scenarioId: string) => e.call(actor, 'GET', `/scenarios/${scenarioId}/delivery`);

  return { ...e, awardedScenario, scenarioInDelivery, setClock, deliveryOf };
}
