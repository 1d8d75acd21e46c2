import './i18n';
import type { ReactNode } from 'react';
import type { AreaModule } from '../../app/areas';
import { RequireRole } from '../../auth/RequireRole';
import type { Role } from '../../auth/types';
import { VendorTheme } from './components/VendorTheme';
import { DashboardPage } from './pages/DashboardPage';
import { DeliveryPage } from './pages/DeliveryPage';
import { FollowedPage } from './pages/FollowedPage';
import { InvitationsPage } from './pages/InvitationsPage';
import { ProfilePage } from './pages/ProfilePage';
import { ProposalsPage } from './pages/ProposalsPage';
import { RecommendationsPage } from './pages/RecommendationsPage';
import { SavedSearchesPage } from './pages/SavedSearchesPage';
import { ScenarioPage } from './pages/ScenarioPage';
import { NewProposalPage } from './proposal/NewProposalPage';
import { ProposalEditorPage } from './proposal/ProposalEditorPage';

const ROLES: Role[] = ['vendor_member', 'vendor_admin'];

const guarded = (element: ReactNode) => (
  <RequireRole roles={ROLES}>
    <VendorTheme>{element}</VendorTheme>
  </RequireRole>
);

/** The vendor workspace (供给方): recommendations, profile, follows, proposals, consortium, delivery. */
export const vendorArea: AreaModule = {
  routes: [
    { path: 'vendor', element: guarded(<DashboardPage />) },
    { path: 'vendor/profile', element: guarded(<ProfilePage />) },
    { path: 'vendor/recommendations', element: guarded(<RecommendationsPage />) },
    { path: 'vendor/scenarios/:id', element: guarded(<ScenarioPage />) },
    { path: 'vendor/followed', element: guarded(<FollowedPage />) },
    { path: 'vendor/saved-searches', element: guarded(<SavedSearchesPage />) },
    { path: 'vendor/proposals', element: guarded(<ProposalsPage />) },
    { path: 'vendor/proposals/new', element: guarded(<NewProposalPage />) },
    { path: 'vendor/proposals/:id', element: guarded(<ProposalEditorPage />) },
    { path: 'vendor/invitations', element: guarded(<InvitationsPage />) },
    { path: 'vendor/deliveries/:scenarioId', element: guarded(<DeliveryPage />) },
  ],
  nav: [
    { to: '/vendor', labelKey: 'common.nav.workspace', roles: ROLES },
    { to: '/vendor/recommendations', labelKey: 'vendor.nav.recommendations', roles: ROLES },
    { to: '/vendor/proposals', labelKey: 'vendor.nav.proposals', roles: ROLES },
    { to: '/vendor/profile', labelKey: 'vendor.nav.profile', roles: ROLES },
    { to: '/vendor/followed', labelKey: 'vendor.nav.followed', roles: ROLES },
  ],
};
