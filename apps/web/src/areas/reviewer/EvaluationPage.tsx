import { useCallback, useEffect, type ComponentProps, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Grid,
  Progress,
  Result,
  Row,
  Skeleton,
  Steps,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { ErrorState, QueryState } from '../../components/QueryState';
import { formatDateTime, formatYuan } from '../../components/format';
import { errorCode, reviewerKeys, useConflicts, usePanels, useProposals } from './api';
import { ConflictDeclaration } from './ConflictDeclaration';
import { ProposalContentView } from './ProposalContentView';
import { ScoringForm } from './ScoringForm';
import { STATUS_COLOUR, TAG } from './panels';
import { canRead, localiseBlind, reviewerStep, scoringProgress } from './scoring';
import type { MyPanel, MyScores, ReviewerProposal, ReviewerProposals, RubricCriterion, VendorParty } from './types';

/** Blind labels and masked contacts in the reader's language. */
function useLocaliseBlind(): (text: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (text: string) =>
      localiseBlind(text, {
        vendor: (letters) => t('reviewer.blind.vendor', { letters }),
        contact: t('reviewer.blind.contact'),
        teamMember: (n) => t('reviewer.blind.teamMember', { n }),
        client: (n) => t('reviewer.blind.client', { n }),
      }),
    [t],
  );
}

const h2 = { fontSize: 18, margin: 0 } as const;

/** `名称（牵头）、名称（成员）` / `Name (lead), Name (member)`. */
function useParties(): (vendors: VendorParty[]) => string {
  const { t } = useTranslation();
  return (vendors) =>
    vendors
      .map((v) => t('reviewer.party', { name: v.name, role: t(`reviewer.proposals.${v.role}`) }))
      .join(t('reviewer.listSeparator'));
}

