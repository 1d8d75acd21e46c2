import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Flex, Form, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBudget, formatYuan } from '../../../components/format';
import { label, taxonomy } from '../../../components/taxonomy';
import { currentLanguage } from '../../../i18n';
import { useVendorList } from '../api';
import {
  VENDOR_SORTS,
  type VendorFilters,
  parseVendorFilters,
  vendorFiltersToSearch,
  wanToYuan,
  yuanToWan,
} from '../lib/listFilters';
import { facetOptions } from '../lib/listMath';
import { toggleCode } from '../lib/queryMapping';
import { FacetGroup } from '../components/FacetGroup';
import { Highlighted } from '../components/Highlighted';
import {
  type ActiveFilter,
  AnyMatchNotice,
  EmptyResults,
  ListLayout,
  PageHeader,
  PagedResults,
  SearchBox,
} from '../components/ListShell';
import { CommitNumber } from '../components/CommitNumber';
import type { FacetCounts, PublicVendorItem } from '../types';

type Kind = keyof typeof taxonomy;
const FACETS: { facet: 'domain' | 'capability' | 'district' | 'industryField'; kind: Kind }[] = [
  { facet: 'domain', kind: 'domains' },
  { facet: 'capability', kind: 'capabilities' },
  { facet: 'district', kind: 'districts' },
  { facet: 'industryField', kind: 'industry_fields' },
];
const order = (kind: Kind) => taxonomy[kind].map((t) => t.code);

