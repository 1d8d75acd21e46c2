import { createBrowserRouter, type RouteObject } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppLayout } from './Layout';
import type { AreaModule } from './areas';
import { publicArea } from '../areas/public';
import { accountArea } from '../areas/account';
import { agencyArea } from '../areas/agency';
import { vendorArea } from '../areas/vendor';
import { staffArea } from '../areas/staff';
import { reviewerArea } from '../areas/reviewer';

/** Public menu entries first, then the workspace entries of the user's role. */
const AREAS: AreaModule[] = [publicArea, accountArea, agencyArea, vendorArea, staffArea, reviewerArea];

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('common.state.notFound')} />;
}

export function createAppRouter() {
  const routes: RouteObject[] = [
    {
      path: '/',
      element: <AppLayout publicNav={publicArea.nav} workspaceNav={AREAS.slice(1).flatMap((a) => a.nav)} />,
      children: [...AREAS.flatMap((a) => a.routes), { path: '*', element: <NotFound /> }],
    },
  ];
  return createBrowserRouter(routes);
}
