import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Tag colours with text dark enough for WCAG AA on their light backgrounds (Ant Design's preset tags
 * use shade 7 on shade 1, which is under 4.5:1 for green, cyan, lime, gold and the status colours).
 */
export const TONES = {
  default: { color: 'rgba(0, 0, 0, 0.88)', background: '#fafafa', border: '#d9d9d9' },
  green: { color: '#237804', background: '#f6ffed', border: '#b7eb8f' },
  blue: { color: '#0958d9', background: '#e6f4ff', border: '#91caff' },
  orange: { color: '#ad4e00', background: '#fff7e6', border: '#ffd591' },
  red: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e' },
  gold: { color: '#874d00', background: '#fffbe6', border: '#ffe58f' },
  purple: { color: '#531dab', background: '#f9f0ff', border: '#d3adf7' },
  cyan: { color: '#006d75', background: '#e6fffb', border: '#87e8de' },
  magenta: { color: '#9e1068', background: '#fff0f6', border: '#ffadd2' },
  lime: { color: '#3f6600', background: '#fcffe6', border: '#eaff8f' },
} as const;

export type Tone = keyof typeof TONES;

export function ToneTag({ tone = 'default', children }: { tone?: Tone; children: ReactNode }) {
  const t = TONES[tone] ?? TONES.default;
  return (
    <Tag
      variant="outlined"
      style={{ color: t.color, background: t.background, borderColor: t.border, marginInlineEnd: 4 }}
    >
      {children}
    </Tag>
  );
}

/** The scenario statuses' tones (as the shared StatusTag, in accessible colours). */
const SCENARIO_TONES: Record<string, Tone> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  rejected: 'red',
  approved: 'cyan',
  published: 'green',
  closed: 'orange',
  under_evaluation: 'purple',
  awarded: 'gold',
  no_award: 'default',
  in_delivery: 'blue',
  accepted: 'lime',
  demonstration: 'magenta',
  cancelled: 'default',
  withdrawn: 'default',
};

/** A scenario status with its label in the current language (common.status.*). */
export function ScenarioStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={SCENARIO_TONES[status] ?? 'default'}>
      {t(`common.status.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}