function VendorFilterPanel({
  filters,
  facets,
  onChange,
}: {
  filters: VendorFilters;
  facets: FacetCounts | undefined;
  onChange: (next: VendorFilters) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<VendorFilters>) => onChange({ ...filters, ...patch });
  return (
    <div>
      {FACETS.map(({ facet, kind }) => (
        <FacetGroup
          key={facet}
          legend={t(`public.vendors.facet.${facet}`)}
          options={facetOptions(facets?.[facet], filters[facet] ?? [], order(kind))}
          selected={filters[facet] ?? []}
          labelOf={(code) => label(kind, code)}
          onToggle={(code) => set({ [facet]: toggleCode(filters[facet], code) })}
        />
      ))}
      <Form layout="vertical" component="div" style={{ maxWidth: 340 }}>
        <Form.Item label={t('public.vendors.trl')} htmlFor="vendor-trl">
          <Select
            id="vendor-trl"
            allowClear
            placeholder={t('public.list.trlAny')}
            value={filters.trl}
            options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n}` }))}
            onChange={(trl?: number) => set({ trl })}
          />
        </Form.Item>
        <Form.Item label={t('public.vendors.budgetMin')} htmlFor="vendor-budget-min">
          <CommitNumber
            id="vendor-budget-min"
            min={0}
            value={yuanToWan(filters.budgetMin)}
            onCommit={(v) => set({ budgetMin: wanToYuan(v) })}
          />
        </Form.Item>
        <Form.Item label={t('public.vendors.budgetMax')} htmlFor="vendor-budget-max">
          <CommitNumber
            id="vendor-budget-max"
            min={0}
            value={yuanToWan(filters.budgetMax)}
            onCommit={(v) => set({ budgetMax: wanToYuan(v) })}
          />
        </Form.Item>
      </Form>
    </div>
  );
}

function activeVendorFilters(
  f: VendorFilters,
  onChange: (next: VendorFilters) => void,
  t: (key: string) => string,
): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  const drop = (patch: Partial<VendorFilters>) => () => onChange({ ...f, ...patch });
  if (f.q) out.push({ key: 'q', label: `“${f.q}”`, remove: drop({ q: undefined }) });
  for (const { facet, kind } of FACETS)
    for (const code of f[facet] ?? [])
      out.push({
        key: `${facet}:${code}`,
        label: label(kind, code),
        remove: drop({ [facet]: (f[facet] ?? []).filter((c) => c !== code) }),
      });
  if (f.trl !== undefined)
    out.push({ key: 'trl', label: `${t('public.vendors.trl')} ${f.trl}`, remove: drop({ trl: undefined }) });
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
  return out;
}

/** One vendor of the capability list. */
export function VendorCard({ v }: { v: PublicVendorItem }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en';
  const name = en && v.nameEn ? v.nameEn : v.nameZh;
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <article aria-labelledby={`vendor-${v.organisationId}`}>
        <Typography.Title level={3} style={{ fontSize: 17, margin: '0 0 4px' }} className="wrap-anywhere">
          <Link to={`/vendors/${v.organisationId}`} id={`vendor-${v.organisationId}`}>
            {en && v.nameEn ? name : <Highlighted html={v.highlights?.name} plain={v.nameZh} />}
          </Link>
        </Typography.Title>
        {!en && v.nameEn && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }} lang="en">
            {v.nameEn}
          </Typography.Text>
        )}
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-line', marginBottom: 8 }}
          ellipsis={v.highlights?.text ? false : { rows: 3 }}
          className="wrap-anywhere"
        >
          <Highlighted html={v.highlights?.text} plain={v.summary} />
        </Typography.Paragraph>
        <Flex gap={4} wrap style={{ marginBottom: 8 }}>
          {v.domains.map((d) => (
            <Tag key={d} color="blue">
              {label('domains', d)}
            </Tag>
          ))}
          {v.capabilityCodes.slice(0, 6).map((c) => (
            <Tag key={c}>{label('capabilities', c)}</Tag>
          ))}
          {v.capabilityCodes.length > 6 && <Tag>+{v.capabilityCodes.length - 6}</Tag>}
        </Flex>
        {v.products.length > 0 && (
          <Typography.Paragraph style={{ marginBottom: 4 }} className="wrap-anywhere">
            <Typography.Text type="secondary">
              {t('public.vendors.products')}
              {t('public.colon')}
            </Typography.Text>
            {v.products.join('、')}
          </Typography.Paragraph>
        )}
        <Flex gap="4px 16px" wrap>
          <Typography.Text type="secondary">{t('public.vendors.cases', { count: v.caseCount })}</Typography.Text>
          {v.teamSize !== null && (
            <Typography.Text type="secondary">{t('public.vendors.team', { count: v.teamSize })}</Typography.Text>
          )}
          {v.trl !== null && <Typography.Text type="secondary">TRL {v.trl}</Typography.Text>}
          {(v.typicalBudgetMinYuan !== null || v.typicalBudgetMaxYuan !== null) && (
            <Typography.Text type="secondary">
              {t('public.vendors.typicalBudget')}
              {t('public.colon')}
              {formatBudget(v.typicalBudgetMinYuan, v.typicalBudgetMaxYuan)}
            </Typography.Text>
          )}
        </Flex>
      </article>
    </Card>
  );
}

/** `/vendors` — the public capability list (场景能力清单). */
export function VendorListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseVendorFilters(params), [params]);
  const setFilters = (next: VendorFilters) => setParams(vendorFiltersToSearch(next));
  const list = useVendorList(filters);
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const first = pages[0];
  const active = activeVendorFilters(filters, setFilters, t);
  const clear = () => setFilters({ sort: filters.sort === 'relevance' ? undefined : filters.sort });
  const sorts = VENDOR_SORTS.filter((s) => s !== 'relevance' || filters.q);
  return (
    <>
      <PageHeader title={t('public.vendors.title')} intro={t('public.vendors.intro')} />
      <SearchBox
        id="vendor-search"
        label={t('public.vendors.searchLabel')}
        placeholder={t('public.vendors.searchPlaceholder')}
        value={filters.q}
        onSearch={(q) =>
          setFilters({ ...filters, q, sort: !q && filters.sort === 'relevance' ? undefined : filters.sort })
        }
      />
      <ListLayout
        filtersTitle={t('public.list.filtersHeading')}
        filters={<VendorFilterPanel filters={filters} facets={first?.facets} onChange={setFilters} />}
        active={active}
        onClear={clear}
        resultsTitle={t('public.vendors.resultsHeading')}
        resultsExtra={
          <Flex gap={8} align="center">
            <label htmlFor="vendor-sort" style={{ whiteSpace: 'nowrap' }}>
              {t('public.list.sort')}
            </label>
            <Select
              id="vendor-sort"
              style={{ minWidth: 130 }}
              value={filters.sort ?? (filters.q ? 'relevance' : 'newest')}
              options={sorts.map((s) => ({ value: s, label: t(`public.vendors.sorts.${s}`) }))}
              onChange={(sort: VendorFilters['sort']) => setFilters({ ...filters, sort })}
            />
          </Flex>
        }
      >
        <AnyMatchNotice show={first?.match === 'any'} text={t('public.list.matchAny')} />
        <PagedResults
          query={list}
          items={items}
          label={t('public.vendors.resultsHeading')}
          itemKey={(v) => v.organisationId}
          render={(v) => <VendorCard v={v} />}
          empty={
            <EmptyResults
              title={t('public.vendors.empty')}
              hint={t('public.list.emptyHint')}
              onClear={active.length ? clear : undefined}
            />
          }
        />
      </ListLayout>
    </>
  );
}
