import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuthState } from '../../../auth/AuthContext';
import type { PublicScenarioDetail } from '../types';
import { renderAt } from '../test/render';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { get: vi.fn() },
}));
vi.mock('../../../auth/AuthContext', () => ({ useAuth: vi.fn() }));
import { api } from '../../../api/client';
import { useAuth } from '../../../auth/AuthContext';
import { ScenarioDetailPage } from './ScenarioDetailPage';

vi.setConfig({ testTimeout: 30_000 });

const ID = 'eeef8259-b89f-4c8c-9dfd-dabd36abf31f';
const scenario = (patch: Partial<PublicScenarioDetail> = {}): PublicScenarioDetail => ({
  id: ID,
  code: 'HZ-2026-MF-0002',
  agencyOrganisationId: 'a1',
  status: 'published',
  title: '织里童装面料瑕疵AI视觉检测',
  titleEn: null,
  summary: '面料瑕疵依赖人工目检。',
  summaryEn: null,
  description: '## 背景',
  descriptionHtml: '<h3>背景</h3>\n<p>织里镇童装产业集群。</p>',
  domain: 'manufacturing',
  sector: 'textile',
  capabilityCodes: ['cv_inspection'],
  district: 'wuxing',
  site: 'agency_site',
  trlRequired: 6,
  fundingType: 'subsidy',
  proposalDeadline: '2027-01-08T09:00:00.000Z',
  expectedDeliveryMonths: 6,
  publishedAt: '2026-11-24T02:00:00.000Z',
  kpis: [{ metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' }],
  compliance: null,
  privateFields: ['budget'],
  copiedFromId: null,
  awardNotice: null,
  questions: [
    {
      id: 'q1',
      question: '数据能否带出？',
      answer: '仅限试验场内使用。',
      askedAt: '2026-11-20T01:00:00Z',
      answeredAt: '2026-11-21T01:00:00Z',
    },
  ],
  amendments: [
    {
      no: 1,
      reason: '调整预算上限',
      changedFields: ['budgetMaxYuan', 'summary'],
      material: true,
      deadlineExtended: false,
      amendedAt: '2026-11-22T01:00:00Z',
    },
  ],
  attachments: [{ id: 'att1', fileName: '需求说明书.pdf', mediaType: 'application/pdf', sizeBytes: 2048 }],
  replicationCount: 0,
  ...patch,
});

const get = vi.mocked(api.get);
const auth = (patch: Partial<AuthState>) =>
  vi.mocked(useAuth).mockReturnValue({ me: null, loading: false, role: null, area: null, ...patch } as AuthState);

let detail = scenario();
beforeEach(() => {
  detail = scenario();
  get.mockReset();
  get.mockImplementation(async (path: string) => {
    if (path === '/public/agencies')
      return [{ id: 'a1', nameZh: '湖州市经济和信息化局', nameEn: null, scenarioCount: 1 }];
    if (path === '/public/scenarios/HZ-2026-MF-0002') return detail;
    if (path === '/public/scenarios/HZ-2026-MF-0002/amendments/1')
      return {
        ...detail.amendments[0],
        fromVersion: 1,
        toVersion: 2,
        diff: [
          { field: 'budgetMaxYuan', before: 1_500_000, after: 1_600_000 },
          {
            field: 'summary',
            before: 'a',
            after: 'ab',
            changes: [
              { op: 'equal', text: '面料瑕疵' },
              { op: 'insert', text: '（含标注图像）' },
            ],
          },
        ],
      };
    throw new Error(`unexpected ${path}`);
  });
});

const open = () => renderAt(<ScenarioDetailPage />, '/scenarios/HZ-2026-MF-0002', '/scenarios/:codeOrId');

describe('ScenarioDetailPage', () => {
  it('shows the public fields, the sanitised description, attachments, Q&A; a private budget says so', async () => {
    auth({});
    open();
    expect(await screen.findByRole('heading', { level: 1, name: '织里童装面料瑕疵AI视觉检测' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: '背景' })).toBeInTheDocument();
    expect(screen.getByText('不公开')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '下载附件：需求说明书.pdf' })).toHaveAttribute(
      'href',
      '/api/v1/public/scenarios/HZ-2026-MF-0002/attachments/att1',
    );
    expect(screen.getByText('仅限试验场内使用。')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '场景考核指标' })).toBeInTheDocument();
  });

  it('asks anonymous visitors to log in first, coming back here', async () => {
    auth({});
    open();
    const link = await screen.findByRole('link', { name: /登录后揭榜/ });
    expect(link).toHaveAttribute('href', '/login?next=%2Fscenarios%2FHZ-2026-MF-0002');
    expect(screen.queryByRole('link', { name: '撰写揭榜方案' })).toBeNull();
  });

  it('lets a vendor write a proposal and open the scenario in the workspace', async () => {
    auth({ me: {} as AuthState['me'], role: 'vendor_admin', area: 'vendor' });
    open();
    expect(await screen.findByRole('link', { name: '撰写揭榜方案' })).toHaveAttribute(
      'href',
      `/vendor/proposals/new?scenario=${ID}`,
    );
    expect(screen.getByRole('link', { name: '在工作台查看与关注' })).toHaveAttribute('href', `/vendor/scenarios/${ID}`);
  });

  it('offers no proposal once proposals are closed, and nothing to other roles', async () => {
    detail = scenario({ status: 'closed' });
    auth({ me: {} as AuthState['me'], role: 'vendor_member', area: 'vendor' });
    const first = open();
    expect(await screen.findByText('本场景已截止揭榜')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '撰写揭榜方案' })).toBeNull();
    first.unmount();
    auth({ me: {} as AuthState['me'], role: 'staff', area: 'staff' });
    open();
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('link', { name: /揭榜/ })).toBeNull();
  });

  it('opens an amendment’s comparison on demand', async () => {
    auth({});
    const user = userEvent.setup();
    open();
    const history = await screen.findByRole('region', { name: '变更记录' });
    expect(within(history).getByText('实质性变更')).toBeInTheDocument();
    const toggle = within(history).getByRole('button', { name: '查看变更对比' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    await waitFor(() =>
      expect(get).toHaveBeenCalledWith('/public/scenarios/HZ-2026-MF-0002/amendments/1', undefined, expect.anything()),
    );
    expect(await within(history).findByText('160 万元')).toBeInTheDocument();
    expect(within(history).getByText('150 万元')).toBeInTheDocument();
    expect(within(history).getByText('（含标注图像）', { selector: 'ins' })).toBeInTheDocument();
    expect(within(history).getByRole('button', { name: '收起对比' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows the award notice and the demonstration status', async () => {
    detail = scenario({
      status: 'demonstration',
      replicationCount: 2,
      awardNotice: {
        outcome: 'award',
        winners: [{ name: '牧星机器人（湖州）有限公司', members: ['德马科技集团股份有限公司'], amountYuan: 2_860_000 }],
        totalAmountYuan: 2_860_000,
        summary: '联合体方案综合得分第一',
        decidedAt: '2026-06-17T02:00:00.000Z',
        standstillEndsAt: '2026-06-27T02:00:00.000Z',
      },
    });
    auth({});
    open();
    const award = await screen.findByRole('region', { name: '中榜公示' });
    const table = within(award).getByRole('table', { name: '中榜单位及金额' });
    expect(within(table).getByText('牧星机器人（湖州）有限公司')).toBeInTheDocument();
    expect(within(table).getByText('德马科技集团股份有限公司')).toBeInTheDocument();
    expect(within(table).getByText('286 万元')).toBeInTheDocument();
    expect(within(award).getByText('公示期已结束')).toBeInTheDocument();
    expect(screen.getByText('已复制推广 2 次')).toBeInTheDocument();
    expect(screen.getAllByText('示范场景').length).toBeGreaterThan(0);
  });
});
