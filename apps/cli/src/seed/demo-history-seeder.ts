import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, huzhouDate, huzhouYear, systemContext } from '@app/common';
import { UserEntity } from '@app/identity';
import { type ActorContext, BatchService, ScenarioEntity, ScenarioService, VettingService } from '@app/scenarios';
import { ConsortiumService, type ProposalContent, ProposalService } from '@app/proposals';
import { AwardService, EvaluationService, ScoringService } from '@app/evaluation';
import { AcceptanceService, DeliveryService, MilestoneService, ProgressReportService } from '@app/delivery';
import { VendorProfileEntity, VendorProfileService } from '@app/vendors';
import { DEMO_ACCOUNTS, demoOrganisation } from './demo-data';
import {
  DEMO_HISTORY,
  DEMO_HISTORY_PUBLISHED_DAYS_AGO,
  DEMO_OPEN_PROPOSALS,
  DEMO_REVIEWERS,
  DEMO_RUBRIC,
  type DemoHistoricProposal,
  type DemoHistoricScenario,
  type DemoOpenProposal,
} from './demo-history';
import { DEMO_VENDOR_PROFILES } from './demo-vendor-profiles';

const DAY = 86_400_000;
/** A date `days` before `now` at 10:00 Huzhou time (02:00 UTC), so each replayed day is a working morning. */
const daysAgo = (now: Date, days: number, hour = 2) => {
  const d = new Date(now.getTime() - days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour));
};

/**
 * The vendors' side of the demo and the whole cycle (demo-history.ts): capability profiles, proposals
 * on the open list, and two historic scenarios replayed through proposals, evaluation, award,
 * delivery, acceptance and demonstration. Everything goes through the services (validated, audited,
 * announced); historic steps run with the process's Clock moved to the day they happened.
 */