/** `/reviewer/evaluations/:id`: declare conflicts, then read and score the proposals (`?proposal=<id>`). */
export function EvaluationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const selected = params.get('proposal');
  const screens = Grid.useBreakpoint();
  const panels = usePanels();
  const panel = panels.data?.find((p) => p.evaluationId === id);
  const conflicts = useConflicts(id, !!panel);
  const complete = conflicts.data?.complete ?? false;
  const proposals = useProposals(id, !!panel && complete && canRead(panel.status));

  useEffect(() => {
    // Braces matter: newer browsers' scrollTo returns a promise, which React would take for a clean-up.
    window.scrollTo({ top: 0 });
  }, [selected]);

  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      <QueryState query={panels}>
        {() =>
          !panel ? (
            <Result
              status="404"
              title={
                <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                  {t('reviewer.evaluation.notFound')}
                </Typography.Title>
              }
              extra={
                <Link to="/reviewer" style={{ color: TAG.blue }}>
                  {t('reviewer.evaluation.back')}
                </Link>
              }
            />
          ) : (
            <>
              <Link to="/reviewer" style={{ color: TAG.blue }}>
                <ArrowLeftOutlined /> {t('reviewer.evaluation.back')}
              </Link>
              <Typography.Title level={1} style={{ fontSize: 24, margin: '12px 0 8px' }}>
                {panel.scenarioTitle}
              </Typography.Title>
              <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
                {panel.scenarioCode && <Typography.Text type="secondary">{panel.scenarioCode}</Typography.Text>}
                <Tag color={STATUS_COLOUR[panel.status]}>{t(`reviewer.status.${panel.status}`)}</Tag>
                {panel.masked && <Tag color={TAG.indigo}>{t('reviewer.blind.tag')}</Tag>}
                <Link to={`/scenarios/${panel.scenarioId}`}>{t('reviewer.evaluation.scenarioLink')}</Link>
              </Flex>
              {selected ? (
                <ProposalsState
                  query={proposals}
                  complete={complete}
                  panel={panel}
                  conflictsPending={conflicts.isPending}
                >
                  {(data) => (
                    <ProposalScoring
                      panel={panel}
                      data={data}
                      proposalId={selected}
                      onSelect={(pid) => setParams(pid ? { proposal: pid } : {})}
                      wide={!!screens.lg}
                    />
                  )}
                </ProposalsState>
              ) : (
                <Overview
                  panel={panel}
                  conflicts={conflicts}
                  proposals={proposals}
                  complete={complete}
                  onSelect={(pid) => setParams({ proposal: pid })}
                  narrow={!screens.md}
                />
              )}
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function Overview({
  panel,
  conflicts,
  proposals,
  complete,
  onSelect,
  narrow,
}: {
  panel: MyPanel;
  conflicts: ReturnType<typeof useConflicts>;
  proposals: ReturnType<typeof useProposals>;
  complete: boolean;
  onSelect: (proposalId: string) => void;
  narrow: boolean;
}) {
  const { t } = useTranslation();
  const localise = useLocaliseBlind();
  const step = reviewerStep(panel.status, complete);
  const sealed = errorCode(conflicts.error) === 'PROPOSAL_SEALED';

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Steps
          current={step}
          size="small"
          orientation={narrow ? 'vertical' : 'horizontal'}
          aria-label={t('reviewer.evaluation.stepsLabel')}
          status={step === 2 ? 'finish' : 'process'}
          items={[
            { title: t('reviewer.evaluation.steps.declare') },
            { title: t('reviewer.evaluation.steps.score') },
            { title: t('reviewer.evaluation.steps.closed') },
          ]}
        />
      </Card>
      {panel.masked && <Alert type="info" showIcon title={t('reviewer.evaluation.blindNotice')} />}

      <Card title={<h2 style={h2}>{t('reviewer.conflicts.title')}</h2>}>
        {conflicts.isPending ? (
          <Skeleton active />
        ) : sealed ? (
          <Alert type="info" showIcon title={t('reviewer.conflicts.sealed')} />
        ) : conflicts.isError ? (
          <ErrorState error={conflicts.error} onRetry={() => void conflicts.refetch()} />
        ) : (
          <ConflictDeclaration evaluationId={panel.evaluationId} status={panel.status} conflicts={conflicts.data} />
        )}
      </Card>

      <Card title={<h2 style={h2}>{t('reviewer.proposals.title')}</h2>}>
        {!complete ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {sealed ? t('reviewer.home.next.sealed') : t('reviewer.home.next.declare')}
          </Typography.Paragraph>
        ) : !canRead(panel.status) ? (
          <Alert type="info" showIcon title={t('reviewer.evaluation.notOpenYet')} />
        ) : (
          <ProposalsState query={proposals} complete={complete} panel={panel} conflictsPending={false}>
            {(data) => <ProposalList data={data} onSelect={onSelect} localise={localise} />}
          </ProposalsState>
        )}
      </Card>

      <RubricCard criteria={panel.criteria} />
    </Flex>
  );
}

/** The proposals query's states; a 409 (not open, declarations missing) is a message, not a failure. */
function ProposalsState({
  query,
  complete,
  panel,
  conflictsPending,
  children,
}: {
  query: ReturnType<typeof useProposals>;
  complete: boolean;
  panel: MyPanel;
  conflictsPending: boolean;
  children: (data: ReviewerProposals) => ReactNode;
}) {
  const { t } = useTranslation();
  if (conflictsPending) return <Skeleton active />;
  if (!complete) return <Alert type="warning" showIcon title={t('reviewer.home.next.declare')} />;
  if (!canRead(panel.status)) return <Alert type="info" showIcon title={t('reviewer.evaluation.notOpenYet')} />;
  if (query.error instanceof ApiError && query.error.status === 409)
    return <Alert type="warning" showIcon title={query.error.message} />;
  return <QueryState query={query}>{children}</QueryState>;
}

