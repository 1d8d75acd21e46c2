import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DatePicker, Flex, Form, Select, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { label, options as taxonomyOptions, taxonomy } from '../../../components/taxonomy';
import { formatYuan } from '../../../components/format';
import { exportUrl, useAgencyNames, useBatches, useScenarioList } from '../api';
import {
  PUBLIC_STATUS_GROUPS,
  SCENARIO_SORTS,
  type ScenarioFilters,
  parseScenarioFilters,
  scenarioApiQuery,
  scenarioFiltersToSearch,
  wanToYuan,
  yuanToWan,
} from '../lib/listFilters';
import { facetOptions, totalFromStatusFacet } from '../lib/listMath';
import { toggleCode } from '../lib/queryMapping';
import { FacetGroup, StatusFacet } from '../components/FacetGroup';
import {
  type ActiveFilter,
  AnyMatchNotice,
  EmptyResults,
  ListLayout,
  PageHeader,
  PagedResults,
  SearchBox,
} from '../components/ListShell';
import { ScenarioCard } from '../components/ScenarioCard';
import { CommitNumber } from '../components/CommitNumber';
import type { FacetCounts } from '../types';

const order = (kind: keyof typeof taxonomy) => taxonomy[kind].map((t) => t.code);

/** The filters of the opportunity list kept in the URL, and a way to change them (a new history entry). */
export function useScenarioFilters(): [ScenarioFilters, (next: ScenarioFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseScenarioFilters(params), [params]);
  const update = (next: ScenarioFilters) => setParams(scenarioFiltersToSearch(next));
  return [filters, update];
}

