import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { ScenarioDetails } from '../components/ScenarioDetails';
import { StaffPage } from '../components/StaffPage';
import { fetchers, keys, useOrganisationNames } from '../api';
import type { ScenarioView, VettingChecklist, VettingDetail } from '../types';
import { StaffLink } from '../components/StaffLink';
import { ToneTag, ScenarioStatusTag } from '../components/ToneTag';

/** Fields a return comment may name (the API's SCENARIO_FIELDS). */
export const SCENARIO_FIELDS = [
  'title',
  'summary',
  'description',
  'domain',
  'sector',
  'capabilityCodes',
  'district',
  'site',
  'currentSituation',
  'kpis',
  'trlRequired',
  'compliance',
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'expectedDeliveryMonths',
  'contact',
  'dataResources',
  'privateFields',
  'titleEn',
  'summaryEn',
] as const;

type Decision = 'approve' | 'return' | 'reject';

interface DecisionForm {
  decision: Decision;
  commentFields?: string[];
  comments?: Record<string, string>;
  reason?: string;
}

/** Fields the checklist flags, to comment on first when returning. */
export function flaggedFields(checklist: VettingChecklist): string[] {
  const out = new Set<string>([...checklist.completeness.missing, ...checklist.completeness.weak]);
  if (!checklist.budget.ok) out.add('budgetMaxYuan');
  if (!checklist.compliance.ok) out.add('compliance');
  return SCENARIO_FIELDS.filter((f) => out.has(f));
}

export function VettingDecisionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: keys.vetting(id), queryFn: () => fetchers.vetting(id) });
  const names = useOrganisationNames();

  return (
    <StaffPage
      title={detail.data?.scenario.title ?? t('staff.vetting.decisionTitle')}
      back={{ to: '/staff/vetting', label: t('staff.vetting.backToQueue') }}
    >
      <QueryState query={detail}>
        {(d) => (
          <Row gutter={[24, 24]}>
            <Col xs={24} lg={15}>
              <Typography.Paragraph>
                <Space wrap>
                  <ScenarioStatusTag status={d.scenario.status} />
                  <span>
                    {t('staff.vetting.agency')}：{names.data?.get(d.scenario.agencyOrganisationId) ?? '—'}
                  </span>
                </Space>
              </Typography.Paragraph>
              <ScenarioDetails scenario={d.scenario} />
            </Col>
            <Col xs={24} lg={9}>
              <Checklist checklist={d.checklist} />
              <DecisionCard detail={d} />
            </Col>
          </Row>
        )}
      </QueryState>
    </StaffPage>
  );
}

const itemStyle = { padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' };

/** Possible duplicates below this similarity are only counted. */
export const DUPLICATE_MIN_SIMILARITY = 0.2;

function Checklist({ checklist }: { checklist: VettingChecklist }) {
  const { t } = useTranslation();
  const duplicates = checklist.duplicates.filter((d) => d.similarity >= DUPLICATE_MIN_SIMILARITY);
  const hidden = checklist.duplicates.length - duplicates.length;
  const f = (field: string) => t(`staff.field.${field}`, { defaultValue: field });
  const row = (ok: boolean, title: string, problems: string[]) => (
    <li style={itemStyle}>
      <div>
        <Space>
          {ok ? (
            <CheckCircleOutlined style={{ color: '#389e0d' }} aria-hidden />
          ) : (
            <WarningOutlined style={{ color: '#d46b08' }} aria-hidden />
          )}
          <strong>{title}</strong>
          <span>{ok ? t('staff.vetting.checkOk') : t('staff.vetting.checkIssues')}</span>
        </Space>
        {problems.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.vetting.checklist')}
        </Typography.Title>
      }
    >
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {row(checklist.completeness.ok, t('staff.vetting.completeness'), [
          ...checklist.completeness.missing.map((m) => t('staff.vetting.missing', { field: f(m) })),
          ...checklist.completeness.weak.map((m) => t('staff.vetting.weak', { field: f(m) })),
        ])}
        {row(
          checklist.budget.ok,
          t('staff.vetting.budget'),
          checklist.budget.issues.map((i) => t(`staff.vetting.budgetIssue.${i}`, { defaultValue: i })),
        )}
        {row(
          checklist.compliance.ok,
          t('staff.vetting.compliance'),
          checklist.compliance.issues.map((i) => t(`staff.vetting.complianceIssue.${i}`, { defaultValue: i })),
        )}
        <li style={{ ...itemStyle, borderBottom: 0 }}>
          <div>
            <strong>{t('staff.vetting.duplicates')}</strong>
            {duplicates.length === 0 ? (
              <div>{t('staff.vetting.noDuplicates')}</div>
            ) : (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    <StaffLink to={`/staff/scenarios/${d.id}`}>{d.code ? `${d.code} ${d.title}` : d.title}</StaffLink>{' '}
                    <ToneTag>{t('staff.vetting.similarity', { value: Math.round(d.similarity * 100) })}</ToneTag>
                    <ScenarioStatusTag status={d.status} />
                  </li>
                ))}
              </ul>
            )}
            {hidden > 0 && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {t('staff.vetting.lowSimilarity', {
                  count: hidden,
                  value: Math.round(DUPLICATE_MIN_SIMILARITY * 100),
                })}
              </Typography.Text>
            )}
          </div>
        </li>
      </ul>
    </Card>
  );
}

