import { useState } from 'react';
import { Alert, Button, Collapse, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, downloadFile } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { formatDate, formatDateTime, formatYuan } from '../../../components/format';
import { Panel } from '../components/Panel';
import { ScrollTable } from '../components/ScrollTable';
import { agencyKeys } from '../api';
import { formatBytes } from '../format';
import type { ProposalView, ScenarioProposalsView, ScenarioView } from '../types';

const PROPOSAL_COLOURS: Record<string, string> = {
  opened: 'blue',
  shortlisted: 'cyan',
  not_shortlisted: 'default',
  awarded: 'gold',
  unsuccessful: 'default',
  not_opened: 'default',
};

/** Proposals: only the count while sealed; after the opening, every opened proposal in full. */
export function ProposalsTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: agencyKeys.proposals(scenario.id),
    queryFn: ({ signal }) => api.get<ScenarioProposalsView>(`/scenarios/${scenario.id}/proposals`, undefined, signal),
  });
  return (
    <QueryState query={query}>
      {(view) =>
        view.sealed ? (
          <Panel>
            <Result
              icon={<LockOutlined />}
              title={
                <h2 style={{ fontSize: 20, margin: 0 }}>
                  {t('agency.proposals.sealed', { count: view.submittedCount })}
                </h2>
              }
              subTitle={t('agency.proposals.sealedHelp', { deadline: formatDateTime(scenario.proposalDeadline) })}
            />
          </Panel>
        ) : (
          <Panel>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('agency.proposals.openedHeading', { count: view.proposals?.length ?? 0 })}
            </Typography.Title>
            {!!view.notOpenedCount && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('agency.proposals.notOpened', { count: view.notOpenedCount })}
              />
            )}
            {(view.proposals ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('agency.proposals.none')}</Typography.Text>
            ) : (
              <Collapse
                items={(view.proposals ?? []).map((p) => ({
                  key: p.id,
                  label: (
                    <Space wrap size="small">
                      <strong className="wrap-anywhere">{leadName(p)}</strong>
                      <Tag color={PROPOSAL_COLOURS[p.status] ?? 'default'}>
                        {t(`agency.proposals.status.${p.status}`)}
                      </Tag>
                      <span>{formatYuan(p.content.priceYuan)}</span>
                    </Space>
                  ),
                  children: <ProposalDetail proposal={p} scenario={scenario} />,
                }))}
              />
            )}
          </Panel>
        )
      }
    </QueryState>
  );
}

const leadName = (p: ProposalView) => p.members.find((m) => m.role === 'lead')?.nameZh ?? p.leadOrganisationId;

function ProposalDetail({ proposal: p, scenario }: { proposal: ProposalView; scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const c = p.content;
  const members = p.members.filter((m) => m.role === 'member');
  const targetOf = (metric: string) => {
    const k = scenario.kpis.find((x) => x.metric === metric);
    return k ? `${k.target}${k.unit ? ` ${k.unit}` : ''}` : '—';
  };
  const H = ({ children }: { children: string }) => (
    <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
      {children}
    </Typography.Title>
  );
  return (
    <div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'lead', label: t('agency.proposals.lead'), children: leadName(p) },
          {
            key: 'members',
            label: t('agency.proposals.members'),
            children: members.length ? members.map((m) => m.nameZh).join('、') : t('agency.none'),
          },
          { key: 'price', label: t('agency.proposals.price'), children: formatYuan(c.priceYuan) },
          { key: 'submitted', label: t('agency.proposals.submittedAt'), children: formatDateTime(p.submittedAt) },
        ]}
      />
      <H>{t('agency.proposals.approach')}</H>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} className="wrap-anywhere">
        {c.technicalApproach || '—'}
      </Typography.Paragraph>
      <H>{t('agency.proposals.kpiResponses')}</H>
      <ScrollTable
        label={t('agency.proposals.kpiResponses')}
        size="small"
        pagination={false}

        rowKey={(_, i) => String(i)}
        dataSource={c.kpiResponses}
        columns={[
          { key: 'metric', title: t('agency.fields.kpiMetric'), dataIndex: 'metric' },
          { key: 'target', title: t('agency.fields.kpiTarget'), render: (_, r) => targetOf(r.metric) },
          { key: 'committed', title: t('agency.proposals.committed'), dataIndex: 'committedValue' },
          { key: 'approach', title: t('agency.proposals.kpiApproach'), dataIndex: 'approach' },
        ]}
      />
      <H>{t('agency.proposals.priceBreakdown')}</H>
      <ScrollTable
        label={t('agency.proposals.priceBreakdown')}
        size="small"
        pagination={false}

        rowKey={(_, i) => String(i)}
        dataSource={c.priceBreakdown}
        columns={[
          { key: 'item', title: t('agency.proposals.item'), dataIndex: 'item' },
          {
            key: 'amount',
            title: t('agency.proposals.amount'),
            render: (_, r) => formatYuan(r.amountYuan),
            align: 'right',
          },
        ]}
      />
      <H>{t('agency.proposals.milestones')}</H>
      <ScrollTable
        label={t('agency.proposals.milestones')}
        size="small"
        pagination={false}

        rowKey={(_, i) => String(i)}
        dataSource={c.milestones}
        columns={[
          { key: 'title', title: t('agency.delivery.milestoneTitle'), dataIndex: 'title' },
          { key: 'due', title: t('agency.delivery.dueDate'), render: (_, r) => formatDate(r.dueDate) },
          { key: 'deliverables', title: t('agency.delivery.deliverables'), dataIndex: 'deliverables' },
          {
            key: 'payment',
            title: t('agency.delivery.payment'),
            render: (_, r) => (r.paymentPercent !== undefined ? `${r.paymentPercent}%` : '—'),
          },
        ]}
      />
      <H>{t('agency.proposals.team')}</H>
      <ul style={{ paddingInlineStart: 18 }}>
        {c.team.map((m, i) => (
          <li key={i}>
            <strong>{m.name}</strong>（{m.role}）{m.qualifications && `：${m.qualifications}`}
          </li>
        ))}
        {c.team.length === 0 && <li>{t('agency.none')}</li>}
      </ul>
      <H>{t('agency.proposals.references')}</H>
      <ul style={{ paddingInlineStart: 18 }}>
        {c.references.map((r, i) => (
          <li key={i}>
            {r.client} · {r.project} · {r.year}
          </li>
        ))}
        {c.references.length === 0 && <li>{t('agency.none')}</li>}
      </ul>
      {c.trialPlan && (
        <>
          <H>{t('agency.proposals.trialPlan')}</H>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.trialPlan}</Typography.Paragraph>
        </>
      )}
      <H>{t('agency.proposals.attachments')}</H>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {p.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('agency.none')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {p.attachments.map((a) => (
            <li key={a.id}>
              <Button
                type="link"
                icon={<PaperClipOutlined />}
                style={{ paddingInline: 0, whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
                onClick={() =>
                  void downloadFile(`/proposals/${p.id}/attachments/${a.id}`, a.fileName).catch((e) =>
                    setError(e instanceof Error ? e.message : String(e)),
                  )
                }
              >
                {a.fileName}
              </Button>{' '}
              <Typography.Text type="secondary">{formatBytes(a.sizeBytes)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {p.receiptSha256 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} className="wrap-anywhere">
          {t('agency.proposals.receipt')}：{p.receiptSha256}
        </Typography.Paragraph>
      )}
    </div>
  );
}
