import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { ErrorState, FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { keys, useCoverage, useEvaluation, useReviewers } from '../api';
import { reviewerOptions } from '../staffLists';
import type { CoverageView, EvaluationView, ScenarioView, UserView } from '../types';
import { defaultRubric } from './rubric';
import { RubricEditor, type RubricSettings } from './RubricEditor';
import { StaffTable } from '../components/StaffTable';
import { isStateRefusal, StateNotice } from '../components/StateNotice';
import { ToneTag, type Tone } from '../components/ToneTag';

const EVALUATION_COLOURS: Record<string, Tone> = {
  setup: 'default',
  scoring: 'blue',
  closed: 'orange',
  decided: 'green',
};

export function EvaluationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={EVALUATION_COLOURS[status] ?? 'default'}>
      {t(`staff.evaluation.status.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

export function EvaluationTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const evaluation = useEvaluation(scenario.id);
  const missing = evaluation.error instanceof ApiError && evaluation.error.status === 404;

  if (evaluation.isPending) return <QueryState query={evaluation}>{() => null}</QueryState>;
  if (evaluation.isError && !missing)
    return <ErrorState error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  const e = missing ? null : (evaluation.data ?? null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {e ? (
        <StatusCard evaluation={e} scenario={scenario} />
      ) : (
        <Alert type="info" showIcon title={t('staff.evaluation.none')} description={t('staff.evaluation.noneHint')} />
      )}
      <Card title={h2(t('staff.evaluation.rubric'))}>
        <RubricCard scenario={scenario} evaluation={e} />
      </Card>
      <Card title={h2(t('staff.evaluation.panel'))}>
        {e ? (
          <PanelCard evaluation={e} />
        ) : (
          <Typography.Paragraph>{t('staff.evaluation.panelAfterRubric')}</Typography.Paragraph>
        )}
      </Card>
      {e && (
        <Card title={h2(t('staff.evaluation.coverage'))}>
          <CoverageCard scenarioId={scenario.id} />
        </Card>
      )}
    </Space>
  );
}

function RubricCard({ scenario, evaluation }: { scenario: ScenarioView; evaluation: EvaluationView | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (settings: RubricSettings) => api.put<EvaluationView>(`/scenarios/${scenario.id}/evaluation`, settings),
    onSuccess: (e) => {
      queryClient.setQueryData(keys.evaluation(scenario.id), e);
      void queryClient.invalidateQueries({ queryKey: keys.scenario(scenario.id) });
      void message.success(t('staff.rubric.saved'));
    },
  });
  const initial = useMemo(
    () =>
      evaluation
        ? {
            criteria: evaluation.criteria,
            blindFirstRound: evaluation.blindFirstRound,
            minReviewersPerProposal: evaluation.minReviewersPerProposal,
            disagreementThreshold: evaluation.disagreementThreshold,
          }
        : {
            criteria: defaultRubric({
              technical: t('staff.rubric.default.technical'),
              price: t('staff.rubric.default.price'),
              team: t('staff.rubric.default.team'),
            }),
            blindFirstRound: false,
            minReviewersPerProposal: 3,
            disagreementThreshold: 15,
          },
    [evaluation, t],
  );
  const editable = (!evaluation || evaluation.status === 'setup') && ['published', 'closed'].includes(scenario.status);
  return (
    <>
      {!editable && (
        <Typography.Paragraph type="secondary">
          {evaluation && evaluation.status !== 'setup'
            ? t('staff.rubric.locked')
            : t('staff.rubric.notEvaluable', { status: t(`common.status.${scenario.status}`) })}
        </Typography.Paragraph>
      )}
      <RubricEditor
        key={evaluation?.version ?? 'new'}
        initial={initial}
        editable={editable}
        saving={save.isPending}
        onSave={(s) => save.mutateAsync(s)}
      />
    </>
  );
}

function StatusCard({ evaluation: e, scenario }: { evaluation: EvaluationView; scenario: ScenarioView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: 'open' | 'reveal' | 'close') =>
      api.post<EvaluationView>(`/scenarios/${scenario.id}/evaluation/${action}`),
    onSuccess: (view, action) => {
      setError(null);
      queryClient.setQueryData(keys.evaluation(scenario.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void message.success(t(`staff.evaluation.done.${action}`));
    },
    onError: (err) => setError(err instanceof Error ? err.message : String(err)),
  });
  const canOpen = e.status === 'setup';
  const canReveal = e.blindFirstRound && !e.namesRevealedAt && (e.status === 'setup' || e.status === 'scoring');
  const canClose = e.status === 'scoring';
  const confirm = (action: 'open' | 'reveal' | 'close', enabled: boolean, primary = false) => (
    <Popconfirm
      title={t(`staff.evaluation.confirm.${action}`)}
      okText={t(`staff.evaluation.confirmOk.${action}`)}
      cancelText={t('common.action.cancel')}
      onConfirm={() => act.mutate(action)}
      disabled={!enabled}
    >
      <Button
        type={primary ? 'primary' : 'default'}
        disabled={!enabled}
        loading={act.isPending && act.variables === action}
      >
        {t(`staff.evaluation.action.${action}`)}
      </Button>
    </Popconfirm>
  );
  return (
    <Card title={h2(t('staff.evaluation.progress'))}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 's', label: t('staff.evaluation.statusLabel'), children: <EvaluationStatusTag status={e.status} /> },
          { key: 'o', label: t('staff.evaluation.scoringOpenedAt'), children: formatDateTime(e.scoringOpenedAt) },
          {
            key: 'r',
            label: t('staff.evaluation.namesRevealedAt'),
            children: e.blindFirstRound ? formatDateTime(e.namesRevealedAt) : t('staff.evaluation.notBlind'),
          },
          { key: 'c', label: t('staff.evaluation.closedAt'), children: formatDateTime(e.closedAt) },
        ]}
      />
      {canOpen && scenario.status === 'published' && (
        <Alert type="info" showIcon style={{ marginBlock: 8 }} title={t('staff.evaluation.openAfterDeadline')} />
      )}
      {error && <Alert type="error" showIcon role="alert" style={{ marginBlock: 8 }} title={error} />}
      <Space wrap style={{ marginTop: 8 }}>
        {confirm('open', canOpen, true)}
        {confirm('reveal', canReveal)}
        {confirm('close', canClose, canClose)}
      </Space>
    </Card>
  );
}

function PanelCard({ evaluation: e }: { evaluation: EvaluationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reviewers = useReviewers();
  const [form] = Form.useForm<{ reviewerIds: string[] }>();
  const [errors, setErrors] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const editable = e.status === 'setup' || e.status === 'scoring';
  const seated = new Set(e.panel.map((m) => m.reviewerId));
  const available = reviewerOptions(reviewers.data ?? [], seated);

  const onPanel = (view: EvaluationView) => {
    queryClient.setQueryData(keys.evaluation(e.scenarioId), view);
    void queryClient.invalidateQueries({ queryKey: keys.coverage(e.scenarioId) });
  };
  const assign = useMutation({
    mutationFn: (reviewerIds: string[]) =>
      api.post<EvaluationView>(`/scenarios/${e.scenarioId}/evaluation/panel`, { reviewerIds }),
    onSuccess: (view) => {
      setErrors([]);
      form.resetFields();
      onPanel(view);
      void message.success(t('staff.panel.added'));
    },
    onError: (err) => setErrors(applyApiError(form, err)),
  });
  const removeMember = useMutation({
    mutationFn: (reviewerId: string) =>
      api.delete<EvaluationView>(`/scenarios/${e.scenarioId}/evaluation/panel/${reviewerId}`),
    onSuccess: (view) => {
      setErrors([]);
      onPanel(view);
      void message.success(t('staff.panel.removed'));
    },
    onError: (err) => setErrors([err instanceof Error ? err.message : String(err)]),
  });

  return (
    <div>
      <FormErrors messages={errors} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('staff.panel.members', { count: e.panel.length })}
      </Typography.Title>
      <StaffTable
        rowKey="reviewerId"
        size="small"
        pagination={false}
        dataSource={e.panel}
        locale={{ emptyText: t('staff.panel.empty') }}
        columns={[
          { title: t('staff.panel.reviewer'), dataIndex: 'displayName' },
          { title: t('staff.panel.assigned'), dataIndex: 'assignedAt', render: (v: string) => formatDateTime(v) },
          ...(editable
            ? [
                {
                  title: t('staff.common.actions'),
                  key: 'remove',
                  render: (_: unknown, m: EvaluationView['panel'][number]) => (
                    <Popconfirm
                      title={t('staff.panel.confirmRemove', { name: m.displayName })}
                      okText={t('staff.panel.remove')}
                      cancelText={t('common.action.cancel')}
                      onConfirm={() => removeMember.mutate(m.reviewerId)}
                    >
                      <Button size="small" danger aria-label={t('staff.panel.removeNamed', { name: m.displayName })}>
                        {t('staff.panel.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => assign.mutate(v.reviewerIds)}>
          <Form.Item
            label={t('staff.panel.addReviewers')}
            name="reviewerIds"
            rules={[{ required: true, message: t('staff.panel.pickReviewers') }]}
            extra={t('staff.panel.reviewersHint')}
          >
            <Select
              mode="multiple"
              loading={reviewers.isPending}
              optionFilterProp="label"
              notFoundContent={t('staff.panel.noReviewers')}
              options={available.map((r) => ({
                value: r.id,
                label: `${r.displayName}（${r.email}）`,
              }))}
            />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={assign.isPending}>
              {t('staff.panel.add')}
            </Button>
            <Button icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              {t('staff.panel.createReviewer')}
            </Button>
          </Space>
        </Form>
      )}
      {creating && (
        <CreateReviewerModal
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: keys.reviewers });
            assign.mutate([user.id]);
          }}
        />
      )}
    </div>
  );
}

interface NewReviewer {
  email: string;
  displayName: string;
  password: string;
}

function CreateReviewerModal({ onClose, onCreated }: { onClose: () => void; onCreated: (u: UserView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewReviewer>();
  const [errors, setErrors] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (v: NewReviewer) => api.post<UserView>('/users/reviewers', { ...v, email: v.email.trim() }),
    onSuccess: (user) => {
      void message.success(t('staff.panel.reviewerCreated', { name: user.displayName }));
      onCreated(user);
    },
    onError: (err) => setErrors(applyApiError(form, err)),
  });
  return (
    <Modal
      open
      title={t('staff.panel.createReviewer')}
      okText={t('staff.panel.createAndAdd')}
      cancelText={t('common.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          label={t('staff.panel.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('staff.rubric.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label={t('staff.panel.email')}
          name="email"
          rules={[{ required: true, type: 'email', message: t('staff.panel.emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('staff.panel.password')}
          name="password"
          extra={t('staff.panel.passwordHint')}
          rules={[{ required: true, min: 10, message: t('staff.panel.passwordHint') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CoverageCard({ scenarioId }: { scenarioId: string }) {
  const { t } = useTranslation();
  const coverage = useCoverage(scenarioId);
  if (isStateRefusal(coverage.error)) return <StateNotice error={coverage.error} />;
  return (
    <QueryState query={coverage}>
      {(c: CoverageView) => (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{t('staff.coverage.panelSize', { count: c.panelSize })}</span>
            <span>{t('staff.coverage.minimum', { count: c.minReviewersPerProposal })}</span>
            {c.proposals.length > 0 &&
              (c.allCovered ? (
                <ToneTag tone="green">{t('staff.coverage.allCovered')}</ToneTag>
              ) : (
                <ToneTag tone="red">{t('staff.coverage.notCovered')}</ToneTag>
              ))}
          </Space>
          <StaffTable
            rowKey="proposalId"
            size="small"
            pagination={false}
            dataSource={c.proposals}
            locale={{ emptyText: t('staff.coverage.noProposals') }}
            columns={[
              {
                title: t('staff.coverage.vendors'),
                dataIndex: 'vendors',
                render: (vendors: CoverageView['proposals'][number]['vendors']) =>
                  vendors
                    .map((v) => (v.role === 'lead' ? v.name : `${v.name}（${t('staff.coverage.member')}）`))
                    .join('、'),
              },
              { title: t('staff.coverage.eligible'), dataIndex: 'eligible' },
              { title: t('staff.coverage.conflicted'), dataIndex: 'conflicted' },
              { title: t('staff.coverage.undeclared'), dataIndex: 'undeclared' },
              { title: t('staff.coverage.scored'), dataIndex: 'scored' },
              {
                title: t('staff.coverage.enough'),
                key: 'enough',
                render: (_, p) =>
                  p.enough ? (
                    <ToneTag tone="green">{t('staff.coverage.ok')}</ToneTag>
                  ) : (
                    <ToneTag tone="red">{t('staff.coverage.short', { count: p.shortfall })}</ToneTag>
                  ),
              },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}
