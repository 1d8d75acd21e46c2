import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Empty, Flex, Grid, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { label } from '../../../components/taxonomy';
import { formatDateTime } from '../../../components/format';
import { ScrollTable } from '../components/ScrollTable';
import { agencyKeys, fetchAllMine, isEditable } from '../api';
import type { ScenarioView } from '../types';
import { LinkButton } from '../../../components/LinkButton';
import { ResponsiveTabs } from '../components/ResponsiveTabs';
import { countByGroup, inGroup, isStatusGroup, STATUS_GROUP_KEYS, type StatusGroup } from './statusGroups';

/** `/agency`: the agency's scenarios in tabs by status, each linking to its workspace page. */
export function MyScenariosPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: StatusGroup = isStatusGroup(tabParam) ? tabParam : 'all';
  const query = useQuery({ queryKey: agencyKeys.mine(), queryFn: ({ signal }) => fetchAllMine(signal) });
  const counts = useMemo(() => countByGroup(query.data ?? []), [query.data]);

  const body = (
    <QueryState query={query}>
      {(all) => {
        const rows = all.filter((s) => inGroup(s, tab));
        return (
          <section aria-labelledby="agency-list-heading">
            <Typography.Title level={2} id="agency-list-heading" style={{ fontSize: 16 }}>
              {t('agency.list.heading', { group: t(`agency.list.tabs.${tab}`), count: rows.length })}
            </Typography.Title>
            {rows.length === 0 ? (
              <Empty description={all.length === 0 ? t('agency.list.emptyAll') : t('agency.list.empty')}>
                {all.length === 0 && <Link to="/agency/scenarios/new">{t('agency.list.new')}</Link>}
              </Empty>
            ) : (
              <ScenarioRows rows={rows} />
            )}
          </section>
        );
      }}
    </QueryState>
  );

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto' }}>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('agency.list.title')}
        </Typography.Title>
        <LinkButton to="/agency/scenarios/new" type="primary" icon={<PlusOutlined />}>
          {t('agency.list.new')}
        </LinkButton>
      </Flex>
      <ResponsiveTabs<StatusGroup>
        label={t('agency.list.statusLabel')}
        activeKey={tab}
        onChange={(key) => setParams(key === 'all' ? {} : { tab: key }, { replace: true })}
        items={STATUS_GROUP_KEYS.map((g) => ({
          key: g,
          label: query.data ? `${t(`agency.list.tabs.${g}`)} (${counts[g]})` : t(`agency.list.tabs.${g}`),
          children: g === tab ? body : null,
        }))}
      />
    </div>
  );
}

function ScenarioRows({ rows }: { rows: ScenarioView[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  if (!screens.md)
    return (
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-labelledby="agency-list-heading">
        {rows.map((s) => (
          <li key={s.id} style={{ marginBottom: 12 }}>
            <Card size="small">
              <Link to={`/agency/scenarios/${s.id}`} className="wrap-anywhere" style={{ fontWeight: 600 }}>
                {s.title}
              </Link>
              <div style={{ marginTop: 6 }}>
                <Space wrap size={[6, 4]}>
                  <StatusTag status={s.status} />
                  <Typography.Text type="secondary">{s.code ?? t('agency.list.noCode')}</Typography.Text>
                  <Typography.Text type="secondary">{label('domains', s.domain)}</Typography.Text>
                </Space>
              </div>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {s.proposalDeadline
                  ? `${t('agency.list.columns.deadline')}：${formatDateTime(s.proposalDeadline)}`
                  : `${t('agency.list.columns.updated')}：${formatDateTime(s.updatedAt)}`}
              </Typography.Text>
              {isEditable(s.status) && (
                <Link to={`/agency/scenarios/${s.id}/edit`} style={{ display: 'inline-block', marginTop: 6 }}>
                  {t('common.action.edit')}
                </Link>
              )}
            </Card>
          </li>
        ))}
      </ul>
    );
  return (
    <ScrollTable<ScenarioView>
      label={t('agency.list.title')}
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}

      columns={[
        {
          key: 'title',
          title: t('agency.list.columns.title'),
          render: (_, s) => (
            <div style={{ maxWidth: 420 }}>
              <Link to={`/agency/scenarios/${s.id}`} className="wrap-anywhere">
                {s.title}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {s.code ?? t('agency.list.noCode')}
              </Typography.Text>
            </div>
          ),
        },
        { key: 'status', title: t('agency.list.columns.status'), render: (_, s) => <StatusTag status={s.status} /> },
        { key: 'domain', title: t('agency.list.columns.domain'), render: (_, s) => label('domains', s.domain) },
        {
          key: 'deadline',
          title: t('agency.list.columns.deadline'),
          render: (_, s) => formatDateTime(s.proposalDeadline),
        },
        {
          key: 'followers',
          title: t('agency.list.columns.followers'),
          align: 'right',
          render: (_, s) => s.followerCount ?? 0,
        },
        { key: 'updated', title: t('agency.list.columns.updated'), render: (_, s) => formatDateTime(s.updatedAt) },
        {
          key: 'actions',
          title: t('agency.list.columns.actions'),
          render: (_, s) => (
            <Space size="small">
              <Link to={`/agency/scenarios/${s.id}`} aria-label={`${t('common.action.view')}：${s.title}`}>
                {t('common.action.view')}
              </Link>
              {isEditable(s.status) && (
                <Link to={`/agency/scenarios/${s.id}/edit`} aria-label={`${t('common.action.edit')}：${s.title}`}>
                  {t('common.action.edit')}
                </Link>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
