import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Card, Spin, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/QueryState';
import { useScenario, vendorKeys } from '../api';
import { PageTitle } from '../components/bits';
import { vendorPaths } from '../paths';
import type { ProposalSummaryView, ProposalView } from '../types';

/**
 * `/vendor/proposals/new?scenario=<id>`: creates the draft (one per vendor and scenario) and opens it;
 * if the vendor already takes part in one for the scenario, opens that one.
 */
export function NewProposalPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const scenarioId = params.get('scenario');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scenario = useScenario(scenarioId);
  const started = useRef(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!scenarioId || started.current) return;
    started.current = true;
    const open = (id: string) => navigate(vendorPaths.proposal(id), { replace: true });
    api
      .post<ProposalView>(`/scenarios/${scenarioId}/proposals`, {})
      .then((p) => {
        queryClient.setQueryData(vendorKeys.proposal(p.id), p);
        void queryClient.invalidateQueries({ queryKey: vendorKeys.mine });
        open(p.id);
      })
      .catch(async (e: unknown) => {
        if (e instanceof ApiError && e.code === 'PROPOSAL_ALREADY_EXISTS') {
          const mine = await queryClient.fetchQuery({
            queryKey: vendorKeys.mine,
            queryFn: () => api.get<ProposalSummaryView[]>('/proposals/mine'),
          });
          const existing = mine.find((p) => p.scenarioId === scenarioId);
          if (existing) return open(existing.id);
        }
        setError(e);
      });
  }, [scenarioId, navigate, queryClient]);

  return (
    <>
      <PageTitle
        title={t('vendor.proposal.newTitle')}
        subtitle={scenario.data ? t('vendor.proposal.scenarioLine', { title: scenario.data.title }) : undefined}
      />
      <Card>
        {!scenarioId ? (
          <Typography.Text>{t('vendor.proposal.missingScenario')}</Typography.Text>
        ) : error ? (
          <>
            <ErrorState error={error} />
            <Link to={vendorPaths.scenario(scenarioId)} style={{ display: 'inline-block', marginTop: 12 }}>
              {t('vendor.common.back')}
            </Link>
          </>
        ) : (
          <Spin>
            <Typography.Paragraph role="status" style={{ padding: 24, textAlign: 'center' }}>
              {t('vendor.proposal.creating')}
            </Typography.Paragraph>
          </Spin>
        )}
      </Card>
    </>
  );
}
