import { Button, Card, Empty, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../components/format';
import { useFollowedPages } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { FollowButton } from '../components/FollowButton';
import { PageTitle, ScenarioTags } from '../components/bits';
import { vendorPaths } from '../paths';
import { ScenarioStatusTag } from '../components/ToneTag';

export function FollowedPage() {
  const { t } = useTranslation();
  const pages = useFollowedPages();
  return (
    <>
      <PageTitle
        title={t('vendor.followed.title')}
        subtitle={t('vendor.followed.intro')}
        extra={<Link to={vendorPaths.savedSearches}>{t('vendor.followed.manageSaved')}</Link>}
      />
      <QueryState
        query={pages}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Empty description={t('vendor.followed.empty')} />}
      >
        {(data) => (
          <>
            <ul aria-label={t('vendor.followed.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {data.pages
                .flatMap((p) => p.items)
                .map((s) => (
                  <li key={s.id} style={{ marginBottom: 12 }}>
                    <Card size="small">
                      <Flex justify="space-between" align="start" gap={12} wrap>
                        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                          <Typography.Title
                            level={2}
                            style={{ fontSize: 16, margin: '0 0 6px' }}
                            className="wrap-anywhere"
                          >
                            <Link to={vendorPaths.scenario(s.id)}>{s.title}</Link>
                          </Typography.Title>
                          <Flex wrap gap={8} align="center">
                            <ScenarioStatusTag status={s.status} />
                            <ScenarioTags domain={s.domain} sector={s.sector} district={s.district} />
                          </Flex>
                          <Flex wrap gap={12} style={{ marginTop: 6 }}>
                            {s.status === 'published' && (
                              <DeadlineCountdown deadline={s.proposalDeadline} showDate={false} />
                            )}
                            <Typography.Text type="secondary">
                              {t('vendor.followed.followedAt', { date: formatDate(s.followedAt) })}
                            </Typography.Text>
                          </Flex>
                        </div>
                        <FollowButton scenarioId={s.id} size="small" />
                      </Flex>
                    </Card>
                  </li>
                ))}
            </ul>
            {pages.hasNextPage && (
              <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                {t('vendor.common.loadMore')}
              </Button>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
