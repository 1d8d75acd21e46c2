import type { EvaluationStatus, MyPanel } from './types';

/**
 * Solid tag colours with white text: Ant Design's light preset tags (green on pale green…) fall short
 * of WCAG AA contrast. Each of these is at least 5:1 against white.
 */
export const TAG = {
  grey: '#595959',
  blue: '#1f5fbf',
  indigo: '#1d39c4',
  green: '#237804',
  orange: '#ad4e00',
  red: '#a8071a',
} as const;

export const STATUS_COLOUR: Record<EvaluationStatus, string> = {
  setup: TAG.grey,
  scoring: TAG.blue,
  closed: TAG.orange,
  decided: TAG.green,
};

export type PanelNextStep = 'sealed' | 'declare' | 'waiting' | 'score' | 'done' | 'closed';

/** What the reviewer has to do next on a panel (shown on the overview). */
export function panelNextStep(
  panel: Pick<MyPanel, 'status' | 'vendorsToDeclare' | 'undeclaredVendors' | 'scoredProposals'>,
  progress: { scored: number; total: number } | null,
): PanelNextStep {
  if (panel.status === 'closed' || panel.status === 'decided') return 'closed';
  if (panel.vendorsToDeclare === null) return 'sealed';
  if ((panel.undeclaredVendors ?? 0) > 0) return 'declare';
  if (panel.status === 'setup') return 'waiting';
  if (progress && progress.total > 0 && progress.scored >= progress.total) return 'done';
  return 'score';
}
