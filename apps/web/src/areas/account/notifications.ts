// The API's own list of notification types (a plain file without imports), bundled like the taxonomy.
import { NOTIFICATION_TYPES } from '../../../../../libs/common/src/notification-types';
import type { Role } from '../../auth/types';
import { formatDate, formatDateTime } from '../../components/format';

export { NOTIFICATION_TYPES };

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One inbox entry as `GET /notifications` returns it: a type and its params, no text. */
export interface InboxNotification {
  id: string;
  type: string;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxNotification[];
  nextCursor: string | null;
}

/** What the inbox shows of a notification: i18n keys (under `account.notification`) with their values. */
export interface NotificationDisplay {
  /** Key of the one-line title. */
  titleKey: string;
  /** Key of the sentence below it, if the type has more to say. */
  detailKey: string | null;
  values: Record<string, string | number>;
  /** Where clicking it leads in the web app; null when nowhere fits. */
  link: string | null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A timestamp or calendar date param as the reader expects it ('' when absent). */
const when = (v: unknown): string => (text(v) ? formatDateTime(text(v)) : '');
const day = (v: unknown): string => (text(v) ? formatDate(text(v)) : '');

/** i18n keys cannot contain the type's dot: `scenario.matched` → `scenario_matched`. */
export const typeKey = (type: string): string => type.replace(/\./g, '_');

export function isKnownType(type: string): type is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(type);
}

/** A value out of a fixed set, or `other` (params come from the server and may grow). */
const oneOf = (value: unknown, allowed: readonly string[]): string =>
  allowed.includes(text(value)) ? text(value) : 'other';

/** Only ids that look like ids go into a URL. */
const safeId = (v: unknown): string | null => {
  const s = text(v);
  return /^[A-Za-z0-9-]{1,64}$/.test(s) ? s : null;
};

/**
 * Where a notification leads in the web app. Follows the paths the API puts in its e-mails
 * (libs/notifications/src/templates/notification-texts.ts, `notificationPath`), except where the web app
 * has a better page for the reader: a reviewer's evaluation and the user's own organisation.
 */
export function notificationLink(type: string, params: Record<string, unknown>, role: Role | null): string | null {
  const scenario = safeId(params.scenarioId);
  const scenarioPath = scenario ? `/scenarios/${scenario}` : null;
  switch (type) {
    case 'organisation.verification_result':
      return '/account';
    case 'evaluation.panel_assigned':
    case 'evaluation.scoring_opened':
    case 'evaluation.panel_closed': {
      const evaluation = safeId(params.evaluationId);
      if (evaluation && role === 'reviewer') return `/reviewer/evaluations/${evaluation}`;
      return scenarioPath;
    }
    case 'award.result': {
      const proposal = safeId(params.proposalId);
      return proposal ? `/proposals/${proposal}` : scenarioPath;
    }
    case 'delivery.milestone_due':
    case 'delivery.milestone_overdue':
    case 'delivery.acceptance_result':
      return scenarioPath ? `${scenarioPath}/delivery` : null;
    default:
      return scenarioPath;
  }
}

/** The keys and values to show one notification with; unknown types get a neutral text. */
export function describeNotification(n: InboxNotification, role: Role | null): NotificationDisplay {
  const p = n.params ?? {};
  const values: Record<string, string | number> = { title: text(p.scenarioTitle) };
  const link = notificationLink(n.type, p, role);
  if (!isKnownType(n.type)) return { titleKey: 'unknown.title', detailKey: null, values, link };
  const base = typeKey(n.type);
  let detailKey: string | null = `${base}.detail`;
  switch (n.type) {
    case 'scenario.matched':
      values.score = text(p.score);
      detailKey = values.score ? `${base}.detailScore` : `${base}.detail`;
      break;
    case 'saved_search.matched':
      values.name = text(p.savedSearchName);
      detailKey = values.name ? `${base}.detailNamed` : `${base}.detail`;
      break;
    case 'scenario.amended':
      values.no = text(p.amendmentNo);
      values.deadline = when(p.proposalDeadline);
      detailKey = p.material === true ? `${base}.detailMaterial` : `${base}.detail`;
      break;
    case 'scenario.question_answered':
      detailKey = p.revised === true ? `${base}.detailRevised` : `${base}.detail`;
      break;
    case 'scenario.deadline_reminder':
      values.days = text(p.daysBefore);
      values.deadline = when(p.proposalDeadline);
      break;
    case 'scenario.proposals_at_closing':
      values.opened = text(p.openedCount) || '0';
      values.excluded = text(p.excludedCount) || '0';
      break;
    case 'scenario.vetting_decision':
      values.reason = text(p.reason);
      detailKey = `${base}.${oneOf(p.decision, ['approved', 'returned', 'rejected', 'published'])}`;
      break;
    case 'organisation.verification_result':
      values.name = text(p.organisationName);
      values.reason = text(p.reason);
      detailKey = `${base}.${oneOf(p.result, ['verified', 'rejected'])}`;
      return {
        titleKey: `${base}.title_${oneOf(p.result, ['verified', 'rejected'])}`,
        detailKey,
        values,
        link,
      };
    case 'award.result':
      detailKey = `${base}.${oneOf(p.result, ['won', 'unsuccessful', 'no_award'])}`;
      values.until = when(p.standstillEndsAt);
      break;
    case 'objection.update':
      detailKey = `${base}.${oneOf(p.status, ['lodged', 'upheld', 'dismissed', 'lapsed'])}`;
      break;
    case 'delivery.milestone_due':
    case 'delivery.milestone_overdue':
      values.due = day(p.dueDate);
      break;
    case 'delivery.acceptance_result':
      values.round = text(p.roundNo);
      detailKey = `${base}.${oneOf(p.verdict, ['met', 'partially_met', 'not_met'])}`;
      break;
    default:
      break;
  }
  return { titleKey: `${base}.title`, detailKey, values, link };
}