function ProposalList({
  data,
  onSelect,
  localise,
}: {
  data: ReviewerProposals;
  onSelect: (proposalId: string) => void;
  localise: (text: string) => string;
}) {
  const { t } = useTranslation();
  const parties = useParties();
  const progress = scoringProgress(data.proposals);
  const editable = data.status === 'scoring';
  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Text id="scoring-progress-label">
          {t('reviewer.proposals.progress')}
          {t('reviewer.colon')}
        </Typography.Text>
        <Typography.Text strong>
          {t('reviewer.proposals.progressValue', { scored: progress.scored, total: progress.total })}
        </Typography.Text>
        <Progress
          percent={progress.percent}
          aria-labelledby="scoring-progress-label"
          status={progress.total > 0 && progress.scored === progress.total ? 'success' : 'active'}
        />
      </div>
      {data.excluded > 0 && (
        <Alert type="warning" showIcon title={t('reviewer.conflicts.excluded', { count: data.excluded })} />
      )}
      {data.proposals.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('reviewer.proposals.empty')}</Typography.Paragraph>
      ) : (
        <Row gutter={[12, 12]} role="list">
          {data.proposals.map((p) => {
            const label = localise(p.label);
            const scored = p.myTotal !== null;
            const action = !editable ? 'view' : scored ? 'revise' : 'score';
            return (
              <Col key={p.proposalId} xs={24} md={12} xl={8} role="listitem">
                <Card size="small" style={{ height: '100%' }}>
                  <Flex vertical gap={6}>
                    <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
                      {label}
                    </Typography.Title>
                    {p.vendors && p.vendors.length > 1 && (
                      <Typography.Text type="secondary">{parties(p.vendors)}</Typography.Text>
                    )}
                    <Typography.Text>
                      {t('reviewer.proposals.price')}
                      {t('reviewer.colon')}
                      {formatYuan(p.content?.priceYuan ?? null)}
                    </Typography.Text>
                    {p.submittedAt && (
                      <Typography.Text type="secondary">
                        {t('reviewer.proposals.submittedAt')}
                        {t('reviewer.colon')}
                        {formatDateTime(p.submittedAt)}
                      </Typography.Text>
                    )}
                    <Flex gap={8} wrap align="center">
                      {scored ? (
                        <Tag color={TAG.green}>{t('reviewer.proposals.myTotal', { total: p.myTotal })}</Tag>
                      ) : (
                        <Tag color={editable ? TAG.orange : undefined}>{t('reviewer.proposals.notScored')}</Tag>
                      )}
                      {p.scoredAt && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('reviewer.proposals.scoredAt', { time: formatDateTime(p.scoredAt) })}
                        </Typography.Text>
                      )}
                    </Flex>
                    <div>
                      <Button
                        type={action === 'score' ? 'primary' : 'default'}
                        onClick={() => onSelect(p.proposalId)}
                        aria-label={t(`reviewer.proposals.${action}Of`, { label })}
                      >
                        {t(`reviewer.proposals.${action}`)}
                      </Button>
                    </div>
                  </Flex>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </Flex>
  );
}

function RubricCard({ criteria }: { criteria: RubricCriterion[] }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 style={h2}>{t('reviewer.evaluation.rubric')}</h2>}>
      <Typography.Paragraph type="secondary">{t('reviewer.evaluation.rubricIntro')}</Typography.Paragraph>
      {/* Four short columns: they wrap at 375 px rather than scroll. */}
      <Table<RubricCriterion>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={criteria}
        columns={[
          { key: 'name', title: t('reviewer.evaluation.criterion'), dataIndex: 'name' },
          { key: 'weight', title: t('reviewer.evaluation.weight'), render: (_, c) => `${c.weight}%` },
          { key: 'scale', title: t('reviewer.evaluation.scale'), render: (_, c) => `0–${c.scaleMax}` },
          {
            key: 'comment',
            title: t('reviewer.evaluation.commentRequired'),
            render: (_, c) => t(c.commentRequired ? 'reviewer.evaluation.yes' : 'reviewer.evaluation.no'),
          },
        ]}
      />
    </Card>
  );
}

