import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { StaffPage } from '../components/StaffPage';
import { keys, useOrganisationNames } from '../api';
import type { EmailDeliveryView, Page, WebhookDeliveryView } from '../types';
import { StaffTable } from '../components/StaffTable';
import { ToneTag, type Tone } from '../components/ToneTag';
import { LoadMore } from '../../../components/LoadMore';

const EMAIL_STATUSES = ['failed', 'pending', 'sent', 'digest_pending', 'skipped'] as const;
const WEBHOOK_STATUSES = ['failed', 'dead', 'pending', 'delivered'] as const;
const COLOURS: Record<string, Tone> = {
  failed: 'red',
  dead: 'magenta',
  pending: 'blue',
  sent: 'green',
  delivered: 'green',
  digest_pending: 'default',
  skipped: 'default',
};

function StatusTagOf({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={COLOURS[status] ?? 'default'}>
      {t(`staff.notifications.status.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('channel') === 'webhook' ? 'webhook' : 'email';
  return (
    <StaffPage title={t('staff.notifications.title')} intro={t('staff.notifications.intro')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ channel: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'email', label: t('staff.notifications.email'), children: <EmailDeliveries /> },
          { key: 'webhook', label: t('staff.notifications.webhook'), children: <WebhookDeliveries /> },
        ]}
      />
    </StaffPage>
  );
}

function StatusFilter({
  id,
  value,
  onChange,
  statuses,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  statuses: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical">
      <Form.Item label={t('staff.notifications.statusFilter')} style={{ maxWidth: 260 }} htmlFor={id}>
        <Select
          id={id}
          value={value}
          onChange={onChange}
          options={statuses.map((s) => ({ value: s, label: t(`staff.notifications.status.${s}`) }))}
        />
      </Form.Item>
    </Form>
  );
}

function useRetry(path: (id: string) => string, invalidate: readonly unknown[]) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: (id: string) => api.post(path(id)),
    onSuccess: () => {
      setError(null);
      void message.success(t('staff.notifications.retried'));
      void queryClient.invalidateQueries({ queryKey: invalidate });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  return { retry, error };
}

function EmailDeliveries() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('failed');
  const list = useInfiniteQuery({
    queryKey: keys.emailDeliveries(status),
    queryFn: ({ pageParam }) =>
      api.get<Page<EmailDeliveryView>>('/admin/notification-deliveries', { status, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { retry, error } = useRetry(
    (id) => `/admin/notification-deliveries/${id}/retry`,
    ['staff', 'email-deliveries'],
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <StatusFilter id="email-status" value={status} onChange={setStatus} statuses={EMAIL_STATUSES} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.notifications.emailList')}
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />}
      <QueryState
        query={list}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Typography.Paragraph>{t('staff.notifications.none')}</Typography.Paragraph>}
      >
        {() => (
          <>
            <StaffTable<EmailDeliveryView>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={items}
              columns={[
                {
                  title: t('staff.notifications.createdAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => formatDateTime(v),
                },
                { title: t('staff.notifications.recipient'), dataIndex: 'recipientEmail' },
                {
                  title: t('staff.notifications.type'),
                  dataIndex: 'type',
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('staff.notifications.statusFilter'),
                  dataIndex: 'status',
                  render: (s: string) => <StatusTagOf status={s} />,
                },
                {
                  title: t('staff.notifications.attempts'),
                  key: 'attempts',
                  render: (_, d) =>
                    t('staff.notifications.attemptsValue', { attempts: d.attempts, retries: d.retries }),
                },
                {
                  title: t('staff.notifications.lastError'),
                  dataIndex: 'lastError',
                  render: (v: string | null) => (
                    <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 320 }}>
                      {v ?? '—'}
                    </span>
                  ),
                },
                {
                  title: t('staff.common.actions'),
                  key: 'retry',
                  render: (_, d) =>
                    d.status === 'failed' ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={retry.isPending && retry.variables === d.id}
                        onClick={() => retry.mutate(d.id)}
                        aria-label={t('staff.notifications.retryNamed', { to: d.recipientEmail })}
                      >
                        {t('staff.notifications.retry')}
                      </Button>
                    ) : null,
                },
              ]}
            />
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function WebhookDeliveries() {
  const { t } = useTranslation();
  const names = useOrganisationNames();
  const [status, setStatus] = useState<string>('failed');
  const list = useInfiniteQuery({
    queryKey: keys.webhookDeliveries(status),
    queryFn: ({ pageParam }) =>
      api.get<Page<WebhookDeliveryView>>('/admin/webhook-deliveries', { status, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { retry, error } = useRetry((id) => `/admin/webhook-deliveries/${id}/retry`, ['staff', 'webhook-deliveries']);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <StatusFilter id="webhook-status" value={status} onChange={setStatus} statuses={WEBHOOK_STATUSES} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.notifications.webhookList')}
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />}
      <QueryState
        query={list}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Typography.Paragraph>{t('staff.notifications.none')}</Typography.Paragraph>}
      >
        {() => (
          <>
            <StaffTable<WebhookDeliveryView>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={items}
              columns={[
                {
                  title: t('staff.notifications.createdAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('staff.notifications.organisation'),
                  dataIndex: 'organisationId',
                  render: (id: string) => names.data?.get(id) ?? id,
                },
                {
                  title: t('staff.notifications.url'),
                  dataIndex: 'url',
                  render: (v: string) => (
                    <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 260 }}>
                      {v}
                    </span>
                  ),
                },
                {
                  title: t('staff.notifications.type'),
                  dataIndex: 'type',
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('staff.notifications.statusFilter'),
                  dataIndex: 'status',
                  render: (s: string) => <StatusTagOf status={s} />,
                },
                {
                  title: t('staff.notifications.lastResult'),
                  key: 'last',
                  render: (_, d) => (
                    <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 280 }}>
                      {d.lastStatusCode ? `HTTP ${d.lastStatusCode} ` : ''}
                      {d.lastError ?? (d.lastStatusCode ? '' : '—')}
                    </span>
                  ),
                },
                { title: t('staff.notifications.attempts'), dataIndex: 'attempts' },
                {
                  title: t('staff.common.actions'),
                  key: 'retry',
                  render: (_, d) =>
                    d.status === 'failed' || d.status === 'dead' ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={retry.isPending && retry.variables === d.id}
                        onClick={() => retry.mutate(d.id)}
                        aria-label={t('staff.notifications.retryNamed', { to: d.url })}
                      >
                        {t('staff.notifications.retry')}
                      </Button>
                    ) : null,
                },
              ]}
            />
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
    </div>
  );
}
