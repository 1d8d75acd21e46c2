import fc from 'fast-check';
import { huzhouDate } from '@app/common';
import {
  applyContentChanges,
  emptyProposalContent,
  type ProposalDraftContent,
  submissionViolations,
} from './proposal-content';

const NOW = new Date('2026-06-01T20:00:00Z'); // 2 June in Beijing
const scenario = { kpis: [{ metric: '缺陷检出率' }, { metric: '单件检测耗时' }], site: 'agency_site' };

function complete(): ProposalDraftContent {
  return {
    technicalApproach: '## 方案',
    kpiResponses: [
      { metric: '缺陷检出率', approach: '分割模型', committedValue: '99.6%' },
      { metric: '单件检测耗时', approach: '边缘推理', committedValue: '0.5 s' },
    ],
    team: [{ name: '张工', role: '负责人', qualifications: '十年' }],
    priceYuan: 1000,
    priceBreakdown: [
      { item: '设备', amountYuan: 600 },
      { item: '服务', amountYuan: 400 },
    ],
    milestones: [
      { title: '部署', dueDate: '2026-06-03', deliverables: '试运行', paymentPercent: 30 },
      { title: '验收', dueDate: '2026-09-30', deliverables: '报告', paymentPercent: 70 },
    ],
    references: [],
    trialPlan: null,
  };
}

const rules = (c: ProposalDraftContent, s = scenario) =>
  submissionViolations(c, s, NOW).map((v) => `${v.field}:${v.rule}`);

describe('proposal submission rules', () => {
  it('accepts complete content', () => {
    expect(submissionViolations(complete(), scenario, NOW)).toEqual([]);
  });

  it('names every missing part of an empty draft', () => {
    expect(rules(emptyProposalContent())).toEqual([
      'technicalApproach:proposal.required',
      'kpiResponses:proposal.kpi_unanswered',
      'kpiResponses:proposal.kpi_unanswered',
      'team:proposal.required',
      'priceYuan:proposal.required',
      'priceBreakdown:proposal.required',
      'milestones:proposal.required',
    ]);
    expect(submissionViolations(emptyProposalContent(), scenario, NOW)[1].params).toEqual({ metric: '缺陷检出率' });
  });

  it('needs every scenario KPI answered once, and nothing else', () => {
    const c = complete();
    c.kpiResponses = [
      c.kpiResponses[0],
      { ...c.kpiResponses[0], approach: '' },
      { metric: '能耗', approach: 'x', committedValue: '' },
    ];
    expect(rules(c)).toEqual([
      'kpiResponses.1.metric:proposal.kpi_duplicate',
      'kpiResponses.1.approach:proposal.required',
      'kpiResponses.2.metric:proposal.kpi_unknown',
      'kpiResponses.2.committedValue:proposal.required',
      'kpiResponses:proposal.kpi_unanswered',
    ]);
  });

  it('needs milestones after today (Beijing time) and in date order, payments summing to 100', () => {
    const c = complete();
    expect(huzhouDate(NOW)).toBe('2026-06-02');
    c.milestones = [
      { title: 'a', dueDate: '2026-06-02', deliverables: '' },
      { title: 'b', dueDate: '2026-08-01', deliverables: '', paymentPercent: 50 },
      { title: 'c', dueDate: '2026-07-01', deliverables: '', paymentPercent: 40 },
    ];
    expect(rules(c)).toEqual([
      'milestones.0.dueDate:proposal.milestone_past',
      'milestones.2.dueDate:proposal.milestones_order',
      'milestones:proposal.payment_percent_sum',
    ]);
  });

  it('needs a trial plan when the scenario runs at the test ground', () => {
    expect(rules(complete(), { ...scenario, site: 'test_ground' })).toEqual(['trialPlan:proposal.trial_plan_required']);
    expect(rules({ ...complete(), trialPlan: '试验场验证' }, { ...scenario, site: 'test_ground' })).toEqual([]);
  });

  it('accepts a breakdown exactly when it sums to the price (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -5, max: 5 }),
        (amounts, delta) => {
          const c = complete();
          const sum = amounts.reduce((a, b) => a + b, 0);
          c.priceYuan = Math.max(0, sum + delta);
          c.priceBreakdown = amounts.map((amountYuan, i) => ({ item: `项${i}`, amountYuan }));
          const flagged = rules(c).includes('priceBreakdown:proposal.price_breakdown_sum');
          return flagged === (c.priceYuan !== sum);
        },
      ),
    );
  });

  it('never puts content into a violation (property: only field names, rules and the scenario’s KPI names)', () => {
    const marker = 'SECRET-CONTENT';
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (noise) => {
        const c = complete();
        c.technicalApproach = marker + noise;
        c.kpiResponses = [{ metric: marker, approach: marker, committedValue: '' }];
        c.priceBreakdown = [{ item: marker, amountYuan: 1 }];
        c.milestones = [{ title: marker, dueDate: '2020-01-01', deliverables: marker }];
        return !JSON.stringify(submissionViolations(c, scenario, NOW)).includes(marker);
      }),
    );
  });

  it('applies the fields present, clearing those set to null', () => {
    const c = complete();
    const changed = applyContentChanges(c, { priceYuan: 5, team: null, trialPlan: undefined });
    expect(changed).toEqual(['team', 'priceYuan']);
    expect(c.priceYuan).toBe(5);
    expect(c.team).toEqual([]);
    expect(c.trialPlan).toBeNull();
  });
});
