import type { ReactNode } from 'react';
import './i18n';
import type { AreaModule } from '../../app/areas';
import { RequireRole } from '../../auth/RequireRole';
import { LoginPage } from './LoginPage';
import { RegisterPage } from './RegisterPage';
import { ProfilePage } from './ProfilePage';
import { PasswordPage } from './PasswordPage';
import { InboxPage } from './InboxPage';
import { PreferencesPage } from './PreferencesPage';
import { AreaTheme } from './AreaTheme';

/** Any logged-in user, whatever the role. */
const signedIn = (page: ReactNode) => (
  <AreaTheme>
    <RequireRole>{page}</RequireRole>
  </AreaTheme>
);

export const accountArea: AreaModule = {
  routes: [
    {
      path: 'login',
      element: (
        <AreaTheme>
          <LoginPage />
        </AreaTheme>
      ),
    },
    {
      path: 'register',
      element: (
        <AreaTheme>
          <RegisterPage />
        </AreaTheme>
      ),
    },
    { path: 'account', element: signedIn(<ProfilePage />) },
    { path: 'account/password', element: signedIn(<PasswordPage />) },
    { path: 'account/inbox', element: signedIn(<InboxPage />) },
    { path: 'account/preferences', element: signedIn(<PreferencesPage />) },
  ],
  // The header already links to the inbox (bell), the account (user menu), login and registration.
  nav: [],
};
