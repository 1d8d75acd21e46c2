import type { ReactNode } from 'react';
import { App, Button, Flex, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { formatDate, formatYuan } from '../../components/format';
import { formatBytes, textBlocks } from './content';
import type { ReviewerProposal } from './types';

/** Reads a proposal's opened content: approach, KPI responses, price, team, milestones, references, attachments. */
export function ProposalContentView({
  evaluationId,
  proposal,
  localise,
}: {
  evaluationId: string;
  proposal: ReviewerProposal;
  /** Blind labels in the reader's language (供应商 A…). */
  localise: (text: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const c = proposal.content ?? {};
  const L = (s: string | null | undefined) => (s ? localise(s) : '');
  const none = <Typography.Text type="secondary">{t('reviewer.proposal.none')}</Typography.Text>;

  const section = (key: string, body: ReactNode) => (
    <section key={key} style={{ marginBottom: 20 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t(`reviewer.proposal.${key}`)}
      </Typography.Title>
      {body}
    </section>
  );

  const table = <T extends object>(rows: T[] | undefined, columns: { key: string; render: (r: T) => ReactNode }[]) =>
    rows?.length ? (
      <Table<T>
        size="small"
        pagination={false}
        // No horizontal scrolling: the cells wrap (long free text would otherwise make a wide scroll area).
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        columns={columns.map((col) => ({
          key: col.key,
          title: t(`reviewer.proposal.${col.key}`),
          render: (_: unknown, r: T) => col.render(r),
          onCell: () => ({ style: { verticalAlign: 'top', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } }),
        }))}
      />
    ) : (
      none
    );

  return (
    <div>
      {section(
        'technicalApproach',
        c.technicalApproach?.trim() ? (
          <div>
            {textBlocks(L(c.technicalApproach)).map((b, i) =>
              b.type === 'heading' ? (
                <Typography.Paragraph key={i} strong style={{ marginBottom: 4 }}>
                  {b.text}
                </Typography.Paragraph>
              ) : b.type === 'paragraph' ? (
                <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }}>
                  {b.text}
                </Typography.Paragraph>
              ) : b.ordered ? (
                <ol key={i}>
                  {b.items.map((item, j) => (
                    <li key={j}>{item}</li>
                  ))}
                </ol>
              ) : (
                <ul key={i}>
                  {b.items.map((item, j) => (
                    <li key={j}>{item}</li>
                  ))}
                </ul>
              ),
            )}
          </div>
        ) : (
          none
        ),
      )}
      {section(
        'kpis',
        table(c.kpiResponses, [
          { key: 'metric', render: (r) => L(r.metric) },
          { key: 'approach', render: (r) => L(r.approach) },
          { key: 'committed', render: (r) => L(r.committedValue) },
        ]),
      )}
      {section(
        'price',
        <>
          <Typography.Paragraph strong>
            {t('reviewer.proposal.priceTotal', { amount: formatYuan(c.priceYuan ?? null) })}
          </Typography.Paragraph>
          {c.priceBreakdown?.length
            ? table(c.priceBreakdown, [
                { key: 'item', render: (r) => L(r.item) },
                { key: 'amount', render: (r) => formatYuan(r.amountYuan) },
              ])
            : null}
        </>,
      )}
      {section(
        'team',
        table(c.team, [
          { key: 'name', render: (r) => L(r.name) },
          { key: 'role', render: (r) => L(r.role) },
          { key: 'qualifications', render: (r) => L(r.qualifications) },
        ]),
      )}
      {section(
        'milestones',
        table(c.milestones, [
          { key: 'milestone', render: (r) => L(r.title) },
          { key: 'dueDate', render: (r) => formatDate(r.dueDate) },
          { key: 'deliverables', render: (r) => L(r.deliverables) },
          { key: 'payment', render: (r) => (r.paymentPercent === undefined ? '—' : `${r.paymentPercent}%`) },
        ]),
      )}
      {section(
        'references',
        table(c.references, [
          { key: 'client', render: (r) => L(r.client) },
          { key: 'project', render: (r) => L(r.project) },
          { key: 'year', render: (r) => r.year },
        ]),
      )}
      {c.trialPlan?.trim()
        ? section(
            'trialPlan',
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{L(c.trialPlan)}</Typography.Paragraph>,
          )
        : null}
      {section(
        'attachments',
        proposal.attachments.length ? (
          <Flex vertical gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {proposal.attachments.map((a) => (
              <li key={a.id}>
                <Button
                  type="link"
                  icon={<DownloadOutlined />}
                  style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  aria-label={t('reviewer.proposal.download', { name: a.fileName })}
                  onClick={() =>
                    void downloadFile(
                      `/evaluations/${evaluationId}/proposals/${proposal.proposalId}/attachments/${a.id}`,
                      a.fileName,
                    ).catch((e: Error) => void message.error(e.message))
                  }
                >
                  {a.fileName}
                </Button>{' '}
                <Typography.Text type="secondary">{formatBytes(a.sizeBytes)}</Typography.Text>
              </li>
            ))}
          </Flex>
        ) : (
          none
        ),
      )}
    </div>
  );
}
