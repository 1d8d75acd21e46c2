import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicScenarioItem, PublicScenarioPage } from '../types';
import { renderAt, wideScreen } from '../test/render';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { get: vi.fn() },
}));
import { api } from '../../../api/client';
import { OpportunityListPage } from './OpportunityListPage';

const AGENCY = '9a15efca-afd6-427a-9232-55a9b33ec18d';
const item = (n: number, patch: Partial<PublicScenarioItem> = {}): PublicScenarioItem => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  code: `HZ-2026-MF-000${n}`,
  agencyOrganisationId: AGENCY,
  status: 'published',
  title: `场景 ${n}`,
  titleEn: null,
  summary: `摘要 ${n}`,
  summaryEn: null,
  domain: 'manufacturing',
  sector: 'textile',
  capabilityCodes: ['cv_inspection'],
  district: 'wuxing',
  site: 'agency_site',
  trlRequired: 6,
  budgetMinYuan: 800_000,
  budgetMaxYuan: 1_500_000,
  fundingType: 'subsidy',
  proposalDeadline: '2027-01-08T09:00:00.000Z',
  expectedDeliveryMonths: 6,
  publishedAt: '2026-11-24T02:00:00.000Z',
  ...patch,
});
const FACETS = {
  domain: { manufacturing: 5, agriculture: 4 },
  district: { wuxing: 5 },
  capability: { cv_inspection: 1 },
  status: { open: 17, demonstration: 1 },
};

const get = vi.mocked(api.get);
const listCalls = () =>
  get.mock.calls.filter(([path]) => path === '/public/scenarios').map(([, query]) => query as Record<string, unknown>);

// Ant Design pages are big DOMs for jsdom, and role queries walk all of it.
vi.setConfig({ testTimeout: 30_000 });

beforeAll(() => wideScreen());
beforeEach(() => {
  get.mockReset();
  get.mockImplementation(async (path: string, query?: Record<string, unknown>) => {
    if (path === '/public/agencies')
      return [{ id: AGENCY, nameZh: '湖州市经济和信息化局', nameEn: null, scenarioCount: 5 }];
    if (path === '/public/batches') return [];
    if (path === '/public/scenarios') {
      const page: PublicScenarioPage = query?.cursor
        ? { items: [item(3)], nextCursor: null, facets: FACETS, match: 'all' }
        : {
            items: [
              item(1, {
                highlights: { title: '场景 <mark>1</mark>', summary: '摘要 1' },
              }),
              item(2, { status: 'demonstration', code: 'HZ-2026-MF-0002' }),
            ],
            nextCursor: 'next-page',
            facets: FACETS,
            match: 'all',
          };
      return page;
    }
    throw new Error(`unexpected ${path}`);
  });
});

describe('OpportunityListPage', () => {
  it('asks the API with the filters of the URL and shows the cards', async () => {
    renderAt(<OpportunityListPage />, '/?q=童装&district=wuxing&sort=deadline');
    const list = await screen.findByRole('list', { name: '场景列表' }, { timeout: 10_000 });
    expect(listCalls()[0]).toMatchObject({ q: '童装', district: 'wuxing', sort: 'deadline', limit: 20 });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const link = within(cards[0]).getByRole('link', { name: /^场景\s*1$/ });
    expect(link).toHaveTextContent('场景 1');
    expect(link).toHaveAttribute('href', '/scenarios/HZ-2026-MF-0001');
    expect(within(cards[0]).getByText('1', { selector: 'mark' })).toBeInTheDocument();
    expect(await within(cards[0]).findByText('湖州市经济和信息化局')).toBeInTheDocument();
    expect(within(cards[0]).getByText('80 万元 – 150 万元')).toBeInTheDocument();
    expect(within(cards[1]).getByText('示范场景')).toBeInTheDocument();
    // The total comes from the status facet (17 open + 1 demonstration).
    expect(screen.getByText('共 18 个场景')).toBeInTheDocument();
    // The search box shows the URL's keywords.
    expect(screen.getByRole('searchbox', { name: '搜索场景' })).toHaveValue('童装');
  });

  it('puts a facet choice into the URL, and the list follows it', async () => {
    const user = userEvent.setup();
    const { router } = renderAt(<OpportunityListPage />, '/?q=童装');
    await screen.findByRole('list', { name: '场景列表' }, { timeout: 10_000 });
    await user.click(screen.getByRole('checkbox', { name: '智能制造（5）' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=%E7%AB%A5%E8%A3%85&domain=manufacturing'));
    await waitFor(() => expect(listCalls().at(-1)).toMatchObject({ q: '童装', domain: 'manufacturing' }));
    // The active filter can be removed from its chip.
    await user.click(screen.getByRole('button', { name: '移除筛选：智能制造' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=%E7%AB%A5%E8%A3%85'));
  });

  it('searches from the box and loads further pages with the cursor', async () => {
    const user = userEvent.setup();
    const { router } = renderAt(<OpportunityListPage />, '/');
    await screen.findByRole('list', { name: '场景列表' }, { timeout: 10_000 });
    await user.type(screen.getByRole('searchbox', { name: '搜索场景' }), '无人叉车{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?q=%E6%97%A0%E4%BA%BA%E5%8F%89%E8%BD%A6'));
    await user.click(await screen.findByRole('button', { name: '加载更多' }));
    await screen.findByRole('link', { name: '场景 3' });
    expect(listCalls().at(-1)).toMatchObject({ q: '无人叉车', cursor: 'next-page' });
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByText('已显示全部')).toBeInTheDocument();
  });

  it('says so when nothing matches, with a way to clear the filters', async () => {
    get.mockImplementation(async (path: string) =>
      path === '/public/scenarios' ? { items: [], nextCursor: null, facets: { status: {} }, match: 'all' } : [],
    );
    const user = userEvent.setup();
    const { router } = renderAt(<OpportunityListPage />, '/?domain=other');
    expect(await screen.findByText('没有找到符合条件的场景')).toBeInTheDocument();
    const clears = screen.getAllByRole('button', { name: '清除全部筛选' });
    await user.click(clears[clears.length - 1]);
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });
});
