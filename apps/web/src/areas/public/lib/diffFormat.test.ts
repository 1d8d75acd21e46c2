import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import '../i18n';
import { formatDiffValue } from './diffFormat';

const t = i18n.getFixedT('zh-CN');

describe('formatDiffValue', () => {
  it('shows amounts, codes and enumerations in words', () => {
    expect(formatDiffValue('budgetMaxYuan', 1_600_000, t)).toEqual(['160 万元']);
    expect(formatDiffValue('capabilityCodes', ['cv_inspection', 'edge_computing'], t)).toEqual([
      '机器视觉质检、边缘计算',
    ]);
    expect(formatDiffValue('site', 'test_ground', t)).toEqual(['市人工智能试验场']);
    expect(formatDiffValue('fundingType', 'subsidy', t)).toEqual(['财政补助']);
    expect(formatDiffValue('expectedDeliveryMonths', 6, t)).toEqual(['6 个月']);
    expect(formatDiffValue('privateFields', ['budget', 'contact'], t)).toEqual(['预算、联系人']);
  });

  it('writes KPIs one per line and compliance as yes/no lines', () => {
    expect(formatDiffValue('kpis', [{ metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' }], t)).toEqual([
      '缺陷检出率：95 → 99.5 %',
    ]);
    expect(
      formatDiffValue(
        'compliance',
        {
          algorithmFiling: true,
          generativeAiFiling: false,
          personalInformation: false,
          dataSecurityLevel: 'important',
        },
        t,
      ),
    ).toEqual(['需算法备案：是', '需生成式AI备案：否', '涉及个人信息：否', '数据安全级别：重要数据']);
  });

  it('shows an empty value as a dash and unknown fields as text', () => {
    expect(formatDiffValue('summary', null, t)).toEqual(['—']);
    expect(formatDiffValue('kpis', [], t)).toEqual(['—']);
    expect(formatDiffValue('title', '新标题', t)).toEqual(['新标题']);
    expect(formatDiffValue('somethingNew', { a: 1 }, t)).toEqual(['a：1']);
  });
});
