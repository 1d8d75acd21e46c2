import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Col, DatePicker, Descriptions, Form, Input, Row, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { StaffPage } from '../components/StaffPage';
import { keys } from '../api';
import type { AuditRecord, AuditVerifyReport, Page } from '../types';
import { auditQuery, type AuditFilters } from './auditQuery';
import { StaffTable } from '../components/StaffTable';
import { ToneTag } from '../components/ToneTag';

/** Object types the platform audits (for suggestions; any text is accepted). */
const OBJECT_TYPES = [
  'scenario',
  'scenario_batch',
  'scenario_question',
  'proposal',
  'evaluation',
  'award_decision',
  'objection',
  'delivery',
  'delivery_milestone',
  'organisation',
  'user',
  'vendor_profile',
  'import',
  'webhook_endpoint',
  'webhook_delivery',
  'taxonomy',
  'system',
];

interface FilterForm {
  objectType?: string;
  objectId?: string;
  actorUserId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  // A link may name what to show (`?objectType=scenario&objectId=…`, `?actorUserId=…`); scenarios otherwise.
  const [params] = useSearchParams();
  const [initial] = useState<AuditFilters>(() => {
    const fromUrl = {
      objectType: params.get('objectType') ?? undefined,
      objectId: params.get('objectId') ?? undefined,
      actorUserId: params.get('actorUserId') ?? undefined,
    };
    return fromUrl.objectType || fromUrl.actorUserId ? fromUrl : { objectType: 'scenario' };
  });
  const [filters, setFilters] = useState<AuditFilters>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const query = auditQuery(filters);
  const records = useInfiniteQuery({
    queryKey: keys.audit(query),
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditRecord>>('/audit/records', { ...query, limit: 50, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerifyReport>('/audit/verify') });

  const shownErrors = records.isError ? errors : [];
  const apply = (v: FilterForm) => {
    setErrors([]);
    form.setFields((['objectType', 'objectId', 'actorUserId', 'range'] as const).map((name) => ({ name, errors: [] })));
    setFilters({
      objectType: v.objectType?.trim() || undefined,
      objectId: v.objectId?.trim() || undefined,
      actorUserId: v.actorUserId?.trim() || undefined,
      from: v.range?.[0]?.startOf('day').toISOString(),
      to: v.range?.[1]?.endOf('day').toISOString(),
    });
  };
  useEffect(() => {
    // Filter errors from the API (a bad id, a date) go next to the fields; the rest above the form.
    if (records.error) setErrors(applyApiError(form, records.error));
  }, [records.error, form]);

  const items = records.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <StaffPage
      title={t('staff.audit.title')}
      intro={t('staff.audit.intro')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('staff.audit.verify')}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          title={
            verify.data.ok
              ? t('staff.audit.intact', { count: verify.data.checked })
              : t('staff.audit.tampered', {
                  id: verify.data.firstTampered?.id,
                  reason: t(`staff.audit.reason.${verify.data.firstTampered?.reason}`),
                })
          }
          description={
            verify.data.head
              ? t('staff.audit.head', { id: verify.data.head.id, hash: verify.data.head.hash })
              : undefined
          }
        />
      )}
      {verify.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={(verify.error as Error).message} />
      )}
      <FormErrors messages={shownErrors} />
      <Form form={form} layout="vertical" onFinish={apply} initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item
              label={t('staff.audit.objectType')}
              name="objectType"
              dependencies={['actorUserId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    !value?.trim() && !getFieldValue('actorUserId')?.trim()
                      ? Promise.reject(new Error(t('staff.audit.typeOrActor')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <AutoComplete
                allowClear
                options={OBJECT_TYPES.map((v) => ({
                  value: v,
                  label: `${t(`staff.audit.type.${v}`, { defaultValue: v })}（${v}）`,
                }))}
                filterOption={(input, option) =>
                  String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input)
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item
              label={t('staff.audit.objectId')}
              name="objectId"
              dependencies={['objectType']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    value?.trim() && !getFieldValue('objectType')?.trim()
                      ? Promise.reject(new Error(t('staff.audit.objectIdNeedsType')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input allowClear spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item label={t('staff.audit.actor')} name="actorUserId">
              <Input allowClear spellCheck={false} placeholder="UUID" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('staff.audit.period')} name="range">
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={3} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t('common.action.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    apply({ objectType: 'scenario' });
                  }}
                >
                  {t('common.action.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.audit.records')}
      </Typography.Title>
      <QueryState query={records} isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}>
        {() => (
          <>
            <StaffTable<AuditRecord>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={items}
              expandable={{ expandedRowRender: (r) => <RecordDetails record={r} /> }}
              columns={[
                { title: t('staff.audit.id'), dataIndex: 'id' },
                {
                  title: t('staff.audit.occurredAt'),
                  dataIndex: 'occurredAt',
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('staff.audit.action'),
                  dataIndex: 'action',
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('staff.audit.object'),
                  key: 'object',
                  render: (_, r) => (
                    <span>
                      {t(`staff.audit.type.${r.objectType}`, { defaultValue: r.objectType })}
                      <Typography.Text
                        type="secondary"
                        style={{ display: 'block', fontSize: 12 }}
                        copyable={{ text: r.objectId }}
                      >
                        {r.objectId.length > 12 ? `${r.objectId.slice(0, 8)}…` : r.objectId}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('staff.audit.actor'),
                  key: 'actor',
                  render: (_, r) =>
                    r.actorUserId ? (
                      <span>
                        {r.actorRole ? t(`common.role.${r.actorRole}`, { defaultValue: r.actorRole }) : '—'}
                        <Typography.Text
                          type="secondary"
                          style={{ display: 'block', fontSize: 12 }}
                          copyable={{ text: r.actorUserId }}
                        >
                          {r.actorUserId.slice(0, 8)}…
                        </Typography.Text>
                      </span>
                    ) : (
                      <ToneTag>{t('staff.audit.system')}</ToneTag>
                    ),
                },
              ]}
            />
            {records.hasNextPage && (
              <Button
                style={{ marginTop: 12 }}
                onClick={() => void records.fetchNextPage()}
                loading={records.isFetchingNextPage}
              >
                {t('staff.audit.older')}
              </Button>
            )}
          </>
        )}
      </QueryState>
    </StaffPage>
  );
}

function RecordDetails({ record: r }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const json = (v: unknown) => (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, maxWidth: '80vw' }}>
      {v === null ? '—' : JSON.stringify(v, null, 2)}
    </pre>
  );
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        {
          key: 'objectId',
          label: t('staff.audit.objectId'),
          children: <Typography.Text code>{r.objectId}</Typography.Text>,
        },
        { key: 'actor', label: t('staff.audit.actor'), children: r.actorUserId ?? t('staff.audit.system') },
        { key: 'org', label: t('staff.audit.actorOrganisation'), children: r.actorOrganisationId ?? '—' },
        { key: 'before', label: t('staff.audit.before'), children: json(r.before) },
        { key: 'after', label: t('staff.audit.after'), children: json(r.after) },
        { key: 'requestId', label: t('staff.audit.requestId'), children: r.requestId },
        { key: 'clientIp', label: t('staff.audit.clientIp'), children: r.clientIp ?? '—' },
        {
          key: 'prevHash',
          label: t('staff.audit.prevHash'),
          children: <code style={{ wordBreak: 'break-all' }}>{r.prevHash}</code>,
        },
        {
          key: 'hash',
          label: t('staff.audit.hash'),
          children: <code style={{ wordBreak: 'break-all' }}>{r.hash}</code>,
        },
      ]}
    />
  );
}
