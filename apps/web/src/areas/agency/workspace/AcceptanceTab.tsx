import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { Panel } from '../components/Panel';
import { ScrollTable } from '../components/ScrollTable';
import { agencyKeys } from '../api';
import {
  ACCEPTANCE_VERDICTS,
  type AcceptanceRoundView,
  type AcceptanceVerdict,
  type DeliveryOverviewView,
  type ScenarioView,
  type TrialResultView,
} from '../types';
import { useDelivery } from './DeliveryTab';
import { agencyVerdict, canRecordAcceptance, openRound, verdictNeedsComments } from './rules';

const VERDICT_COLOURS: Record<AcceptanceVerdict, string> = {
  met: 'success',
  partially_met: 'warning',
  not_met: 'error',
};

/** Acceptance (验收): trial results per KPI, the agency's verdict per round, and the demonstration. */
export function AcceptanceTab({ scenario }: { scenario: ScenarioView }) {
  const query = useDelivery(scenario.id);
  return (
    <QueryState query={query}>
      {(overview) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <VerdictCard scenario={scenario} overview={overview} />
          <TrialResults scenario={scenario} overview={overview} />
          {overview.demonstration && <Demonstration overview={overview} />}
        </Space>
      )}
    </QueryState>
  );
}

function VerdictCard({ scenario, overview }: { scenario: ScenarioView; overview: DeliveryOverviewView }) {
  const { t } = useTranslation();
  const round = openRound(overview.acceptanceRounds);
  const mine = agencyVerdict(round);
  const recording = canRecordAcceptance(scenario.status) && !!round;
  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.acceptance.heading')}
      </Typography.Title>
      {round ? (
        <Typography.Paragraph>
          {t('agency.acceptance.openRound', { no: round.roundNo })}
          {t(`agency.acceptance.outcome.${round.outcome}`)}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('agency.acceptance.noOpenRound')}</Typography.Paragraph>
      )}
      {mine && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('agency.acceptance.mine', {
            verdict: t(`agency.acceptance.verdict.${mine.verdict}`),
            at: formatDateTime(mine.recordedAt),
          })}
          description={mine.comments ?? undefined}
        />
      )}
      {recording && <VerdictForm scenarioId={scenario.id} replacing={!!mine} />}
      <Rounds rounds={overview.acceptanceRounds} />
    </Panel>
  );
}

interface VerdictFormValues {
  verdict?: AcceptanceVerdict;
  comments?: string;
}