function DecisionCard({ detail }: { detail: VettingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const decision = Form.useWatch('decision', form);
  const commentFields = Form.useWatch('commentFields', form) ?? [];
  const scenario = detail.scenario;
  const decidable = scenario.status === 'submitted';

  const decide = useMutation({
    mutationFn: (v: DecisionForm) => {
      if (v.decision === 'approve') return api.post<ScenarioView>(`/vetting/${scenario.id}/approve`);
      if (v.decision === 'reject')
        return api.post<ScenarioView>(`/vetting/${scenario.id}/reject`, { reason: v.reason });
      const comments = Object.fromEntries((v.commentFields ?? []).map((field) => [field, v.comments?.[field] ?? '']));
      return api.post<ScenarioView>(`/vetting/${scenario.id}/return`, { comments });
    },
    onSuccess: async (_, v) => {
      setErrors([]);
      void message.success(t(`staff.vetting.done.${v.decision}`));
      await queryClient.invalidateQueries({ queryKey: keys.all });
      const queue = await queryClient.fetchQuery({ queryKey: keys.vettingQueue, queryFn: fetchers.vettingQueue });
      const next = queue.find((q) => q.id !== scenario.id);
      navigate(next ? `/staff/vetting/${next.id}` : '/staff/vetting');
    },
    onError: (error) => setErrors(applyApiError(form, error)),
  });

  const fieldOptions = SCENARIO_FIELDS.map((f) => ({ value: f, label: t(`staff.field.${f}`) }));

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.vetting.decision')}
        </Typography.Title>
      }
    >
      {!decidable && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('staff.vetting.notDecidable')} />
      )}
      <FormErrors messages={errors} />
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        disabled={!decidable}
        initialValues={{ decision: 'approve', commentFields: flaggedFields(detail.checklist) }}
        onFinish={(v) => decide.mutate(v)}
      >
        <Form.Item label={t('staff.vetting.decision')} name="decision">
          <Radio.Group
            options={[
              { value: 'approve', label: t('staff.vetting.approve') },
              { value: 'return', label: t('staff.vetting.return') },
              { value: 'reject', label: t('staff.vetting.reject') },
            ]}
          />
        </Form.Item>
        {decision === 'return' && (
          <>
            <Form.Item
              label={t('staff.vetting.commentFields')}
              name="commentFields"
              rules={[{ required: true, message: t('staff.vetting.commentFieldsRequired') }]}
            >
              <Select mode="multiple" options={fieldOptions} optionFilterProp="label" />
            </Form.Item>
            {commentFields.map((field) => (
              <Form.Item
                key={field}
                label={t('staff.vetting.commentOn', { field: t(`staff.field.${field}`) })}
                name={['comments', field]}
                rules={[{ required: true, whitespace: true, message: t('staff.vetting.commentRequired') }]}
              >
                <Input.TextArea rows={2} maxLength={2000} showCount />
              </Form.Item>
            ))}
          </>
        )}
        {decision === 'reject' && (
          <Form.Item
            label={t('staff.vetting.reason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('staff.vetting.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={decide.isPending} danger={decision === 'reject'} block>
          {t(`staff.vetting.submit.${decision ?? 'approve'}`)}
        </Button>
      </Form>
    </Card>
  );
}
