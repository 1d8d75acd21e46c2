import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import '../i18n';
import type { StaffScenarioItem } from '../types';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { get: vi.fn() },
}));
import { api } from '../../../api/client';
import { ScenarioListPage } from './ScenarioListPage';

const item = (n: number, patch: Partial<StaffScenarioItem> = {}): StaffScenarioItem => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  code: `HZ-2026-MF-000${n}`,
  title: `场景 ${n}`,
  status: 'approved',
  domain: 'manufacturing',
  sector: 'textile',
  district: 'wuxing',
  agencyOrganisationId: '9a15efca-afd6-427a-9232-55a9b33ec18d',
  agencyName: '湖州市经济和信息化局',
  batchId: null,
  deadline: null,
  updatedAt: '2026-11-24T02:00:00.000Z',
  ...patch,
});

const get = vi.mocked(api.get);
const listCalls = () =>
  get.mock.calls.filter(([path]) => path === '/scenarios').map(([, query]) => query as Record<string, unknown>);

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '/staff/scenarios', element: <ScenarioListPage /> }], {
    initialEntries: [path],
  });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

beforeAll(() => {
  window.matchMedia = (query: string) =>
    ({
      matches: true,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
});
beforeEach(() => {
  get.mockReset();
  get.mockImplementation(async (_path: string, query?: Record<string, unknown>) =>
    query?.cursor
      ? { items: [item(3, { status: 'published' })], nextCursor: null }
      : { items: [item(1), item(2, { agencyName: '湖州市农业农村局' })], nextCursor: 'next-1' },
  );
});

// Ant Design tables are big DOMs for jsdom: more than the default 5 s per test on a busy machine.
describe('ScenarioListPage', { timeout: 30_000 }, () => {
  it('asks GET scenarios with the filters in the URL and shows the agency names it returns', async () => {
    renderAt('/staff/scenarios?status=approved&domain=manufacturing&q=%E5%9C%BA%E6%99%AF');
    expect(await screen.findByRole('link', { name: '场景 1' })).toBeInTheDocument();
    expect(screen.getByText('湖州市农业农村局')).toBeInTheDocument();
    expect(listCalls()[0]).toMatchObject({ status: 'approved', domain: 'manufacturing', q: '场景' });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('已显示 2 个场景，还有更多');
  });

  it('loads the next page with the cursor', async () => {
    const user = userEvent.setup();
    renderAt('/staff/scenarios');
    await screen.findByRole('link', { name: '场景 1' });
    expect(listCalls()[0]).toMatchObject({ status: undefined, cursor: undefined });

    await user.click(screen.getByRole('button', { name: /加载更多/ }));

    expect(await screen.findByRole('link', { name: '场景 3' })).toBeInTheDocument();
    expect(listCalls()[1]).toMatchObject({ cursor: 'next-1' });
    await waitFor(() => expect(screen.queryByRole('button', { name: /加载更多/ })).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('共 3 个场景');
  });
});
