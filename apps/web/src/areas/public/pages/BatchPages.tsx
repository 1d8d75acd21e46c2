import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Card, Flex, Result, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../components/format';
import { exportUrl, useAgencyNames, useBatches, useScenarioList } from '../api';
import {
  type ScenarioFilters,
  parseScenarioFilters,
  scenarioApiQuery,
  scenarioFiltersToSearch,
} from '../lib/listFilters';
import { totalFromStatusFacet } from '../lib/listMath';
import { EmptyResults, ListLayout, PageHeader, PagedResults } from '../components/ListShell';
import { ScenarioCard } from '../components/ScenarioCard';
import { activeScenarioFilters, ScenarioFilterPanel } from './OpportunityListPage';
import type { PublicBatch } from '../types';

/** `/batches` — the published batches of the opportunity list, newest first. */
export function BatchListPage() {
  const { t } = useTranslation();
  const batches = useBatches();
  return (
    <>
      <PageHeader title={t('public.batches.title')} intro={t('public.batches.intro')} />
      <QueryState
        query={batches}
        isEmpty={(b) => b.length === 0}
        empty={<EmptyResults title={t('public.batches.empty')} />}
      >
        {(list) => (
          <ul
            aria-label={t('public.batches.title')}
            style={{
              listStyle: 'none',
              padding: 0,
              margin: 0,
              display: 'grid',
              gap: 12,
              gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))',
            }}
          >
            {list.map((b) => (
              <li key={b.id}>
                <Card size="small" styles={{ body: { padding: 16 } }} style={{ height: '100%' }}>
                  <Typography.Title level={2} style={{ fontSize: 17, marginTop: 0 }} className="wrap-anywhere">
                    <Link to={`/batches/${b.id}`}>{b.title}</Link>
                  </Typography.Title>
                  <Flex gap="4px 16px" wrap>
                    <Typography.Text type="secondary">
                      {t('public.batches.publishedAt', { date: formatDate(b.publishedAt) })}
                    </Typography.Text>
                    <Typography.Text strong>
                      {t('public.batches.scenarioCount', { count: b.scenarioCount })}
                    </Typography.Text>
                  </Flex>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function BatchScenarios({ batch }: { batch: PublicBatch }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The batch is the page itself: other filters live in the query string, the batch never does.
  const filters = useMemo(() => ({ ...parseScenarioFilters(params), batch: batch.id }), [params, batch.id]);
  const setFilters = (next: ScenarioFilters) => setParams(scenarioFiltersToSearch({ ...next, batch: undefined }));
  const list = useScenarioList(filters);
  const agencies = useAgencyNames();
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = totalFromStatusFacet(pages[0]?.facets, filters.status);
  const active = activeScenarioFilters(filters, setFilters, t, () => batch.title, ['batch']);
  const clear = () => setFilters({ batch: batch.id });
  const apiQuery = scenarioApiQuery(filters) as Record<string, string | number | undefined>;
  return (
    <ListLayout
      filtersTitle={t('public.list.filtersHeading')}
      filters={<ScenarioFilterPanel filters={filters} facets={pages[0]?.facets} onChange={setFilters} hideBatch />}
      active={active}
      onClear={clear}
      resultsTitle={
        <>
          {t('public.batches.scenarios')}
          {total !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 8 }}>
              {t('public.list.total', { count: total })}
            </Typography.Text>
          )}
        </>
      }
      resultsExtra={
        <a href={exportUrl(apiQuery, 'xlsx')} download>
          <DownloadOutlined aria-hidden /> {t('public.list.exportXlsx')}
        </a>
      }
    >
      <PagedResults
        query={list}
        items={items}
        label={t('public.batches.scenarios')}
        itemKey={(s) => s.id}
        render={(s) => <ScenarioCard item={s} agencyName={agencies.get(s.agencyOrganisationId)} />}
        empty={<EmptyResults title={t('public.list.empty')} onClear={active.length ? clear : undefined} />}
      />
    </ListLayout>
  );
}

/** `/batches/:id` — one published batch and its scenarios (filterable like the list). */
export function BatchDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const batches = useBatches();
  return (
    <QueryState query={batches}>
      {(list) => {
        const batch = list.find((b) => b.id === id.toLowerCase());
        if (!batch) return <Result status="404" title={t('public.batches.notFound')} />;
        return (
          <>
            <Link to="/batches" style={{ display: 'inline-block', marginBottom: 8 }}>
              <ArrowLeftOutlined aria-hidden /> {t('public.batches.back')}
            </Link>
            <PageHeader
              title={batch.title}
              intro={
                <>
                  {t('public.batches.publishedAt', { date: formatDate(batch.publishedAt) })} ·{' '}
                  {t('public.batches.scenarioCount', { count: batch.scenarioCount })} ·{' '}
                  <Link
                    to={`/?${scenarioFiltersToSearch({ batch: batch.id })}`}
                    style={{ textDecoration: 'underline' }}
                  >
                    {t('public.batches.openInList')}
                  </Link>
                </>
              }
            />
            <BatchScenarios batch={batch} />
          </>
        );
      }}
    </QueryState>
  );
}
