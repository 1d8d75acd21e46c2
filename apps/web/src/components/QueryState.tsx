import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

interface Props<T> {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  /** Treat the loaded data as empty (shows the empty state instead of children). */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error and empty states for one query, the same everywhere. */
export function QueryState<T>({ query, isEmpty, empty, children }: Props<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active aria-busy="true" aria-label={t('common.state.loading')} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <>{empty ?? <Empty description={t('common.state.empty')} />}</>;
  return <>{children(data)}</>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title={t('common.state.notFound')} />;
  if (error instanceof ApiError && error.status === 403)
    return <Result status="403" title={t('common.state.forbidden')} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.state.error')}
      description={error instanceof Error ? error.message : String(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.state.retry')}</Button> : undefined}
    />
  );
}

/** Messages of an API error that belong to no field, shown above a form. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={messages.length === 1 ? messages[0] : undefined}
      description={
        messages.length > 1 ? (
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
