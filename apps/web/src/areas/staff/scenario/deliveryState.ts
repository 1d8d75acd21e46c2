import type { AcceptanceRoundView, AwardRecordView, DeliveryOverview, ScenarioStatus } from '../types';

export type StartBlock = 'not_awarded' | 'no_winners' | 'standstill' | 'open_objections' | null;

export interface StartGate {
  /** What the API would refuse with (409), as far as the page can tell; null when it may start. */
  block: StartBlock;
  standstillEndsAt: string | null;
  openObjections: number;
}

/**
 * Whether staff may start delivery: an `awarded` scenario whose current award decision names winners,
 * whose standstill has ended (by the browser's clock; the server's decides) and with no open objection.
 */
export function startGate(status: ScenarioStatus, award: AwardRecordView | null | undefined, now: Date): StartGate {
  const current = award?.current ?? null;
  const openObjections = current?.objections.filter((o) => o.status === 'lodged').length ?? 0;
  const standstillEndsAt = current?.standstillEndsAt ?? null;
  let block: StartBlock = null;
  if (status !== 'awarded') block = 'not_awarded';
  else if (!current || current.outcome !== 'award' || current.winners.length === 0) block = 'no_winners';
  else if (openObjections > 0) block = 'open_objections';
  else if (standstillEndsAt && new Date(standstillEndsAt).getTime() > now.getTime()) block = 'standstill';
  return { block, standstillEndsAt, openObjections };
}

/** Whole days (rounded up) until an instant; 0 once passed. */
export function daysUntil(iso: string, now: Date): number {
  const ms = new Date(iso).getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 86_400_000);
}

export interface AcceptanceState {
  openRound: AcceptanceRoundView | null;
  /** The centre's verdict in the open round, if given. */
  centreVerdict: AcceptanceRoundView['verdicts'][number] | null;
  agencyVerdict: AcceptanceRoundView['verdicts'][number] | null;
  /** In delivery, both verdicts in the open round and neither `not_met`. */
  canAccept: boolean;
  /** Accepted and not yet a demonstration scenario. */
  canDesignate: boolean;
  /** The staff may record a verdict (there is an open round). */
  canRecordVerdict: boolean;
}

export function acceptanceState(overview: DeliveryOverview | null | undefined): AcceptanceState {
  const rounds = overview?.acceptanceRounds ?? [];
  const openRound = [...rounds].reverse().find((r) => r.status === 'open') ?? null;
  const status = overview?.scenarioStatus;
  const find = (party: 'agency' | 'centre') => openRound?.verdicts.find((v) => v.party === party) ?? null;
  return {
    openRound,
    centreVerdict: find('centre'),
    agencyVerdict: find('agency'),
    canAccept: status === 'in_delivery' && openRound?.outcome === 'acceptable',
    canDesignate: status === 'accepted' && !overview?.demonstration,
    canRecordVerdict: status === 'in_delivery' && !!openRound,
  };
}

/** Milestones across deliveries: done / total and how many are overdue. */
export function milestoneProgress(overview: DeliveryOverview | null | undefined): {
  completed: number;
  total: number;
  overdue: number;
} {
  const all = overview?.deliveries.flatMap((d) => d.milestones) ?? [];
  return {
    completed: all.filter((m) => m.status === 'completed').length,
    total: all.length,
    overdue: all.filter((m) => m.overdue).length,
  };
}

/** A measured value with its KPI unit, unless the value already carries it ("0.03%", "372 行/人时"). */
export function withUnit(value: string, unit: string): string {
  const v = value.trim();
  const u = unit.trim();
  if (!u || v.endsWith(u)) return v;
  return /^[A-Za-z]/.test(u) ? `${v} ${u}` : `${v}${u}`;
}
