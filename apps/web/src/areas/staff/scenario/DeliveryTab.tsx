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
  Form,
  Input,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, downloadFile } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors } from '../../../components/QueryState';
import { formatDate, formatDateTime, formatYuan } from '../../../components/format';
import { keys, useAward, useDelivery } from '../api';
import type {
  AcceptanceRoundView,
  AcceptanceVerdict,
  DeliveryOverview,
  DeliveryView,
  MilestoneView,
  ScenarioView,
  TrialResultView,
} from '../types';
import { humaniseDates } from '../components/apiMessage';
import { acceptanceState, daysUntil, milestoneProgress, startGate, withUnit } from './deliveryState';
import { StaffTable } from '../components/StaffTable';
import { ToneTag, type Tone } from '../components/ToneTag';

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

export function DeliveryTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const delivery = useDelivery(scenario.id);
  const notStarted = delivery.error instanceof ApiError && delivery.error.status === 404;
  const overview = delivery.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(scenario.status === 'awarded' || notStarted) && <StartCard scenario={scenario} />}
      {delivery.isPending && <Card loading />}
      {delivery.isError && !notStarted && (
        <Alert type="error" showIcon title={t('common.state.error')} description={(delivery.error as Error).message} />
      )}
      {overview && (
        <>
          <DeliveriesCard overview={overview} scenarioId={scenario.id} />
          <TrialResultsCard overview={overview} scenario={scenario} />
          <AcceptanceCard overview={overview} scenarioId={scenario.id} />
          <DemonstrationCard overview={overview} scenarioId={scenario.id} />
        </>
      )}
    </Space>
  );
}

function StartCard({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const award = useAward(scenario.id, scenario.status === 'awarded');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const gate = startGate(scenario.status, award.data, new Date());
  const start = useMutation({
    mutationFn: () => api.post(`/scenarios/${scenario.id}/delivery/start`),
    onSuccess: () => {
      setError(null);
      void message.success(t('staff.delivery.started'));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => setError(e as Error),
  });
  if (scenario.status !== 'awarded')
    return (
      <Card title={h2(t('staff.delivery.start'))}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('staff.delivery.notAwarded', { status: t(`common.status.${scenario.status}`) })}
        </Typography.Paragraph>
      </Card>
    );
  const code = error instanceof ApiError ? error.code : null;
  return (
    <Card title={h2(t('staff.delivery.start'))}>
      {gate.block === 'standstill' && gate.standstillEndsAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('staff.delivery.gate.standstill', {
            at: formatDateTime(gate.standstillEndsAt),
            count: daysUntil(gate.standstillEndsAt, new Date()),
          })}
        />
      )}
      {gate.block === 'open_objections' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('staff.delivery.gate.objections', { count: gate.openObjections })}
        />
      )}
      {gate.block === 'no_winners' && award.data && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('staff.delivery.gate.noWinners')} />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={
            code === 'DELIVERY_STANDSTILL_NOT_ENDED'
              ? t('staff.delivery.refused.standstill')
              : code === 'DELIVERY_OPEN_OBJECTION'
                ? t('staff.delivery.refused.objection')
                : t('staff.delivery.refused.other')
          }
          description={humaniseDates(error.message)}
        />
      )}
      <Typography.Paragraph>{t('staff.delivery.startHint')}</Typography.Paragraph>
      <Popconfirm
        title={t('staff.delivery.confirmStart')}
        okText={t('staff.delivery.confirmStartOk')}
        cancelText={t('common.action.cancel')}
        onConfirm={() => start.mutate()}
      >
        <Button type="primary" loading={start.isPending}>
          {t('staff.delivery.startButton')}
        </Button>
      </Popconfirm>
    </Card>
  );
}

const MILESTONE_COLOURS: Record<string, Tone> = { pending: 'default', reported: 'blue', completed: 'green' };

function DeliveriesCard({ overview, scenarioId }: { overview: DeliveryOverview; scenarioId: string }) {
  const { t } = useTranslation();
  const progress = milestoneProgress(overview);
  return (
    <Card title={h2(t('staff.delivery.milestones'))}>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('staff.delivery.progress', progress)}</span>
        <Progress
          percent={progress.total ? Math.round((progress.completed / progress.total) * 100) : 0}
          size="small"
          style={{ width: 160, margin: 0 }}
          aria-label={t('staff.delivery.progress', progress)}
        />
        {progress.overdue > 0 && (
          <ToneTag tone="red">{t('staff.delivery.overdueCount', { count: progress.overdue })}</ToneTag>
        )}
      </Space>
      {overview.deliveries.map((d) => (
        <DeliveryBlock key={d.id} delivery={d} scenarioId={scenarioId} />
      ))}
    </Card>
  );
}

