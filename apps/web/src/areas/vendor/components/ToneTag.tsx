import type { CSSProperties, ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Tag colours whose text stays above 4.5:1 on their background. Ant Design's presets green, orange,
 * gold, cyan, lime and volcano do not (green-7 on green-1 is 3.4:1), and a nested theme cannot darken
 * them, so these are set here.
 */
export type Tone =
  'default' | 'blue' | 'geekblue' | 'purple' | 'red' | 'green' | 'orange' | 'gold' | 'cyan' | 'magenta';

const TONES: Record<Exclude<Tone, 'default'>, CSSProperties> = {
  blue: { color: '#0958d9', background: '#e6f4ff', borderColor: '#91caff' },
  geekblue: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  purple: { color: '#531dab', background: '#f9f0ff', borderColor: '#d3adf7' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  magenta: { color: '#9e1068', background: '#fff0f6', borderColor: '#ffadd2' },
};

export function ToneTag({
  tone = 'default',
  children,
  style,
}: {
  tone?: Tone;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return <Tag style={{ marginInlineEnd: 0, ...(tone === 'default' ? {} : TONES[tone]), ...style }}>{children}</Tag>;
}

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
  accepted: 'green',
  demonstration: 'magenta',
  cancelled: 'default',
  withdrawn: 'default',
};

/** A scenario's status (the shared StatusTag's words, in readable colours). */
export function ScenarioStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={SCENARIO_TONES[status] ?? 'default'}>
      {t(`common.status.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}