function VerdictForm({ scenarioId, replacing }: { scenarioId: string; replacing: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<VerdictFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const verdict = Form.useWatch('verdict', form);
  const record = useMutation({
    mutationFn: (body: { verdict: AcceptanceVerdict; comments: string | null }) =>
      api.post<AcceptanceRoundView>(`/scenarios/${scenarioId}/acceptance/verdicts`, body),
    onMutate: () => setErrors([]),
    onSuccess: (round) => {
      void message.success(
        round.status === 'not_met' ? t('agency.acceptance.recordedNotMet') : t('agency.acceptance.recorded'),
      );
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: agencyKeys.delivery(scenarioId) });
      void queryClient.invalidateQueries({ queryKey: agencyKeys.scenario(scenarioId) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <>
      <FormErrors messages={errors} />
      <Form
        form={form}
        name="acceptance-verdict"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          record.mutate({ verdict: v.verdict as AcceptanceVerdict, comments: v.comments?.trim() || null })
        }
      >
        <Form.Item
          name="verdict"
          label={replacing ? t('agency.acceptance.replaceVerdict') : t('agency.acceptance.verdictLabel')}
          rules={[{ required: true, message: t('agency.rules.verdict') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ACCEPTANCE_VERDICTS.map((v) => ({ value: v, label: t(`agency.acceptance.verdict.${v}`) }))}
          />
        </Form.Item>
        {verdict === 'not_met' && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('agency.acceptance.notMetWarning')} />
        )}
        <Form.Item
          name="comments"
          label={t('agency.acceptance.comments')}
          dependencies={['verdict']}
          extra={verdictNeedsComments(verdict) ? undefined : t('agency.acceptance.commentsOptional')}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_: unknown, value: string | undefined) => {
                if (verdictNeedsComments(getFieldValue('verdict')) && !value?.trim())
                  throw new Error(t('agency.rules.verdictComments'));
              },
            }),
            { max: 5000, message: t('agency.rules.maxLength', { max: 5000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('agency.acceptance.submit')}
        </Button>
      </Form>
    </>
  );
}

function Rounds({ rounds }: { rounds: AcceptanceRoundView[] }) {
  const { t } = useTranslation();
  if (!rounds.length) return null;
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('agency.acceptance.rounds')}
      </Typography.Title>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('agency.acceptance.rounds')}>
        {[...rounds].reverse().map((r) => (
          <li key={r.roundNo} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Space wrap size="small">
              <strong>{t('agency.acceptance.roundNo', { no: r.roundNo })}</strong>
              <Tag>{t(`agency.acceptance.roundStatus.${r.status}`)}</Tag>
              <Typography.Text type="secondary">
                {formatDateTime(r.openedAt)}
                {r.closedAt && ` – ${formatDateTime(r.closedAt)}`}
              </Typography.Text>
            </Space>
            {r.verdicts.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('agency.acceptance.noVerdicts')}</Typography.Text>
              </div>
            ) : (
              <ul style={{ paddingInlineStart: 18, margin: '4px 0 0' }}>
                {r.verdicts.map((v) => (
                  <li key={v.party}>
                    {t(`agency.acceptance.party.${v.party}`)}：
                    <Tag color={VERDICT_COLOURS[v.verdict]}>{t(`agency.acceptance.verdict.${v.verdict}`)}</Tag>
                    <Typography.Text type="secondary">{formatDateTime(v.recordedAt)}</Typography.Text>
                    {v.comments && <div className="wrap-anywhere">{v.comments}</div>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

interface TrialFormValues {
  metric?: string;
  measuredValue?: string;
  met?: boolean;
  method?: string;
  notes?: string;
  measuredAt?: Dayjs;
  deliveryId?: string;
}

function TrialResults({ scenario, overview }: { scenario: ScenarioView; overview: DeliveryOverviewView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TrialFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const metric = Form.useWatch('metric', form);
  const kpi = scenario.kpis.find((k) => k.metric === metric);
  const recording = canRecordAcceptance(scenario.status);
  const several = overview.deliveries.length > 1;
  const record = useMutation({
    mutationFn: (body: object) => api.post<TrialResultView>(`/scenarios/${scenario.id}/delivery/trial-results`, body),
    onMutate: () => setErrors([]),
    onSuccess: () => {
      void message.success(t('agency.trials.recorded'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: agencyKeys.delivery(scenario.id) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const onFinish = (v: TrialFormValues) =>
    record.mutate({
      metric: v.metric,
      measuredValue: v.measuredValue,
      met: !!v.met,
      method: v.method,
      notes: v.notes?.trim() || null,
      measuredAt: (v.measuredAt ?? dayjs()).format(),
      ...(v.deliveryId ? { deliveryId: v.deliveryId } : {}),
    });
  const leadOf = (deliveryId: string | null) =>
    overview.deliveries.find((d) => d.id === deliveryId)?.members.find((m) => m.role === 'lead')?.nameZh ?? '—';

  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.trials.heading')}
      </Typography.Title>
      <ScrollTable<TrialResultView>
        label={t('agency.trials.heading')}
        size="small"
        rowKey="id"
        pagination={false}

        dataSource={overview.trialResults}
        locale={{ emptyText: t('agency.trials.none') }}
        columns={[
          { key: 'metric', title: t('agency.fields.kpiMetric'), dataIndex: 'metric' },
          {
            key: 'target',
            title: t('agency.trials.baselineTarget'),
            render: (_, r) => `${r.baseline || '—'} → ${r.target}${r.unit ? ` ${r.unit}` : ''}`,
          },
          { key: 'measured', title: t('agency.trials.measuredValue'), dataIndex: 'measuredValue' },
          {
            key: 'met',
            title: t('agency.trials.met'),
            render: (_, r) => (
              <Tag color={r.met ? 'success' : 'error'}>
                {r.met ? t('agency.trials.metYes') : t('agency.trials.metNo')}
              </Tag>
            ),
          },
          { key: 'method', title: t('agency.trials.method'), dataIndex: 'method' },
          { key: 'measuredAt', title: t('agency.trials.measuredAt'), render: (_, r) => formatDateTime(r.measuredAt) },
          {
            key: 'by',
            title: t('agency.trials.recordedBy'),
            render: (_, r) => t(`agency.acceptance.party.${r.recordedByParty}`),
          },
          {
            key: 'notes',
            title: t('agency.trials.notes'),
            render: (_, r) => <div style={{ maxWidth: 240, whiteSpace: 'pre-wrap' }}>{r.notes || '—'}</div>,
          },
          ...(several
            ? [
                {
                  key: 'delivery',
                  title: t('agency.trials.delivery'),
                  render: (_: unknown, r: TrialResultView) => leadOf(r.deliveryId),
                },
              ]
            : []),
        ]}
      />
      {recording && (
        <section style={{ marginTop: 20 }}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('agency.trials.formHeading')}
          </Typography.Title>
          <FormErrors messages={errors} />
          <Form
            form={form}
            name="trial-result"
            layout="vertical"
            onFinish={onFinish}
            requiredMark={false}
            initialValues={{ met: true }}
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="metric"
                  label={t('agency.trials.metric')}
                  rules={[{ required: true, message: t('agency.rules.trialMetric') }]}
                >
                  <Select
                    placeholder={t('agency.placeholder.select')}
                    options={scenario.kpis.map((k) => ({
                      value: k.metric,
                      label: `${k.metric}（${t('agency.trials.targetIs', { target: `${k.target}${k.unit ? ` ${k.unit}` : ''}` })}）`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="measuredValue"
                  label={t('agency.trials.measuredValue')}
                  rules={[
                    { required: true, whitespace: true, message: t('agency.rules.measuredValue') },
                    { max: 100, message: t('agency.rules.maxLength', { max: 100 }) },
                  ]}
                  extra={
                    kpi
                      ? t('agency.trials.kpiHint', {
                          baseline: kpi.baseline || '—',
                          target: kpi.target,
                          unit: kpi.unit,
                        })
                      : undefined
                  }
                >
                  <Input maxLength={100} suffix={kpi?.unit || undefined} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="met" label={t('agency.trials.met')} rules={[{ required: true }]}>
                  <Radio.Group
                    options={[
                      { value: true, label: t('agency.trials.metYes') },
                      { value: false, label: t('agency.trials.metNo') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="measuredAt"
                  label={t('agency.trials.measuredAt')}
                  rules={[
                    { required: true, message: t('agency.rules.measuredAt') },
                    {
                      validator: async (_: unknown, v: Dayjs | undefined) => {
                        if (v && v.isAfter(dayjs())) throw new Error(t('agency.rules.measuredAtFuture'));
                      },
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
              {several && (
                <Col xs={24} md={12}>
                  <Form.Item name="deliveryId" label={t('agency.trials.delivery')}>
                    <Select
                      allowClear
                      options={overview.deliveries.map((d) => ({ value: d.id, label: leadOf(d.id) }))}
                    />
                  </Form.Item>
                </Col>
              )}
            </Row>
            <Form.Item
              name="method"
              label={t('agency.trials.method')}
              rules={[
                { required: true, whitespace: true, message: t('agency.rules.trialMethod') },
                { max: 2000, message: t('agency.rules.maxLength', { max: 2000 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="notes"
              label={t('agency.trials.notes')}
              rules={[{ max: 5000, message: t('agency.rules.maxLength', { max: 5000 }) }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              {t('agency.trials.submit')}
            </Button>
          </Form>
        </section>
      )}
    </Panel>
  );
}

function Demonstration({ overview }: { overview: DeliveryOverviewView }) {
  const { t } = useTranslation();
  const d = overview.demonstration;
  if (!d) return null;
  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.demonstration.heading')}
      </Typography.Title>
      <Typography.Paragraph className="wrap-anywhere">{d.citation}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('agency.demonstration.designatedAt', { at: formatDateTime(d.designatedAt) })}
      </Typography.Paragraph>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('agency.demonstration.replications', { count: d.replicationCount })}
      </Typography.Title>
      {(d.replications ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('agency.demonstration.noReplications')}</Typography.Text>
      ) : (
        <ul style={{ paddingInlineStart: 18 }}>
          {(d.replications ?? []).map((r) => (
            <li key={r.scenarioId}>
              {t('agency.demonstration.replicatedAt', { at: formatDateTime(r.createdAt) })}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                ({t('agency.demonstration.agency')} {r.agencyOrganisationId.slice(0, 8)})
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
