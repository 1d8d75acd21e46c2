import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Drawer, Empty, Flex, Grid, Input, Skeleton, Typography } from 'antd';
import { CloseOutlined, FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/QueryState';
import { pageTitleStyle } from './a11y';

/** The search box of a list page: a labelled input and a button; Enter searches too. */
export function SearchBox({
  id,
  label,
  placeholder,
  value,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  // The URL is the truth: back/forward and "clear" change it, and the box follows.
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <search style={{ display: 'block', maxWidth: 640, marginBottom: 16 }}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input.Search
        id={id}
        size="large"
        allowClear
        value={text}
        placeholder={placeholder}
        enterButton={t('common.action.search')}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onSearch(v.trim() || undefined)}
        maxLength={100}
      />
    </search>
  );
}

/** Page header of the public lists: the page's one h1 and a line of introduction. */
export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <header style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Typography.Title level={1} style={pageTitleStyle}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {intro}
        </Typography.Paragraph>
      )}
    </header>
  );
}

export interface ActiveFilter {
  key: string;
  label: string;
  remove: () => void;
}

/**
 * The list layout: filters beside the results on wide screens, in a drawer behind a "Filters" button
 * on narrow ones; the active filters as removable chips above the results.
 */
export function ListLayout({
  filtersTitle,
  filters,
  active,
  onClear,
  resultsTitle,
  resultsExtra,
  children,
}: {
  filtersTitle: string;
  filters: ReactNode;
  active: ActiveFilter[];
  onClear: () => void;
  resultsTitle: ReactNode;
  resultsExtra?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = !!screens.lg;
  const [open, setOpen] = useState(false);
  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
      {wide && (
        <aside aria-labelledby="filters-heading" style={{ width: 260, flex: 'none' }}>
          <Typography.Title level={2} id="filters-heading" style={{ fontSize: 18, marginTop: 0 }}>
            {filtersTitle}
          </Typography.Title>
          {filters}
        </aside>
      )}
      <section aria-labelledby="results-heading" style={{ flex: 1, minWidth: 0 }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Typography.Title level={2} id="results-heading" style={{ fontSize: 18, margin: 0 }}>
            {resultsTitle}
          </Typography.Title>
          <Flex gap={8} wrap align="center">
            {!wide && (
              <Button icon={<FilterOutlined aria-hidden />} onClick={() => setOpen(true)} aria-haspopup="dialog">
                {active.length
                  ? t('public.list.openFiltersCount', { count: active.length })
                  : t('public.list.openFilters')}
              </Button>
            )}
            {resultsExtra}
          </Flex>
        </Flex>
        {active.length > 0 && (
          <Flex gap={6} wrap style={{ marginBottom: 12 }} aria-label={filtersTitle} role="group">
            {active.map((f) => (
              <Button
                key={f.key}
                size="small"
                icon={<CloseOutlined aria-hidden />}
                iconPlacement="end"
                aria-label={t('public.list.removeFilter', { label: f.label })}
                onClick={f.remove}
              >
                {f.label}
              </Button>
            ))}
            <Button size="small" type="link" onClick={onClear}>
              {t('public.list.clearFilters')}
            </Button>
          </Flex>
        )}
        {children}
      </section>
      {!wide && (
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          title={filtersTitle}
          placement="right"
          size={320}
          styles={{ wrapper: { maxWidth: '92vw' } }}
          footer={
            <Flex justify="space-between">
              <Button onClick={onClear}>{t('public.list.clearFilters')}</Button>
              <Button type="primary" onClick={() => setOpen(false)}>
                {t('common.action.confirm')}
              </Button>
            </Flex>
          }
        >
          {filters}
        </Drawer>
      )}
    </div>
  );
}

interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * Loading, error and empty states of a paged list, its items as a list, and "load more" while the
 * API gives a next cursor.
 */
export function PagedResults<T>({
  query,
  items,
  empty,
  render,
  itemKey,
  label,
}: {
  query: PagedQuery;
  items: T[];
  empty: ReactNode;
  render: (item: T) => ReactNode;
  itemKey: (item: T) => string;
  label: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active aria-busy="true" aria-label={t('common.state.loading')} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!items.length) return <>{empty}</>;
  return (
    <div aria-busy={query.isFetching && !query.isFetchingNextPage}>
      <ul
        aria-label={label}
        style={{
          listStyle: 'none',
          padding: 0,
          margin: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 12,
          opacity: query.isFetching && !query.isFetchingNextPage ? 0.6 : 1,
        }}
      >
        {items.map((item) => (
          <li key={itemKey(item)}>{render(item)}</li>
        ))}
      </ul>
      <Flex justify="center" style={{ marginTop: 16 }}>
        {query.hasNextPage ? (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('public.list.loadingMore') : t('public.list.loadMore')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('public.list.allLoaded')}</Typography.Text>
        )}
      </Flex>
    </div>
  );
}

/** The empty state of a filtered list, with a way out. */
export function EmptyResults({ title, hint, onClear }: { title: string; hint?: string; onClear?: () => void }) {
  const { t } = useTranslation();
  return (
    <Empty
      description={
        <>
          <Typography.Text strong style={{ display: 'block' }}>
            {title}
          </Typography.Text>
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        </>
      }
    >
      {onClear && <Button onClick={onClear}>{t('public.list.clearFilters')}</Button>}
    </Empty>
  );
}

/** A notice above results matched by some keywords only. */
export function AnyMatchNotice({ show, text }: { show: boolean; text: string }) {
  return show ? <Alert type="info" showIcon title={text} style={{ marginBottom: 12 }} /> : null;
}
