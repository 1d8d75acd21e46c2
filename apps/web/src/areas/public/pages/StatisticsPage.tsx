import { useMemo } from 'react';
import { Card, Col, Grid, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { useStatistics } from '../api';
import {
  STAT_COLOURS,
  STAT_SERIES,
  type StatRow,
  type StatSeries,
  chartHeight,
  statisticsBarOption,
  statisticsTable,
} from '../lib/chartOptions';
import { EChart } from '../../../components/EChart';
import { PageHeader } from '../components/ListShell';
import type { PublicStatistics } from '../types';

/** A grouped bar chart of one breakdown, with its data as a table for screen readers. */
function BreakdownChart({
  id,
  title,
  category,
  rows,
  kind,
}: {
  id: string;
  title: string;
  category: 'domain' | 'district';
  rows: StatRow[];
  kind: 'domains' | 'districts';
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const seriesLabel = (s: StatSeries) => t(`public.stats.series.${s}`);
  const categoryLabel = (code: string) => label(kind, code);
  // A new option only when the data, the width class or the language changes (each one redraws).
  const option = useMemo(
    () =>
      statisticsBarOption({
        rows,
        categoryLabel: (code) => label(kind, code),
        seriesLabel: (s) => t(`public.stats.series.${s}`),
        narrow,
      }),
    // `t` changes with the language.
    [rows, kind, t, narrow],
  );
  const table = statisticsTable(rows, categoryLabel);
  return (
    <section aria-labelledby={id} style={{ marginBottom: 16 }}>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Typography.Title level={2} id={id} style={{ fontSize: 18, marginTop: 0 }}>
          {title}
        </Typography.Title>
        <EChart
          option={option}
          height={chartHeight(rows.length, narrow)}
          ariaLabel={t('public.stats.chartLabel', { title, category: t(`public.stats.category.${category}`) })}
          table={{
            caption: t('public.stats.tableCaption', { title }),
            columns: [t(`public.stats.category.${category}`), ...STAT_SERIES.map((s) => seriesLabel(s))],
            rows: table.map((r) => [r.category, ...r.values]),
          }}
        />
      </Card>
    </section>
  );
}

function Statistics({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation();
  const byDomain = useMemo(() => stats.byDomain.map(({ domain, ...c }) => ({ code: domain, ...c })), [stats]);
  const byDistrict = useMemo(() => stats.byDistrict.map(({ district, ...c }) => ({ code: district, ...c })), [stats]);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('public.stats.generatedAt', { time: formatDateTime(stats.generatedAt) })}
      </Typography.Paragraph>
      <section aria-labelledby="stats-totals" style={{ marginBottom: 16 }}>
        <Typography.Title level={2} id="stats-totals" style={{ fontSize: 18 }}>
          {t('public.stats.totals')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {STAT_SERIES.map((s) => (
            <Col key={s} xs={12} md={6}>
              <Card size="small" style={{ borderTop: `3px solid ${STAT_COLOURS[s]}` }}>
                <Statistic title={t(`public.stats.series.${s}`)} value={stats.totals[s]} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      <BreakdownChart
        id="stats-domain"
        title={t('public.stats.byDomain')}
        category="domain"
        kind="domains"
        rows={byDomain}
      />
      <BreakdownChart
        id="stats-district"
        title={t('public.stats.byDistrict')}
        category="district"
        kind="districts"
        rows={byDistrict}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('public.stats.definitions')}
      </Typography.Paragraph>
    </>
  );
}

/** `/statistics` — public counts of the opportunity list by stage, domain and district. */
export default function StatisticsPage() {
  const { t } = useTranslation();
  const stats = useStatistics();
  return (
    <>
      <PageHeader title={t('public.stats.title')} intro={t('public.stats.intro')} />
      <QueryState query={stats}>{(s) => <Statistics stats={s} />}</QueryState>
    </>
  );
}
