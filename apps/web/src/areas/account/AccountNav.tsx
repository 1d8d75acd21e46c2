import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';

const LINKS = [
  { to: '/account', key: 'overview', end: true },
  { to: '/account/inbox', key: 'inbox', end: false },
  { to: '/account/preferences', key: 'preferences', end: false },
  { to: '/account/password', key: 'password', end: false },
] as const;

/** The account pages' own navigation (links; the current one is marked with aria-current by NavLink). */
export function AccountNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('account.nav.label')} style={{ marginBottom: 16 }}>
      <Flex wrap gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className="account-nav-link"
              style={({ isActive }) => ({
                display: 'inline-block',
                padding: '4px 12px',
                borderRadius: 6,
                fontWeight: isActive ? 600 : 400,
                background: isActive ? '#e6efff' : undefined,
                color: isActive ? '#1f5fbf' : undefined,
              })}
            >
              {t(`account.nav.${link.key}`)}
            </NavLink>
          </li>
        ))}
      </Flex>
    </nav>
  );
}

/** An account page: the account navigation above it, at a comfortable reading width. */
export function AccountPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div style={{ maxWidth: wide ? 1040 : 760, margin: '0 auto' }}>
      <AccountNav />
      {children}
    </div>
  );
}
