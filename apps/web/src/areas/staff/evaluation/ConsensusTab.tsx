import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { ErrorState, FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime, formatYuan } from '../../../components/format';
import { keys, useAward, useConsensus, useEvaluation } from '../api';
import { daysUntil } from '../scenario/deliveryState';
import type { AwardDecisionView, ConsensusProposal, ConsensusView, ScenarioView } from '../types';
import { EvaluationStatusTag } from './EvaluationTab';
import { StaffTable } from '../components/StaffTable';
import { isStateRefusal, StateNotice } from '../components/StateNotice';
import { ToneTag, type Tone } from '../components/ToneTag';

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** "Lead（member、member）" for a proposal's vendors. */
export function vendorNames(p: Pick<ConsensusProposal, 'vendors'>): string {
  const lead = p.vendors.find((v) => v.role === 'lead');
  const members = p.vendors.filter((v) => v.role === 'member').map((v) => v.name);
  const name = lead?.name ?? p.vendors[0]?.name ?? '—';
  return members.length ? `${name}（${members.join('、')}）` : name;
}

export function ProposalStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const colour: Record<string, Tone> = {
    opened: 'blue',
    shortlisted: 'purple',
    not_shortlisted: 'default',
    awarded: 'gold',
    unsuccessful: 'default',
  };
  return (
    <ToneTag tone={colour[status] ?? 'default'}>
      {t(`staff.proposalStatus.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

export function ConsensusTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const evaluation = useEvaluation(scenario.id);
  const hasEvaluation = !!evaluation.data;
  const consensus = useConsensus(scenario.id, hasEvaluation);
  const award = useAward(scenario.id, hasEvaluation);

  if (evaluation.isError && evaluation.error instanceof ApiError && evaluation.error.status === 404)
    return (
      <Alert type="info" showIcon title={t('staff.evaluation.none')} description={t('staff.consensus.noEvaluation')} />
    );
  if (evaluation.isError) return <ErrorState error={evaluation.error} onRetry={() => void evaluation.refetch()} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={h2(t('staff.consensus.ranking'))}>
        {isStateRefusal(consensus.error) ? (
          <StateNotice error={consensus.error} />
        ) : (
          <QueryState query={consensus}>{(c) => <Ranking scenarioId={scenario.id} consensus={c} />}</QueryState>
        )}
      </Card>
      <Card title={h2(t('staff.award.title'))}>
        <QueryState query={award}>
          {(a) =>
            a.current ? (
              <DecisionView decision={a.current} consensus={consensus.data} />
            ) : consensus.data ? (
              <AwardForm scenarioId={scenario.id} consensus={consensus.data} />
            ) : (
              <Typography.Paragraph type="secondary">{t('staff.award.whenClosed')}</Typography.Paragraph>
            )
          }
        </QueryState>
        {award.data && award.data.superseded.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('staff.award.superseded')}
            </Typography.Title>
            {award.data.superseded.map((d) => (
              <DecisionView key={d.id} decision={d} consensus={consensus.data} compact />
            ))}
          </>
        )}
      </Card>
    </Space>
  );
}

function Ranking({ scenarioId, consensus }: { scenarioId: string; consensus: ConsensusView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const closed = consensus.status === 'closed';
  const initial = consensus.proposals.filter((p) => p.status === 'shortlisted').map((p) => p.proposalId);
  const [selected, setSelected] = useState<string[]>(initial);
  const [error, setError] = useState<string | null>(null);
  const criterionName = new Map(consensus.criteria.map((c) => [c.key, c.name]));
  const shortlist = useMutation({
    mutationFn: (proposalIds: string[]) =>
      api.put<ConsensusView>(`/scenarios/${scenarioId}/shortlist`, { proposalIds }),
    onSuccess: (view) => {
      setError(null);
      queryClient.setQueryData(keys.consensus(scenarioId), view);
      void message.success(t('staff.consensus.shortlistSaved'));
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          {t('staff.evaluation.statusLabel')}：<EvaluationStatusTag status={consensus.status} />
        </span>
        <span>{t('staff.consensus.threshold', { value: consensus.disagreementThreshold })}</span>
      </Space>
      {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />}
      <StaffTable<ConsensusProposal>
        rowKey="proposalId"
        size="middle"
        pagination={false}
        dataSource={consensus.proposals}
        locale={{ emptyText: t('staff.consensus.noProposals') }}
        rowSelection={
          closed
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (p) => ({
                  'aria-label': t('staff.consensus.shortlistNamed', { name: vendorNames(p) }),
                }),
                columnTitle: t('staff.consensus.shortlistColumn'),
                columnWidth: 64,
              }
            : undefined
        }
        expandable={{
          expandedRowRender: (p) => (
            <div>
              <Typography.Title level={3} style={{ fontSize: 15 }}>
                {t('staff.consensus.reviewersOf', { name: vendorNames(p) })}
              </Typography.Title>
              <StaffTable
                rowKey="reviewerId"
                size="small"
                pagination={false}
                dataSource={p.reviewers}
                locale={{ emptyText: t('staff.consensus.noScores') }}
                columns={[
                  { title: t('staff.consensus.reviewer'), dataIndex: 'displayName' },
                  { title: t('staff.consensus.total'), dataIndex: 'total', render: (v: number) => v.toFixed(2) },
                  ...consensus.criteria.map((c) => ({
                    title: `${c.name}（${c.weight}%，0–${c.scaleMax}）`,
                    key: c.key,
                    render: (_: unknown, r: ConsensusProposal['reviewers'][number]) => {
                      const s = r.scores.find((x) => x.criterion === c.key);
                      if (!s) return '—';
                      return (
                        <span style={{ display: 'inline-block', maxWidth: 260 }} className="wrap-anywhere">
                          <strong>{s.value}</strong>
                          {s.comment && <Typography.Text type="secondary"> · {s.comment}</Typography.Text>}
                        </span>
                      );
                    },
                  })),
                  {
                    title: t('staff.consensus.updatedAt'),
                    dataIndex: 'updatedAt',
                    render: (v: string) => formatDateTime(v),
                  },
                ]}
              />
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('staff.consensus.criterionMeans')}：
                {p.criteria
                  .map(
                    (c) =>
                      `${criterionName.get(c.key) ?? c.key} ${c.mean === null ? '—' : c.mean.toFixed(2)}/${c.scaleMax}`,
                  )
                  .join('；')}
              </Typography.Paragraph>
            </div>
          ),
        }}
        columns={[
          { title: t('staff.consensus.rank'), dataIndex: 'rank', width: 64 },
          {
            title: t('staff.consensus.vendor'),
            key: 'vendor',
            render: (_, p) => <span className="wrap-anywhere">{vendorNames(p)}</span>,
          },
          {
            title: t('staff.consensus.mean'),
            dataIndex: 'weightedMean',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
          },
          {
            title: t('staff.consensus.stdDev'),
            dataIndex: 'stdDev',
            render: (v: number | null, p) => (
              <Space>
                {v === null ? '—' : v.toFixed(2)}
                {p.disagreement && <ToneTag tone="red">{t('staff.consensus.disagreement')}</ToneTag>}
              </Space>
            ),
          },
          { title: t('staff.consensus.reviewerCount'), dataIndex: 'reviewerCount' },
          {
            title: t('staff.consensus.totals'),
            key: 'totals',
            render: (_, p) =>
              p.reviewers.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 300 }}>
                  {p.reviewers.map((r) => (
                    <li key={r.reviewerId}>
                      {r.displayName} <strong>{r.total.toFixed(1)}</strong>
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
          },
          {
            title: t('staff.field.status'),
            dataIndex: 'status',
            render: (s: string) => <ProposalStatusTag status={s} />,
          },
        ]}
      />
      {closed ? (
        <Space style={{ marginTop: 12 }} wrap>
          <Button onClick={() => shortlist.mutate(selected)} loading={shortlist.isPending}>
            {t('staff.consensus.saveShortlist', { count: selected.length })}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {consensus.status === 'decided'
            ? t('staff.consensus.shortlistDecided')
            : t('staff.consensus.shortlistWhenClosed')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

interface AwardFormValues {
  outcome: 'award' | 'no_award';
  winners: { proposalId?: string; amountYuan?: number | null }[];
  justification: string;
  publicSummary?: string;
}

function AwardForm({ scenarioId, consensus }: { scenarioId: string; consensus: ConsensusView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AwardFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const outcome = Form.useWatch('outcome', form);
  const eligible = consensus.proposals.filter((p) => ['opened', 'shortlisted'].includes(p.status));
  const decide = useMutation({
    mutationFn: (v: AwardFormValues) =>
      api.post<AwardDecisionView>(`/scenarios/${scenarioId}/award`, {
        outcome: v.outcome,
        winners:
          v.outcome === 'award'
            ? (v.winners ?? []).map((w) => ({ proposalId: w.proposalId, amountYuan: w.amountYuan }))
            : [],
        justification: v.justification,
        publicSummary: v.publicSummary?.trim() || null,
      }),
    onSuccess: () => {
      setErrors([]);
      void message.success(t('staff.award.decided'));
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });

  if (consensus.status !== 'closed')
    return <Typography.Paragraph type="secondary">{t('staff.award.whenClosed')}</Typography.Paragraph>;

  return (
    <>
      <FormErrors messages={errors} />
      <Form<AwardFormValues>
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'award', winners: eligible[0] ? [{ proposalId: eligible[0].proposalId }] : [{}] }}
        onFinish={(v) => decide.mutate(v)}
      >
        <Form.Item label={t('staff.award.outcome')} name="outcome">
          <Radio.Group
            options={[
              { value: 'award', label: t('staff.award.outcomes.award') },
              { value: 'no_award', label: t('staff.award.outcomes.no_award') },
            ]}
          />
        </Form.Item>
        {outcome !== 'no_award' && (
          <Form.List name="winners">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={12} key={field.key} align="bottom">
                    <Col xs={24} md={14}>
                      <Form.Item
                        label={t('staff.award.winnerN', { n: i + 1 })}
                        name={[field.name, 'proposalId']}
                        rules={[{ required: true, message: t('staff.award.pickWinner') }]}
                      >
                        <Select
                          options={eligible.map((p) => ({
                            value: p.proposalId,
                            label: `${t('staff.consensus.rankN', { n: p.rank })} ${vendorNames(p)}`,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={18} md={8}>
                      <Form.Item
                        label={t('staff.award.amount')}
                        name={[field.name, 'amountYuan']}
                        rules={[{ required: true, message: t('staff.award.amountRequired') }]}
                      >
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={2}>
                      <Form.Item>
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('staff.award.removeWinnerN', { n: i + 1 })}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  style={{ marginBottom: 16 }}
                  disabled={fields.length >= 10}
                >
                  {t('staff.award.addWinner')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        <Form.Item
          label={t('staff.award.justification')}
          name="justification"
          rules={[{ required: true, whitespace: true, message: t('staff.award.justificationRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item
          label={t('staff.award.publicSummary')}
          name="publicSummary"
          extra={t('staff.award.publicSummaryHint')}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Popconfirm
          title={t('staff.award.confirm')}
          okText={t('staff.award.confirmOk')}
          cancelText={t('common.action.cancel')}
          onConfirm={() => form.submit()}
        >
          <Button type="primary" loading={decide.isPending}>
            {t('staff.award.submit')}
          </Button>
        </Popconfirm>
      </Form>
    </>
  );
}

function DecisionView({
  decision: d,
  consensus,
  compact,
}: {
  decision: AwardDecisionView;
  consensus?: ConsensusView;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const byProposal = useMemo(() => new Map((consensus?.proposals ?? []).map((p) => [p.proposalId, p])), [consensus]);
  const now = new Date();
  const standstillLeft = daysUntil(d.standstillEndsAt, now);
  return (
    <div style={{ marginBottom: compact ? 12 : 0 }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'outcome',
            label: t('staff.award.outcome'),
            children: (
              <Space wrap>
                <ToneTag tone={d.outcome === 'award' ? 'gold' : 'default'}>
                  {t(`staff.award.outcomes.${d.outcome}`)}
                </ToneTag>
                {d.supersededAt && (
                  <ToneTag tone="red">{t('staff.award.supersededAt', { at: formatDateTime(d.supersededAt) })}</ToneTag>
                )}
              </Space>
            ),
          },
          ...(d.winners.length
            ? [
                {
                  key: 'winners',
                  label: t('staff.award.winners'),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {d.winners.map((w) => {
                        const p = byProposal.get(w.proposalId);
                        return (
                          <li key={w.proposalId}>
                            {p ? vendorNames(p) : w.proposalId} — {formatYuan(w.amountYuan)}
                          </li>
                        );
                      })}
                    </ul>
                  ),
                },
              ]
            : []),
          { key: 'justification', label: t('staff.award.justification'), children: d.justification },
          { key: 'publicSummary', label: t('staff.award.publicSummary'), children: d.publicSummary },
          { key: 'decidedAt', label: t('staff.award.decidedAt'), children: formatDateTime(d.decidedAt) },
          {
            key: 'standstill',
            label: t('staff.award.standstillEndsAt'),
            children: (
              <Space wrap>
                {formatDateTime(d.standstillEndsAt)}
                {!d.supersededAt &&
                  (standstillLeft > 0 ? (
                    <ToneTag tone="orange">{t('staff.award.standstillLeft', { count: standstillLeft })}</ToneTag>
                  ) : (
                    <ToneTag tone="green">{t('staff.award.standstillOver')}</ToneTag>
                  ))}
              </Space>
            ),
          },
          {
            key: 'objections',
            label: t('staff.award.objections'),
            children: d.objections.length
              ? t('staff.award.objectionCount', {
                  count: d.objections.length,
                  open: d.objections.filter((o) => o.status === 'lodged').length,
                })
              : t('staff.common.none'),
          },
        ]}
      />
    </div>
  );
}
