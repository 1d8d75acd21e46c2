import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { StaffPage } from '../components/StaffPage';
import { fetchers, keys, useApprovedScenarios } from '../api';
import { scenarioOptionLabel } from '../staffLists';
import type { BatchDetail, BatchView } from '../types';
import { StaffTable } from '../components/StaffTable';
import { StaffLink } from '../components/StaffLink';
import { ToneTag, ScenarioStatusTag, type Tone } from '../components/ToneTag';

const BATCH_COLOURS: Record<string, Tone> = { draft: 'default', scheduled: 'blue', published: 'green' };

export function BatchStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={BATCH_COLOURS[status] ?? 'default'}>
      {t(`staff.batches.status.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

export function BatchesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const batches = useQuery({ queryKey: keys.batches, queryFn: fetchers.batches });
  // Without a choice, the batch being put together (else the newest) is open.
  const newest = [...(batches.data ?? [])].sort((a, b) => b.year - a.year || b.number - a.number);
  const selected = params.get('batch') ?? (newest.find((b) => b.status !== 'published') ?? newest[0])?.id ?? null;
  const select = (id: string) => setParams({ batch: id }, { replace: true });

  return (
    <StaffPage title={t('staff.batches.title')} intro={t('staff.batches.intro')}>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <CreateBatch onCreated={(b) => select(b.id)} />
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
            {t('staff.batches.list')}
          </Typography.Title>
          <QueryState query={batches} isEmpty={(d) => d.length === 0}>
            {(list) => (
              <StaffTable<BatchView>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={[...list].sort((a, b) => b.year - a.year || b.number - a.number)}
                rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
                columns={[
                  {
                    title: t('staff.batches.batch'),
                    dataIndex: 'title',
                    render: (title: string, r) => (
                      <Button
                        type="link"
                        style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                        onClick={() => select(r.id)}
                      >
                        {title}
                      </Button>
                    ),
                  },
                  {
                    title: t('staff.batches.statusLabel'),
                    dataIndex: 'status',
                    render: (s: string) => <BatchStatusTag status={s} />,
                  },
                  {
                    title: t('staff.batches.when'),
                    key: 'when',
                    render: (_, r) => formatDateTime(r.publishedAt ?? r.publishAt),
                  },
                ]}
              />
            )}
          </QueryState>
        </Col>
        <Col xs={24} lg={14}>
          {selected ? (
            <BatchPanel id={selected} />
          ) : (
            <Card>
              <Empty description={t('staff.batches.pick')} />
            </Card>
          )}
        </Col>
      </Row>
    </StaffPage>
  );
}

function CreateBatch({ onCreated }: { onCreated: (b: BatchView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ year: number }>();
  const [errors, setErrors] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (v: { year: number }) => api.post<BatchView>('/batches', { year: v.year }),
    onSuccess: (b) => {
      setErrors([]);
      void message.success(t('staff.batches.created', { title: b.title }));
      void queryClient.invalidateQueries({ queryKey: keys.batches });
      onCreated(b);
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.batches.create')}
        </Typography.Title>
      }
    >
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ year: dayjs().year() }} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          label={t('staff.batches.year')}
          name="year"
          rules={[{ required: true, message: t('staff.batches.yearRequired') }]}
          extra={t('staff.batches.yearHint')}
        >
          <InputNumber min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('staff.batches.createButton')}
        </Button>
      </Form>
    </Card>
  );
}

function BatchPanel({ id }: { id: string }) {
  const batch = useQuery({ queryKey: keys.batch(id), queryFn: () => fetchers.batch(id) });
  return (
    <Card>
      <QueryState query={batch}>{(b) => <BatchDetailView batch={b} />}</QueryState>
    </Card>
  );
}

function BatchDetailView({ batch }: { batch: BatchDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<string[]>([]);
  const editable = batch.status === 'draft';
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });
  const onError = (e: unknown) => setErrors([e instanceof Error ? e.message : String(e)]);

  const remove = useMutation({
    mutationFn: (scenarioId: string) => api.delete<BatchDetail>(`/batches/${batch.id}/scenarios/${scenarioId}`),
    onSuccess: () => {
      setErrors([]);
      void message.success(t('staff.batches.removed'));
      void refresh();
    },
    onError,
  });
  const unschedule = useMutation({
    mutationFn: () => api.post<BatchDetail>(`/batches/${batch.id}/unschedule`),
    onSuccess: () => {
      setErrors([]);
      void message.success(t('staff.batches.unscheduled'));
      void refresh();
    },
    onError,
  });

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }} className="wrap-anywhere">
        {batch.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'status', label: t('staff.batches.statusLabel'), children: <BatchStatusTag status={batch.status} /> },
          { key: 'count', label: t('staff.batches.count'), children: batch.scenarios.length },
          { key: 'publishAt', label: t('staff.batches.publishAt'), children: formatDateTime(batch.publishAt) },
          { key: 'publishedAt', label: t('staff.batches.publishedAt'), children: formatDateTime(batch.publishedAt) },
        ]}
      />
      {batch.publicationError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBlock: 12 }}
          title={t('staff.batches.publicationFailed')}
          description={`${batch.publicationError.code}${batch.publicationError.at ? ` · ${formatDateTime(batch.publicationError.at)}` : ''}`}
        />
      )}
      <FormErrors messages={errors} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('staff.batches.scenarios')}
      </Typography.Title>
      <StaffTable
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={batch.scenarios}
        locale={{ emptyText: t('staff.batches.noScenarios') }}
        columns={[
          {
            title: t('staff.field.title'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <span className="wrap-anywhere">
                <StaffLink to={`/staff/scenarios/${r.id}`}>{title}</StaffLink>
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
            title: t('staff.field.proposalDeadline'),
            dataIndex: 'proposalDeadline',
            render: (d: string | null) => formatDateTime(d),
          },
          ...(editable
            ? [
                {
                  title: t('staff.common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: { id: string; title: string }) => (
                    <Button
                      size="small"
                      danger
                      loading={remove.isPending && remove.variables === r.id}
                      onClick={() => remove.mutate(r.id)}
                      aria-label={t('staff.batches.removeNamed', { title: r.title })}
                    >
                      {t('staff.batches.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && <AddScenarios batch={batch} />}
      {editable && <PublishBatch batch={batch} />}
      {batch.status === 'scheduled' && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => unschedule.mutate()} loading={unschedule.isPending}>
            {t('staff.batches.unschedule')}
          </Button>
        </Space>
      )}
    </div>
  );
}

function AddScenarios({ batch }: { batch: BatchDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const approved = useApprovedScenarios();
  const [form] = Form.useForm<{ scenarioIds: string[] }>();
  const [errors, setErrors] = useState<string[]>([]);
  const inBatch = useMemo(() => new Set(batch.scenarios.map((s) => s.id)), [batch.scenarios]);
  // Approved and in no batch yet (the API lists only approved ones; a batch's own are filtered too).
  const candidates = (approved.data ?? []).filter((s) => !s.batchId && !inBatch.has(s.id));
  const add = useMutation({
    mutationFn: (v: { scenarioIds: string[] }) => api.post<BatchDetail>(`/batches/${batch.id}/scenarios`, v),
    onSuccess: () => {
      setErrors([]);
      form.resetFields();
      void message.success(t('staff.batches.added'));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('staff.batches.add')}
      </Typography.Title>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          label={t('staff.batches.approvedScenarios')}
          name="scenarioIds"
          rules={[{ required: true, message: t('staff.batches.pickScenarios') }]}
          extra={
            approved.isPending
              ? t('common.state.loading')
              : approved.isError
                ? t('common.state.error')
                : t('staff.batches.approvedHint', { count: candidates.length })
          }
        >
          <Select
            mode="multiple"
            loading={approved.isPending}
            optionFilterProp="label"
            notFoundContent={t('staff.batches.noApproved')}
            options={candidates.map((s) => ({ value: s.id, label: scenarioOptionLabel(s) }))}
          />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('staff.batches.addButton')}
        </Button>
      </Form>
    </>
  );
}

function PublishBatch({ batch }: { batch: BatchDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ at?: Dayjs | null }>();
  const [errors, setErrors] = useState<string[]>([]);
  const publish = useMutation({
    mutationFn: (at?: string) => api.post<BatchDetail>(`/batches/${batch.id}/publish`, at ? { at } : {}),
    onSuccess: (b) => {
      setErrors([]);
      void message.success(b.status === 'scheduled' ? t('staff.batches.scheduled') : t('staff.batches.published'));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => {
      const rest = applyApiError(form, e);
      setErrors(e instanceof ApiError && e.fieldErrors.length === 0 ? [e.message] : rest);
    },
  });
  const empty = batch.scenarios.length === 0;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('staff.batches.publish')}
        </Typography.Title>
      }
    >
      <FormErrors messages={errors} />
      {empty && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('staff.batches.emptyBatch')} />}
      <Space wrap align="start">
        <Popconfirm
          title={t('staff.batches.confirmPublish', { count: batch.scenarios.length })}
          okText={t('staff.batches.confirmPublishOk')}
          cancelText={t('common.action.cancel')}
          onConfirm={() => publish.mutate(undefined)}
          disabled={empty}
        >
          <Button type="primary" disabled={empty} loading={publish.isPending && !publish.variables}>
            {t('staff.batches.publishNow')}
          </Button>
        </Popconfirm>
      </Space>
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(v) => v.at && publish.mutate(v.at.toISOString())}
      >
        <Form.Item
          label={t('staff.batches.scheduleAt')}
          name="at"
          rules={[{ required: true, message: t('staff.batches.scheduleRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%', maxWidth: 260 }}
          />
        </Form.Item>
        <Button htmlType="submit" disabled={empty} loading={publish.isPending && !!publish.variables}>
          {t('staff.batches.schedule')}
        </Button>
      </Form>
    </Card>
  );
}
