import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label, options } from '../../../components/taxonomy';
import { StaffPage } from '../components/StaffPage';
import { fetchers, keys } from '../api';
import { LISTABLE_STATUSES } from '../staffLists';
import type { StaffScenarioItem } from '../types';
import { StaffTable } from '../components/StaffTable';
import { StaffLink } from '../components/StaffLink';
import { ScenarioStatusTag } from '../components/ToneTag';
import { LoadMore } from '../../../components/LoadMore';

export function ScenarioListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const domain = params.get('domain') ?? '';
  const q = params.get('q') ?? '';
  const filters = { status, domain, q };
  // Filtered, ordered (newest change first) and paged by the API; drafts are never listed.
  const list = useInfiniteQuery({
    queryKey: keys.scenarios(filters),
    queryFn: ({ pageParam }) => fetchers.scenarios(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <StaffPage title={t('staff.scenarios.title')} intro={t('staff.scenarios.intro')}>
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('staff.field.status')} htmlFor="scenario-status">
              <Select
                id="scenario-status"
                value={status}
                onChange={(v) => set('status', v)}
                options={[
                  { value: '', label: t('staff.scenarios.allStatuses') },
                  ...LISTABLE_STATUSES.map((s) => ({ value: s, label: t(`common.status.${s}`) })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('staff.field.domain')} htmlFor="scenario-domain">
              <Select
                id="scenario-domain"
                value={domain}
                onChange={(v) => set('domain', v)}
                options={[{ value: '', label: t('staff.dashboard.all') }, ...options('domains')]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('staff.scenarios.search')} htmlFor="scenario-search">
              <Input.Search id="scenario-search" allowClear defaultValue={q} onSearch={(v) => set('q', v.trim())} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {list.hasNextPage
          ? t('staff.scenarios.resultsMore', { count: rows.length })
          : t('staff.scenarios.results', { count: rows.length })}
      </Typography.Title>
      <QueryState query={list}>
        {() => (
          <>
            <StaffTable<StaffScenarioItem>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={rows}
              columns={[
                {
                  title: t('staff.field.title'),
                  dataIndex: 'title',
                  render: (title: string, r) => (
                    <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 'min(420px, 70vw)' }}>
                      <StaffLink to={r.status === 'submitted' ? `/staff/vetting/${r.id}` : `/staff/scenarios/${r.id}`}>
                        {title}
                      </StaffLink>
                      {r.code && (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {r.code}
                        </Typography.Text>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('staff.field.status'),
                  dataIndex: 'status',
                  render: (s: string) => <ScenarioStatusTag status={s} />,
                },
                {
                  title: t('staff.field.domain'),
                  dataIndex: 'domain',
                  render: (d: string) => label('domains', d),
                },
                {
                  title: t('staff.vetting.agency'),
                  dataIndex: 'agencyName',
                },
                {
                  title: t('staff.scenarios.lastChange'),
                  dataIndex: 'updatedAt',
                  render: (v: string) => formatDateTime(v),
                },
              ]}
            />
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
    </StaffPage>
  );
}
