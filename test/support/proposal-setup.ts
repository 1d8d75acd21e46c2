import { randomUUID } from 'node:crypto';
import { type Actor, Clock, systemContext } from '@app/common';
import type { ProposalContent } from '@app/proposals';
import { ScenarioEntity, ScenarioService } from '@app/scenarios';
import { DataSource } from 'typeorm';
import { scenarioSetup } from './scenario-setup';
import type { TestApp } from './test-app';

const DAY_MS = 86_400_000;
const isoDate = (daysAhead: number) => new Date(Date.now() + daysAhead * DAY_MS).toISOString().slice(0, 10);

/** A string no fixture or other test writes: put it in sealed content and look for it everywhere else. */
export function sealedMarker(label = 'SEALED'): string {
  return `${label}-${randomUUID()}`;
}

/**
 * A complete proposal answering every KPI named in `kpis` (the scenario's). Milestones are due 400
 * and 500 days ahead (still in the future after a test moves the clock past a 60-day deadline).
 * `marker`, when given, is written into every free-text field, so a test can search for it.
 */
export function proposalContent(
  kpis: { metric: string }[] = [{ metric: '缺陷检出率' }],
  options: { marker?: string; priceYuan?: number } = {},
): ProposalContent {
  const m = options.marker ? ` ${options.marker}` : '';
  const price = options.priceYuan ?? 900_000;
  const first = Math.round(price * 0.4);
  return {
    technicalApproach: `## 技术路线\n基于深度学习的面料瑕疵检测，产线部署边缘推理设备。${m}`,
    kpiResponses: kpis.map((k) => ({
      metric: k.metric,
      approach: `多光谱成像加缺陷分割模型，持续标注迭代。${m}`,
      committedValue: '99.6%',
    })),
    team: [{ name: `张工${m}`, role: '算法负责人', qualifications: `十年机器视觉项目经验${m}` }],
    priceYuan: price,
    priceBreakdown: [
      { item: `视觉检测设备${m}`, amountYuan: first },
      { item: '算法开发与部署', amountYuan: price - first },
    ],
    milestones: [
      { title: `样机部署${m}`, dueDate: isoDate(400), deliverables: '两条产线试运行', paymentPercent: 40 },
      { title: '终验', dueDate: isoDate(500), deliverables: `验收报告${m}`, paymentPercent: 60 },
    ],
    references: [{ client: `织里镇某童装企业${m}`, project: '面料瑕疵检测试点', year: 2025 }],
    trialPlan: `在试验场用历史瑕疵图像离线验证，再上线试运行一个月。${m}`,
  };
}

/**
 * Proposals through the API, as the vendors make them, plus moving time past a deadline and closing
 * the scenario as the deadline sweep does. Builds on `scenarioSetup` (pass yours to share its staff).
 */
