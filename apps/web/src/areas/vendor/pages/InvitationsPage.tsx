import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { useMyProposals, useProposal, vendorKeys } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { PageTitle, ProposalStatusTag } from '../components/bits';
import { vendorPaths } from '../paths';
import type { ProposalSummaryView } from '../types';
import { ToneTag } from '../components/ToneTag';

/** Consortium invitations: proposals where the vendor is a member, invited (to answer) or confirmed. */
export function InvitationsPage() {
  const { t } = useTranslation();
  const mine = useMyProposals();
  return (
    <>
      <PageTitle title={t('vendor.invitations.title')} subtitle={t('vendor.invitations.intro')} />
      <QueryState
        query={mine}
        isEmpty={(d) => !d.some((p) => p.role === 'member')}
        empty={<Empty description={t('vendor.invitations.empty')} />}
      >
        {(data) => (
          <ul aria-label={t('vendor.invitations.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {data
              .filter((p) => p.role === 'member')
              .sort((a, b) => (a.memberStatus === b.memberStatus ? 0 : a.memberStatus === 'invited' ? -1 : 1))
              .map((p) => (
                <li key={p.id} style={{ marginBottom: 12 }}>
                  <InvitationCard summary={p} />
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function InvitationCard({ summary: p }: { summary: ProposalSummaryView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const proposal = useProposal(p.id);
  const lead = proposal.data?.members.find((m) => m.role === 'lead');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: vendorKeys.mine }),
      queryClient.invalidateQueries({ queryKey: vendorKeys.proposal(p.id) }),
    ]);
  const confirm = useMutation({
    mutationFn: () => api.post(`/proposals/${p.id}/consortium/confirm`),
    onSuccess: () => {
      void message.success(t('vendor.invitations.confirmed'));
      return refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const decline = useMutation({
    mutationFn: () => api.post(`/proposals/${p.id}/consortium/decline`),
    onSuccess: () => {
      void message.success(t('vendor.invitations.declined'));
      return refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const invited = p.memberStatus === 'invited';

  return (
    <Card size="small">
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 6px' }} className="wrap-anywhere">
            <Link to={vendorPaths.scenario(p.scenarioId)}>{p.scenarioTitle}</Link>
          </Typography.Title>
          <Flex wrap gap={8} align="center">
            <ToneTag tone={invited ? 'orange' : 'green'}>{t(`vendor.memberStatus.${p.memberStatus}`)}</ToneTag>
            <ProposalStatusTag status={p.status} />
            <DeadlineCountdown deadline={p.proposalDeadline} showDate={false} />
          </Flex>
          <div style={{ marginTop: 6 }}>
            {proposal.isPending ? (
              <Skeleton.Input active size="small" />
            ) : (
              lead && <Typography.Text>{t('vendor.invitations.lead', { name: lead.nameZh })}</Typography.Text>
            )}
          </div>
        </div>
        <Flex gap={8} wrap align="center">
          {invited && (
            <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              {t('vendor.invitations.confirm')}
            </Button>
          )}
          <Popconfirm title={t('vendor.invitations.declineConfirm')} onConfirm={() => decline.mutate()}>
            <Button danger loading={decline.isPending}>
              {invited ? t('vendor.invitations.decline') : t('vendor.invitations.leave')}
            </Button>
          </Popconfirm>
          <Link to={vendorPaths.proposal(p.id)}>{t('vendor.invitations.viewProposal')}</Link>
        </Flex>
      </Flex>
    </Card>
  );
}
