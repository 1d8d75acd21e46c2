import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Text and border colours dark enough for 4.5:1 on their light backgrounds (antd's presets are not). */
const COLOURS: Record<string, { color: string; background: string }> = {
  draft: { color: '#424242', background: '#f0f0f0' },
  submitted: { color: '#0b4f9c', background: '#e6f0fb' },
  returned: { color: '#8a4b00', background: '#fff4e0' },
  rejected: { color: '#a11d1d', background: '#fdecec' },
  approved: { color: '#0b5c63', background: '#e3f6f7' },
  published: { color: '#1d6b2a', background: '#e8f6ea' },
  closed: { color: '#8a4b00', background: '#fff4e0' },
  under_evaluation: { color: '#5b2a9e', background: '#f2ebfb' },
  awarded: { color: '#7a5300', background: '#fdf5dc' },
  no_award: { color: '#424242', background: '#f0f0f0' },
  in_delivery: { color: '#0b4f9c', background: '#e6f0fb' },
  accepted: { color: '#3f6212', background: '#f0f7e4' },
  demonstration: { color: '#9b1a5a', background: '#fbeaf2' },
  cancelled: { color: '#424242', background: '#f0f0f0' },
  withdrawn: { color: '#424242', background: '#f0f0f0' },
};
const FALLBACK = { color: '#424242', background: '#f0f0f0' };

/** A scenario (or proposal) status as a coloured tag with its label in the current language. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const { color, background } = COLOURS[status] ?? FALLBACK;
  return (
    <Tag style={{ color, background, borderColor: color }}>
      {t(`common.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
