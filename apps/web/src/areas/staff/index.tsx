import './i18n';
import { lazy, Suspense, type ReactNode } from 'react';
import { ConfigProvider, Skeleton } from 'antd';
import type { AreaModule } from '../../app/areas';
import { RequireRole } from '../../auth/RequireRole';
import type { Role } from '../../auth/types';
import { AuditPage } from './audit/AuditPage';
import { BatchesPage } from './batches/BatchesPage';
import { ImportsPage } from './imports/ImportsPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { OrganisationsPage } from './organisations/OrganisationsPage';
import { ScenarioListPage } from './scenario/ScenarioListPage';
import { ScenarioPage } from './scenario/ScenarioPage';
import { VettingDecisionPage } from './vetting/VettingDecisionPage';
import { VettingQueuePage } from './vetting/VettingQueuePage';

const ROLES: Role[] = ['staff', 'platform_admin'];

// The dashboard brings ECharts: loaded only when opened.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

/**
 * Colours dark enough for WCAG AA (axe's colour-contrast rule) on white and on the grey page: the default
 * theme's #1677ff links, 45 % grey secondary text, #ff4d4f danger text and badges fail it (tags use
 * ToneTag for the same reason). Nested, so everything else (locale, primary colour) is inherited.
 */
export const STAFF_THEME = {
  token: {
    colorLink: '#1f5fbf',
    colorLinkHover: '#3a78d6',
    colorLinkActive: '#17489a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorInfo: '#1f5fbf',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

const guard = (page: ReactNode) => (
  <RequireRole roles={ROLES}>
    <ConfigProvider theme={STAFF_THEME}>
      <Suspense fallback={<Skeleton active />}>{page}</Suspense>
    </ConfigProvider>
  </RequireRole>
);

export const staffArea: AreaModule = {
  routes: [
    { path: 'staff', element: guard(<DashboardPage />) },
    { path: 'staff/vetting', element: guard(<VettingQueuePage />) },
    { path: 'staff/vetting/:id', element: guard(<VettingDecisionPage />) },
    { path: 'staff/batches', element: guard(<BatchesPage />) },
    { path: 'staff/scenarios', element: guard(<ScenarioListPage />) },
    { path: 'staff/scenarios/:id', element: guard(<ScenarioPage />) },
    { path: 'staff/organisations', element: guard(<OrganisationsPage />) },
    { path: 'staff/audit', element: guard(<AuditPage />) },
    { path: 'staff/notifications', element: guard(<NotificationsPage />) },
    { path: 'staff/imports', element: guard(<ImportsPage />) },
  ],
  nav: [
    { to: '/staff', labelKey: 'staff.nav.dashboard', roles: ROLES },
    { to: '/staff/vetting', labelKey: 'staff.nav.vetting', roles: ROLES },
    { to: '/staff/batches', labelKey: 'staff.nav.batches', roles: ROLES },
    { to: '/staff/scenarios', labelKey: 'staff.nav.scenarios', roles: ROLES },
    // Organisations, notifications, audit and imports are reached from the dashboard's quick links: more
    // entries overflow the header menu at 1280 px (its hidden overflow items fail axe's aria-hidden-focus).
  ],
};
