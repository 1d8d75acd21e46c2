import type { MatchComponent } from '../types';

/** The engine's components in the order the breakdown shows them (libs/matching/src/engine). */
export const COMPONENT_ORDER = [
  'capability',
  'text',
  'domain',
  'sector',
  'district',
  'budget',
  'trl',
  'track_record',
  'feedback',
] as const;

export interface BreakdownRow {
  key: string;
  points: number;
  max: number;
  /** points / max in percent, whole; 0 when max is 0. */
  percent: number;
  /** The engine's rule name when it gives one (`overlap`, `same_district`, `meets`…). */
  rule: string | null;
  /** Fit 0–1 when given. */
  fit: number | null;
  /** Capability codes the vendor ticked that the scenario needs, then those shown only in its texts. */
  capabilities: { ticked: string[]; shownInText: string[] };
  /** TRL required and offered, when the component is `trl`. */
  trl: { required: number | null; vendor: number | null } | null;
  /** Delivery track record, when the component is `track_record`. */
  trackRecord: { acceptedDeliveries: number; pastCases: number } | null;
  /** Below 1: context points reduced because capability and text fit are low. */
  relevanceFactor: number | null;
  /** Below 1: the vendor is outside the scenario's domain. */
  mismatchFactor: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One row per component, in a stable order, with what the detail says in a form the page can label. */
export function scoreBreakdown(components: readonly MatchComponent[]): BreakdownRow[] {
  const rank = (key: string) => {
    const i = (COMPONENT_ORDER as readonly string[]).indexOf(key);
    return i < 0 ? COMPONENT_ORDER.length : i;
  };
  return [...components]
    .sort((a, b) => rank(a.key) - rank(b.key))
    .map((c) => {
      const d = c.detail ?? {};
      const ticked = strings(d.ticked);
      return {
        key: c.key,
        points: c.points,
        max: c.max,
        percent: c.max > 0 ? Math.round((Math.max(0, c.points) / c.max) * 100) : 0,
        rule: typeof d.rule === 'string' ? d.rule : null,
        fit: num(d.fit),
        capabilities: {
          ticked,
          shownInText: strings(d.shownInText).filter((code) => !ticked.includes(code)),
        },
        trl: c.key === 'trl' ? { required: num(d.required), vendor: num(d.vendor) } : null,
        trackRecord:
          c.key === 'track_record'
            ? { acceptedDeliveries: num(d.acceptedDeliveries) ?? 0, pastCases: num(d.pastCases) ?? 0 }
            : null,
        relevanceFactor: num(d.relevanceFactor),
        mismatchFactor: num(d.mismatchFactor),
      };
    });
}

/** The components that explain most of the score: the top `n` by points, then by share. */
export function strongestComponents(components: readonly MatchComponent[], n = 3): string[] {
  return [...components]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points || b.points / (b.max || 1) - a.points / (a.max || 1))
    .slice(0, n)
    .map((c) => c.key);
}
