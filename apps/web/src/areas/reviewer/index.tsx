import './i18n';
import { Navigate, useParams } from 'react-router';
import type { AreaModule } from '../../app/areas';
import { RequireRole } from '../../auth/RequireRole';
import type { Role } from '../../auth/types';
import { ReviewerHome } from './ReviewerHome';
import { EvaluationPage } from './EvaluationPage';
import { AreaTheme } from './AreaTheme';

const ROLES: Role[] = ['reviewer'];

/** The API's e-mails link reviewers to `/evaluations/:id` (libs/notifications, notificationPath). */
function EvaluationLink() {
  const { id = '' } = useParams();
  return <Navigate to={`/reviewer/evaluations/${encodeURIComponent(id)}`} replace />;
}

export const reviewerArea: AreaModule = {
  routes: [
    {
      path: 'reviewer',
      element: (
        <AreaTheme>
          <RequireRole roles={ROLES}>
            <ReviewerHome />
          </RequireRole>
        </AreaTheme>
      ),
    },
    {
      path: 'reviewer/evaluations/:id',
      element: (
        <AreaTheme>
          <RequireRole roles={ROLES}>
            <EvaluationPage />
          </RequireRole>
        </AreaTheme>
      ),
    },
    {
      path: 'evaluations/:id',
      element: (
        <RequireRole roles={ROLES}>
          <EvaluationLink />
        </RequireRole>
      ),
    },
  ],
  nav: [{ to: '/reviewer', labelKey: 'common.nav.workspace', roles: ROLES }],
};
