import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { StaffPage } from '../components/StaffPage';
import { keys } from '../api';
import type { OrganisationView, Page } from '../types';
import { StaffTable } from '../components/StaffTable';
import { ToneTag, type Tone } from '../components/ToneTag';
import { LoadMore } from '../../../components/LoadMore';

const STATUS_COLOURS: Record<string, Tone> = { pending: 'orange', verified: 'green', rejected: 'red' };

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'verified' | 'rejected' | ''>('pending');
  const [type, setType] = useState<'' | 'agency' | 'vendor' | 'enablement_centre'>('');
  const [rejecting, setRejecting] = useState<OrganisationView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const list = useInfiniteQuery({
    queryKey: keys.organisations(status, type),
    queryFn: ({ pageParam }) =>
      api.get<Page<OrganisationView>>('/organisations', {
        status: status || undefined,
        type: type || undefined,
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const verify = useMutation({
    mutationFn: (org: OrganisationView) => api.post<OrganisationView>(`/organisations/${org.id}/verify`),
    onSuccess: (org) => {
      setError(null);
      void message.success(t('staff.organisations.verified', { name: org.nameZh }));
      void queryClient.invalidateQueries({ queryKey: ['staff', 'organisations'] });
      void queryClient.invalidateQueries({ queryKey: keys.organisationNames });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <StaffPage title={t('staff.organisations.title')} intro={t('staff.organisations.intro')}>
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('staff.organisations.status')} htmlFor="organisation-status">
              <Select
                id="organisation-status"
                value={status}
                onChange={setStatus}
                options={[
                  { value: 'pending', label: t('staff.organisations.statuses.pending') },
                  { value: 'verified', label: t('staff.organisations.statuses.verified') },
                  { value: 'rejected', label: t('staff.organisations.statuses.rejected') },
                  { value: '', label: t('staff.dashboard.all') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('staff.organisations.type')} htmlFor="organisation-type">
              <Select
                id="organisation-type"
                value={type}
                onChange={setType}
                options={[
                  { value: '', label: t('staff.dashboard.all') },
                  { value: 'agency', label: t('staff.organisations.types.agency') },
                  { value: 'vendor', label: t('staff.organisations.types.vendor') },
                  { value: 'enablement_centre', label: t('staff.organisations.types.enablement_centre') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.organisations.list')}
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />}
      <QueryState
        query={list}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Typography.Paragraph>{t('staff.organisations.empty')}</Typography.Paragraph>}
      >
        {() => (
          <>
            <StaffTable<OrganisationView>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={items}
              columns={[
                {
                  title: t('staff.organisations.name'),
                  dataIndex: 'nameZh',
                  render: (name: string, o) => (
                    <span className="wrap-anywhere">
                      {name}
                      {o.nameEn && (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {o.nameEn}
                        </Typography.Text>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('staff.organisations.type'),
                  dataIndex: 'type',
                  render: (v: string) => t(`staff.organisations.types.${v}`),
                },
                {
                  title: t('staff.organisations.uscc'),
                  dataIndex: 'uscc',
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('staff.field.district'),
                  dataIndex: 'districtCode',
                  render: (v: string) => label('districts', v),
                },
                {
                  title: t('staff.organisations.contact'),
                  key: 'contact',
                  render: (_, o) => (
                    <span>
                      {o.contactName}
                      <br />
                      {o.contactPhone}
                      <br />
                      <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
                    </span>
                  ),
                },
                {
                  title: t('staff.organisations.registeredAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('staff.organisations.status'),
                  key: 'status',
                  render: (_, o) => (
                    <Space orientation="vertical" size={2}>
                      <ToneTag tone={STATUS_COLOURS[o.status]}>{t(`staff.organisations.statuses.${o.status}`)}</ToneTag>
                      {o.statusReason && <Typography.Text type="secondary">{o.statusReason}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('staff.common.actions'),
                  key: 'actions',
                  render: (_, o) =>
                    o.status === 'pending' ? (
                      <Space wrap>
                        <Popconfirm
                          title={t('staff.organisations.confirmVerify', { name: o.nameZh })}
                          okText={t('staff.organisations.verify')}
                          cancelText={t('common.action.cancel')}
                          onConfirm={() => verify.mutate(o)}
                        >
                          <Button
                            type="primary"
                            size="small"
                            loading={verify.isPending && verify.variables?.id === o.id}
                            aria-label={t('staff.organisations.verifyNamed', { name: o.nameZh })}
                          >
                            {t('staff.organisations.verify')}
                          </Button>
                        </Popconfirm>
                        <Button
                          danger
                          size="small"
                          onClick={() => setRejecting(o)}
                          aria-label={t('staff.organisations.rejectNamed', { name: o.nameZh })}
                        >
                          {t('staff.organisations.reject')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
      {rejecting && <RejectModal organisation={rejecting} onClose={() => setRejecting(null)} />}
    </StaffPage>
  );
}

function RejectModal({ organisation, onClose }: { organisation: OrganisationView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const reject = useMutation({
    mutationFn: (v: { reason: string }) => api.post<OrganisationView>(`/organisations/${organisation.id}/reject`, v),
    onSuccess: () => {
      void message.success(t('staff.organisations.rejected', { name: organisation.nameZh }));
      void queryClient.invalidateQueries({ queryKey: ['staff', 'organisations'] });
      onClose();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('staff.organisations.rejectTitle', { name: organisation.nameZh })}
      okText={t('staff.organisations.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.action.cancel')}
      confirmLoading={reject.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(v)}>
        <Form.Item
          label={t('staff.organisations.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('staff.organisations.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
