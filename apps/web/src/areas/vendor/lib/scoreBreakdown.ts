import type { MatchComponent } from '../types';

/** The engine's components in the order they are explained (libs/matching engine, plus `feedback`). */
export const COMPONENT_ORDER = [
  'domain',
  'sector',
  'capability',
  'text',
  'district',
  'budget',
  'trl',
  'track_record',
  'feedback',
] as const;

/** Why a component scored as it did: an i18n key under `vendor.why.note` and its parameters. */
export interface ComponentNote {
  key: string;
  params: Record<string, string | number>;
  /** Capability codes to name (labelled by the caller). */
  codes?: string[];
}

export interface BreakdownRow {
  key: string;
  /** Points as given (feedback may be negative). */
  points: number;
  max: number;
  /** Share of the maximum the bar shows, 0–100 (of the absolute points for a negative adjustment). */
  percent: number;
  negative: boolean;
  note: ComponentNote | null;
  /** The context points were cut because capability and text fit little (detail.relevanceFactor < 1). */
  discounted: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One line on why a component scored as it did, from its `detail` (null when there is nothing to say). */
export function componentNote(c: MatchComponent): ComponentNote | null {
  const d = c.detail ?? {};
  switch (c.key) {
    case 'domain': {
      const rule = str(d.rule);
      return rule ? { key: `domain.${rule}`, params: {} } : null;
    }
    case 'sector': {
      const fit = num(d.fit);
      if (fit === null) return null;
      return { key: fit >= 1 ? 'sector.same' : fit > 0 ? 'sector.related' : 'sector.other', params: {} };
    }
    case 'capability': {
      const ticked = strings(d.ticked);
      const shown = strings(d.shownInText);
      const matched = d.matched && typeof d.matched === 'object' ? Object.keys(d.matched) : [];
      const codes = [...new Set([...ticked, ...shown, ...matched])];
      return codes.length ? { key: 'capability.matched', params: {}, codes } : { key: 'capability.none', params: {} };
    }
    case 'text': {
      const fit = num(d.fit);
      return fit === null ? null : { key: 'text.fit', params: { percent: Math.round(fit * 100) } };
    }
    case 'district': {
      const rule = str(d.rule);
      return rule ? { key: `district.${rule}`, params: {} } : null;
    }
    case 'budget': {
      if (d.hidden === true) return { key: 'budget.hidden', params: {} };
      const rule = str(d.rule);
      return rule ? { key: `budget.${rule}`, params: {} } : null;
    }
    case 'trl': {
      const rule = str(d.rule);
      if (!rule) return null;
      return { key: `trl.${rule}`, params: { required: num(d.required) ?? '—', vendor: num(d.vendor) ?? '—' } };
    }
    case 'track_record':
      return {
        key: 'track_record.counts',
        params: { accepted: num(d.acceptedDeliveries) ?? 0, cases: num(d.pastCases) ?? 0 },
      };
    case 'feedback': {
      const own = str(d.own);
      const similar = Array.isArray(d.similar) ? d.similar.length : 0;
      if (own) return { key: `feedback.${own}`, params: { similar } };
      return similar ? { key: 'feedback.similar', params: { similar } } : { key: 'feedback.none', params: {} };
    }
    default:
      return null;
  }
}

/**
 * The "why this match" rows: the known components in a fixed order (unknown ones after them), each
 * with its points as a share of its maximum for a bar.
 */
export function breakdownRows(components: MatchComponent[] | null | undefined): BreakdownRow[] {
  const list = components ?? [];
  const rank = (key: string) => {
    const i = (COMPONENT_ORDER as readonly string[]).indexOf(key);
    return i === -1 ? COMPONENT_ORDER.length : i;
  };
  return list
    .map((c, index) => ({ c, index }))
    .sort((a, b) => rank(a.c.key) - rank(b.c.key) || a.index - b.index)
    .map(({ c }) => {
      const points = num(c.points) ?? 0;
      const max = num(c.max) ?? 0;
      const percent = max > 0 ? Math.min(100, Math.max(0, Math.round((Math.abs(points) / max) * 1000) / 10)) : 0;
      const factor = num(c.detail?.relevanceFactor);
      return {
        key: c.key,
        points,
        max,
        percent,
        negative: points < 0,
        note: componentNote(c),
        discounted: factor !== null && factor < 1,
      };
    });
}

/** Points with at most one decimal, as the engine rounds them ("19.1", "12", "−4.5"). */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return (rounded < 0 ? '−' : '') + Math.abs(rounded).toString();
}
