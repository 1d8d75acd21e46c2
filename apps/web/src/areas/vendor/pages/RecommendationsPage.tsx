import { useId, useState } from 'react';
import { App, Button, Card, Empty, Flex, Result, Typography } from 'antd';
import { CloseCircleOutlined, EditOutlined, HeartFilled, HeartOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { useFeedback, useMyProposals, useRecommendations } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { FollowButton } from '../components/FollowButton';
import { ScoreBreakdown } from '../components/ScoreBreakdown';
import { PageTitle, ScenarioTags } from '../components/bits';
import { proposalFor } from '../lib/proposals';
import { publicScenarioPath, vendorPaths } from '../paths';
import type { ProposalSummaryView, RecommendationView } from '../types';

export function RecommendationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const recommendations = useRecommendations(20);
  const mine = useMyProposals();
  const feedback = useFeedback();
  const [hidden, setHidden] = useState<{ id: string; title: string }[]>([]);

  const notVerified = recommendations.error instanceof ApiError && recommendations.error.status === 403;

  const markNotRelevant = (r: RecommendationView) =>
    feedback.mutate(
      { scenarioId: r.scenario.id, kind: 'not_relevant' },
      {
        onSuccess: () => {
          setHidden((h) => [
            ...h.filter((x) => x.id !== r.scenario.id),
            { id: r.scenario.id, title: r.scenario.title },
          ]);
          void message.success(t('vendor.reco.markedNotRelevant'));
        },
        onError: (e) => void message.error(e.message),
      },
    );
  const toggleInterested = (r: RecommendationView) => {
    const clearing = r.feedback === 'interested';
    feedback.mutate(
      { scenarioId: r.scenario.id, kind: clearing ? null : 'interested' },
      {
        onSuccess: () =>
          void message.success(t(clearing ? 'vendor.reco.clearedInterested' : 'vendor.reco.markedInterested')),
        onError: (e) => void message.error(e.message),
      },
    );
  };
  const undo = (id: string) =>
    feedback.mutate(
      { scenarioId: id, kind: null },
      {
        onSuccess: () => {
          setHidden((h) => h.filter((x) => x.id !== id));
          void message.success(t('vendor.reco.undone'));
        },
        onError: (e) => void message.error(e.message),
      },
    );

  return (
    <>
      <PageTitle title={t('vendor.reco.title')} subtitle={t('vendor.reco.intro')} />
      {notVerified ? (
        <Result status="info" title={t('vendor.reco.notVerified')} />
      ) : (
        <QueryState
          query={recommendations}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <Empty description={t('vendor.reco.empty')}>
              <Link to={vendorPaths.profile}>{t('vendor.dashboard.profileMissingAction')}</Link>
            </Empty>
          }
        >
          {(data) => (
            <ol aria-label={t('vendor.reco.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {data.items.map((r, i) => (
                <li key={r.scenario.id} style={{ marginBottom: 16 }}>
                  <RecommendationCard
                    rank={i + 1}
                    item={r}
                    proposal={proposalFor(mine.data, r.scenario.id)}
                    busy={feedback.isPending && feedback.variables?.scenarioId === r.scenario.id}
                    onInterested={() => toggleInterested(r)}
                    onNotRelevant={() => markNotRelevant(r)}
                  />
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      )}
      {hidden.length > 0 && (
        <section aria-labelledby="vendor-reco-hidden" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="vendor-reco-hidden" style={{ fontSize: 16 }}>
            {t('vendor.reco.hiddenTitle')}
          </Typography.Title>
          <ul style={{ paddingInlineStart: 20 }}>
            {hidden.map((h) => (
              <li key={h.id} style={{ marginBottom: 4 }}>
                <span className="wrap-anywhere">{h.title}</span>{' '}
                <Button size="small" onClick={() => undo(h.id)} aria-label={`${t('vendor.reco.undo')}：${h.title}`}>
                  {t('vendor.reco.undo')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function RecommendationCard({
  rank,
  item,
  proposal,
  busy,
  onInterested,
  onNotRelevant,
}: {
  rank: number;
  item: RecommendationView;
  proposal: ProposalSummaryView | undefined;
  busy: boolean;
  onInterested: () => void;
  onNotRelevant: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const s = item.scenario;
  const interested = item.feedback === 'interested';
  return (
    <Card size="small" styles={{ body: { padding: 16 } }} data-testid="recommendation">
      <Flex justify="space-between" align="start" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">
            #{rank}
            {s.code ? ` · ${s.code}` : ''}
          </Typography.Text>
          <Typography.Title level={2} style={{ fontSize: 17, margin: '2px 0 6px' }} className="wrap-anywhere">
            <Link to={vendorPaths.scenario(s.id)}>{s.title}</Link>
          </Typography.Title>
        </div>
        <div style={{ textAlign: 'center', flexShrink: 0 }} data-testid="match-score">
          <div style={{ fontSize: 24, fontWeight: 600, color: '#1f5fbf', lineHeight: 1.1 }}>{item.score}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('vendor.common.score')}
          </Typography.Text>
        </div>
      </Flex>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <ScenarioTags domain={s.domain} sector={s.sector} district={s.district} />
        <DeadlineCountdown deadline={s.deadline} showDate={false} />
      </Flex>
      <Flex wrap gap={8}>
        <Button
          icon={interested ? <HeartFilled style={{ color: '#cf1322' }} aria-hidden /> : <HeartOutlined aria-hidden />}
          aria-pressed={interested}
          onClick={onInterested}
          loading={busy}
        >
          {t('vendor.reco.interested')}
        </Button>
        <Button icon={<CloseCircleOutlined aria-hidden />} onClick={onNotRelevant} disabled={busy}>
          {t('vendor.reco.notRelevant')}
        </Button>
        <Button aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          {open ? t('vendor.why.hide') : t('vendor.why.show')}
        </Button>
        {proposal ? (
          <Button onClick={() => navigate(vendorPaths.proposal(proposal.id))}>{t('vendor.reco.myProposal')}</Button>
        ) : (
          <Button
            type="primary"
            icon={<EditOutlined aria-hidden />}
            onClick={() => navigate(vendorPaths.newProposal(s.id))}
          >
            {t('vendor.reco.writeProposal')}
          </Button>
        )}
        <FollowButton scenarioId={s.id} />
      </Flex>
      <Flex wrap gap={16} style={{ marginTop: 8 }}>
        <Link to={vendorPaths.scenario(s.id)}>{t('vendor.reco.openDetail')}</Link>
        <Link to={publicScenarioPath(s)}>{t('vendor.common.publicPage')}</Link>
      </Flex>
      <div id={panelId} hidden={!open} style={{ marginTop: 12 }}>
        {open && (
          <>
            <ScoreBreakdown components={item.components} matchedTerms={item.matchedTerms} />
            {item.engineScore !== item.score && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('vendor.reco.engineScore', { score: item.engineScore })}
              </Typography.Text>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
