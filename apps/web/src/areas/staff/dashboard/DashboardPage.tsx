import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Grid,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label, options } from '../../../components/taxonomy';
import { EChart } from '../../../components/EChart';
import { StaffPage } from '../components/StaffPage';
import { fetchers, keys, useVettingQueue } from '../api';
import type { FunnelStage, FunnelView } from '../types';
import { breakdownChartOption, formatDays, funnelChartOption, funnelRows, type FunnelFilters } from './funnel';
import { StaffLink } from '../components/StaffLink';

const percent = (v: number | null) => (v === null ? '—' : `${v}%`);

export function DashboardPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [filters, setFilters] = useState<FunnelFilters>({});
  const funnel = useQuery({ queryKey: keys.funnel(filters), queryFn: () => fetchers.funnel(filters), retry: false });
  const stageLabel = useCallback((s: FunnelStage) => t(`staff.dashboard.stage.${s}`), [t]);

  return (
    <StaffPage
      title={t('staff.dashboard.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void funnel.refetch()} loading={funnel.isFetching}>
          {t('staff.dashboard.refresh')}
        </Button>
      }
    >
      <QuickLinks />
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('staff.dashboard.filters')}
          </Typography.Title>
        }
        size="small"
        style={{ marginBottom: 16 }}
      >
        <FunnelFilterForm value={filters} onChange={setFilters} />
      </Card>
      {funnel.isPending ? (
        <Skeleton active aria-busy="true" aria-label={t('common.state.loading')} />
      ) : funnel.isError ? (
        funnel.error instanceof ApiError && funnel.error.status === 404 ? (
          <Alert
            type="warning"
            showIcon
            title={t('staff.dashboard.unavailable')}
            description={t('staff.dashboard.unavailableHint')}
            action={<Button onClick={() => void funnel.refetch()}>{t('common.state.retry')}</Button>}
          />
        ) : (
          <ErrorState error={funnel.error} onRetry={() => void funnel.refetch()} />
        )
      ) : (
        <FunnelReport data={funnel.data} narrow={narrow} stageLabel={stageLabel} />
      )}
    </StaffPage>
  );
}