@Injectable()
export class DemoHistorySeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scenarios: ScenarioService,
    private readonly vetting: VettingService,
    private readonly batches: BatchService,
    private readonly profiles: VendorProfileService,
    private readonly proposals: ProposalService,
    private readonly consortium: ConsortiumService,
    private readonly evaluations: EvaluationService,
    private readonly scoring: ScoringService,
    private readonly awards: AwardService,
    private readonly deliveries: DeliveryService,
    private readonly milestones: MilestoneService,
    private readonly reports: ProgressReportService,
    private readonly acceptance: AcceptanceService,
  ) {}

  /** Capability profiles of the demo vendors that have none yet; returns how many were created. */
  async seedProfiles(requestId: string): Promise<number> {
    let created = 0;
    for (const spec of DEMO_VENDOR_PROFILES) {
      const admin = await this.vendorAdmin(requestId, spec.vendorKey);
      if (
        await this.dataSource.manager.exists(VendorProfileEntity, {
          where: { organisationId: admin.actor.organisationId! },
        })
      )
        continue;
      const { vendorKey: _key, ...fields } = spec;
      await this.profiles.put(admin, fields);
      created++;
    }
    return created;
  }

  /**
   * The historic scenarios (one batch, published DEMO_HISTORY_PUBLISHED_DAYS_AGO days before `now`)
   * replayed to where the demo leaves them. A scenario already there is skipped. Returns the
   * scenarios created.
   */
  async seedHistory(requestId: string, staff: ActorContext, now: Date): Promise<number> {
    const pending: { spec: DemoHistoricScenario; id: string }[] = [];
    const published = daysAgo(now, DEMO_HISTORY_PUBLISHED_DAYS_AGO);
    await this.at(daysAgo(now, DEMO_HISTORY_PUBLISHED_DAYS_AGO + 5), async () => {
      for (const spec of DEMO_HISTORY) {
        const author = await this.actingAs(requestId, spec.author);
        if (await this.findScenario(author.actor.organisationId!, spec.fields.title)) continue;
        const { title, domain, ...rest } = spec.fields;
        const draft = await this.scenarios.create(author, { title, domain });
        await this.scenarios.update(author, draft.id, {
          ...rest,
          proposalDeadline: daysAgo(now, spec.days.deadline, 9).toISOString(),
          version: draft.version,
        });
        await this.scenarios.transition(author, draft.id, 'submit');
        await this.vetting.decide(staff, draft.id, 'approve', {});
        pending.push({ spec, id: draft.id });
      }
    });
    if (pending.length === 0) return 0;
    await this.at(published, async () => {
      const year = huzhouYear(published);
      const batch = await this.batches.create(staff, year);
      await this.batches.addScenarios(
        staff,
        batch.id,
        pending.map((p) => p.id),
      );
      await this.batches.publishNow(staff, batch.id, published);
    });
    for (const { spec, id } of pending) await this.replay(requestId, staff, spec, id, now);
    return pending.length;
  }

  /** Proposals on open demo scenarios, each left in its demo state; returns how many were created. */
  async seedOpenProposals(requestId: string): Promise<number> {
    let created = 0;
    for (const spec of DEMO_OPEN_PROPOSALS) {
      const scenario = await this.dataSource.manager.findOne(ScenarioEntity, {
        where: { title: spec.scenarioTitle, status: 'published' },
      });
      if (!scenario) continue;
      const lead = await this.vendorAdmin(requestId, spec.lead);
      const [existing] = (await this.dataSource.query(
        `SELECT 1 FROM proposal_member WHERE scenario_id = $1 AND organisation_id = $2`,
        [scenario.id, lead.actor.organisationId],
      )) as unknown[];
      if (existing) continue;
      await this.openProposal(requestId, spec, scenario);
      created++;
    }
    return created;
  }

  private async openProposal(requestId: string, spec: DemoOpenProposal, scenario: ScenarioEntity) {
    const lead = await this.vendorAdmin(requestId, spec.lead);
    const deadline = scenario.proposalDeadline!;
    const content = openProposalContent(scenario, spec, deadline);
    const draft = await this.proposals.create(
      lead,
      scenario.id,
      spec.state === 'draft' ? { technicalApproach: content.technicalApproach } : content,
    );
    for (const key of spec.members) {
      const member = await this.vendorAdmin(requestId, key);
      await this.consortium.invite(lead, draft.id, member.actor.organisationId!);
      if (spec.state !== 'invited') await this.consortium.confirm(member, draft.id);
    }
    if (spec.state === 'submitted' || spec.state === 'withdrawn')
      await this.proposals.transition(lead, draft.id, 'submit');
    if (spec.state === 'withdrawn') await this.proposals.transition(lead, draft.id, 'withdraw');
  }

  /** One historic scenario from publication to its demo outcome, each step on its day. */
  private async replay(
    requestId: string,
    staff: ActorContext,
    spec: DemoHistoricScenario,
    scenarioId: string,
    now: Date,
  ) {
    const agency = await this.actingAs(requestId, spec.author);
    const deadline = daysAgo(now, spec.days.deadline, 9);
    const proposalIds: string[] = [];
    await this.at(daysAgo(now, spec.days.deadline + 15), async () => {
      for (const p of spec.proposals) proposalIds.push(await this.submitHistoric(requestId, scenarioId, p, now));
    });
    await this.at(new Date(deadline.getTime() + 60_000), () =>
      this.scenarios.transition({ ...systemContext(requestId), actor: null }, scenarioId, 'close'),
    );

    const reviewers = await Promise.all(DEMO_REVIEWERS.map((e) => this.actingAs(requestId, e)));
    await this.at(daysAgo(now, spec.days.deadline - 1), async () => {
      const evaluation = await this.evaluations.setRubric(staff, scenarioId, { criteria: DEMO_RUBRIC });
      await this.evaluations.assignPanel(staff, scenarioId, { reviewerIds: reviewers.map((r) => r.actor.userId) });
      await this.evaluations.openScoring(staff, scenarioId);
      for (const [r, reviewer] of reviewers.entries()) {
        const vendors = (await this.scoring.conflicts(reviewer.actor, evaluation.id)).vendors;
        await this.scoring.declareConflicts(reviewer, evaluation.id, {
          declarations: vendors.map((v) => ({ organisationId: v.organisationId, conflicted: false })),
        });
        for (const [i, p] of spec.proposals.entries()) {
          const [technical, price, team, comment] = p.scores[r];
          await this.scoring.submitScores(reviewer, evaluation.id, proposalIds[i], {
            scores: [
              { criterion: 'technical', value: technical, comment },
              { criterion: 'price', value: price, comment: null },
              { criterion: 'team', value: team, comment: null },
            ],
          });
        }
      }
    });
    await this.at(daysAgo(now, spec.days.award), async () => {
      await this.evaluations.closePanel(staff, scenarioId);
      await this.awards.recordAward(staff, scenarioId, {
        outcome: 'award',
        winners: [{ proposalId: proposalIds[0], amountYuan: spec.proposals[0].content.priceYuan }],
        justification: spec.awardJustification,
      });
    });

    const vendor = await this.vendorAdmin(requestId, spec.proposals[0].lead);
    const started = await this.at(daysAgo(now, spec.days.deliveryStart), () =>
      this.deliveries.start(staff, scenarioId),
    );
    const milestones = started.deliveries[0].milestones;
    for (const index of spec.completedMilestones) {
      const due = spec.proposals[0].milestones[index].dueDaysAgo;
      await this.at(daysAgo(now, due + 1), () =>
        this.milestones.move(vendor, scenarioId, milestones[index].id, 'report'),
      );
      await this.at(daysAgo(now, due), () => this.milestones.move(agency, scenarioId, milestones[index].id, 'confirm'));
    }
    if (spec.progressReport) {
      const { daysAgo: d, text, percentComplete } = spec.progressReport;
      await this.at(daysAgo(now, d), () => this.reports.create(vendor, scenarioId, { text, percentComplete }));
    }
    for (const trial of spec.trialResults ?? []) {
      const at = daysAgo(now, trial.daysAgo);
      await this.at(at, () =>
        this.acceptance.recordTrialResult(staff, scenarioId, {
          metric: trial.metric,
          measuredValue: trial.measuredValue,
          met: trial.met,
          method: trial.method,
          measuredAt: at.toISOString(),
        }),
      );
    }
    if (spec.outcome !== 'demonstration') return;
    await this.at(daysAgo(now, spec.days.acceptance!), async () => {
      await this.acceptance.recordVerdict(agency, scenarioId, { verdict: 'met' });
      await this.acceptance.recordVerdict(staff, scenarioId, { verdict: 'met' });
      await this.acceptance.accept(staff, scenarioId);
    });
    await this.at(daysAgo(now, spec.days.demonstration!), () =>
      this.acceptance.designateDemonstration(staff, scenarioId, { citation: spec.demonstrationCitation! }),
    );
    for (const key of [spec.proposals[0].lead, ...spec.proposals[0].members])
      await this.linkDeliveredCase(requestId, key, scenarioId, spec, now);
    if (spec.replicatedBy) {
      const replicator = await this.actingAs(requestId, spec.replicatedBy);
      await this.at(daysAgo(now, spec.days.demonstration! - 3), () =>
        this.acceptance.replicate(replicator, scenarioId),
      );
    }
  }

  /**
   * The winners add the accepted scenario to their profile's past cases, linked to it: the capability
   * list shows such a case as verified (delivered on this platform), unlike self-declared ones.
   */
  private async linkDeliveredCase(
    requestId: string,
    vendorKey: string,
    scenarioId: string,
    spec: DemoHistoricScenario,
    now: Date,
  ) {
    const profile = DEMO_VENDOR_PROFILES.find((p) => p.vendorKey === vendorKey);
    const admin = await this.vendorAdmin(requestId, vendorKey);
    const stored = await this.dataSource.manager.findOne(VendorProfileEntity, {
      where: { organisationId: admin.actor.organisationId! },
    });
    if (!profile || !stored) return;
    const { vendorKey: _key, ...fields } = profile;
    const agency = await this.actingAs(requestId, spec.author);
    const client = (await this.dataSource.query(`SELECT name_zh FROM organisation WHERE id = $1`, [
      agency.actor.organisationId,
    ])) as { name_zh: string }[];
    const delivered = {
      title: spec.fields.title,
      client: client[0].name_zh,
      year: huzhouYear(daysAgo(now, spec.days.acceptance ?? 0)),
      outcome: spec.trialResults?.map((t) => `${t.metric} ${t.measuredValue}`).join('，') ?? '通过验收',
      scenarioId,
    };
    await this.at(daysAgo(now, (spec.days.demonstration ?? 0) - 1), () =>
      this.profiles.put(admin, { ...fields, pastCases: [delivered, ...fields.pastCases], version: stored.version }),
    );
  }

  /** A historic proposal drafted, its consortium confirmed and submitted (at the Clock's current day). */
  private async submitHistoric(requestId: string, scenarioId: string, p: DemoHistoricProposal, now: Date) {
    const lead = await this.vendorAdmin(requestId, p.lead);
    const content: ProposalContent = {
      ...p.content,
      milestones: p.milestones.map((m) => ({
        title: m.title,
        dueDate: huzhouDate(daysAgo(now, m.dueDaysAgo)),
        deliverables: m.deliverables,
        paymentPercent: m.paymentPercent,
      })),
    };
    const draft = await this.proposals.create(lead, scenarioId, content);
    for (const key of p.members) {
      const member = await this.vendorAdmin(requestId, key);
      await this.consortium.invite(lead, draft.id, member.actor.organisationId!);
      await this.consortium.confirm(member, draft.id);
    }
    await this.proposals.transition(lead, draft.id, 'submit');
    return draft.id;
  }

  /**
   * Runs `step` with the Clock at `at`. The seed is the CLI's only work, one step at a time, so moving
   * the process's Clock is safe here; it is restored whatever happens.
   */
  private async at<T>(at: Date, step: () => Promise<T>): Promise<T> {
    const clock = this.clock as { now: () => Date };
    clock.now = () => at;
    try {
      return await step();
    } finally {
      delete (clock as { now?: () => Date }).now;
    }
  }

  private async vendorAdmin(requestId: string, vendorKey: string): Promise<ActorContext> {
    const account = DEMO_ACCOUNTS.find((a) => a.organisationKey === vendorKey && a.role === 'vendor_admin');
    if (!account) throw new Error(`Demo vendor ${vendorKey} has no vendor_admin account`);
    return this.actingAs(requestId, account.email);
  }

  private async actingAs(requestId: string, email: string): Promise<ActorContext> {
    const user = await this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    if (!user) throw new Error(`Demo account ${email} is missing`);
    return {
      ...systemContext(requestId),
      actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
    };
  }

  private findScenario(agencyOrganisationId: string, title: string) {
    return this.dataSource.manager.findOne(ScenarioEntity, { where: { agencyOrganisationId, title } });
  }
}

