import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import type { Role } from './types';

/** Renders children for a logged-in user with one of the roles; sends others to log in or tells them no. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, loading, hasRole } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <Skeleton active />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !hasRole(...roles)) return <Result status="403" title={t('common.state.forbidden')} />;
  return <>{children}</>;
}
