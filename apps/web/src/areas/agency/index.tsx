import './i18n';
import type { ReactNode } from 'react';
import type { AreaModule } from '../../app/areas';
import { RequireRole } from '../../auth/RequireRole';
import type { Role } from '../../auth/types';
import { AgencyTheme } from './components/AgencyTheme';
import { MyScenariosPage } from './list/MyScenariosPage';
import { ScenarioEditorRoute } from './editor/ScenarioEditorPage';
import { ScenarioWorkspacePage } from './workspace/ScenarioWorkspacePage';

const ROLES: Role[] = ['agency_officer', 'agency_admin'];

const guard = (element: ReactNode) => (
  <RequireRole roles={ROLES}>
    <AgencyTheme>{element}</AgencyTheme>
  </RequireRole>
);

export const agencyArea: AreaModule = {
  routes: [
    { path: 'agency', element: guard(<MyScenariosPage />) },
    { path: 'agency/scenarios/new', element: guard(<ScenarioEditorRoute />) },
    { path: 'agency/scenarios/:id/edit', element: guard(<ScenarioEditorRoute />) },
    { path: 'agency/scenarios/:id', element: guard(<ScenarioWorkspacePage />) },
  ],
  nav: [{ to: '/agency', labelKey: 'agency.nav.myScenarios', roles: ROLES }],
};