function DeliveryBlock({ delivery: d, scenarioId }: { delivery: DeliveryView; scenarioId: string }) {
  const { t } = useTranslation();
  const lead = d.members.find((m) => m.role === 'lead');
  const members = d.members.filter((m) => m.role === 'member').map((m) => m.nameZh);
  const milestoneTitle = new Map(d.milestones.map((m) => [m.id, m.title]));
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }} className="wrap-anywhere">
        {lead?.nameZh ?? d.leadOrganisationId}
        {members.length > 0 && `（${t('staff.delivery.members')}：${members.join('、')}）`}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('staff.delivery.amountStarted', { amount: formatYuan(d.amountYuan), at: formatDateTime(d.startedAt) })}
      </Typography.Paragraph>
      <StaffTable<MilestoneView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.milestones}
        columns={[
          { title: '#', dataIndex: 'seq', width: 40 },
          { title: t('staff.delivery.milestone'), dataIndex: 'title' },
          { title: t('staff.delivery.dueDate'), dataIndex: 'dueDate', render: (v: string) => formatDate(v) },
          {
            title: t('staff.delivery.deliverables'),
            dataIndex: 'deliverables',
            render: (v: string) => (
              <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 280 }}>
                {v}
              </span>
            ),
          },
          {
            title: t('staff.delivery.payment'),
            dataIndex: 'paymentPercent',
            render: (v: number | null) => (v === null ? '—' : `${v}%`),
          },
          {
            title: t('staff.field.status'),
            key: 'status',
            render: (_, m) => (
              <Space wrap size={4}>
                <ToneTag tone={MILESTONE_COLOURS[m.status]}>{t(`staff.delivery.milestoneStatus.${m.status}`)}</ToneTag>
                {m.overdue && <ToneTag tone="red">{t('staff.delivery.overdue')}</ToneTag>}
                {m.changes.some((c) => c.status === 'proposed') && (
                  <ToneTag tone="orange">{t('staff.delivery.changePending')}</ToneTag>
                )}
              </Space>
            ),
          },
          {
            title: t('staff.delivery.completedAt'),
            dataIndex: 'completedAt',
            render: (v: string | null, m) =>
              v ? formatDateTime(v) : m.returnReason ? t('staff.delivery.returned', { reason: m.returnReason }) : '—',
          },
        ]}
      />
      {d.reports.length > 0 && (
        <>
          <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>
            {t('staff.delivery.reports')}
          </Typography.Title>
          <ul style={{ paddingInlineStart: 18 }}>
            {d.reports.map((r) => (
              <li key={r.id} style={{ marginBottom: 8 }}>
                <div>
                  <strong>{formatDateTime(r.createdAt)}</strong> ·{' '}
                  {t('staff.delivery.percent', { value: r.percentComplete })}
                  {r.milestoneId && ` · ${milestoneTitle.get(r.milestoneId) ?? ''}`}
                </div>
                <div className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
                  {r.text}
                </div>
                {r.attachments.length > 0 && (
                  <Space wrap>
                    {r.attachments.map((a) => (
                      <Button
                        key={a.id}
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() =>
                          void downloadFile(
                            `/scenarios/${scenarioId}/delivery/reports/${r.id}/attachments/${a.id}`,
                            a.fileName,
                          )
                        }
                      >
                        {a.fileName}
                      </Button>
                    ))}
                  </Space>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface TrialForm {
  metric: string;
  measuredValue: string;
  met: boolean;
  method: string;
  notes?: string;
  measuredAt: Dayjs;
  deliveryId?: string;
}

function TrialResultsCard({ overview, scenario }: { overview: DeliveryOverview; scenario: ScenarioView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TrialForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const canRecord = overview.scenarioStatus === 'in_delivery';
  const record = useMutation({
    mutationFn: (v: TrialForm) =>
      api.post<TrialResultView>(`/scenarios/${scenario.id}/delivery/trial-results`, {
        metric: v.metric,
        measuredValue: v.measuredValue,
        met: !!v.met,
        method: v.method,
        notes: v.notes?.trim() || undefined,
        measuredAt: v.measuredAt.format('YYYY-MM-DDTHH:mm:ssZ'),
        ...(v.deliveryId ? { deliveryId: v.deliveryId } : {}),
      }),
    onSuccess: () => {
      setErrors([]);
      form.resetFields();
      void message.success(t('staff.trial.recorded'));
      void queryClient.invalidateQueries({ queryKey: keys.delivery(scenario.id) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Card title={h2(t('staff.trial.title'))}>
      <StaffTable<TrialResultView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={overview.trialResults}
        locale={{ emptyText: t('staff.trial.none') }}
        columns={[
          { title: t('staff.kpi.metric'), dataIndex: 'metric' },
          { title: t('staff.kpi.baseline'), key: 'b', render: (_, r) => withUnit(r.baseline, r.unit) },
          { title: t('staff.kpi.target'), key: 'tg', render: (_, r) => withUnit(r.target, r.unit) },
          { title: t('staff.trial.measured'), key: 'm', render: (_, r) => withUnit(r.measuredValue, r.unit) },
          {
            title: t('staff.trial.met'),
            dataIndex: 'met',
            render: (met: boolean) => (
              <ToneTag tone={met ? 'green' : 'red'}>{met ? t('staff.trial.yes') : t('staff.trial.no')}</ToneTag>
            ),
          },
          {
            title: t('staff.trial.method'),
            dataIndex: 'method',
            render: (v: string) => (
              <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 260 }}>
                {v}
              </span>
            ),
          },
          { title: t('staff.trial.measuredAt'), dataIndex: 'measuredAt', render: (v: string) => formatDateTime(v) },
          { title: t('staff.trial.by'), dataIndex: 'recordedByParty', render: (p: string) => t(`staff.party.${p}`) },
        ]}
      />
      {canRecord && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('staff.trial.record')}
          </Typography.Title>
          <FormErrors messages={errors} />
          <Form<TrialForm>
            form={form}
            layout="vertical"
            initialValues={{ met: true, measuredAt: dayjs() }}
            onFinish={(v) => record.mutate(v)}
          >
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  label={t('staff.kpi.metric')}
                  name="metric"
                  rules={[{ required: true, message: t('staff.trial.metricRequired') }]}
                >
                  <Select
                    options={scenario.kpis.map((k) => ({
                      value: k.metric,
                      label: `${k.metric}（${t('staff.kpi.target')} ${k.target}${k.unit}）`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item
                  label={t('staff.trial.measured')}
                  name="measuredValue"
                  rules={[{ required: true, whitespace: true, message: t('staff.trial.valueRequired') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={12} md={3}>
                <Form.Item label={t('staff.trial.met')} name="met" valuePropName="checked">
                  <Switch checkedChildren={t('staff.trial.yes')} unCheckedChildren={t('staff.trial.no')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  label={t('staff.trial.measuredAt')}
                  name="measuredAt"
                  rules={[{ required: true, message: t('staff.trial.whenRequired') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              {overview.deliveries.length > 1 && (
                <Col xs={24} md={8}>
                  <Form.Item label={t('staff.trial.delivery')} name="deliveryId">
                    <Select
                      allowClear
                      options={overview.deliveries.map((d) => ({
                        value: d.id,
                        label: d.members.find((m) => m.role === 'lead')?.nameZh ?? d.id,
                      }))}
                    />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={overview.deliveries.length > 1 ? 16 : 24}>
                <Form.Item
                  label={t('staff.trial.method')}
                  name="method"
                  rules={[{ required: true, whitespace: true, message: t('staff.trial.methodRequired') }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('staff.trial.notes')} name="notes">
                  <Input.TextArea rows={2} maxLength={5000} />
                </Form.Item>
              </Col>
            </Row>
            <Button htmlType="submit" loading={record.isPending}>
              {t('staff.trial.submit')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

const VERDICT_COLOURS: Record<string, Tone> = { met: 'green', partially_met: 'orange', not_met: 'red' };

function AcceptanceCard({ overview, scenarioId }: { overview: DeliveryOverview; scenarioId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const state = acceptanceState(overview);
  const [form] = Form.useForm<{ verdict: AcceptanceVerdict; comments?: string }>();
  const verdict = Form.useWatch('verdict', form);
  const [errors, setErrors] = useState<string[]>([]);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });
  const record = useMutation({
    mutationFn: (v: { verdict: AcceptanceVerdict; comments?: string }) =>
      api.post<AcceptanceRoundView>(`/scenarios/${scenarioId}/acceptance/verdicts`, {
        verdict: v.verdict,
        ...(v.comments?.trim() ? { comments: v.comments.trim() } : {}),
      }),
    onSuccess: () => {
      setErrors([]);
      void message.success(t('staff.acceptance.recorded'));
      void refresh();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const accept = useMutation({
    mutationFn: () => api.post<ScenarioView>(`/scenarios/${scenarioId}/accept`),
    onSuccess: () => {
      setAcceptError(null);
      void message.success(t('staff.acceptance.accepted'));
      void refresh();
    },
    onError: (e) => setAcceptError(e instanceof Error ? e.message : String(e)),
  });

  return (
    <Card title={h2(t('staff.acceptance.title'))}>
      <StaffTable<AcceptanceRoundView>
        rowKey="roundNo"
        size="small"
        pagination={false}
        dataSource={overview.acceptanceRounds}
        locale={{ emptyText: t('staff.acceptance.noRounds') }}
        columns={[
          {
            title: t('staff.acceptance.round'),
            dataIndex: 'roundNo',
            render: (n: number) => t('staff.acceptance.roundN', { n }),
          },
          {
            title: t('staff.field.status'),
            key: 'status',
            render: (_, r) => (
              <Space wrap size={4}>
                <ToneTag>{t(`staff.acceptance.roundStatus.${r.status}`)}</ToneTag>
                {r.status === 'open' && <ToneTag tone="blue">{t(`staff.acceptance.outcome.${r.outcome}`)}</ToneTag>}
              </Space>
            ),
          },
          ...(['agency', 'centre'] as const).map((party) => ({
            title: t(`staff.party.${party}`),
            key: party,
            render: (_: unknown, r: AcceptanceRoundView) => {
              const v = r.verdicts.find((x) => x.party === party);
              if (!v) return <Typography.Text type="secondary">{t('staff.acceptance.awaiting')}</Typography.Text>;
              return (
                <span className="wrap-anywhere" style={{ display: 'inline-block', maxWidth: 280 }}>
                  <ToneTag tone={VERDICT_COLOURS[v.verdict]}>{t(`staff.acceptance.verdict.${v.verdict}`)}</ToneTag>
                  {v.comments}
                </span>
              );
            },
          })),
          { title: t('staff.acceptance.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {state.canRecordVerdict && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {state.centreVerdict ? t('staff.acceptance.replaceVerdict') : t('staff.acceptance.giveVerdict')}
          </Typography.Title>
          <FormErrors messages={errors} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{
              verdict: state.centreVerdict?.verdict ?? 'met',
              comments: state.centreVerdict?.comments ?? '',
            }}
            onFinish={(v) => record.mutate(v)}
          >
            <Form.Item label={t('staff.acceptance.verdictLabel')} name="verdict">
              <Radio.Group
                options={(['met', 'partially_met', 'not_met'] as const).map((v) => ({
                  value: v,
                  label: t(`staff.acceptance.verdict.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('staff.acceptance.comments')}
              name="comments"
              rules={[
                { required: verdict !== 'met', whitespace: true, message: t('staff.acceptance.commentsRequired') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={5000} showCount />
            </Form.Item>
            <Button htmlType="submit" loading={record.isPending}>
              {t('staff.acceptance.submitVerdict')}
            </Button>
          </Form>
        </>
      )}
      {overview.scenarioStatus === 'in_delivery' && (
        <div style={{ marginTop: 16 }}>
          {acceptError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={acceptError} />}
          {!state.canAccept && (
            <Typography.Paragraph type="secondary">{t('staff.acceptance.acceptWhen')}</Typography.Paragraph>
          )}
          <Popconfirm
            title={t('staff.acceptance.confirmAccept')}
            okText={t('staff.acceptance.confirmAcceptOk')}
            cancelText={t('common.action.cancel')}
            onConfirm={() => accept.mutate()}
            disabled={!state.canAccept}
          >
            <Button type="primary" disabled={!state.canAccept} loading={accept.isPending}>
              {t('staff.acceptance.accept')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </Card>
  );
}

function DemonstrationCard({ overview, scenarioId }: { overview: DeliveryOverview; scenarioId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const state = acceptanceState(overview);
  const [form] = Form.useForm<{ citation: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const designate = useMutation({
    mutationFn: (v: { citation: string }) =>
      api.post<ScenarioView>(`/scenarios/${scenarioId}/designate-demonstration`, v),
    onSuccess: () => {
      setErrors([]);
      void message.success(t('staff.demonstration.designated'));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const demo = overview.demonstration;
  if (!demo && !state.canDesignate) return null;
  return (
    <Card title={h2(t('staff.demonstration.title'))}>
      {demo ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'citation', label: t('staff.demonstration.citation'), children: demo.citation },
            { key: 'at', label: t('staff.demonstration.designatedAt'), children: formatDateTime(demo.designatedAt) },
            { key: 'count', label: t('staff.demonstration.replications'), children: demo.replicationCount },
          ]}
        />
      ) : (
        <>
          <FormErrors messages={errors} />
          <Form form={form} layout="vertical" onFinish={(v) => designate.mutate(v)}>
            <Form.Item
              label={t('staff.demonstration.citation')}
              name="citation"
              extra={t('staff.demonstration.citationHint')}
              rules={[{ required: true, whitespace: true, message: t('staff.demonstration.citationRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={designate.isPending}>
              {t('staff.demonstration.designate')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
