import { Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { usePanels, useProposals } from './api';
import { panelNextStep, STATUS_COLOUR, TAG } from './panels';
import { canRead, scoringProgress } from './scoring';
import type { MyPanel } from './types';

/** `/reviewer`: the panels I sit on, each with its status and how far I am. */
export function ReviewerHome() {
  const { t } = useTranslation();
  const panels = usePanels();
  return (
    <div style={{ maxWidth: 1040, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('reviewer.home.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('reviewer.home.intro')}</Typography.Paragraph>
      <QueryState
        query={panels}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description={t('reviewer.home.empty')} />}
      >
        {(data) => (
          <section aria-label={t('reviewer.home.listLabel')}>
            <Row gutter={[16, 16]} role="list">
              {data.map((p) => (
                <Col key={p.evaluationId} xs={24} lg={12} role="listitem">
                  <PanelCard panel={p} />
                </Col>
              ))}
            </Row>
          </section>
        )}
      </QueryState>
    </div>
  );
}

function PanelCard({ panel: p }: { panel: MyPanel }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const declaredAll = p.vendorsToDeclare !== null && p.undeclaredVendors === 0;
  // The number of proposals to score is known only from the proposals themselves (opened, declared).
  const proposals = useProposals(p.evaluationId, canRead(p.status) && declaredAll);
  const progress = proposals.data ? scoringProgress(proposals.data.proposals) : null;
  const next = panelNextStep(p, progress);
  const weight = p.criteria.reduce((sum, c) => sum + c.weight, 0);

  return (
    <Card style={{ height: '100%' }}>
      <Flex vertical gap={8}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          <Link to={`/reviewer/evaluations/${p.evaluationId}`}>{p.scenarioTitle}</Link>
        </Typography.Title>
        <Flex gap={4} wrap>
          {p.scenarioCode && <Typography.Text type="secondary">{p.scenarioCode}</Typography.Text>}
          <Tag color={STATUS_COLOUR[p.status]}>{t(`reviewer.status.${p.status}`)}</Tag>
          {p.masked && <Tag color={TAG.indigo}>{t('reviewer.blind.tag')}</Tag>}
        </Flex>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'declarations',
              label: t('reviewer.home.declarations'),
              children:
                p.vendorsToDeclare === null
                  ? t('reviewer.home.sealed')
                  : t('reviewer.home.declarationsValue', {
                      done: p.vendorsToDeclare - (p.undeclaredVendors ?? 0),
                      total: p.vendorsToDeclare,
                    }),
            },
            {
              key: 'scored',
              label: t('reviewer.home.scored'),
              children: progress ? (
                <Flex vertical style={{ width: '100%' }}>
                  {t('reviewer.home.scoredValue', { scored: progress.scored, total: progress.total })}
                  <Progress
                    percent={progress.percent}
                    size="small"
                    aria-label={t('reviewer.home.scored')}
                    status={progress.total > 0 && progress.scored === progress.total ? 'success' : 'active'}
                  />
                </Flex>
              ) : (
                t('reviewer.home.scoredOnly', { scored: p.scoredProposals })
              ),
            },
            {
              key: 'criteria',
              label: t('reviewer.home.criteria'),
              children: t('reviewer.home.criteriaValue', { count: p.criteria.length, weight }),
            },
          ]}
        />
        <Typography.Text
          type={next === 'declare' || next === 'score' ? undefined : 'secondary'}
          strong={next === 'declare' || next === 'score'}
          style={next === 'declare' || next === 'score' ? { color: TAG.orange } : undefined}
        >
          {t(`reviewer.home.next.${next}`)}
        </Typography.Text>
        <div>
          <Button
            type={next === 'declare' || next === 'score' ? 'primary' : 'default'}
            onClick={() => navigate(`/reviewer/evaluations/${p.evaluationId}`)}
            aria-label={t('reviewer.home.openOf', { title: p.scenarioTitle })}
          >
            {t('reviewer.home.open')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
