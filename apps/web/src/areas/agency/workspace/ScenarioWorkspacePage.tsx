import { useParams, useSearchParams } from 'react-router';
import { Flex, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { agencyKeys, fetchScenario } from '../api';
import type { ScenarioView } from '../types';
import { ResponsiveTabs } from '../components/ResponsiveTabs';
import { workspaceTabs, type WorkspaceTab } from './rules';
import { OverviewTab } from './OverviewTab';
import { QuestionsTab } from './QuestionsTab';
import { AmendmentsTab } from './AmendmentsTab';
import { ProposalsTab } from './ProposalsTab';
import { DeliveryTab } from './DeliveryTab';
import { AcceptanceTab } from './AcceptanceTab';

/** `/agency/scenarios/:id`: one scenario's workspace, in tabs by what its status allows. */
export function ScenarioWorkspacePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: agencyKeys.scenario(id), queryFn: ({ signal }) => fetchScenario(id, signal) });
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto' }}>
      <QueryState query={query}>{(scenario) => <Workspace scenario={scenario} />}</QueryState>
    </div>
  );
}

function Workspace({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabs = workspaceTabs(scenario.status);
  const requested = params.get('tab') as WorkspaceTab | null;
  const tab: WorkspaceTab = requested && tabs.includes(requested) ? requested : 'overview';
  const content = (key: WorkspaceTab) => {
    switch (key) {
      case 'overview':
        return <OverviewTab scenario={scenario} />;
      case 'questions':
        return <QuestionsTab scenario={scenario} />;
      case 'amendments':
        return <AmendmentsTab scenario={scenario} />;
      case 'proposals':
        return <ProposalsTab scenario={scenario} />;
      case 'delivery':
        return <DeliveryTab scenario={scenario} />;
      case 'acceptance':
        return <AcceptanceTab scenario={scenario} />;
    }
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 4 }} className="wrap-anywhere">
        {scenario.title}
      </Typography.Title>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Space wrap size="small">
          <StatusTag status={scenario.status} />
          <Typography.Text type="secondary">{scenario.code ?? t('agency.list.noCode')}</Typography.Text>
        </Space>
      </Flex>
      <ResponsiveTabs<WorkspaceTab>
        label={t('agency.workspace.sectionLabel')}
        activeKey={tab}
        onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={tabs.map((key) => ({ key, label: t(`agency.workspace.tabs.${key}`), children: content(key) }))}
      />
    </>
  );
}
