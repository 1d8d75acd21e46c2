import { Card, Flex, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatBudget, formatDate } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { currentLanguage } from '../../../i18n';
import { daysLeft } from '../lib/listMath';
import type { PublicScenarioItem } from '../types';
import { Highlighted } from './Highlighted';
import { DemonstrationTag, PublicStatusTag } from './PublicStatusTag';

export { DemonstrationTag };

/** A term of an inline definition list ("预算 80 万元"). */
export const termStyle = { display: 'inline', color: '#595959', marginInlineEnd: 6 } as const;

/** A scenario's address: by code when it has one (readable, shareable), else by id. */
export const scenarioPath = (s: { code: string | null; id: string }) => `/scenarios/${s.code ?? s.id}`;

/** The status, or the demonstration tag for a demonstration scenario (not both: it says the same). */
export function ScenarioStatus({ status }: { status: string }) {
  return status === 'demonstration' ? <DemonstrationTag /> : <PublicStatusTag status={status} />;
}

export function Deadline({ deadline, status }: { deadline: string | null; status: string }) {
  const { t } = useTranslation();
  const left = status === 'published' ? daysLeft(deadline) : null;
  return (
    <span>
      {formatDate(deadline)}
      {left !== null && left >= 0 && (
        <Typography.Text type={left <= 7 ? 'danger' : 'secondary'} style={{ marginInlineStart: 6 }}>
          <ClockCircleOutlined aria-hidden style={{ marginInlineEnd: 4 }} />
          {left === 0 ? t('public.card.closesToday') : t('public.card.daysLeft', { count: left })}
        </Typography.Text>
      )}
    </span>
  );
}

/** One scenario of the list: title (highlighted when searching), code, agency, labels, budget, deadline. */
export function ScenarioCard({ item, agencyName }: { item: PublicScenarioItem; agencyName?: string }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en';
  const title = en && item.titleEn ? item.titleEn : item.title;
  const summary = en && item.summaryEn ? item.summaryEn : item.summary;
  // Highlights are of the Chinese title and summary: use them unless English text is shown instead.
  const highlights = en && (item.titleEn || item.summaryEn) ? undefined : item.highlights;
  const budgetPublic = 'budgetMinYuan' in item || 'budgetMaxYuan' in item;
  const demo = item.status === 'demonstration';
  return (
    <Card
      size="small"
      style={demo ? { borderColor: '#ffadd2', background: '#fff9fc' } : undefined}
      styles={{ body: { padding: 16 } }}
    >
      <article aria-labelledby={`scenario-${item.id}`}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
          <ScenarioStatus status={item.status} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {item.code}
          </Typography.Text>
        </Flex>
        <Typography.Title level={3} style={{ fontSize: 17, margin: '4px 0 6px' }} className="wrap-anywhere">
          <Link to={scenarioPath(item)} id={`scenario-${item.id}`}>
            <Highlighted html={highlights?.title} plain={title} />
          </Link>
        </Typography.Title>
        {agencyName && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {agencyName}
          </Typography.Text>
        )}
        {summary && (
          <Typography.Paragraph
            ellipsis={highlights?.summary ? false : { rows: 2 }}
            style={{ marginBottom: 8 }}
            className="wrap-anywhere"
          >
            <Highlighted html={highlights?.summary} plain={summary} />
          </Typography.Paragraph>
        )}
        <Flex gap={4} wrap style={{ marginBottom: 8 }}>
          <Tag color="blue">{label('domains', item.domain)}</Tag>
          {item.sector && <Tag>{label('sectors', item.sector)}</Tag>}
          {item.district && <Tag>{label('districts', item.district)}</Tag>}
          {item.trlRequired !== null && <Tag>{t('public.card.trl', { trl: item.trlRequired })}</Tag>}
        </Flex>
        <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px', margin: 0 }}>
          <div>
            <dt style={termStyle}>{t('public.card.budget')}</dt>
            <dd style={{ display: 'inline', margin: 0, fontWeight: 500 }}>
              {budgetPublic ? formatBudget(item.budgetMinYuan, item.budgetMaxYuan) : t('public.card.budgetPrivate')}
            </dd>
          </div>
          <div>
            <dt style={termStyle}>{t('public.card.deadline')}</dt>
            <dd style={{ display: 'inline', margin: 0 }}>
              <Deadline deadline={item.proposalDeadline} status={item.status} />
            </dd>
          </div>
        </dl>
      </article>
    </Card>
  );
}