export function proposalSetup(t: TestApp, s: ReturnType<typeof scenarioSetup> = scenarioSetup(t)) {
  const clock = t.app.get(Clock);
  const dataSource = t.app.get(DataSource);

  const expectStatus = (what: string, res: { statusCode: number; body: string }, status: number) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  };

  /** The scenario's KPIs (what a complete proposal must answer). */
  async function scenarioKpis(scenarioId: string): Promise<{ metric: string }[]> {
    const sc = await dataSource.manager.findOneByOrFail(ScenarioEntity, { id: scenarioId });
    return sc.kpis.map((k) => ({ metric: k.metric }));
  }

  /** A complete content for the scenario (every KPI answered). */
  async function contentFor(scenarioId: string, options: { marker?: string; priceYuan?: number } = {}) {
    return proposalContent(await scenarioKpis(scenarioId), options);
  }

  /** A draft led by `vendor`, with `content` (none by default). Returns its id and version. */
  async function draftProposal(vendor: Actor, scenarioId: string, content: Partial<ProposalContent> = {}) {
    const res = await s.call(vendor, 'POST', `/scenarios/${scenarioId}/proposals`, content);
    expectStatus('create proposal', res, 201);
    return { id: res.json().id as string, version: res.json().version as number };
  }

  /** A complete proposal by `vendor`, submitted. Returns its id and receipt hash. */
  async function submittedProposal(vendor: Actor, scenarioId: string, content?: ProposalContent) {
    const { id } = await draftProposal(vendor, scenarioId, content ?? (await contentFor(scenarioId)));
    const res = await s.call(vendor, 'POST', `/proposals/${id}/submit`);
    expectStatus('submit proposal', res, 200);
    return { id, receiptSha256: res.json().receiptSha256 as string };
  }

  /** A consortium: `lead` drafts, invites `members`, each confirms; submitted unless `submit` is false. */
  async function consortiumProposal(
    lead: Actor,
    members: Actor[],
    scenarioId: string,
    options: { content?: ProposalContent; submit?: boolean } = {},
  ) {
    const { id } = await draftProposal(lead, scenarioId, options.content ?? (await contentFor(scenarioId)));
    for (const member of members) {
      const invited = await s.call(lead, 'POST', `/proposals/${id}/consortium/members`, {
        organisationId: member.organisationId,
      });
      expectStatus('invite member', invited, 200);
      const confirmed = await s.call(member, 'POST', `/proposals/${id}/consortium/confirm`);
      expectStatus('confirm membership', confirmed, 200);
    }
    if (options.submit === false) return { id, receiptSha256: null };
    const res = await s.call(lead, 'POST', `/proposals/${id}/submit`);
    expectStatus('submit consortium proposal', res, 200);
    return { id, receiptSha256: res.json().receiptSha256 as string };
  }

  /** See `closeScenario` below. */
  const close = (scenarioId: string) => closeScenario(t, scenarioId);

  /**
   * A material amendment by the owning agency (a budget change by default): vendors must re-confirm.
   * Only the event is written; no worker runs in API tests unless asked, so nothing is flagged yet.
   */
  async function materialAmendment(agency: Actor, scenarioId: string, changes: object = { budgetMaxYuan: 1_600_000 }) {
    const current = await s.call(agency, 'GET', `/scenarios/${scenarioId}`);
    const res = await s.call(agency, 'POST', `/scenarios/${scenarioId}/amendments`, {
      reason: '根据答疑情况调整预算',
      version: current.json().version,
      changes,
    });
    expectStatus('amend scenario', res, 201);
    if (!res.json().amendment.material) throw new Error('amendment was not material');
    return { amendmentNo: res.json().amendment.no as number };
  }

  return {
    ...s,
    clock,
    materialAmendment,
    closeScenario: close,
    scenarioKpis,
    contentFor,
    draftProposal,
    submittedProposal,
    consortiumProposal,
  };
}

/**
 * Moves the server clock (the process's one `Clock`, every service sees it) to just past the
 * scenario's deadline, unless it is already later, and closes the scenario as the deadline sweep does
 * (system transition). The clock stays moved: restore it with `jest.restoreAllMocks()` (or `restore`).
 * With no worker running, the proposals are opened by the first read that needs them.
 */
export async function closeScenario(t: TestApp, scenarioId: string) {
  const clock = t.app.get(Clock);
  const sc = await t.app.get(DataSource).manager.findOneByOrFail(ScenarioEntity, { id: scenarioId });
  if (!sc.proposalDeadline) throw new Error(`scenario ${scenarioId} has no deadline`);
  const pastDeadline = new Date(Math.max(sc.proposalDeadline.getTime() + 1000, clock.now().getTime()));
  const spy = jest.spyOn(clock, 'now').mockReturnValue(pastDeadline);
  await t.app.get(ScenarioService).transition(systemContext(randomUUID()), scenarioId, 'close');
  return { now: pastDeadline, restore: () => spy.mockRestore() };
}
