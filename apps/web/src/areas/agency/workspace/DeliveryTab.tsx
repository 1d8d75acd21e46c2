import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Space,
  Tag,
  Typography,
} from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, downloadFile } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDate, formatDateTime, formatYuan } from '../../../components/format';
import { Panel } from '../components/Panel';
import { agencyKeys } from '../api';
import type { DeliveryOverviewView, DeliveryView, MilestoneChangeView, MilestoneView, ScenarioView } from '../types';
import { milestoneActions, openChange } from './rules';

export function useDelivery(scenarioId: string) {
  return useQuery({
    queryKey: agencyKeys.delivery(scenarioId),
    queryFn: ({ signal }) => api.get<DeliveryOverviewView>(`/scenarios/${scenarioId}/delivery`, undefined, signal),
  });
}

const MILESTONE_COLOURS = { pending: 'default', reported: 'processing', completed: 'success' } as const;

/** Delivery (实施): milestones with their status, changes by agreement, and the vendors' progress reports. */
export function DeliveryTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const query = useDelivery(scenario.id);
  return (
    <QueryState
      query={query}
      isEmpty={(d) => d.deliveries.length === 0}
      empty={<Alert type="info" showIcon title={t('agency.delivery.none')} />}
    >
      {(overview) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {overview.deliveries.map((d) => (
            <DeliveryCard key={d.id} delivery={d} scenario={scenario} />
          ))}
        </Space>
      )}
    </QueryState>
  );
}

