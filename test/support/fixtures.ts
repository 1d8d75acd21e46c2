import { randomInt } from 'node:crypto';
import { usccCheckCharacter, USCC_ALPHABET } from '@app/identity';

/** A random, valid USCC for a Huzhou (3305xx) enterprise: position 18 computed per GB 32100. */
export function randomUscc(authority = '9', category = '1'): string {
  let body = `${authority}${category}3305${String(randomInt(0, 100)).padStart(2, '0')}`;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[randomInt(0, 31)];
  return body + usccCheckCharacter(body);
}

let seq = 0;
export function uniqueEmail(label = 'user'): string {
  return `${label}.${Date.now().toString(36)}.${++seq}@example.cn`;
}

export const GOOD_PASSWORD = 'Huzhou2026secure';

export function registrationBody(
  type: 'agency' | 'vendor' = 'vendor',
  overrides: { email?: string; uscc?: string } = {},
) {
  return {
    organisation: {
      type,
      nameZh: type === 'agency' ? '湖州市测试局' : '湖州测试智能科技有限公司',
      uscc: overrides.uscc ?? randomUscc(type === 'agency' ? '1' : '9'),
      districtCode: 'wuxing',
      contactName: '王测试',
      contactPhone: '0572-2345678',
      contactEmail: 'contact@example.cn',
    },
    user: { email: overrides.email ?? uniqueEmail(type), password: GOOD_PASSWORD, displayName: '测试管理员' },
  };
}

/** Every field a scenario needs for submission, valid; the deadline defaults to 60 days ahead. */
export function completeScenarioFields(
  title = '童装面料瑕疵AI视觉检测',
  deadline = new Date(Date.now() + 60 * 86_400_000),
) {
  return {
    summary: '织里童装企业面料瑕疵依赖人工目检，漏检率高，希望引入AI视觉检测提升质检效率与一致性。',
    description: '## 背景\n织里镇童装产业集群年产童装十余亿件，面料瑕疵检测目前全部依靠人工。'.repeat(3),
    sector: 'textile',
    capabilityCodes: ['cv_inspection'],
    district: 'wuxing',
    site: 'agency_site',
    currentSituation: '目前每条产线配备 4 名质检员，漏检率约 5%，高峰期人手不足。',
    kpis: [{ metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' }],
    dataResources: [
      { name: '历史瑕疵图像', description: '约 2 万张标注图像', accessTerms: '仅限试验场内使用', sandboxed: true },
    ],
    trlRequired: 6,
    compliance: {
      algorithmFiling: false,
      generativeAiFiling: false,
      dataSecurityLevel: 'general',
      personalInformation: false,
    },
    budgetMinYuan: 500_000,
    budgetMaxYuan: 1_500_000,
    fundingType: 'agency_budget',
    proposalDeadline: deadline.toISOString(),
    expectedDeliveryMonths: 6,
    contact: { name: '李联系', phone: '0572-2345678', email: 'li@example.gov.cn', public: false },
    privateFields: ['budget'],
    title,
  };
}
