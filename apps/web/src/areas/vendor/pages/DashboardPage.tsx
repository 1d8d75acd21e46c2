import { Alert, Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useAuth } from '../../../auth/AuthContext';
import { QueryState } from '../../../components/QueryState';
import { useMyProposals, useProfile, useRecommendations } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { PageTitle, ProposalStatusTag } from '../components/bits';
import { vendorPaths } from '../paths';

const TOP = 5;

export function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const profile = useProfile();
  const recommendations = useRecommendations(TOP);
  const mine = useMyProposals();
  const verified = me?.organisation?.status === 'verified';

  return (
    <>
      <PageTitle title={t('vendor.dashboard.title')} subtitle={me?.organisation?.nameZh} />
      {!verified && (
        <Alert type="warning" showIcon title={t('vendor.dashboard.notVerified')} style={{ marginBottom: 16 }} />
      )}
      {profile.data === null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('vendor.dashboard.profileMissing')}
          action={
            <Button size="small" type="primary" onClick={() => navigate(vendorPaths.profile)}>
              {t('vendor.dashboard.profileMissingAction')}
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('vendor.dashboard.recommended')}</h2>}
            extra={<Link to={vendorPaths.recommendations}>{t('vendor.dashboard.allRecommendations')}</Link>}
          >
            {recommendations.isError &&
            recommendations.error instanceof ApiError &&
            recommendations.error.status === 403 ? (
              <Typography.Text type="secondary">{t('vendor.reco.notVerified')}</Typography.Text>
            ) : (
              <QueryState
                query={recommendations}
                isEmpty={(d) => d.items.length === 0}
                empty={<Empty description={t('vendor.dashboard.noRecommendations')} />}
              >
                {(data) => (
                  <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {data.items.slice(0, TOP).map((r) => (
                      <li key={r.scenario.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                        <Flex justify="space-between" gap={8} align="start">
                          <div style={{ minWidth: 0 }}>
                            <Link to={vendorPaths.scenario(r.scenario.id)} className="wrap-anywhere">
                              {r.scenario.title}
                            </Link>
                            <div>
                              <DeadlineCountdown deadline={r.scenario.deadline} showDate={false} />
                            </div>
                          </div>
                          <Tag color="blue" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
                            {t('vendor.common.score')} {r.score}
                          </Tag>
                        </Flex>
                      </li>
                    ))}
                  </ol>
                )}
              </QueryState>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('vendor.dashboard.invitations')}</h2>}
              extra={<Link to={vendorPaths.invitations}>{t('vendor.dashboard.allInvitations')}</Link>}
            >
              <QueryState
                query={mine}
                isEmpty={(d) => !d.some((p) => p.role === 'member' && p.memberStatus === 'invited')}
                empty={<Typography.Text type="secondary">{t('vendor.dashboard.noInvitations')}</Typography.Text>}
              >
                {(data) => (
                  <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                    {data
                      .filter((p) => p.role === 'member' && p.memberStatus === 'invited')
                      .map((p) => (
                        <li key={p.id}>
                          <Link to={vendorPaths.invitations} className="wrap-anywhere">
                            {p.scenarioTitle}
                          </Link>
                        </li>
                      ))}
                  </ul>
                )}
              </QueryState>
            </Card>
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('vendor.dashboard.myProposals')}</h2>}
              extra={<Link to={vendorPaths.proposals}>{t('vendor.dashboard.allProposals')}</Link>}
            >
              <QueryState
                query={mine}
                isEmpty={(d) => !d.some((p) => p.role === 'lead' || p.memberStatus === 'confirmed')}
                empty={<Typography.Text type="secondary">{t('vendor.dashboard.noProposals')}</Typography.Text>}
              >
                {(data) => (
                  <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {data
                      .filter((p) => p.role === 'lead' || p.memberStatus === 'confirmed')
                      .slice(0, 6)
                      .map((p) => (
                        <li key={p.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                          <Flex justify="space-between" gap={8} align="start">
                            <Link to={vendorPaths.proposal(p.id)} className="wrap-anywhere" style={{ minWidth: 0 }}>
                              {p.scenarioTitle}
                            </Link>
                            <ProposalStatusTag status={p.status} />
                          </Flex>
                        </li>
                      ))}
                  </ul>
                )}
              </QueryState>
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('vendor.dashboard.shortcuts')}</h2>}>
              <Flex wrap gap={12}>
                <Link to={vendorPaths.profile}>{t('vendor.nav.profile')}</Link>
                <Link to={vendorPaths.followed}>{t('vendor.followed.title')}</Link>
                <Link to={vendorPaths.savedSearches}>{t('vendor.nav.savedSearches')}</Link>
                <Link to={vendorPaths.invitations}>{t('vendor.nav.invitations')}</Link>
              </Flex>
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