function DeliveryCard({ delivery: d, scenario }: { delivery: DeliveryView; scenario: ScenarioView }) {
  const { t } = useTranslation();
  const lead = d.members.find((m) => m.role === 'lead')?.nameZh ?? '';
  const members = d.members.filter((m) => m.role === 'member').map((m) => m.nameZh);
  const latest = d.reports[d.reports.length - 1];
  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }} className="wrap-anywhere">
        {t('agency.delivery.heading', { lead })}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'members', label: t('agency.proposals.members'), children: members.join('、') || t('agency.none') },
          { key: 'amount', label: t('agency.delivery.amount'), children: formatYuan(d.amountYuan) },
          { key: 'started', label: t('agency.delivery.startedAt'), children: formatDateTime(d.startedAt) },
        ]}
      />
      {latest && (
        <div style={{ maxWidth: 320, marginBottom: 8 }}>
          <Typography.Text id={`progress-${d.id}`}>{t('agency.delivery.progress')}</Typography.Text>
          <Progress percent={latest.percentComplete} aria-labelledby={`progress-${d.id}`} />
        </div>
      )}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('agency.delivery.milestones')}
      </Typography.Title>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('agency.delivery.milestones')}>
        {d.milestones.map((m) => (
          <li key={m.id} style={{ marginBottom: 12 }}>
            <MilestoneItem milestone={m} scenario={scenario} />
          </li>
        ))}
      </ol>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('agency.delivery.reports')}
      </Typography.Title>
      {d.reports.length === 0 ? (
        <Typography.Text type="secondary">{t('agency.delivery.noReports')}</Typography.Text>
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('agency.delivery.reports')}>
          {[...d.reports].reverse().map((r) => (
            <li key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap size="small">
                <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
                <Tag color="blue">{t('agency.delivery.percent', { percent: r.percentComplete })}</Tag>
                {r.milestoneId && (
                  <Tag>{d.milestones.find((m) => m.id === r.milestoneId)?.title ?? t('agency.delivery.milestone')}</Tag>
                )}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }} className="wrap-anywhere">
                {r.text}
              </Typography.Paragraph>
              {r.attachments.map((a) => (
                <Button
                  key={a.id}
                  type="link"
                  size="small"
                  icon={<PaperClipOutlined />}
                  style={{ paddingInline: 0 }}
                  onClick={() =>
                    void downloadFile(
                      `/scenarios/${scenario.id}/delivery/reports/${r.id}/attachments/${a.id}`,
                      a.fileName,
                    )
                  }
                >
                  {a.fileName}
                </Button>
              ))}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function MilestoneItem({ milestone: m, scenario }: { milestone: MilestoneView; scenario: ScenarioView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const actions = milestoneActions(m, scenario.status);
  const pending = openChange(m);
  const [dialog, setDialog] = useState<'return' | 'change' | 'refuse' | null>(null);
  const base = `/scenarios/${scenario.id}/delivery`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: agencyKeys.delivery(scenario.id) });
  const onError = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const confirm = useMutation({
    mutationFn: () => api.post<MilestoneView>(`${base}/milestones/${m.id}/confirm`),
    onSuccess: () => {
      void message.success(t('agency.delivery.confirmed'));
      void refresh();
    },
    onError,
  });
  const agree = useMutation({
    mutationFn: (changeId: string) => api.post<MilestoneView>(`${base}/milestone-changes/${changeId}/agree`),
    onSuccess: () => {
      void message.success(t('agency.delivery.changeAgreed'));
      void refresh();
    },
    onError,
  });
  const history = m.changes.filter((c) => c.status !== 'proposed');

  return (
    <Panel size="small" style={{ borderColor: m.overdue ? '#ff7875' : undefined }}>
      <Space wrap size="small" style={{ marginBottom: 4 }}>
        <strong className="wrap-anywhere">{t('agency.delivery.milestoneNo', { no: m.seq, title: m.title })}</strong>
        <Tag color={MILESTONE_COLOURS[m.status]}>{t(`agency.delivery.status.${m.status}`)}</Tag>
        {m.overdue && <Tag color="error">{t('agency.delivery.overdue')}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'due', label: t('agency.delivery.dueDate'), children: formatDate(m.dueDate) },
          {
            key: 'payment',
            label: t('agency.delivery.payment'),
            children: m.paymentPercent !== null ? `${m.paymentPercent}%` : '—',
          },
          {
            key: 'when',
            label: m.completedAt ? t('agency.delivery.completedAt') : t('agency.delivery.reportedAt'),
            children: formatDateTime(m.completedAt ?? m.reportedAt),
          },
          {
            key: 'deliverables',
            label: t('agency.delivery.deliverables'),
            children: <span className="wrap-anywhere">{m.deliverables || '—'}</span>,
            span: 'filled',
          },
        ]}
      />
      {m.returnReason && m.status === 'pending' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('agency.delivery.returnedWith', { reason: m.returnReason })}
        />
      )}
      {m.status === 'reported' && (
        <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('agency.delivery.awaitingConfirm')} />
      )}
      {pending && <ChangeSummary change={pending} />}
      <Space wrap style={{ marginTop: 8 }}>
        {actions.confirm && (
          <Popconfirm
            title={t('agency.delivery.confirmQuestion')}
            okText={t('agency.delivery.confirm')}
            cancelText={t('common.action.cancel')}
            onConfirm={() => confirm.mutateAsync()}
          >
            <Button type="primary" loading={confirm.isPending}>
              {t('agency.delivery.confirm')}
            </Button>
          </Popconfirm>
        )}
        {actions.return && (
          <Button danger onClick={() => setDialog('return')}>
            {t('agency.delivery.return')}
          </Button>
        )}
        {actions.answerChange && pending && (
          <>
            <Popconfirm
              title={t('agency.delivery.agreeQuestion')}
              okText={t('agency.delivery.agree')}
              cancelText={t('common.action.cancel')}
              onConfirm={() => agree.mutateAsync(pending.id)}
            >
              <Button type="primary" ghost loading={agree.isPending}>
                {t('agency.delivery.agree')}
              </Button>
            </Popconfirm>
            <Button onClick={() => setDialog('refuse')}>{t('agency.delivery.refuse')}</Button>
          </>
        )}
        {actions.proposeChange && (
          <Button onClick={() => setDialog('change')}>{t('agency.delivery.proposeChange')}</Button>
        )}
      </Space>
      {history.length > 0 && (
        <details style={{ marginTop: 8 }}>
          <summary>{t('agency.delivery.changeHistory', { count: history.length })}</summary>
          {history.map((c) => (
            <ChangeSummary key={c.id} change={c} />
          ))}
        </details>
      )}
      <ReasonDialog
        open={dialog === 'return'}
        onClose={() => setDialog(null)}
        title={t('agency.delivery.returnTitle', { title: m.title })}
        field="reason"
        label={t('agency.delivery.returnReason')}
        okText={t('agency.delivery.return')}
        path={`${base}/milestones/${m.id}/return`}
        success={t('agency.delivery.returned')}
        onDone={refresh}
      />
      {pending && (
        <ReasonDialog
          open={dialog === 'refuse'}
          onClose={() => setDialog(null)}
          title={t('agency.delivery.refuseTitle')}
          field="comment"
          label={t('agency.delivery.refuseComment')}
          okText={t('agency.delivery.refuse')}
          path={`${base}/milestone-changes/${pending.id}/refuse`}
          success={t('agency.delivery.changeRefused')}
          onDone={refresh}
        />
      )}
      <ProposeChangeDialog
        open={dialog === 'change'}
        onClose={() => setDialog(null)}
        milestone={m}
        path={`${base}/milestones/${m.id}/changes`}
        onDone={refresh}
      />
    </Panel>
  );
}

