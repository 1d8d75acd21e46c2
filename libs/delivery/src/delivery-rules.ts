import type { FieldViolation } from '@app/common';
import type { AcceptanceParty, AcceptanceVerdict, MilestoneParty, MilestoneStatus } from './delivery-status';
import { huzhouDate } from '@app/common';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milestone due dates are calendar days in Huzhou (`huzhouDate`). */
export { huzhouDate };

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

type Dated = { status: MilestoneStatus; dueDate: string };

/**
 * A milestone is overdue once its due day has ended in Huzhou and the vendor has not reported it
 * done. A reported milestone waiting for the agency's confirmation is not the vendor's delay.
 */
export function isOverdue(m: Dated, now: Date): boolean {
  return m.status === 'pending' && m.dueDate < huzhouDate(now);
}

/** Pending and due within `noticeDays` days (today included), not yet overdue. */
export function isDueSoon(m: Dated, now: Date, noticeDays: number): boolean {
  const today = huzhouDate(now);
  return m.status === 'pending' && m.dueDate >= today && m.dueDate <= addDays(today, noticeDays);
}

/**
 * Which notices the milestone sweep owes a milestone now, given which it already sent. Each is sent
 * at most once per due date; a milestone first seen already overdue gets only the overdue notice
 * (a "due soon" after the fact is noise), and its due notice is then marked as spent.
 */
export function milestoneNotices(
  m: Dated & { dueNotified: boolean; overdueNotified: boolean },
  now: Date,
  noticeDays: number,
): { due: boolean; overdue: boolean; markDue: boolean } {
  const overdue = !m.overdueNotified && isOverdue(m, now);
  const due = !m.dueNotified && !isOverdue(m, now) && isDueSoon(m, now, noticeDays);
  return { due, overdue, markDue: due || (overdue && !m.dueNotified) };
}

/** What the winning proposal says about one milestone (`ProposalContent.milestones[]`). */
export interface ProposedMilestone {
  title: string;
  dueDate: string;
  deliverables: string;
  paymentPercent?: number | null;
}

export const MILESTONE_CHANGE_FIELDS = ['title', 'dueDate', 'deliverables'] as const;
export type MilestoneChangeField = (typeof MILESTONE_CHANGE_FIELDS)[number];
export type MilestoneChanges = Partial<Record<MilestoneChangeField, string>>;

/**
 * Why a proposed change to a milestone cannot be made (empty when it can): it must change at least
 * one field to a different value, a new due date must be a real date not before today (Huzhou), and
 * a completed milestone no longer changes.
 */
export function milestoneChangeViolations(
  current: Dated & { title: string; deliverables: string },
  changes: MilestoneChanges,
  now: Date,
): FieldViolation[] {
  if (current.status === 'completed') return [{ field: 'milestoneId', rule: 'delivery.milestone_completed' }];
  const violations: FieldViolation[] = [];
  const named = MILESTONE_CHANGE_FIELDS.filter((f) => changes[f] !== undefined);
  if (named.length === 0) {
    return [{ field: 'title', rule: 'atLeastOneOf', params: { fields: MILESTONE_CHANGE_FIELDS.join(', ') } }];
  }
  for (const f of named) {
    if (changes[f] === current[f]) violations.push({ field: f, rule: 'delivery.unchanged' });
  }
  const due = changes.dueDate;
  if (due !== undefined && due !== current.dueDate) {
    if (!isCalendarDate(due)) violations.push({ field: 'dueDate', rule: 'delivery.date' });
    else if (due < huzhouDate(now)) violations.push({ field: 'dueDate', rule: 'delivery.due_date_past' });
  }
  return violations;
}

/** The fields a change actually alters. */
export function changedMilestoneFields(changes: MilestoneChanges): MilestoneChangeField[] {
  return MILESTONE_CHANGE_FIELDS.filter((f) => changes[f] !== undefined);
}

/** Only the party that did not propose a change may agree to it or refuse it. */
export function mayAnswerChange(proposedBy: MilestoneParty, answeringParty: MilestoneParty): boolean {
  return proposedBy !== answeringParty;
}

/** Comments are required for every verdict but `met`. */
export function verdictViolations(verdict: AcceptanceVerdict, comments: string | null | undefined): FieldViolation[] {
  return verdict !== 'met' && !comments?.trim() ? [{ field: 'comments', rule: 'delivery.comments_required' }] : [];
}

export type AcceptanceOutcome = 'awaiting_verdicts' | 'acceptable' | 'not_met';

/**
 * What a round's verdicts allow: any `not_met` fails the round (a new one opens); both parties'
 * verdicts in, neither `not_met`, lets staff accept; otherwise a verdict is still missing.
 */
export function acceptanceOutcome(verdicts: Partial<Record<AcceptanceParty, AcceptanceVerdict>>): AcceptanceOutcome {
  const given = Object.values(verdicts);
  if (given.includes('not_met')) return 'not_met';
  return verdicts.agency && verdicts.centre ? 'acceptable' : 'awaiting_verdicts';
}

/** A scenario KPI by its metric name (exact, after trimming), or a 400 naming the unknown metric. */
export function kpiViolations(known: readonly string[], metric: string): FieldViolation[] {
  return known.includes(metric.trim())
    ? []
    : [{ field: 'metric', rule: 'delivery.unknown_metric', params: { metric, known: known.join('、') } }];
}