function FunnelFilterForm({ value, onChange }: { value: FunnelFilters; onChange: (f: FunnelFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ domain?: string; district?: string; range?: [Dayjs | null, Dayjs | null] | null }>();
  const apply = () => {
    const v = form.getFieldsValue();
    onChange({
      domain: v.domain || undefined,
      district: v.district || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };
  return (
    <Form form={form} layout="vertical" onFinish={apply} initialValues={{}}>
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('staff.dashboard.domain')} name="domain">
            <Select allowClear options={options('domains')} placeholder={t('staff.dashboard.all')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('staff.dashboard.district')} name="district">
            <Select allowClear options={options('districts')} placeholder={t('staff.dashboard.all')} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('staff.dashboard.period')} name="range">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              style={{ width: '100%' }}
              aria-label={t('staff.dashboard.period')}
              placeholder={[t('staff.dashboard.from'), t('staff.dashboard.to')]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={4} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Form.Item style={{ width: '100%' }}>
            <Space wrap>
              <Button type="primary" htmlType="submit">
                {t('staff.dashboard.apply')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  if (Object.values(value).some(Boolean)) onChange({});
                }}
              >
                {t('common.action.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

function FunnelReport({
  data,
  narrow,
  stageLabel,
}: {
  data: FunnelView;
  narrow: boolean;
  stageLabel: (s: FunnelStage) => string;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => funnelRows(data.stages), [data.stages]);
  const funnelOption = useMemo(() => funnelChartOption(data.stages, stageLabel), [data.stages, stageLabel]);
  const domainOption = useMemo(
    () =>
      breakdownChartOption(
        data.byDomain,
        (r) => r.domain,
        (c) => label('domains', c),
        stageLabel,
        narrow,
      ),
    [data.byDomain, stageLabel, narrow],
  );
  const districtOption = useMemo(
    () =>
      breakdownChartOption(
        data.byDistrict,
        (r) => r.district,
        (c) => label('districts', c),
        stageLabel,
        narrow,
      ),
    [data.byDistrict, stageLabel, narrow],
  );
  const days = t('staff.dashboard.days');
  const stageColumns = [
    t('staff.dashboard.stageColumn'),
    t('staff.dashboard.count'),
    t('staff.dashboard.ofPrevious'),
    t('staff.dashboard.ofPublished'),
  ];
  const breakdownColumns = (first: string) => [
    first,
    ...rows.map((r) => stageLabel(r.stage)),
    t('staff.dashboard.medianDays'),
  ];
  const breakdownRows = <R extends FunnelView['byDomain'][number] | FunnelView['byDistrict'][number]>(
    list: R[],
    name: (r: R) => string,
  ) =>
    list.map((r) => [
      name(r),
      r.published,
      r.withProposals,
      r.awarded,
      r.accepted,
      r.demonstration,
      formatDays(r.medianDaysToAward, days),
    ]);
  const h2 = (text: string) => (
    <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
      {text}
    </Typography.Title>
  );

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {rows.map((r) => (
          <Col key={r.stage} xs={12} sm={8} lg={4}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={stageLabel(r.stage)} value={r.count} />
              {r.ofPrevious !== null && (
                <Typography.Text type="secondary">
                  {t('staff.dashboard.conversion', { value: percent(r.ofPrevious) })}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
        <Col xs={24} sm={16} lg={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('staff.dashboard.timeToAward')} value={formatDays(data.timeToAward.medianDays, days)} />
            <Typography.Text type="secondary">
              {t('staff.dashboard.p90', {
                value: formatDays(data.timeToAward.p90Days, days),
                count: data.timeToAward.count,
              })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={h2(t('staff.dashboard.funnel'))}>
            <EChart
              option={funnelOption}
              ariaLabel={t('staff.dashboard.funnelAria')}
              height={narrow ? 260 : 320}
              table={{
                caption: t('staff.dashboard.funnel'),
                columns: stageColumns,
                rows: rows.map((r) => [stageLabel(r.stage), r.count, percent(r.ofPrevious), percent(r.ofPublished)]),
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={h2(t('staff.dashboard.byDomain'))}>
            <EChart
              option={domainOption}
              ariaLabel={t('staff.dashboard.byDomainAria')}
              height={narrow ? Math.max(240, data.byDomain.length * 70) : 320}
              table={{
                caption: t('staff.dashboard.byDomain'),
                columns: breakdownColumns(t('staff.dashboard.domain')),
                rows: breakdownRows(data.byDomain, (r) => label('domains', r.domain)),
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={h2(t('staff.dashboard.byDistrict'))}>
            <EChart
              option={districtOption}
              ariaLabel={t('staff.dashboard.byDistrictAria')}
              height={narrow ? Math.max(240, data.byDistrict.length * 70) : 340}
              table={{
                caption: t('staff.dashboard.byDistrict'),
                columns: breakdownColumns(t('staff.dashboard.district')),
                rows: breakdownRows(data.byDistrict, (r) => label('districts', r.district)),
              }}
            />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('staff.dashboard.generatedAt', { at: formatDateTime(data.generatedAt) })}
      </Typography.Paragraph>
    </>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const queue = useVettingQueue();
  const links: { to: string; label: string; count?: number }[] = [
    { to: '/staff/vetting', label: t('staff.nav.vetting'), count: queue.data?.length },
    { to: '/staff/batches', label: t('staff.nav.batches') },
    { to: '/staff/scenarios', label: t('staff.nav.scenarios') },
    { to: '/staff/organisations', label: t('staff.nav.organisations') },
    { to: '/staff/notifications', label: t('staff.nav.notifications') },
    { to: '/staff/audit', label: t('staff.nav.audit') },
    { to: '/staff/imports', label: t('staff.nav.imports') },
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.dashboard.quickLinks')}
        </Typography.Title>
      }
    >
      <nav aria-label={t('staff.dashboard.quickLinks')}>
        <Space wrap size={[16, 8]}>
          {links.map((l) => (
            <StaffLink key={l.to} to={l.to}>
              {l.label}
              {l.count !== undefined && l.count > 0 && (
                <Badge
                  count={l.count}
                  size="small"
                  style={{ marginInlineStart: 4 }}
                  title={t('staff.dashboard.waiting', { count: l.count })}
                />
              )}
            </StaffLink>
          ))}
          {/* A plain link: the queue dashboard is served by the API and reads the cookie set at login. */}
          <a href="/admin/queues" target="_blank" rel="noreferrer">
            {t('staff.dashboard.queues')}
          </a>
        </Space>
      </nav>
    </Card>
  );
}
