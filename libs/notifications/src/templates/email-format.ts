import type { NotificationLocale } from '../notification-types';

/** HTML-escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A param as text: strings and finite numbers as they are, anything else (missing, null, objects) as ''. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F\u2028\u2029]+/g;

/** One line of plain text: control characters (CR/LF included) become a space; long text is cut with "…". */
export function oneLine(value: string, max = 200): string {
  const flat = value.replace(CONTROL, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

const HUZHOU_OFFSET_MS = 8 * 3_600_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date-time as people in Huzhou read it (UTC+8): `2026年12月1日 17:00` / `1 Dec 2026, 17:00 (UTC+8)`.
 * A calendar day (`YYYY-MM-DD`) stays a day; anything unparseable is shown as given (or '').
 */
export function formatWhen(value: unknown, locale: NotificationLocale): string {
  const raw = textOf(value);
  if (!raw) return '';
  const dayOnly = DATE_ONLY.test(raw);
  const at = new Date(dayOnly ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(at.getTime())) return oneLine(raw, 40);
  const t = new Date(at.getTime() + (dayOnly ? 0 : HUZHOU_OFFSET_MS));
  const [y, m, d, hh, mm] = [
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    String(t.getUTCHours()).padStart(2, '0'),
    String(t.getUTCMinutes()).padStart(2, '0'),
  ];
  if (locale === 'zh-CN') return dayOnly ? `${y}年${m}月${d}日` : `${y}年${m}月${d}日 ${hh}:${mm}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return dayOnly ? `${d} ${month} ${y}` : `${d} ${month} ${y}, ${hh}:${mm} (UTC+8)`;
}
