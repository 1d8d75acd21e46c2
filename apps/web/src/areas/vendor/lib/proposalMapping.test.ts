import dayjs from 'dayjs';
import type { ProposalContent, ScenarioKpi } from '../types';
import { formToProposalDto, kpiRows, proposalToForm } from './proposalMapping';

const kpis: ScenarioKpi[] = [
  { metric: '拣选效率', baseline: '120', target: '350', unit: '行/人时' },
  { metric: '订单差错率', baseline: '0.5', target: '0.05', unit: '%' },
];

const content: ProposalContent = {
  technicalApproach: '## 方案',
  kpiResponses: [
    { metric: '订单差错率', approach: '双重校验', committedValue: '0.03' },
    { metric: '旧指标', approach: '已删除的指标', committedValue: '1' },
  ],
  team: [{ name: '张工', role: '项目经理', qualifications: 'PMP' }],
  priceYuan: 2_350_000,
  priceBreakdown: [
    { item: '设备', amountYuan: 2_000_000 },
    { item: '实施', amountYuan: 350_000 },
  ],
  milestones: [
    { title: '部署', dueDate: '2027-03-31', deliverables: '样机', paymentPercent: 40 },
    { title: '验收', dueDate: '2027-06-30', deliverables: '报告' },
  ],
  references: [{ client: '长兴某企业', project: '无人叉车', year: 2024 }],
  trialPlan: null,
};

describe('kpiRows', () => {
  it('gives one row per scenario KPI in its order, filled from the answer with the same metric', () => {
    const rows = kpiRows(content.kpiResponses, kpis);
    expect(rows.map((r) => [r.metric, r.approach, r.kpi?.unit ?? null])).toEqual([
      ['拣选效率', '', '行/人时'],
      ['订单差错率', '双重校验', '%'],
      ['旧指标', '已删除的指标', null],
    ]);
  });

  it('matches metrics ignoring surrounding spaces', () => {
    expect(kpiRows([{ metric: ' 拣选效率 ', approach: 'a', committedValue: '400' }], kpis)[0].committedValue).toBe(
      '400',
    );
  });
});

describe('proposal form ⇄ PATCH DTO', () => {
  it('maps stored content to the form and back', () => {
    const form = proposalToForm(content, kpis);
    expect(form.milestones?.[0].dueDate?.format('YYYY-MM-DD')).toBe('2027-03-31');
    const dto = formToProposalDto(form);
    expect(dto).toEqual({
      technicalApproach: '## 方案',
      kpiResponses: [
        { metric: '拣选效率', approach: '', committedValue: '' },
        { metric: '订单差错率', approach: '双重校验', committedValue: '0.03' },
        { metric: '旧指标', approach: '已删除的指标', committedValue: '1' },
      ],
      team: content.team,
      priceYuan: 2_350_000,
      priceBreakdown: content.priceBreakdown,
      milestones: [
        { title: '部署', dueDate: '2027-03-31', deliverables: '样机', paymentPercent: 40 },
        { title: '验收', dueDate: '2027-06-30', deliverables: '报告' },
      ],
      references: content.references,
      trialPlan: null,
    });
  });

  it('keeps half-filled rows in place with empty values for the API to name', () => {
    const dto = formToProposalDto({
      priceBreakdown: [{ item: '设备' }, { amountYuan: 5 }],
      milestones: [
        { title: 'a', dueDate: dayjs('2027-01-02') },
        { title: 'b', paymentPercent: null },
      ],
      references: [{ client: 'c' }],
      trialPlan: '   ',
    });
    expect(dto.priceBreakdown).toEqual([
      { item: '设备', amountYuan: null },
      { item: '', amountYuan: 5 },
    ]);
    expect(dto.milestones[1]).toEqual({ title: 'b', dueDate: '', deliverables: '' });
    expect(dto.references[0]).toEqual({ client: 'c', project: '', year: null });
    expect(dto.trialPlan).toBeNull();
    expect(dto.priceYuan).toBeNull();
  });
});
