import type { ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Form, Grid, Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { ScenarioDetails } from '../components/ScenarioDetails';
import { StaffPage } from '../components/StaffPage';
import { StaffLink } from '../components/StaffLink';
import { useOrganisationNames, useScenario } from '../api';
import { ConsensusTab } from '../evaluation/ConsensusTab';
import { EvaluationTab } from '../evaluation/EvaluationTab';
import { ObjectionsTab } from '../evaluation/ObjectionsTab';
import type { ScenarioView } from '../types';
import { DeliveryTab } from './DeliveryTab';
import { MatchesTab } from './MatchesTab';
import { ScenarioStatusTag } from '../components/ToneTag';

export const SCENARIO_TABS = ['overview', 'matches', 'evaluation', 'consensus', 'objections', 'delivery'] as const;
export type ScenarioTab = (typeof SCENARIO_TABS)[number];

/** The tab a scenario most likely needs attention in, given its status. */
export function defaultTab(status: ScenarioView['status']): ScenarioTab {
  switch (status) {
    case 'published':
      return 'matches';
    case 'closed':
    case 'under_evaluation':
      return 'evaluation';
    case 'awarded':
    case 'no_award':
      return 'consensus';
    case 'in_delivery':
    case 'accepted':
    case 'demonstration':
      return 'delivery';
    default:
      return 'overview';
  }
}

export function ScenarioPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const scenario = useScenario(id);
  return (
    <StaffPage
      title={scenario.data?.title ?? t('staff.scenario.title')}
      back={{ to: '/staff/scenarios', label: t('staff.scenario.back') }}
    >
      <QueryState query={scenario}>{(s) => <ScenarioTabs scenario={s} />}</QueryState>
    </StaffPage>
  );
}

function ScenarioTabs({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const names = useOrganisationNames();
  const requested = params.get('tab');
  const active: ScenarioTab = (SCENARIO_TABS as readonly string[]).includes(requested ?? '')
    ? (requested as ScenarioTab)
    : defaultTab(scenario.status);
  const content: Record<ScenarioTab, ReactNode> = {
    overview: <ScenarioDetails scenario={scenario} />,
    matches: <MatchesTab scenario={scenario} />,
    evaluation: <EvaluationTab scenario={scenario} />,
    consensus: <ConsensusTab scenario={scenario} />,
    objections: <ObjectionsTab scenario={scenario} />,
    delivery: <DeliveryTab scenario={scenario} />,
  };
  const screens = Grid.useBreakpoint();
  const select = (key: string) => setParams({ tab: key }, { replace: true });
  const tabItems = SCENARIO_TABS.map((key) => ({ key, label: t(`staff.scenario.tab.${key}`) }));
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <ScenarioStatusTag status={scenario.status} />
        {scenario.code && <Typography.Text code>{scenario.code}</Typography.Text>}
        <Typography.Text type="secondary">{names.data?.get(scenario.agencyOrganisationId) ?? ''}</Typography.Text>
        <StaffLink to={`/staff/audit?objectType=scenario&objectId=${scenario.id}`}>
          {t('staff.scenario.auditTrail')}
        </StaffLink>
        {scenario.proposalDeadline && (
          <Typography.Text type="secondary">
            {t('staff.scenario.deadline', { at: formatDateTime(scenario.proposalDeadline) })}
          </Typography.Text>
        )}
      </Space>
      {screens.md === false ? (
        // Narrow screens: the tab bar would overflow into a "more" menu; a labelled select reads better.
        <>
          <Form layout="vertical">
            <Form.Item label={t('staff.scenario.section')} htmlFor="scenario-section">
              <Select
                id="scenario-section"
                value={active}
                onChange={select}
                options={tabItems.map((i) => ({ value: i.key, label: i.label }))}
              />
            </Form.Item>
          </Form>
          <section aria-label={t(`staff.scenario.tab.${active}`)}>{content[active]}</section>
        </>
      ) : (
        <Tabs
          activeKey={active}
          onChange={select}
          destroyOnHidden
          items={tabItems.map((i) => ({ ...i, children: content[i.key] }))}
        />
      )}
    </>
  );
}
