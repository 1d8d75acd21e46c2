import { useId, useState } from 'react';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { useMyProposals } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { EvaluationResultPanel } from '../components/EvaluationResultPanel';
import { PageTitle, ProposalStatusTag } from '../components/bits';
import { DECIDED_STATUSES } from '../lib/proposals';
import { vendorPaths } from '../paths';
import type { ProposalSummaryView } from '../types';

/** The vendor's proposals (led or joined) with their status, results and the way to delivery. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const mine = useMyProposals();
  const pending = mine.data?.filter((p) => p.role === 'member' && p.memberStatus === 'invited').length ?? 0;
  return (
    <>
      <PageTitle
        title={t('vendor.proposals.title')}
        subtitle={t('vendor.proposals.intro')}
        extra={<Link to={vendorPaths.invitations}>{t('vendor.proposals.invitationsLink', { count: pending })}</Link>}
      />
      <QueryState
        query={mine}
        isEmpty={(d) => !d.some((p) => p.role === 'lead' || p.memberStatus === 'confirmed')}
        empty={<Empty description={t('vendor.proposals.empty')} />}
      >
        {(data) => (
          <ul aria-label={t('vendor.proposals.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {data
              .filter((p) => p.role === 'lead' || p.memberStatus === 'confirmed')
              .map((p) => (
                <li key={p.id} style={{ marginBottom: 12 }}>
                  <ProposalCard summary={p} />
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function ProposalCard({ summary: p }: { summary: ProposalSummaryView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [showResult, setShowResult] = useState(false);
  const panelId = useId();
  const decided = DECIDED_STATUSES.includes(p.status);
  const open = ['draft', 'submitted', 'withdrawn', 'reconfirmation_required'].includes(p.status);
  return (
    <Card size="small" data-testid="proposal-card">
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Typography.Text type="secondary">{p.scenarioCode}</Typography.Text>
          <Typography.Title level={2} style={{ fontSize: 16, margin: '2px 0 6px' }} className="wrap-anywhere">
            <Link to={vendorPaths.proposal(p.id)}>{p.scenarioTitle}</Link>
          </Typography.Title>
          <Flex wrap gap={8} align="center">
            <ProposalStatusTag status={p.status} />
            <Tag style={{ marginInlineEnd: 0 }}>{t(`vendor.role.${p.role}`)}</Tag>
            {open && <DeadlineCountdown deadline={p.proposalDeadline} showDate={false} />}
          </Flex>
          {p.submittedAt && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {t('vendor.common.submittedAt')} {formatDateTime(p.submittedAt)}
            </Typography.Text>
          )}
        </div>
        <Flex gap={8} wrap>
          <Button onClick={() => navigate(vendorPaths.proposal(p.id))}>{t('vendor.common.open')}</Button>
          {decided && (
            <Button aria-expanded={showResult} aria-controls={panelId} onClick={() => setShowResult((s) => !s)}>
              {showResult ? t('vendor.proposals.hideResult') : t('vendor.proposals.showResult')}
            </Button>
          )}
          {p.status === 'awarded' && (
            <Button type="primary" onClick={() => navigate(vendorPaths.delivery(p.scenarioId))}>
              {t('vendor.proposals.delivery')}
            </Button>
          )}
        </Flex>
      </Flex>
      <div id={panelId} hidden={!showResult}>
        {showResult && (
          <div style={{ marginTop: 12 }}>
            <EvaluationResultPanel proposalId={p.id} scenarioId={p.scenarioId} />
          </div>
        )}
      </div>
    </Card>
  );
}