function ProposalScoring({
  panel,
  data,
  proposalId,
  onSelect,
  wide,
}: {
  panel: MyPanel;
  data: ReviewerProposals;
  proposalId: string;
  onSelect: (proposalId: string | null) => void;
  wide: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const localise = useLocaliseBlind();
  const parties = useParties();
  const index = data.proposals.findIndex((p) => p.proposalId === proposalId);
  const proposal: ReviewerProposal | undefined = data.proposals[index];

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => onSelect(null)}>
      {t('reviewer.proposal.back')}
    </Button>
  );
  if (!proposal)
    return (
      <Flex vertical gap={12} align="start">
        <Alert type="warning" showIcon title={t('reviewer.proposal.notFound')} />
        {back}
      </Flex>
    );

  const label = localise(proposal.label);
  const prev = data.proposals[index - 1];
  const next = data.proposals[index + 1];

  const submit = async (body: Parameters<ComponentProps<typeof ScoringForm>['onSubmit']>[0]) => {
    try {
      return await api.put<MyScores>(
        `/evaluations/${panel.evaluationId}/proposals/${proposal.proposalId}/scores`,
        body,
      );
    } catch (error) {
      // 409 (panel closed) or 403 (conflicted): what the page shows is out of date.
      if (error instanceof ApiError && (error.status === 409 || error.status === 403)) {
        // The refreshed page may no longer show this form: say what happened where it stays visible.
        void message.warning(`${error.message} ${t('reviewer.scoring.stateChanged')}`, 8);
        void queryClient.invalidateQueries({ queryKey: reviewerKeys.all });
      }
      throw error;
    } finally {
      void queryClient.invalidateQueries({ queryKey: reviewerKeys.proposals(panel.evaluationId) });
      void queryClient.invalidateQueries({ queryKey: reviewerKeys.panels });
    }
  };

  const content = <ProposalContentView evaluationId={panel.evaluationId} proposal={proposal} localise={localise} />;
  const form = (
    <ScoringForm
      key={`${proposal.proposalId}:${proposal.scoredAt ?? ''}`}
      criteria={data.criteria}
      status={data.status}
      myScores={proposal.myScores}
      myTotal={proposal.myTotal}
      scoredAt={proposal.scoredAt}
      onSubmit={submit}
    />
  );

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center" justify="space-between">
        {back}
        <Flex gap={8} align="center">
          <Button icon={<LeftOutlined />} disabled={!prev} onClick={() => prev && onSelect(prev.proposalId)}>
            {t('reviewer.proposal.prev')}
          </Button>
          <Typography.Text type="secondary">
            {t('reviewer.proposal.position', { index: index + 1, total: data.proposals.length })}
          </Typography.Text>
          <Button disabled={!next} onClick={() => next && onSelect(next.proposalId)}>
            {t('reviewer.proposal.next')} <RightOutlined />
          </Button>
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {label}
        </Typography.Title>
        {proposal.myTotal !== null ? (
          <Tag color={TAG.green}>{t('reviewer.proposals.myTotal', { total: proposal.myTotal })}</Tag>
        ) : (
          <Tag>{t('reviewer.proposals.notScored')}</Tag>
        )}
      </Flex>
      {proposal.vendors && (
        <Typography.Text type="secondary">
          {t('reviewer.proposals.vendors')}
          {t('reviewer.colon')}
          {parties(proposal.vendors)}
        </Typography.Text>
      )}
      {wide ? (
        <Row gutter={24} align="top">
          <Col span={14}>
            <Card title={t('reviewer.proposal.content')}>{content}</Card>
          </Col>
          <Col span={10} style={{ position: 'sticky', top: 16 }}>
            <Card
              title={<h3 style={{ fontSize: 16, margin: 0 }}>{t('reviewer.scoring.title')}</h3>}
              styles={{ body: { padding: 0 } }}
            >
              {/* Scrolls on its own beside the proposal; focusable so the keyboard can scroll it too. */}
              <div
                role="region"
                aria-label={t('reviewer.scoring.title')}
                tabIndex={0}
                style={{ maxHeight: 'calc(100vh - 120px)', overflowY: 'auto', padding: '16px 24px 0' }}
              >
                {form}
              </div>
            </Card>
          </Col>
        </Row>
      ) : (
        <Tabs
          aria-label={t('reviewer.proposal.tabs')}
          items={[
            { key: 'content', label: t('reviewer.proposal.content'), children: content },
            { key: 'score', label: t('reviewer.scoring.title'), children: form },
          ]}
        />
      )}
    </Flex>
  );
}
