import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Select,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, downloadFile } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { useAuth } from '../../../auth/AuthContext';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDate, formatDateTime, formatYuan } from '../../../components/format';
import { useDelivery, useScenario, vendorKeys } from '../api';
import { PageTitle } from '../components/bits';
import { formatBytes } from '../lib/bytes';
import { vendorPaths } from '../paths';
import type { DeliveryMilestoneView, DeliveryView, MilestoneChangeView, ProgressReportView } from '../types';
import { ToneTag } from '../components/ToneTag';

const MILESTONE_TONES = { pending: 'blue', reported: 'orange', completed: 'green' } as const;

/** `/vendor/deliveries/:scenarioId`: the winning vendor's delivery — milestones, changes, progress reports. */
export function DeliveryPage() {
  const { t } = useTranslation();
  const { scenarioId = '' } = useParams();
  const overview = useDelivery(scenarioId);
  const scenario = useScenario(scenarioId);
  return (
    <>
      <PageTitle
        title={t('vendor.delivery.title')}
        subtitle={
          <>
            {scenario.data && (
              <Link to={vendorPaths.scenario(scenarioId)} className="wrap-anywhere" style={{ display: 'block' }}>
                {scenario.data.title}
              </Link>
            )}
            {t('vendor.delivery.intro')}
          </>
        }
      />
      <QueryState
        query={overview}
        isEmpty={(d) => d.deliveries.length === 0}
        empty={<Empty description={t('vendor.delivery.notStarted')} />}
      >
        {(d) => (
          <>
            {d.scenarioStatus !== 'in_delivery' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('vendor.delivery.closed', { status: t(`common.status.${d.scenarioStatus}`) })}
                description={
                  d.demonstration ? t('vendor.delivery.citation', { citation: d.demonstration.citation }) : undefined
                }
              />
            )}
            {d.deliveries.map((delivery) => (
              <DeliveryBlock key={delivery.id} delivery={delivery} active={d.scenarioStatus === 'in_delivery'} />
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}

function DeliveryBlock({ delivery, active }: { delivery: DeliveryView; active: boolean }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const isLead = me?.organisation?.id === delivery.leadOrganisationId && active;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'amount', label: t('vendor.delivery.amount'), children: formatYuan(delivery.amountYuan) },
            { key: 'started', label: t('vendor.delivery.startedAt'), children: formatDate(delivery.startedAt) },
            {
              key: 'members',
              label: t('vendor.delivery.members'),
              children: delivery.members
                .map((m) => `${m.nameZh}（${t(`vendor.role.${m.role}`)}）`)
                .join(t('vendor.common.listSep')),
            },
          ]}
        />
        {active && !isLead && <Typography.Text type="secondary">{t('vendor.delivery.leadOnly')}</Typography.Text>}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('vendor.delivery.milestones')}
          </Typography.Title>
          <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {delivery.milestones.map((m) => (
              <li key={m.id} style={{ marginBottom: 12 }}>
                <MilestoneCard milestone={m} scenarioId={delivery.scenarioId} isLead={isLead} />
              </li>
            ))}
          </ol>
        </Col>
        <Col xs={24} lg={10}>
          <Reports delivery={delivery} active={active} />
        </Col>
      </Row>
    </>
  );
}

function useRefreshDelivery(scenarioId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: vendorKeys.delivery(scenarioId) });
}

