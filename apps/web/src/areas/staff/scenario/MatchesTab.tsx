import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Progress, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { keys, useInvitations, useMatches } from '../api';
import type { InvitationView, MatchedVendor, ScenarioView } from '../types';
import { scoreBreakdown, strongestComponents, type BreakdownRow } from './matchBreakdown';
import { StaffTable } from '../components/StaffTable';
import { ToneTag } from '../components/ToneTag';

export function MatchesTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(20);
  const matches = useMatches(scenario.id, limit);
  const invitations = useInvitations(scenario.id);
  const [inviting, setInviting] = useState<MatchedVendor | null>(null);
  const open = scenario.status === 'published';

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.matches.title')}
      </Typography.Title>
      {!open && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('staff.matches.notOpen')} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="match-limit">{t('staff.matches.limit')}</label>
        <Select
          id="match-limit"
          value={limit}
          onChange={setLimit}
          style={{ width: 100 }}
          options={[10, 20, 50, 100].map((n) => ({ value: n, label: String(n) }))}
        />
        {matches.data?.computedAt && (
          <Typography.Text type="secondary">
            {t('staff.matches.computedAt', {
              at: formatDateTime(matches.data.computedAt),
              version: matches.data.scoringVersion,
            })}
          </Typography.Text>
        )}
      </Space>
      <QueryState
        query={matches}
        isEmpty={(d) => d.items.length === 0}
        empty={<Typography.Paragraph>{t('staff.matches.empty')}</Typography.Paragraph>}
      >
        {(d) => (
          <StaffTable<MatchedVendor>
            rowKey="organisationId"
            size="middle"
            pagination={false}
            dataSource={d.items}
            expandable={{
              expandedRowRender: (r) => <Breakdown vendor={r} />,
              expandRowByClick: false,
            }}
            columns={[
              { title: t('staff.matches.rank'), key: 'rank', render: (_, __, i) => i + 1, width: 56 },
              {
                title: t('staff.matches.vendor'),
                dataIndex: 'name',
                render: (name: string) => <span className="wrap-anywhere">{name}</span>,
              },
              {
                title: t('staff.matches.score'),
                dataIndex: 'score',
                render: (score: number) => (
                  <Space>
                    <Progress
                      type="circle"
                      size={40}
                      percent={score}
                      format={() => score.toFixed(1)}
                      aria-label={t('staff.matches.scoreAria', { score })}
                    />
                  </Space>
                ),
              },
              {
                title: t('staff.matches.mainReasons'),
                key: 'reasons',
                render: (_, r) =>
                  strongestComponents(r.components).map((k) => (
                    <ToneTag key={k}>{t(`staff.matches.component.${k}`, { defaultValue: k })}</ToneTag>
                  )),
              },
              {
                title: t('staff.matches.terms'),
                dataIndex: 'matchedTerms',
                render: (terms: string[]) =>
                  terms.length ? (
                    <span style={{ display: 'inline-block', maxWidth: 260 }}>
                      {terms.slice(0, 6).map((term) => (
                        <ToneTag key={term} tone="blue">
                          {term}
                        </ToneTag>
                      ))}
                    </span>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('staff.common.actions'),
                key: 'invite',
                render: (_, r) =>
                  r.invited ? (
                    <ToneTag tone="green">{t('staff.matches.invited')}</ToneTag>
                  ) : (
                    <Button
                      type="primary"
                      size="small"
                      disabled={!open}
                      onClick={() => setInviting(r)}
                      aria-label={t('staff.matches.inviteNamed', { name: r.name })}
                    >
                      {t('staff.matches.invite')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('staff.matches.invitations')}
      </Typography.Title>
      <QueryState
        query={invitations}
        isEmpty={(d) => d.items.length === 0}
        empty={<Typography.Paragraph>{t('staff.matches.noInvitations')}</Typography.Paragraph>}
      >
        {(d) => (
          <StaffTable<InvitationView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.items}
            columns={[
              { title: t('staff.matches.vendor'), dataIndex: 'vendorName' },
              {
                title: t('staff.matches.message'),
                dataIndex: 'message',
                render: (m: string | null) => <span className="wrap-anywhere">{m ?? '—'}</span>,
              },
              { title: t('staff.matches.invitedAt'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
            ]}
          />
        )}
      </QueryState>
      {inviting && <InviteModal scenarioId={scenario.id} vendor={inviting} onClose={() => setInviting(null)} />}
    </div>
  );
}

function Breakdown({ vendor }: { vendor: MatchedVendor }) {
  const { t } = useTranslation();
  const rows = scoreBreakdown(vendor.components);
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('staff.matches.breakdownOf', { name: vendor.name })}
      </Typography.Title>
      <StaffTable<BreakdownRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('staff.matches.componentColumn'),
            dataIndex: 'key',
            render: (k: string) => t(`staff.matches.component.${k}`, { defaultValue: k }),
          },
          {
            title: t('staff.matches.points'),
            key: 'points',
            render: (_, r) => (
              <Space>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {r.points} / {r.max}
                </span>
                <Progress
                  percent={r.percent}
                  size="small"
                  style={{ width: 100, margin: 0 }}
                  showInfo={false}
                  aria-hidden
                />
              </Space>
            ),
          },
          {
            title: t('staff.matches.why'),
            key: 'why',
            render: (_, r) => <span className="wrap-anywhere">{explain(r, vendor, t)}</span>,
          },
        ]}
      />
    </div>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** One sentence per component from its detail (see matchBreakdown.ts). */
export function explain(r: BreakdownRow, vendor: MatchedVendor, t: T): string {
  const parts: string[] = [];
  const codes = (list: string[]) => list.map((c) => label('capabilities', c)).join('、');
  if (r.key === 'capability') {
    if (r.capabilities.ticked.length)
      parts.push(t('staff.matches.explain.ticked', { list: codes(r.capabilities.ticked) }));
    if (r.capabilities.shownInText.length)
      parts.push(t('staff.matches.explain.shownInText', { list: codes(r.capabilities.shownInText) }));
  }
  if (r.key === 'text' && vendor.matchedTerms.length)
    parts.push(t('staff.matches.explain.terms', { list: vendor.matchedTerms.slice(0, 8).join('、') }));
  if (r.trl)
    parts.push(t('staff.matches.explain.trl', { required: r.trl.required ?? '—', vendor: r.trl.vendor ?? '—' }));
  if (r.trackRecord) parts.push(t('staff.matches.explain.trackRecord', r.trackRecord));
  if (r.rule) parts.push(t(`staff.matches.rule.${r.rule}`, { defaultValue: r.rule }));
  if (r.fit !== null && r.key !== 'budget')
    parts.push(t('staff.matches.explain.fit', { value: Math.round(r.fit * 100) }));
  if (r.mismatchFactor !== null)
    parts.push(t('staff.matches.explain.mismatch', { value: Math.round(r.mismatchFactor * 100) }));
  if (r.relevanceFactor !== null)
    parts.push(t('staff.matches.explain.relevance', { value: Math.round(r.relevanceFactor * 100) }));
  return parts.join('；') || '—';
}

function InviteModal({
  scenarioId,
  vendor,
  onClose,
}: {
  scenarioId: string;
  vendor: MatchedVendor;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ message?: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const invite = useMutation({
    mutationFn: (v: { message?: string }) =>
      api.post<InvitationView>(`/scenarios/${scenarioId}/invitations`, {
        vendorOrganisationId: vendor.organisationId,
        ...(v.message?.trim() ? { message: v.message.trim() } : {}),
      }),
    onSuccess: () => {
      void message.success(t('staff.matches.inviteSent', { name: vendor.name }));
      void queryClient.invalidateQueries({ queryKey: keys.matches(scenarioId) });
      void queryClient.invalidateQueries({ queryKey: keys.invitations(scenarioId) });
      onClose();
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('staff.matches.inviteTitle', { name: vendor.name })}
      okText={t('staff.matches.sendInvite')}
      cancelText={t('common.action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={invite.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={(v) => invite.mutate(v)}>
        <Form.Item label={t('staff.matches.message')} name="message" extra={t('staff.matches.messageHint')}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