/** A complete proposal for an open demo scenario: every KPI answered, milestones after the deadline. */
function openProposalContent(scenario: ScenarioEntity, spec: DemoOpenProposal, deadline: Date): ProposalContent {
  const vendor = demoOrganisation(spec.lead);
  const first = Math.round(spec.priceYuan * 0.6);
  return {
    technicalApproach: `## 技术路线\n${vendor.nameZh}针对“${scenario.title}”的方案：现场勘查与数据评估后，在试验场完成模型验证，再分批上线。`,
    kpiResponses: scenario.kpis.map((k) => ({
      metric: k.metric,
      approach: `以现场数据迭代模型并与业务系统对接，达到目标值 ${k.target}${k.unit}`,
      committedValue: `${k.target}${k.unit}`,
    })),
    team: [{ name: vendor.contactName, role: '项目经理', qualifications: '同类项目交付经验 5 年以上' }],
    priceYuan: spec.priceYuan,
    priceBreakdown: [
      { item: '软硬件与部署', amountYuan: first },
      { item: '模型训练、对接与运维', amountYuan: spec.priceYuan - first },
    ],
    milestones: [
      {
        title: '部署上线',
        dueDate: huzhouDate(new Date(deadline.getTime() + 90 * DAY)),
        deliverables: '系统上线试运行',
        paymentPercent: 50,
      },
      {
        title: '验收',
        dueDate: huzhouDate(new Date(deadline.getTime() + 180 * DAY)),
        deliverables: '验收报告',
        paymentPercent: 50,
      },
    ],
    references: [{ client: `${vendor.shortName}既有客户`, project: '同类场景项目', year: 2025 }],
    trialPlan: '在赋能中心试验场用脱敏历史数据验证关键指标。',
  };
}
