import './i18n';
import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { AreaModule } from '../../app/areas';
import { PublicTheme } from './components/PublicTheme';
import { OpportunityListPage } from './pages/OpportunityListPage';
import { ScenarioDetailPage } from './pages/ScenarioDetailPage';
import { VendorListPage } from './pages/VendorListPage';
import { VendorDetailPage } from './pages/VendorDetailPage';
import { BatchDetailPage, BatchListPage } from './pages/BatchPages';

// ECharts is large: only the statistics page loads it, in its own chunk.
const StatisticsPage = lazy(() => import('./pages/StatisticsPage'));

const themed = (page: ReactNode) => <PublicTheme>{page}</PublicTheme>;

/** The public pages: no login needed. */
export const publicArea: AreaModule = {
  routes: [
    { index: true, element: themed(<OpportunityListPage />) },
    { path: 'scenarios/:codeOrId', element: themed(<ScenarioDetailPage />) },
    { path: 'vendors', element: themed(<VendorListPage />) },
    { path: 'vendors/:id', element: themed(<VendorDetailPage />) },
    { path: 'batches', element: themed(<BatchListPage />) },
    { path: 'batches/:id', element: themed(<BatchDetailPage />) },
    {
      path: 'statistics',
      element: themed(
        <Suspense fallback={<Skeleton active />}>
          <StatisticsPage />
        </Suspense>,
      ),
    },
  ],
  nav: [
    { to: '/', labelKey: 'common.nav.opportunities' },
    { to: '/vendors', labelKey: 'common.nav.vendors' },
    { to: '/batches', labelKey: 'common.nav.batches' },
    { to: '/statistics', labelKey: 'common.nav.statistics' },
  ],
};
