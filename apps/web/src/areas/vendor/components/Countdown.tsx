import { Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format';
import { countdown } from '../lib/countdown';
import { useNow } from '../lib/useNow';

export const URGENT_COLOUR = '#cf1322';

/**
 * "距揭榜截止 3 天 4 小时 12 分" for a deadline, red in the last 24 hours, "已截止" after it.
 * Give `now` to share one clock with the page (so the countdown and read-only state flip together).
 */
export function DeadlineCountdown({
  deadline,
  now,
  showDate = true,
}: {
  deadline: string | null | undefined;
  now?: number;
  showDate?: boolean;
}) {
  const { t } = useTranslation();
  const ticking = useNow(15_000);
  if (!deadline) return <Typography.Text type="secondary">{t('vendor.countdown.none')}</Typography.Text>;
  const c = countdown(deadline, now ?? ticking);
  const text = c.expired
    ? t('vendor.countdown.expired')
    : c.days > 0
      ? t('vendor.countdown.left', { days: c.days, hours: c.hours, minutes: c.minutes })
      : t('vendor.countdown.leftHours', { hours: c.hours, minutes: c.minutes });
  return (
    <span
      role="timer"
      data-testid="deadline-countdown"
      data-urgent={c.urgent ? 'true' : 'false'}
      data-expired={c.expired ? 'true' : 'false'}
      style={{ color: c.urgent ? URGENT_COLOUR : undefined, fontWeight: c.urgent ? 600 : undefined }}
    >
      <ClockCircleOutlined aria-hidden style={{ marginRight: 4 }} />
      {c.expired ? text : `${t('vendor.countdown.label')} ${text}`}
      {showDate && (
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 400 }}>
          （{formatDateTime(deadline)}）
        </Typography.Text>
      )}
    </span>
  );
}