/** Every filter of the list: facets with counts, then sector, budget, TRL, deadline and batch. */
export function ScenarioFilterPanel({
  filters,
  facets,
  onChange,
  hideBatch = false,
}: {
  filters: ScenarioFilters;
  facets: FacetCounts | undefined;
  onChange: (next: ScenarioFilters) => void;
  hideBatch?: boolean;
}) {
  const { t } = useTranslation();
  const batches = useBatches();
  const set = (patch: Partial<ScenarioFilters>) => onChange({ ...filters, ...patch });
  const sectorDomain = filters.domain?.length === 1 ? filters.domain[0] : undefined;
  const budgetClash =
    filters.budgetMin !== undefined && filters.budgetMax !== undefined && filters.budgetMin > filters.budgetMax;
  return (
    <div>
      <StatusFacet
        legend={t('public.list.facet.status')}
        groups={PUBLIC_STATUS_GROUPS}
        counts={facets?.status}
        value={filters.status}
        onChange={(status) => set({ status: status as ScenarioFilters['status'] })}
      />
      {(['domain', 'district', 'capability'] as const).map((facet) => {
        const kind = facet === 'domain' ? 'domains' : facet === 'district' ? 'districts' : 'capabilities';
        return (
          <FacetGroup
            key={facet}
            legend={t(`public.list.facet.${facet}`)}
            options={facetOptions(facets?.[facet], filters[facet] ?? [], order(kind))}
            selected={filters[facet] ?? []}
            labelOf={(code) => label(kind, code)}
            onToggle={(code) => set({ [facet]: toggleCode(filters[facet], code) })}
            max={facet === 'capability' ? 8 : 10}
          />
        );
      })}
      <Form layout="vertical" component="div" style={{ maxWidth: 340 }}>
        <Form.Item label={t('public.list.sector')} htmlFor="list-sector">
          <Select
            id="list-sector"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('public.list.sectorAny')}
            value={filters.sector}
            options={taxonomyOptions('sectors', sectorDomain)}
            onChange={(sector?: string) => set({ sector })}
          />
        </Form.Item>
        <Form.Item
          label={t('public.list.budgetMin')}
          htmlFor="list-budget-min"
          validateStatus={budgetClash ? 'warning' : undefined}
          help={budgetClash ? t('public.list.budgetRangeInvalid') : undefined}
        >
          <CommitNumber
            id="list-budget-min"
            min={0}
            value={yuanToWan(filters.budgetMin)}
            onCommit={(v) => set({ budgetMin: wanToYuan(v) })}
          />
        </Form.Item>
        <Form.Item label={t('public.list.budgetMax')} htmlFor="list-budget-max">
          <CommitNumber
            id="list-budget-max"
            min={0}
            value={yuanToWan(filters.budgetMax)}
            onCommit={(v) => set({ budgetMax: wanToYuan(v) })}
          />
        </Form.Item>
        <Form.Item label={t('public.list.trl')} htmlFor="list-trl" extra={t('public.list.trlHint')}>
          <Select
            id="list-trl"
            allowClear
            placeholder={t('public.list.trlAny')}
            value={filters.trl}
            options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n}` }))}
            onChange={(trl?: number) => set({ trl })}
          />
        </Form.Item>
        <Form.Item label={t('public.list.deadlineFrom')} htmlFor="list-deadline-from">
          <DatePicker
            id="list-deadline-from"
            style={{ width: '100%' }}
            value={filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null}
            onChange={(d) => set({ deadlineFrom: d ? d.format('YYYY-MM-DD') : undefined })}
          />
        </Form.Item>
        <Form.Item label={t('public.list.deadlineTo')} htmlFor="list-deadline-to">
          <DatePicker
            id="list-deadline-to"
            style={{ width: '100%' }}
            value={filters.deadlineTo ? dayjs(filters.deadlineTo) : null}
            onChange={(d) => set({ deadlineTo: d ? d.format('YYYY-MM-DD') : undefined })}
          />
        </Form.Item>
        {!hideBatch && (
          <Form.Item label={t('public.list.batch')} htmlFor="list-batch">
            <Select
              id="list-batch"
              allowClear
              placeholder={t('public.list.batchAll')}
              value={filters.batch}
              loading={batches.isPending}
              options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.title }))}
              onChange={(batch?: string) => set({ batch })}
            />
          </Form.Item>
        )}
      </Form>
    </div>
  );
}

/** The chips of the active filters (each removable). */
export function activeScenarioFilters(
  f: ScenarioFilters,
  onChange: (next: ScenarioFilters) => void,
  t: (key: string, o?: Record<string, unknown>) => string,
  batchTitle: (id: string) => string,
  keep: (keyof ScenarioFilters)[] = [],
): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  const drop = (patch: Partial<ScenarioFilters>) => () => onChange({ ...f, ...patch });
  if (f.q) out.push({ key: 'q', label: `“${f.q}”`, remove: drop({ q: undefined }) });
  if (f.status)
    out.push({ key: 'status', label: t(`public.list.status.${f.status}`), remove: drop({ status: undefined }) });
  for (const [facet, kind] of [
    ['domain', 'domains'],
    ['district', 'districts'],
    ['capability', 'capabilities'],
  ] as const) {
    for (const code of f[facet] ?? [])
      out.push({
        key: `${facet}:${code}`,
        label: label(kind, code),
        remove: drop({ [facet]: (f[facet] ?? []).filter((c) => c !== code) }),
      });
  }
  if (f.sector) out.push({ key: 'sector', label: label('sectors', f.sector), remove: drop({ sector: undefined }) });
  if (f.budgetMin !== undefined)
    out.push({
      key: 'budgetMin',
      label: `${t('public.field.budget')} ≥ ${formatYuan(f.budgetMin)}`,
      remove: drop({ budgetMin: undefined }),
    });
  if (f.budgetMax !== undefined)
    out.push({
      key: 'budgetMax',
      label: `${t('public.field.budget')} ≤ ${formatYuan(f.budgetMax)}`,
      remove: drop({ budgetMax: undefined }),
    });
  if (f.trl !== undefined) out.push({ key: 'trl', label: `TRL ${f.trl}`, remove: drop({ trl: undefined }) });
  if (f.deadlineFrom)
    out.push({
      key: 'deadlineFrom',
      label: `${t('public.list.deadlineFrom')} ${f.deadlineFrom.slice(0, 10)}`,
      remove: drop({ deadlineFrom: undefined }),
    });
  if (f.deadlineTo)
    out.push({
      key: 'deadlineTo',
      label: `${t('public.list.deadlineTo')} ${f.deadlineTo.slice(0, 10)}`,
      remove: drop({ deadlineTo: undefined }),
    });
  if (f.batch) out.push({ key: 'batch', label: batchTitle(f.batch), remove: drop({ batch: undefined }) });
  return out.filter((a) => !keep.includes(a.key.split(':')[0] as keyof ScenarioFilters));
}

/** `/` — the opportunity list (机会清单): search, facets, cards, "load more"; every filter in the URL. */
export function OpportunityListPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useScenarioFilters();
  const list = useScenarioList(filters);
  const agencies = useAgencyNames();
  const batches = useBatches();
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const first = pages[0];
  const total = totalFromStatusFacet(first?.facets, filters.status);
  const clear = () => setFilters({ sort: filters.sort === 'relevance' ? undefined : filters.sort });
  const batchTitle = (id: string) => batches.data?.find((b) => b.id === id)?.title ?? t('public.list.batch');
  const active = activeScenarioFilters(filters, setFilters, t, batchTitle);
  const sorts = SCENARIO_SORTS.filter((s) => s !== 'relevance' || filters.q);
  const apiQuery = scenarioApiQuery(filters) as Record<string, string | number | undefined>;

  return (
    <>
      <PageHeader title={t('public.list.title')} intro={t('public.list.intro')} />
      <SearchBox
        id="scenario-search"
        label={t('public.list.searchLabel')}
        placeholder={t('public.list.searchPlaceholder')}
        value={filters.q}
        onSearch={(q) =>
          setFilters({ ...filters, q, sort: !q && filters.sort === 'relevance' ? undefined : filters.sort })
        }
      />
      <ListLayout
        filtersTitle={t('public.list.filtersHeading')}
        filters={<ScenarioFilterPanel filters={filters} facets={first?.facets} onChange={setFilters} />}
        active={active}
        onClear={clear}
        resultsTitle={
          <>
            {t('public.list.resultsHeading')}
            {total !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 8 }}>
                {t('public.list.total', { count: total })}
              </Typography.Text>
            )}
          </>
        }
        resultsExtra={
          <Flex gap={8} align="center" wrap>
            <label htmlFor="scenario-sort" style={{ whiteSpace: 'nowrap' }}>
              {t('public.list.sort')}
            </label>
            <Select
              id="scenario-sort"
              style={{ minWidth: 140 }}
              value={filters.sort ?? (filters.q ? 'relevance' : 'newest')}
              options={sorts.map((s) => ({ value: s, label: t(`public.list.sorts.${s}`) }))}
              onChange={(sort: ScenarioFilters['sort']) => setFilters({ ...filters, sort })}
            />
            <a href={exportUrl(apiQuery, 'xlsx')} download>
              <DownloadOutlined aria-hidden /> {t('public.list.exportXlsx')}
            </a>
          </Flex>
        }
      >
        <AnyMatchNotice show={first?.match === 'any'} text={t('public.list.matchAny')} />
        <PagedResults
          query={list}
          items={items}
          label={t('public.list.resultsHeading')}
          itemKey={(s) => s.id}
          render={(s) => <ScenarioCard item={s} agencyName={agencies.get(s.agencyOrganisationId)} />}
          empty={
            <EmptyResults
              title={t('public.list.empty')}
              hint={t('public.list.emptyHint')}
              onClear={active.length ? clear : undefined}
            />
          }
        />
      </ListLayout>
    </>
  );
}
