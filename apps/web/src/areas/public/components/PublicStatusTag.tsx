import { Tag } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * Scenario statuses as solid tags in dark shades (white text at ≥ 4.5:1): the shared StatusTag's light
 * preset colours (e.g. green on pale green) fail axe's contrast rule on the public pages.
 */
export const PUBLIC_STATUS_COLOURS: Record<string, string> = {
  published: '#237804',
  closed: '#ad4e00',
  under_evaluation: '#531dab',
  awarded: '#874d00',
  no_award: '#595959',
  in_delivery: '#0958d9',
  accepted: '#3f6600',
  demonstration: '#9e1068',
};

/** Solid tag colours for meanings (white text at ≥ 4.5:1). */
export const TAG = { ok: '#237804', info: '#0958d9', warn: '#ad4e00' } as const;

export function PublicStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={PUBLIC_STATUS_COLOURS[status] ?? '#595959'} style={{ marginInlineEnd: 0 }}>
      {t(`common.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Demonstration scenarios stand out everywhere with the same tag. */
export function DemonstrationTag() {
  const { t } = useTranslation();
  return (
    <Tag color={PUBLIC_STATUS_COLOURS.demonstration} icon={<StarFilled aria-hidden />} style={{ marginInlineEnd: 0 }}>
      {t('public.demoTag')}
    </Tag>
  );
}
