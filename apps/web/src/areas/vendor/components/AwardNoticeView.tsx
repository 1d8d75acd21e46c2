import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatYuan } from '../../../components/format';
import type { AwardNotice } from '../types';

/** The public award notice (中榜公示) of a scenario. */
export function AwardNoticeView({ notice, headingLevel = 2 }: { notice: AwardNotice; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  return (
    <section data-testid="award-notice">
      <Typography.Title level={headingLevel} style={{ fontSize: headingLevel === 2 ? 18 : 16 }}>
        {t('vendor.scenario.awardNotice')}
      </Typography.Title>
      <Alert
        type={notice.outcome === 'award' ? 'success' : 'warning'}
        showIcon
        title={notice.outcome === 'award' ? t('vendor.award.outcomeAward') : t('vendor.award.outcomeNoAward')}
        style={{ marginBottom: 12 }}
      />
      {notice.winners.length > 0 && (
        <>
          <Typography.Text strong>{t('vendor.award.winners')}</Typography.Text>
          <ul style={{ paddingInlineStart: 20, marginTop: 4 }}>
            {notice.winners.map((w) => (
              <li key={w.name} className="wrap-anywhere">
                {w.name} — {t('vendor.award.amount')} {formatYuan(w.amountYuan)}
                {w.members.length > 0 && (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('vendor.award.members', { names: w.members.join(t('vendor.common.listSep')) })}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          ...(notice.totalAmountYuan !== null
            ? [{ key: 'total', label: t('vendor.award.total'), children: formatYuan(notice.totalAmountYuan) }]
            : []),
          { key: 'decided', label: t('vendor.award.decidedAt'), children: formatDateTime(notice.decidedAt) },
          {
            key: 'standstill',
            label: t('vendor.award.standstillEndsAt'),
            children: formatDateTime(notice.standstillEndsAt),
          },
          { key: 'summary', label: t('vendor.award.summary'), children: notice.summary, span: 'filled' as const },
        ]}
      />
    </section>
  );
}
