import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Grid, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, FileOutlined, LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../auth/AuthContext';
import { QueryState } from '../../../components/QueryState';
import { formatBudget, formatDate, formatDateTime, formatYuan } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { currentLanguage } from '../../../i18n';
import { attachmentUrl, useAgencyNames, useAmendmentDiff, useScenario } from '../api';
import { formatDiffValue } from '../lib/diffFormat';
import { formatBytes } from '../lib/listMath';
import { pageTitleStyle } from '../components/a11y';
import { LinkButton } from '../../../components/LinkButton';
import { DemonstrationTag, Deadline, ScenarioStatus } from '../components/ScenarioCard';
import { PUBLIC_STATUS_COLOURS, TAG } from '../components/PublicStatusTag';
import type { AmendmentSummary, AwardNotice, FieldDiff, PublicScenarioDetail } from '../types';

const sectionTitle = { fontSize: 18, marginTop: 0 } as const;

function Section({
  id,
  title,
  children,
  extra,
}: {
  id: string;
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} style={{ marginBottom: 16 }}>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="baseline" wrap gap={8}>
          <Typography.Title level={2} id={id} style={sectionTitle}>
            {title}
          </Typography.Title>
          {extra}
        </Flex>
        {children}
      </Card>
    </section>
  );
}

/** What a visitor can do about the scenario: vendors take it up; anonymous visitors log in first. */
function ScenarioActions({ scenario }: { scenario: PublicScenarioDetail }) {
  const { t } = useTranslation();
  const { me, area, loading } = useAuth();
  const location = useLocation();
  if (loading) return null;
  const open = scenario.status === 'published';
  if (!me) {
    if (!open) return null;
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <LinkButton type="primary" icon={<LoginOutlined aria-hidden />} to={`/login?next=${next}`}>
        {t('public.detail.loginToPropose')}
      </LinkButton>
    );
  }
  if (area !== 'vendor') return null;
  return (
    <Space wrap>
      {open ? (
        <LinkButton type="primary" to={`/vendor/proposals/new?scenario=${encodeURIComponent(scenario.id)}`}>
          {t('public.detail.propose')}
        </LinkButton>
      ) : (
        <Typography.Text type="secondary">{t('public.detail.notOpen')}</Typography.Text>
      )}
      <LinkButton to={`/vendor/scenarios/${encodeURIComponent(scenario.id)}`}>
        {t('public.detail.workspace')}
      </LinkButton>
    </Space>
  );
}

function TextChanges({ changes }: { changes: NonNullable<FieldDiff['changes']> }) {
  return (
    <p style={{ whiteSpace: 'pre-wrap', margin: 0 }} className="wrap-anywhere">
      {changes.map((c, i) =>
        c.op === 'insert' ? (
          <ins key={i} style={{ background: '#d9f7be', textDecoration: 'underline' }}>
            {c.text}
          </ins>
        ) : c.op === 'delete' ? (
          <del key={i} style={{ background: '#ffccc7' }}>
            {c.text}
          </del>
        ) : (
          <span key={i}>{c.text}</span>
        ),
      )}
    </p>
  );
}