function ChangeSummary({ change: c }: { change: MilestoneChangeView }) {
  const { t } = useTranslation();
  const fields = (['title', 'dueDate', 'deliverables'] as const).filter((f) => c.changes[f] !== undefined);
  const by = t(`agency.delivery.party.${c.proposedByParty}`);
  return (
    <Alert
      type={c.status === 'proposed' ? 'warning' : c.status === 'agreed' ? 'success' : 'info'}
      style={{ marginTop: 8 }}
      title={t(`agency.delivery.change.${c.status}`, { by })}
      description={
        <>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {fields.map((f) => (
              <li key={f} className="wrap-anywhere">
                {t(`agency.delivery.changeField.${f}`)}：{c.before[f] ?? '—'} → <strong>{c.changes[f]}</strong>
              </li>
            ))}
          </ul>
          <div>
            {t('agency.delivery.changeReason')}：{c.reason}
          </div>
          {c.answerComment && (
            <div>
              {t('agency.delivery.answerComment')}：{c.answerComment}
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.proposedAt)}
          </Typography.Text>
        </>
      }
    />
  );
}

/** A dialog asking one reason or comment, posted as `{[field]: text}`. */
function ReasonDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  field: 'reason' | 'comment';
  label: string;
  okText: string;
  path: string;
  success: string;
  onDone: () => unknown;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [errors, setErrors] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: (body: Record<string, string>) => api.post(props.path, body),
    onMutate: () => setErrors([]),
    onSuccess: () => {
      void message.success(props.success);
      props.onClose();
      void props.onDone();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      okText={props.okText}
      cancelText={t('common.action.cancel')}
      okButtonProps={{ loading: send.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} preserve={false}>
        <Form.Item
          name={props.field}
          label={props.label}
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

interface ChangeForm {
  title: string;
  dueDate: Dayjs | null;
  deliverables: string;
  reason: string;
}

/** Propose new values for a milestone (only what changes), with a reason; the vendor answers. */
function ProposeChangeDialog(props: {
  open: boolean;
  onClose: () => void;
  milestone: MilestoneView;
  path: string;
  onDone: () => unknown;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const m = props.milestone;
  const [form] = Form.useForm<ChangeForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: (body: Record<string, string>) => api.post(props.path, body),
    onMutate: () => setErrors([]),
    onSuccess: () => {
      void message.success(t('agency.delivery.changeProposed'));
      props.onClose();
      void props.onDone();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const onFinish = (v: ChangeForm) => {
    const body: Record<string, string> = { reason: v.reason };
    if (v.title.trim() && v.title.trim() !== m.title) body.title = v.title.trim();
    const due = v.dueDate ? v.dueDate.format('YYYY-MM-DD') : m.dueDate;
    if (due !== m.dueDate) body.dueDate = due;
    if ((v.deliverables ?? '').trim() !== m.deliverables) body.deliverables = (v.deliverables ?? '').trim();
    if (Object.keys(body).length === 1) {
      setErrors([t('agency.rules.changeSomething')]);
      return;
    }
    send.mutate(body);
  };
  return (
    <Modal
      open={props.open}
      title={t('agency.delivery.changeTitle', { title: m.title })}
      onCancel={props.onClose}
      okText={t('agency.delivery.proposeChange')}
      cancelText={t('common.action.cancel')}
      okButtonProps={{ loading: send.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('agency.delivery.changeHelp')}</Typography.Paragraph>
      <FormErrors messages={errors} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: m.title, dueDate: dayjs(m.dueDate), deliverables: m.deliverables, reason: '' }}
        onFinish={onFinish}
      >
        <Form.Item name="title" label={t('agency.delivery.milestoneTitle')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('agency.delivery.dueDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
        <Form.Item name="deliverables" label={t('agency.delivery.deliverables')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('agency.delivery.changeReason')}
          rules={[{ required: true, whitespace: true, message: t('agency.rules.reason') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
