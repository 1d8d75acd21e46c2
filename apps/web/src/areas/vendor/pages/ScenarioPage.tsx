import { Button, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatBudget } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { currentLanguage } from '../../../i18n';
import { useMyProposals, useScenario } from '../api';
import { AwardNoticeView } from '../components/AwardNoticeView';
import { DeadlineCountdown } from '../components/Countdown';
import { FollowButton } from '../components/FollowButton';
import { PageTitle, ProposalStatusTag, ScenarioTags } from '../components/bits';
import { deadlinePassed } from '../lib/countdown';
import { proposalFor } from '../lib/proposals';
import { useNow } from '../lib/useNow';
import { publicScenarioPath, vendorPaths } from '../paths';
import type { PublicScenarioDetail } from '../types';
import { ScenarioStatusTag } from '../components/ToneTag';

/** A vendor's view of one scenario: its public summary, follow, the vendor's proposal, write one. */
export function ScenarioPage() {
  const { id = '' } = useParams();
  const scenario = useScenario(id);
  return <QueryState query={scenario}>{(s) => <ScenarioDetail scenario={s} />}</QueryState>;
}

function ScenarioDetail({ scenario: s }: { scenario: PublicScenarioDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const mine = useMyProposals();
  const proposal = proposalFor(mine.data, s.id);
  const en = currentLanguage() === 'en';
  const title = (en && s.titleEn) || s.title;
  const summary = (en && s.summaryEn) || s.summary;
  const open = s.status === 'published' && !deadlinePassed(s.proposalDeadline, now);
  const budgetHidden = s.budgetMinYuan === undefined && s.budgetMaxYuan === undefined;

  return (
    <>
      <PageTitle
        title={title}
        subtitle={
          <Flex wrap gap={8} align="center" component="span">
            {s.code && <Typography.Text type="secondary">{s.code}</Typography.Text>}
            <ScenarioStatusTag status={s.status} />
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <ScenarioTags domain={s.domain} sector={s.sector} district={s.district} />
            <Descriptions
              size="small"
              style={{ marginTop: 12 }}
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'deadline',
                  label: t('vendor.common.deadline'),
                  children: <DeadlineCountdown deadline={s.proposalDeadline} now={now} />,
                  span: 'filled' as const,
                },
                {
                  key: 'budget',
                  label: t('vendor.common.budget'),
                  children: budgetHidden
                    ? t('vendor.common.budgetHidden')
                    : formatBudget(s.budgetMinYuan, s.budgetMaxYuan),
                },
                { key: 'trl', label: t('vendor.common.trlRequired'), children: s.trlRequired ?? '—' },
                {
                  key: 'months',
                  label: t('vendor.common.deliveryMonths'),
                  children: s.expectedDeliveryMonths
                    ? t('vendor.common.months', { count: s.expectedDeliveryMonths })
                    : '—',
                },
                {
                  key: 'site',
                  label: t('vendor.common.site'),
                  children: s.site ? t(`vendor.common.sites.${s.site}`) : '—',
                },
              ]}
            />
            {summary && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18 }}>
                  {t('vendor.scenario.summary')}
                </Typography.Title>
                <Typography.Paragraph className="wrap-anywhere">{summary}</Typography.Paragraph>
              </>
            )}
            {s.capabilityCodes.length > 0 && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18 }}>
                  {t('vendor.scenario.capabilities')}
                </Typography.Title>
                <Flex wrap gap={4} style={{ marginBottom: 12 }}>
                  {s.capabilityCodes.map((c) => (
                    <Tag key={c} style={{ marginInlineEnd: 0 }}>
                      {label('capabilities', c)}
                    </Tag>
                  ))}
                </Flex>
              </>
            )}
            {s.kpis.length > 0 && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18 }}>
                  {t('vendor.scenario.kpis')}
                </Typography.Title>
                <Table
                  size="small"
                  rowKey="metric"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={s.kpis}
                  columns={[
                    { title: t('vendor.scenario.kpiMetric'), dataIndex: 'metric' },
                    { title: t('vendor.scenario.kpiBaseline'), dataIndex: 'baseline' },
                    { title: t('vendor.scenario.kpiTarget'), dataIndex: 'target' },
                    { title: t('vendor.scenario.kpiUnit'), dataIndex: 'unit' },
                  ]}
                />
              </>
            )}
            {s.descriptionHtml && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
                  {t('vendor.scenario.description')}
                </Typography.Title>
                {/* Rendered from Markdown and sanitised by the API (libs/common/src/markdown.ts). */}
                <div className="wrap-anywhere" dangerouslySetInnerHTML={{ __html: s.descriptionHtml }} />
              </>
            )}
          </Card>
          {s.awardNotice && (
            <Card style={{ marginTop: 16 }}>
              <AwardNoticeView notice={s.awardNotice} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('vendor.scenario.myProposal')}
            </Typography.Title>
            {proposal ? (
              <Flex vertical gap={8} align="start">
                <ProposalStatusTag status={proposal.status} />
                <Button type="primary" onClick={() => navigate(vendorPaths.proposal(proposal.id))}>
                  {t('vendor.scenario.viewProposal')}
                </Button>
              </Flex>
            ) : (
              <Flex vertical gap={8} align="start">
                <Typography.Text type="secondary">{t('vendor.scenario.noProposal')}</Typography.Text>
                {open ? (
                  <Button
                    type="primary"
                    icon={<EditOutlined aria-hidden />}
                    onClick={() => navigate(vendorPaths.newProposal(s.id))}
                  >
                    {t('vendor.scenario.writeProposal')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('vendor.scenario.closedForProposals')}</Typography.Text>
                )}
              </Flex>
            )}
            <Typography.Title level={2} style={{ fontSize: 18, marginTop: 20 }}>
              {t('vendor.scenario.actions')}
            </Typography.Title>
            <Flex wrap gap={8} align="center">
              <FollowButton scenarioId={s.id} />
              <Link to={publicScenarioPath(s)}>{t('vendor.common.publicPage')}</Link>
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