function Lines({ lines }: { lines: string[] }) {
  return lines.length === 1 ? (
    <span className="wrap-anywhere">{lines[0]}</span>
  ) : (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** One side of a field's change: hidden, a text diff, or the formatted value. */
function DiffSide({ diff, side }: { diff: FieldDiff; side: 'before' | 'after' }) {
  const { t } = useTranslation();
  if (diff.hidden) return <Typography.Text type="secondary">{t('public.detail.hidden')}</Typography.Text>;
  if (diff.changes)
    return <TextChanges changes={diff.changes.filter((c) => c.op !== (side === 'before' ? 'insert' : 'delete'))} />;
  return <Lines lines={formatDiffValue(diff.field, diff[side], t)} />;
}

/** The field-by-field comparison of one amendment (loaded when opened): a table, or stacked on phones. */
function AmendmentDiffView({ codeOrId, amendment }: { codeOrId: string; amendment: AmendmentSummary }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const diff = useAmendmentDiff(codeOrId, amendment.no, true);
  const fieldName = (f: string) => t(`public.field.${f}`, { defaultValue: f });
  return (
    <QueryState query={diff}>
      {(d) =>
        screens.md ? (
          <Table<FieldDiff>
            size="small"
            rowKey="field"
            pagination={false}
            caption={
              <span style={{ textAlign: 'start', display: 'block' }}>
                {t('public.detail.diffCaption', { no: d.no })}
              </span>
            }
            dataSource={d.diff}
            columns={[
              {
                title: t('public.detail.changedFields'),
                dataIndex: 'field',
                render: (f: string) => fieldName(f),
                width: 120,
              },
              {
                title: t('public.detail.before'),
                key: 'before',
                render: (_: unknown, r) => <DiffSide diff={r} side="before" />,
              },
              {
                title: t('public.detail.after'),
                key: 'after',
                render: (_: unknown, r) => <DiffSide diff={r} side="after" />,
              },
            ]}
          />
        ) : (
          <div>
            <Typography.Text type="secondary">{t('public.detail.diffCaption', { no: d.no })}</Typography.Text>
            <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
              {d.diff.map((r) => (
                <li key={r.field} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
                  <Typography.Text strong>{fieldName(r.field)}</Typography.Text>
                  <dl style={{ margin: '4px 0 0' }}>
                    <dt style={{ color: '#595959' }}>{t('public.detail.before')}</dt>
                    <dd style={{ margin: '0 0 6px' }}>
                      <DiffSide diff={r} side="before" />
                    </dd>
                    <dt style={{ color: '#595959' }}>{t('public.detail.after')}</dt>
                    <dd style={{ margin: 0 }}>
                      <DiffSide diff={r} side="after" />
                    </dd>
                  </dl>
                </li>
              ))}
            </ul>
          </div>
        )
      }
    </QueryState>
  );
}

function Amendments({ codeOrId, amendments }: { codeOrId: string; amendments: AmendmentSummary[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (!amendments.length) return <Typography.Text type="secondary">{t('public.detail.noAmendments')}</Typography.Text>;
  // Newest first: the latest change matters most to a reader.
  const list = [...amendments].sort((a, b) => b.no - a.no);
  return (
    <ol
      reversed
      style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      {list.map((a) => (
        <li key={a.no} style={{ borderInlineStart: '3px solid #d9d9d9', paddingInlineStart: 12 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t('public.detail.amendmentNo', { no: a.no })}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(a.amendedAt)}</Typography.Text>
            {a.material && (
              <Tag color={TAG.warn} title={t('public.detail.materialHint')}>
                {t('public.detail.material')}
              </Tag>
            )}
            {a.deadlineExtended && <Tag color={TAG.info}>{t('public.detail.deadlineExtended')}</Tag>}
          </Flex>
          <Typography.Paragraph style={{ margin: '4px 0' }} className="wrap-anywhere">
            <Typography.Text type="secondary">
              {t('public.detail.reason')}
              {t('public.colon')}
            </Typography.Text>
            {a.reason}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ margin: '4px 0' }}>
            <Typography.Text type="secondary">
              {t('public.detail.changedFields')}
              {t('public.colon')}
            </Typography.Text>
            {a.changedFields.map((f) => t(`public.field.${f}`, { defaultValue: f })).join('、')}
          </Typography.Paragraph>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-expanded={open === a.no}
            aria-controls={`amendment-diff-${a.no}`}
            onClick={() => setOpen(open === a.no ? null : a.no)}
          >
            {open === a.no ? t('public.detail.hideDiff') : t('public.detail.showDiff')}
          </Button>
          {open === a.no && (
            <div id={`amendment-diff-${a.no}`} style={{ marginTop: 8 }}>
              <AmendmentDiffView codeOrId={codeOrId} amendment={a} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function AwardNoticeView({ notice }: { notice: AwardNotice }) {
  const { t } = useTranslation();
  const standstillOpen = Date.parse(notice.standstillEndsAt) > Date.now();
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Tag color={notice.outcome === 'award' ? PUBLIC_STATUS_COLOURS.awarded : undefined}>
          {t(`public.detail.outcome.${notice.outcome}`)}
        </Tag>
        <Tag color={standstillOpen ? TAG.info : undefined}>
          {standstillOpen ? t('public.detail.standstillOpen') : t('public.detail.standstillOver')}
        </Tag>
      </Flex>
      {notice.outcome === 'award' ? (
        <Table
          size="small"
          rowKey={(w) => w.name}
          pagination={false}
          caption={<span className="sr-only">{t('public.detail.winnersCaption')}</span>}
          dataSource={notice.winners}
          columns={[
            { title: t('public.detail.winner'), dataIndex: 'name' },
            {
              title: t('public.detail.members'),
              dataIndex: 'members',
              render: (m: string[]) => (m.length ? m.join('、') : t('public.detail.noMembers')),
            },
            {
              title: t('public.detail.amount'),
              dataIndex: 'amountYuan',
              render: (v: number) => formatYuan(v),
              align: 'right',
            },
          ]}
          summary={() =>
            notice.winners.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('public.detail.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {formatYuan(notice.totalAmountYuan)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      ) : (
        <Typography.Paragraph>{t('public.detail.noAwardText')}</Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'reasons',
            label: t('public.detail.reasons'),
            children: <span className="wrap-anywhere">{notice.summary}</span>,
          },
          { key: 'decided', label: t('public.detail.decidedAt'), children: formatDateTime(notice.decidedAt) },
          {
            key: 'standstill',
            label: t('public.detail.standstillEnds'),
            children: formatDateTime(notice.standstillEndsAt),
          },
        ]}
      />
    </>
  );
}

function Detail({ s, codeOrId }: { s: PublicScenarioDetail; codeOrId: string }) {
  const { t } = useTranslation();
  const agencies = useAgencyNames();
  const screens = Grid.useBreakpoint();
  const en = currentLanguage() === 'en';
  const title = en && s.titleEn ? s.titleEn : s.title;
  const summary = en && s.summaryEn ? s.summaryEn : s.summary;
  const budgetPublic = 'budgetMinYuan' in s || 'budgetMaxYuan' in s;
  const agency = agencies.get(s.agencyOrganisationId);

  const basics = [
    { key: 'code', label: t('public.detail.code'), children: s.code ?? '—' },
    ...(agency ? [{ key: 'agency', label: t('public.detail.agency'), children: agency }] : []),
    { key: 'domain', label: t('public.detail.domain'), children: label('domains', s.domain) },
    { key: 'sector', label: t('public.detail.sector'), children: label('sectors', s.sector) || '—' },
    { key: 'district', label: t('public.detail.district'), children: label('districts', s.district) || '—' },
    { key: 'site', label: t('public.detail.site'), children: s.site ? t(`public.site.${s.site}`) : '—' },
    {
      key: 'capabilities',
      label: t('public.detail.capabilities'),
      children: (
        <Flex gap={4} wrap>
          {s.capabilityCodes.map((c) => (
            <Tag key={c}>{label('capabilities', c)}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'trl',
      label: t('public.detail.trl'),
      children: s.trlRequired !== null ? t('public.detail.trlValue', { trl: s.trlRequired }) : '—',
    },
    {
      key: 'budget',
      label: t('public.detail.budget'),
      children: budgetPublic ? formatBudget(s.budgetMinYuan, s.budgetMaxYuan) : t('public.detail.budgetPrivate'),
    },
    {
      key: 'funding',
      label: t('public.detail.fundingType'),
      children: s.fundingType ? t(`public.funding.${s.fundingType}`) : '—',
    },
    {
      key: 'deadline',
      label: t('public.detail.deadline'),
      children: <Deadline deadline={s.proposalDeadline} status={s.status} />,
    },
    {
      key: 'months',
      label: t('public.detail.deliveryMonths'),
      children: s.expectedDeliveryMonths ? t('public.detail.months', { count: s.expectedDeliveryMonths }) : '—',
    },
    { key: 'published', label: t('public.detail.publishedAt'), children: formatDate(s.publishedAt) },
  ];

  return (
    <article aria-labelledby="scenario-title">
      <Link to="/" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined aria-hidden /> {t('public.detail.back')}
      </Link>
      <header style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
          <ScenarioStatus status={s.status} />
          <Typography.Text type="secondary">{s.code}</Typography.Text>
        </Flex>
        <Typography.Title level={1} id="scenario-title" style={pageTitleStyle} className="wrap-anywhere">
          {title}
        </Typography.Title>
        {agency && <Typography.Text type="secondary">{agency}</Typography.Text>}
        {summary && (
          <Typography.Paragraph style={{ marginTop: 8, fontSize: 15 }} className="wrap-anywhere">
            {summary}
          </Typography.Paragraph>
        )}
        <ScenarioActions scenario={s} />
      </header>

      {s.status === 'demonstration' && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          style={{ marginBottom: 16, borderColor: '#ffadd2', background: '#fff0f6' }}
          title={
            <Flex gap={8} wrap align="center">
              <DemonstrationTag />
              <span>{t('public.detail.demoText')}</span>
            </Flex>
          }
          description={
            s.replicationCount > 0 ? t('public.detail.replications', { count: s.replicationCount }) : undefined
          }
        />
      )}
      {s.copiedFromId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('public.detail.copiedFrom')}
          action={<Link to={`/scenarios/${s.copiedFromId}`}>{t('public.detail.viewOriginal')}</Link>}
        />
      )}

      {s.awardNotice && (
        <Section id="award" title={t('public.detail.award')}>
          <AwardNoticeView notice={s.awardNotice} />
        </Section>
      )}

      <Section id="basics" title={t('public.detail.basics')}>
        <Descriptions size="small" column={screens.md ? 2 : 1} items={basics} />
      </Section>

      <Section id="description" title={t('public.detail.description')}>
        {s.descriptionHtml ? (
          // descriptionHtml is rendered from Markdown by the API with raw HTML disabled and then passed
          // through a strict sanitize-html allowlist (libs/common/src/markdown.ts): it is safe HTML, which
          // is why — unlike search highlights — it may be set as HTML here.
          <div className="wrap-anywhere scenario-markdown" dangerouslySetInnerHTML={{ __html: s.descriptionHtml }} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
        {s.currentSituation && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('public.detail.currentSituation')}
            </Typography.Title>
            <Typography.Paragraph className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
              {s.currentSituation}
            </Typography.Paragraph>
          </>
        )}
      </Section>

      <Section id="kpis" title={t('public.detail.kpis')}>
        <Table
          size="small"
          rowKey={(k) => k.metric}
          pagination={false}
          caption={<span className="sr-only">{t('public.detail.kpiCaption')}</span>}
          dataSource={s.kpis}
          columns={[
            { title: t('public.detail.kpi.metric'), dataIndex: 'metric' },
            { title: t('public.detail.kpi.baseline'), dataIndex: 'baseline' },
            { title: t('public.detail.kpi.target'), dataIndex: 'target' },
            { title: t('public.detail.kpi.unit'), dataIndex: 'unit' },
          ]}
        />
        {!!s.dataResources?.length && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('public.detail.dataResources')}
            </Typography.Title>
            <ul style={{ paddingInlineStart: 18 }}>
              {s.dataResources.map((d) => (
                <li key={d.name} className="wrap-anywhere">
                  <Typography.Text strong>{d.name}</Typography.Text>
                  {t('public.colon')}
                  {d.description}
                  {d.accessTerms && (
                    <Typography.Text type="secondary">
                      {t('public.parens', {
                        text: `${t('public.detail.accessTerms')}${t('public.colon')}${d.accessTerms}`,
                      })}
                    </Typography.Text>
                  )}
                  {d.sandboxed && <Tag style={{ marginInlineStart: 6 }}>{t('public.detail.sandboxed')}</Tag>}
                </li>
              ))}
            </ul>
          </>
        )}
        {s.compliance && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('public.compliance.title')}
            </Typography.Title>
            <Flex gap={4} wrap>
              {(['algorithmFiling', 'generativeAiFiling', 'personalInformation'] as const).map((k) => (
                <Tag key={k} color={s.compliance?.[k] ? TAG.warn : undefined}>
                  {t(`public.compliance.${k}`)}
                  {t('public.colon')}
                  {s.compliance?.[k] ? t('public.yes') : t('public.no')}
                </Tag>
              ))}
              <Tag>
                {t('public.compliance.dataSecurityLevel')}
                {t('public.colon')}
                {t(`public.dsl.${s.compliance.dataSecurityLevel}`)}
              </Tag>
            </Flex>
          </>
        )}
        {s.contact && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('public.detail.contact')}
            </Typography.Title>
            <Typography.Paragraph>
              {s.contact.name} · <a href={`tel:${s.contact.phone}`}>{s.contact.phone}</a> ·{' '}
              <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
            </Typography.Paragraph>
          </>
        )}
      </Section>

      <Section id="attachments" title={t('public.detail.attachments')}>
        {s.attachments.length ? (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {s.attachments.map((a) => (
              <li key={a.id} style={{ padding: '4px 0' }}>
                <a
                  href={attachmentUrl(codeOrId, a.id)}
                  download={a.fileName}
                  aria-label={t('public.detail.downloadLabel', { name: a.fileName })}
                  className="wrap-anywhere"
                >
                  <FileOutlined aria-hidden /> {a.fileName}
                </a>{' '}
                <Typography.Text type="secondary">
                  {t('public.parens', { text: formatBytes(a.sizeBytes) })}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('public.detail.noAttachments')}</Typography.Text>
        )}
      </Section>

      <Section id="qa" title={t('public.detail.qa')}>
        {s.questions.length ? (
          <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
            {s.questions.map((q) => (
              <li key={q.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                <Typography.Paragraph style={{ marginBottom: 4 }} className="wrap-anywhere">
                  <Tag color={TAG.info}>{t('public.detail.question')}</Tag>
                  {q.question}
                </Typography.Paragraph>
                {q.answer && (
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} className="wrap-anywhere">
                    <Tag color={TAG.ok}>{t('public.detail.answer')}</Tag>
                    {q.answer}
                    {q.answeredAt && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('public.detail.answeredAt', { date: formatDateTime(q.answeredAt) })}
                      </Typography.Text>
                    )}
                  </Typography.Paragraph>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <Typography.Text type="secondary">{t('public.detail.noQuestions')}</Typography.Text>
        )}
      </Section>

      <Section id="amendments" title={t('public.detail.amendments')}>
        <Amendments codeOrId={codeOrId} amendments={s.amendments} />
      </Section>
    </article>
  );
}

/** `/scenarios/:codeOrId` — everything public about one scenario. */
export function ScenarioDetailPage() {
  const { codeOrId = '' } = useParams();
  const query = useScenario(codeOrId);
  return <QueryState query={query}>{(s) => <Detail s={s} codeOrId={codeOrId} />}</QueryState>;
}
