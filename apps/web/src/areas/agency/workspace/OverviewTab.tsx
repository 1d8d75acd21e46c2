import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Descriptions, Form, Grid, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { CopyOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors } from '../../../components/QueryState';
import { label } from '../../../components/taxonomy';
import { formatBudget, formatDateTime, formatYuan } from '../../../components/format';
import { useAuth } from '../../../auth/AuthContext';
import { Panel } from '../components/Panel';
import { ScrollTable } from '../components/ScrollTable';
import { agencyKeys, isEditable } from '../api';
import type { ScenarioView } from '../types';
import { AttachmentsPanel } from '../components/AttachmentsPanel';
import { LinkButton } from '../../../components/LinkButton';
import { SanitisedHtml } from '../components/Markdown';
import { VettingComments } from '../components/VettingComments';
import { canCancel, canSubmit, canWithdraw, PUBLIC_STATUSES, publicPath } from './rules';

export function OverviewTab({ scenario: s }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { role } = useAuth();
  const screens = Grid.useBreakpoint();
  const [submitErrors, setSubmitErrors] = useState<ApiError | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: agencyKeys.all });

  const submit = useMutation({
    mutationFn: () => api.post<ScenarioView>(`/scenarios/${s.id}/submit`),
    onMutate: () => setSubmitErrors(null),
    onSuccess: () => {
      void message.success(t('agency.editor.submitted'));
      void refresh();
    },
    onError: (e) => (e instanceof ApiError ? setSubmitErrors(e) : void message.error(String(e))),
  });
  const withdraw = useMutation({
    mutationFn: () => api.post<ScenarioView>(`/scenarios/${s.id}/withdraw`),
    onSuccess: () => {
      void message.success(t('agency.workspace.withdrawn'));
      void refresh();
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  const copy = useMutation({
    mutationFn: () => api.post<ScenarioView>(`/scenarios/${s.id}/copy`),
    onSuccess: (view) => {
      void message.success(t('agency.workspace.copied'));
      void queryClient.invalidateQueries({ queryKey: agencyKeys.mine() });
      navigate(`/agency/scenarios/${view.id}/edit`);
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });

  const isPublic = PUBLIC_STATUSES.includes(s.status);
  const dash = '—';
  const yesNo = (v: boolean | undefined) => (v ? t('agency.yes') : t('agency.no'));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <StatusNotice scenario={s} />
      <Panel>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('agency.workspace.actionsHeading')}
        </Typography.Title>
        {isPublic && (
          <Typography.Paragraph>
            {t('agency.workspace.publicLink')}
            <Link to={publicPath(s)} target="_blank" rel="noopener" className="wrap-anywhere">
              {window.location.origin}
              {publicPath(s)}
            </Link>
          </Typography.Paragraph>
        )}
        <Space wrap>
          {isEditable(s.status) && (
            <LinkButton to={`/agency/scenarios/${s.id}/edit`} icon={<EditOutlined />} type="primary" ghost>
              {t('agency.workspace.edit')}
            </LinkButton>
          )}
          {canSubmit(s.status) && (
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={() => submit.mutate()}>
              {t('agency.editor.submit')}
            </Button>
          )}
          {canWithdraw(s.status) && (
            <Popconfirm
              title={t('agency.workspace.withdrawConfirm')}
              okText={t('agency.workspace.withdraw')}
              cancelText={t('common.action.cancel')}
              onConfirm={() => withdraw.mutateAsync()}
            >
              <Button danger loading={withdraw.isPending}>
                {t('agency.workspace.withdraw')}
              </Button>
            </Popconfirm>
          )}
          {canCancel(s.status, role) && (
            <Button danger onClick={() => setCancelOpen(true)}>
              {t('agency.workspace.cancel')}
            </Button>
          )}
          <Popconfirm
            title={t('agency.workspace.copyConfirm')}
            okText={t('agency.workspace.copy')}
            cancelText={t('common.action.cancel')}
            onConfirm={() => copy.mutateAsync()}
          >
            <Button icon={<CopyOutlined />} loading={copy.isPending}>
              {t('agency.workspace.copy')}
            </Button>
          </Popconfirm>
        </Space>
        {submitErrors && <SubmitErrors error={submitErrors} scenarioId={s.id} />}
      </Panel>
      <CancelDialog scenario={s} open={cancelOpen} onClose={() => setCancelOpen(false)} />

      {s.awardNotice && (
        <Panel>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {s.awardNotice.outcome === 'award'
              ? t('agency.workspace.awardHeading')
              : t('agency.workspace.noAwardHeading')}
          </Typography.Title>
          {s.awardNotice.winners.map((w) => (
            <Typography.Paragraph key={w.name} style={{ marginBottom: 4 }}>
              <strong>{w.name}</strong>
              {w.members.length > 0 && `（${t('agency.workspace.withMembers', { members: w.members.join('、') })}）`}
              {' · '}
              {formatYuan(w.amountYuan)}
            </Typography.Paragraph>
          ))}
          <Typography.Paragraph>{s.awardNotice.summary}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('agency.workspace.decidedAt', {
              decided: formatDateTime(s.awardNotice.decidedAt),
              standstill: formatDateTime(s.awardNotice.standstillEndsAt),
            })}
          </Typography.Text>
        </Panel>
      )}

      <Panel>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('agency.workspace.detailsHeading')}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          bordered={!!screens.md}
          layout={screens.md ? 'horizontal' : 'vertical'}
          items={(
            [
              ['domain', label('domains', s.domain)],
              ['sector', label('sectors', s.sector) || dash],
              ['capabilityCodes', s.capabilityCodes.map((c) => label('capabilities', c)).join('、') || dash],
              ['district', label('districts', s.district) || dash],
              ['site', s.site ? t(`agency.options.site.${s.site}`) : dash],
              ['trlRequired', s.trlRequired ? t('agency.options.trl', { level: s.trlRequired }) : dash],
              ['budget', formatBudget(s.budgetMinYuan, s.budgetMaxYuan)],
              ['fundingType', s.fundingType ? t(`agency.options.fundingType.${s.fundingType}`) : dash],
              ['proposalDeadline', formatDateTime(s.proposalDeadline)],
              [
                'expectedDeliveryMonths',
                s.expectedDeliveryMonths ? `${s.expectedDeliveryMonths} ${t('agency.unit.months')}` : dash,
              ],
              [
                'contact',
                s.contact
                  ? `${s.contact.name} · ${s.contact.phone} · ${s.contact.email}${s.contact.public ? '' : `（${t('agency.workspace.contactHidden')}）`}`
                  : dash,
              ],
              ['privateFields', s.privateFields.map((p) => t(`agency.fields.${p}`)).join('、') || t('agency.none')],
              ['followerCount', String(s.followerCount ?? 0)],
              ['submittedAt', formatDateTime(s.submittedAt)],
              ['publishedAt', formatDateTime(s.publishedAt)],
            ] as [string, ReactNode][]
          ).map(([key, value]) => ({
            key,
            label: t(`agency.fields.${key}`),
            children: <span className="wrap-anywhere">{value}</span>,
          }))}
        />
        <Section title={t('agency.fields.summary')}>{s.summary || dash}</Section>
        <Section title={t('agency.fields.description')}>
          {s.descriptionHtml ? <SanitisedHtml html={s.descriptionHtml} /> : dash}
        </Section>
        <Section title={t('agency.fields.currentSituation')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{s.currentSituation || dash}</span>
        </Section>
        <Section title={t('agency.fields.kpis')}>
          <ScrollTable
            label={t('agency.fields.kpis')}
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}

            dataSource={s.kpis}
            locale={{ emptyText: t('agency.none') }}
            columns={[
              { key: 'metric', title: t('agency.fields.kpiMetric'), dataIndex: 'metric' },
              { key: 'baseline', title: t('agency.fields.kpiBaseline'), dataIndex: 'baseline' },
              { key: 'target', title: t('agency.fields.kpiTarget'), dataIndex: 'target' },
              { key: 'unit', title: t('agency.fields.kpiUnit'), dataIndex: 'unit' },
            ]}
          />
        </Section>
        <Section title={t('agency.fields.dataResources')}>
          {(s.dataResources ?? []).length === 0 ? (
            t('agency.none')
          ) : (
            <ul style={{ paddingInlineStart: 18, margin: 0 }}>
              {(s.dataResources ?? []).map((d, i) => (
                <li key={i}>
                  <strong>{d.name}</strong>
                  {d.sandboxed && (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      {t('agency.workspace.sandboxed')}
                    </Tag>
                  )}
                  {d.description && <div>{d.description}</div>}
                  {d.accessTerms && (
                    <Typography.Text type="secondary">
                      {t('agency.fields.resourceAccess')}：{d.accessTerms}
                    </Typography.Text>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t('agency.fields.compliance')}>
          {s.compliance ? (
            <Space wrap size={[6, 6]}>
              <Tag>
                {t('agency.fields.dataSecurityLevel')}：
                {t(`agency.options.dataSecurityLevel.${s.compliance.dataSecurityLevel}`)}
              </Tag>
              <Tag>
                {t('agency.fields.personalInformation')}：{yesNo(s.compliance.personalInformation)}
              </Tag>
              <Tag>
                {t('agency.fields.algorithmFiling')}：{yesNo(s.compliance.algorithmFiling)}
              </Tag>
              <Tag>
                {t('agency.fields.generativeAiFiling')}：{yesNo(s.compliance.generativeAiFiling)}
              </Tag>
            </Space>
          ) : (
            dash
          )}
        </Section>
      </Panel>
      <Panel>
        <AttachmentsPanel scenarioId={s.id} editable={isEditable(s.status)} headingLevel={2} />
      </Panel>
    </Space>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {title}
      </Typography.Title>
      <div>{children}</div>
    </section>
  );
}

/** What the status means for the agency now (vetting outcome, cancellation…). */
function StatusNotice({ scenario: s }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  switch (s.status) {
    case 'draft':
      return <Alert type="info" showIcon title={t('agency.workspace.notice.draft')} />;
    case 'submitted':
      return <Alert type="info" showIcon title={t('agency.workspace.notice.submitted')} />;
    case 'returned':
      return (
        <Alert
          type="warning"
          showIcon
          title={t('agency.editor.returnedTitle')}
          description={<VettingComments comments={s.vettingComments} />}
        />
      );
    case 'approved':
      return <Alert type="success" showIcon title={t('agency.workspace.notice.approved')} />;
    case 'rejected':
      return (
        <Alert
          type="error"
          showIcon
          title={t('agency.workspace.notice.rejected')}
          description={
            s.vettingReason ? (
              <span className="wrap-anywhere">
                {t('agency.workspace.notice.rejectedReason', { reason: s.vettingReason })}
              </span>
            ) : undefined
          }
        />
      );
    case 'published':
      return (
        <Alert
          type="success"
          showIcon
          title={t('agency.workspace.notice.published', { deadline: formatDateTime(s.proposalDeadline) })}
        />
      );
    case 'cancelled':
      return (
        <Alert
          type="warning"
          showIcon
          title={t('agency.workspace.notice.cancelled')}
          description={
            s.cancellationReason ? t('agency.workspace.cancelReasonShown', { reason: s.cancellationReason }) : undefined
          }
        />
      );
    case 'withdrawn':
      return <Alert type="info" showIcon title={t('agency.workspace.notice.withdrawn')} />;
    default:
      return null;
  }
}

/** Why submission was refused: each missing or wrong field, with the way to the editor. */
function SubmitErrors({ error, scenarioId }: { error: ApiError; scenarioId: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginTop: 16 }}
      title={error.message}
      description={
        <>
          {error.fieldErrors.length > 0 && (
            <ul style={{ paddingInlineStart: 18, margin: '4px 0' }}>
              {error.fieldErrors.map((fe, i) => (
                <li key={i}>
                  {t(`agency.fields.${fe.field.split('.')[0]}`, { defaultValue: fe.field })}：{fe.message}
                </li>
              ))}
            </ul>
          )}
          <Link to={`/agency/scenarios/${scenarioId}/edit`}>{t('agency.workspace.fixInEditor')}</Link>
        </>
      }
    />
  );
}

function CancelDialog({ scenario, open, onClose }: { scenario: ScenarioView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const cancel = useMutation({
    mutationFn: (body: { reason: string }) => api.post<ScenarioView>(`/scenarios/${scenario.id}/cancel`, body),
    onSuccess: () => {
      void message.success(t('agency.workspace.cancelled'));
      void queryClient.invalidateQueries({ queryKey: agencyKeys.all });
      onClose();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Modal
      open={open}
      title={t('agency.workspace.cancelTitle')}
      onCancel={onClose}
      okText={t('agency.workspace.cancel')}
      okButtonProps={{ danger: true, loading: cancel.isPending }}
      cancelText={t('common.action.cancel')}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('agency.workspace.cancelText')}</Typography.Paragraph>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v)} preserve={false}>
        <Form.Item
          name="reason"
          label={t('agency.workspace.cancelReason')}
          rules={[
            { required: true, whitespace: true, message: t('agency.rules.reason') },
            { max: 2000, message: t('agency.rules.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