function MilestoneCard({
  milestone: m,
  scenarioId,
  isLead,
}: {
  milestone: DeliveryMilestoneView;
  scenarioId: string;
  isLead: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshDelivery(scenarioId);
  const [changing, setChanging] = useState(false);
  const pendingChange = m.changes.find((c) => c.status === 'proposed');
  const report = useMutation({
    mutationFn: () => api.post(`/scenarios/${scenarioId}/delivery/milestones/${m.id}/report`),
    onSuccess: () => {
      void message.success(t('vendor.delivery.reportedOk'));
      return refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Card size="small" data-testid="milestone">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }} className="wrap-anywhere">
          {t('vendor.delivery.milestoneLine', { seq: m.seq, title: m.title })}
        </Typography.Title>
        <Flex gap={4} wrap>
          <ToneTag tone={MILESTONE_TONES[m.status]}>{t(`vendor.delivery.milestoneStatus.${m.status}`)}</ToneTag>
          {m.overdue && <ToneTag tone="red">{t('vendor.delivery.overdue')}</ToneTag>}
        </Flex>
      </Flex>
      <Flex wrap gap={12} style={{ margin: '6px 0' }}>
        <Typography.Text>{t('vendor.delivery.due', { date: m.dueDate })}</Typography.Text>
        {m.paymentPercent !== null && (
          <Typography.Text type="secondary">
            {t('vendor.delivery.payment', { percent: m.paymentPercent })}
          </Typography.Text>
        )}
      </Flex>
      {m.deliverables && (
        <Typography.Paragraph type="secondary" className="wrap-anywhere" style={{ marginBottom: 8 }}>
          {m.deliverables}
        </Typography.Paragraph>
      )}
      {m.returnReason && m.status === 'pending' && (
        <Alert
          type="warning"
          showIcon
          title={t('vendor.delivery.returned', { reason: m.returnReason })}
          style={{ marginBottom: 8 }}
        />
      )}
      {m.changes.length > 0 && <ChangeList changes={m.changes} scenarioId={scenarioId} isLead={isLead} />}
      {isLead && m.status !== 'completed' && (
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          {m.status === 'pending' && (
            <Popconfirm title={t('vendor.delivery.reportConfirm')} onConfirm={() => report.mutate()}>
              <Button type="primary" loading={report.isPending}>
                {t('vendor.delivery.report')}
              </Button>
            </Popconfirm>
          )}
          {!pendingChange && (
            <Button aria-expanded={changing} onClick={() => setChanging((c) => !c)}>
              {t('vendor.delivery.proposeChange')}
            </Button>
          )}
        </Flex>
      )}
      {changing && !pendingChange && (
        <ChangeForm milestone={m} scenarioId={scenarioId} onDone={() => setChanging(false)} />
      )}
    </Card>
  );
}

function ChangeList({
  changes,
  scenarioId,
  isLead,
}: {
  changes: MilestoneChangeView[];
  scenarioId: string;
  isLead: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ background: '#fafafa', padding: 8, borderRadius: 6 }}>
      <Typography.Text strong>{t('vendor.delivery.changes')}</Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {changes.map((c) => (
          <li key={c.id} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
            <Flex wrap gap={4} align="center">
              <Tag style={{ marginInlineEnd: 0 }}>{t(`vendor.delivery.changeBy.${c.proposedByParty}`)}</Tag>
              <ToneTag tone={c.status === 'proposed' ? 'blue' : c.status === 'agreed' ? 'green' : 'default'}>
                {t(`vendor.delivery.changeStatus.${c.status}`)}
              </ToneTag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(c.proposedAt)}
              </Typography.Text>
            </Flex>
            {(Object.keys(c.changes) as (keyof typeof c.changes)[]).map((field) => (
              <div key={field} className="wrap-anywhere">
                {t('vendor.delivery.changeLine', {
                  field: t(`vendor.delivery.changeFields.${field}`),
                  before: c.before[field] ?? '—',
                  after: c.changes[field] ?? '—',
                })}
              </div>
            ))}
            <div className="wrap-anywhere">{t('vendor.delivery.changeReasonLine', { reason: c.reason })}</div>
            {c.answerComment && (
              <div className="wrap-anywhere">{t('vendor.delivery.answerComment', { comment: c.answerComment })}</div>
            )}
            {c.status === 'proposed' &&
              (c.proposedByParty === 'agency' ? (
                isLead && <AnswerChange change={c} scenarioId={scenarioId} />
              ) : (
                <Typography.Text type="secondary">{t('vendor.delivery.awaitingAgency')}</Typography.Text>
              ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AnswerChange({ change, scenarioId }: { change: MilestoneChangeView; scenarioId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshDelivery(scenarioId);
  const [refusing, setRefusing] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const agree = useMutation({
    mutationFn: () => api.post(`/scenarios/${scenarioId}/delivery/milestone-changes/${change.id}/agree`),
    onSuccess: () => {
      void message.success(t('vendor.delivery.agreed'));
      return refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const refuse = useMutation({
    mutationFn: (comment: string) =>
      api.post(`/scenarios/${scenarioId}/delivery/milestone-changes/${change.id}/refuse`, { comment }),
    onSuccess: () => {
      void message.success(t('vendor.delivery.refused'));
      return refresh();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <div style={{ marginTop: 6 }}>
      <Flex wrap gap={8}>
        <Button type="primary" size="small" loading={agree.isPending} onClick={() => agree.mutate()}>
          {t('vendor.delivery.agree')}
        </Button>
        <Button size="small" aria-expanded={refusing} onClick={() => setRefusing((r) => !r)}>
          {t('vendor.delivery.refuse')}
        </Button>
      </Flex>
      {refusing && (
        <Form form={form} layout="vertical" style={{ marginTop: 8 }} onFinish={(v) => refuse.mutate(v.comment)}>
          <FormErrors messages={errors} />
          <Form.Item
            label={t('vendor.delivery.refuseComment')}
            name="comment"
            rules={[{ required: true, whitespace: true, message: t('vendor.delivery.refuseCommentRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit" danger size="small" loading={refuse.isPending}>
            {t('vendor.delivery.refuse')}
          </Button>
        </Form>
      )}
    </div>
  );
}

interface ChangeFormValues {
  title?: string;
  dueDate?: Dayjs | null;
  deliverables?: string;
  reason?: string;
}

function ChangeForm({
  milestone: m,
  scenarioId,
  onDone,
}: {
  milestone: DeliveryMilestoneView;
  scenarioId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshDelivery(scenarioId);
  const [form] = Form.useForm<ChangeFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const propose = useMutation({
    mutationFn: (body: Record<string, string>) =>
      api.post(`/scenarios/${scenarioId}/delivery/milestones/${m.id}/changes`, body),
    onSuccess: () => {
      void message.success(t('vendor.delivery.changeSent'));
      onDone();
      return refresh();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const onFinish = (v: ChangeFormValues) => {
    const body: Record<string, string> = { reason: (v.reason ?? '').trim() };
    if (v.title && v.title.trim() !== m.title) body.title = v.title.trim();
    const due = v.dueDate?.format('YYYY-MM-DD');
    if (due && due !== m.dueDate) body.dueDate = due;
    if (v.deliverables !== undefined && v.deliverables !== m.deliverables) body.deliverables = v.deliverables;
    if (Object.keys(body).length === 1) {
      setErrors([t('vendor.delivery.changeNothing')]);
      return;
    }
    setErrors([]);
    propose.mutate(body);
  };
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
      initialValues={{ title: m.title, dueDate: dayjs(m.dueDate), deliverables: m.deliverables }}
      onFinish={onFinish}
    >
      <FormErrors messages={errors} />
      <Form.Item label={t('vendor.delivery.changeTitle')} name="title">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('vendor.delivery.changeDue')} name="dueDate">
        <DatePicker style={{ width: '100%', maxWidth: 240 }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label={t('vendor.delivery.changeDeliverables')} name="deliverables">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label={t('vendor.delivery.changeReason')}
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('vendor.delivery.changeReasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={propose.isPending}>
          {t('vendor.delivery.sendChange')}
        </Button>
        <Button onClick={onDone}>{t('common.action.cancel')}</Button>
      </Flex>
    </Form>
  );
}

interface ReportFormValues {
  text?: string;
  percentComplete?: number;
  milestoneId?: string;
}

function Reports({ delivery, active }: { delivery: DeliveryView; active: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshDelivery(delivery.scenarioId);
  const [form] = Form.useForm<ReportFormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const latest = delivery.reports[delivery.reports.length - 1];

  const create = useMutation({
    mutationFn: async (v: ReportFormValues) => {
      const body: Record<string, unknown> = { text: v.text ?? '', percentComplete: v.percentComplete ?? 0 };
      if (v.milestoneId) body.milestoneId = v.milestoneId;
      const report = await api.post<ProgressReportView>(`/scenarios/${delivery.scenarioId}/delivery/reports`, body);
      const failed: string[] = [];
      for (const f of files) {
        const data = new FormData();
        data.append('file', f.originFileObj as File);
        try {
          await api.upload(`/scenarios/${delivery.scenarioId}/delivery/reports/${report.id}/attachments`, data);
        } catch (e) {
          failed.push(t('vendor.delivery.reportFileFailed', { name: f.name, error: (e as Error).message }));
        }
      }
      return failed;
    },
    onSuccess: (failed) => {
      form.resetFields();
      setFiles([]);
      setErrors(failed);
      void message.success(t('vendor.delivery.reportSent'));
      return refresh();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('vendor.delivery.reports')}
      </Typography.Title>
      {active && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('vendor.delivery.newReport')}
          </Typography.Title>
          <FormErrors messages={errors} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ percentComplete: latest?.percentComplete ?? 0 }}
            onFinish={(v) => create.mutate(v)}
          >
            <Form.Item
              label={t('vendor.delivery.reportText')}
              name="text"
              rules={[{ required: true, whitespace: true, message: t('vendor.delivery.reportTextRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={10_000} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={10}>
                <Form.Item label={t('vendor.delivery.percent')} name="percentComplete">
                  <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={14}>
                <Form.Item label={t('vendor.delivery.milestone')} name="milestoneId">
                  <Select
                    allowClear
                    options={delivery.milestones.map((m) => ({ value: m.id, label: `${m.seq}. ${m.title}` }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('vendor.delivery.files')}>
              <Upload
                multiple
                fileList={files}
                beforeUpload={(file) => {
                  setFiles((f) => [...f, { uid: file.uid, name: file.name, originFileObj: file } as UploadFile]);
                  return false;
                }}
                onRemove={(file) => setFiles((f) => f.filter((x) => x.uid !== file.uid))}
              >
                <Button icon={<UploadOutlined aria-hidden />}>{t('vendor.delivery.chooseFiles')}</Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('vendor.delivery.sendReport')}
            </Button>
          </Form>
        </Card>
      )}
      {delivery.reports.length === 0 ? (
        <Typography.Text type="secondary">{t('vendor.delivery.noReports')}</Typography.Text>
      ) : (
        <ol reversed style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {[...delivery.reports].reverse().map((r) => (
            <li key={r.id} style={{ marginBottom: 12 }}>
              <ReportCard report={r} delivery={delivery} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function ReportCard({ report: r, delivery }: { report: ProgressReportView; delivery: DeliveryView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const milestone = delivery.milestones.find((m) => m.id === r.milestoneId);
  const author = delivery.members.find((m) => m.organisationId === r.organisationId);
  return (
    <Card size="small">
      <Typography.Text type="secondary">
        {t('vendor.delivery.reportAt', { date: formatDateTime(r.createdAt), percent: r.percentComplete })}
        {author ? ` · ${author.nameZh}` : ''}
      </Typography.Text>
      <Progress
        percent={r.percentComplete}
        size="small"
        aria-label={t('vendor.delivery.progressLabel', { percent: r.percentComplete })}
      />
      {milestone && <Tag style={{ marginBottom: 4 }}>{`${milestone.seq}. ${milestone.title}`}</Tag>}
      <Typography.Paragraph className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
        {r.text}
      </Typography.Paragraph>
      {r.attachments.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {r.attachments.map((a) => (
            <li key={a.id}>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                style={{ paddingInline: 0 }}
                onClick={() =>
                  void downloadFile(
                    `/scenarios/${delivery.scenarioId}/delivery/reports/${r.id}/attachments/${a.id}`,
                    a.fileName,
                  ).catch((e: Error) => message.error(e.message))
                }
              >
                {a.fileName} ({formatBytes(a.sizeBytes)})
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
