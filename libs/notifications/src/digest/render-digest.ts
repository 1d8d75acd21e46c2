import type { NotificationType } from '../notification-types';
import { escapeHtml, formatWhen } from '../templates/email-format';
import { notificationPath, notificationText } from '../templates/notification-texts';
import {
  type EmailLinks,
  type EmailLocale,
  type EmailParams,
  footerHtml,
  footerPlain,
  footerText,
  htmlLayout,
  type RenderedEmail,
} from '../templates/render-email';

export interface DigestItem {
  type: NotificationType;
  params: EmailParams;
  /** When the notification was raised (ISO 8601); shown in Huzhou time. */
  createdAt: string;
}

/** Items shown one by one; the rest are counted ("and 12 more in your inbox"). */
export const DIGEST_MAX_ITEMS = 50;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The daily digest: the day's notifications whose email mode is `digest`, newest first, in one email
 * (subject, HTML, text). Each item is the notification's own subject and first line with its link;
 * everything from params is escaped. `links.unsubscribeUrl` must be the link for every email
 * (`UnsubscribeLinks.urlFor(userId, UNSUBSCRIBE_ALL)`): a digest mixes types, and its footer says
 * "unsubscribe from all notification emails".
 */
export function renderDigestEmail(items: DigestItem[], locale: EmailLocale, links: EmailLinks): RenderedEmail {
  const zh = locale === 'zh-CN';
  const sorted = [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const shown = sorted.slice(0, DIGEST_MAX_ITEMS);
  const more = sorted.length - shown.length;
  const subject = zh ? `今日通知摘要（${items.length} 条）` : `Your daily digest (${items.length})`;
  const intro = zh
    ? `以下是过去一天内您在平台上的 ${items.length} 条通知：`
    : `Here ${items.length === 1 ? 'is the notification' : `are the ${items.length} notifications`} you received on the platform in the past day:`;
  const moreText = more > 0 ? (zh ? `另有 ${more} 条通知，请登录平台查看。` : `${more} more in your inbox.`) : '';
  const base = trimSlash(links.appUrl);
  const entries = shown.map((item) => {
    const p = (item.params ?? {}) as Record<string, unknown>;
    const words = notificationText(item.type, p, locale);
    return {
      when: formatWhen(item.createdAt, locale),
      subject: words.subject,
      line: words.lines[0] ?? '',
      href: `${base}${notificationPath(item.type, p)}`,
    };
  });
  // The digest's link is the `all` one (every notification email off), and says so.
  const footer = {
    ...footerText(locale, zh ? '每日摘要' : 'daily digest', links),
    unsubscribe: zh ? '退订全部通知邮件' : 'Unsubscribe from all notification emails',
  };
  const inboxUrl = `${base}/notifications`;
  const body = `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>
${entries
  .map(
    (e) => `<div style="border-top:1px solid #e5e6eb;padding:12px 0">
<div style="font-size:12px;color:#8f959e">${escapeHtml(e.when)}</div>
<div style="font-weight:600;margin:2px 0"><a href="${escapeHtml(e.href)}" style="color:#1f2329;text-decoration:none">${escapeHtml(e.subject)}</a></div>
<div style="font-size:14px;color:#4e5969">${escapeHtml(e.line)}</div>
</div>`,
  )
  .join('\n')}
${moreText ? `<p style="margin:12px 0 0">${escapeHtml(moreText)}</p>` : ''}
<p style="margin:16px 0 0"><a href="${escapeHtml(inboxUrl)}" style="color:#3370ff">${escapeHtml(zh ? '打开通知中心' : 'Open your inbox')}</a></p>`;
  const text = [
    intro,
    '',
    ...entries.flatMap((e) => [`* ${e.subject}`, `  ${e.when}`, ...(e.line ? [`  ${e.line}`] : []), `  ${e.href}`, '']),
    ...(moreText ? [moreText, ''] : []),
    `${zh ? '通知中心' : 'Inbox'}: ${inboxUrl}`,
    '',
    footerPlain(footer, links),
    '',
  ].join('\n');
  return { subject, html: htmlLayout(locale, subject, body, footerHtml(footer, links)), text };
}
