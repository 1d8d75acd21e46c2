import type { NotificationLocale, NotificationParamsMap, NotificationType } from '../notification-types';
import { NOTIFICATION_TYPE_LABELS } from '../preferences/notification-type-labels';
import { escapeHtml } from './email-format';
import { notificationPath, notificationText } from './notification-texts';

export type EmailLocale = NotificationLocale;

export interface EmailLinks {
  /** The platform's base URL (PUBLIC_BASE_URL): the email's button leads to a page under it. */
  appUrl: string;
  /** The signed one-click unsubscribe URL (UnsubscribeLinks.urlFor) for this recipient. */
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A type's params as the catalogue declares them (or as read back from jsonb). */
export type EmailParams<T extends NotificationType = NotificationType> =
  NotificationParamsMap[T] | Record<string, unknown>;

const SITE: Record<NotificationLocale, string> = {
  'zh-CN': '湖州市人工智能场景机会清单',
  en: 'Huzhou AI Scenario Opportunity List',
};

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** `List-Unsubscribe` + `List-Unsubscribe-Post` (RFC 8058 one-click) header values for an email. */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The footer's words: why the mail came, how to stop it, where the settings are. */
export function footerText(
  locale: NotificationLocale,
  reason: string,
  links: EmailLinks,
): { lines: string[]; unsubscribe: string; settings: string; settingsUrl: string } {
  const settingsUrl = `${trimSlash(links.appUrl)}/settings/notifications`;
  return locale === 'zh-CN'
    ? {
        lines: [`您收到这封邮件，是因为您在${SITE[locale]}平台开启了“${reason}”邮件通知。`],
        unsubscribe: '退订此类邮件',
        settings: '管理通知设置',
        settingsUrl,
      }
    : {
        lines: [`You receive this email because “${reason}” emails are on in your ${SITE[locale]} settings.`],
        unsubscribe: 'Unsubscribe from these emails',
        settings: 'Notification settings',
        settingsUrl,
      };
}

/** The HTML document around a body: a plain, inline-styled layout every mail client shows. */
export function htmlLayout(locale: NotificationLocale, subject: string, body: string, footer: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f2329">
<div style="max-width:600px;margin:0 auto;padding:24px">
<div style="font-size:13px;color:#646a73;margin-bottom:12px">${escapeHtml(SITE[locale])}</div>
<div style="background:#ffffff;border-radius:8px;padding:24px;line-height:1.6;font-size:15px">
${body}
</div>
<div style="font-size:12px;color:#8f959e;line-height:1.6;margin-top:16px">
${footer}
</div>
</div>
</body>
</html>`;
}

export function button(href: string, label: string): string {
  return `<p style="margin:24px 0 8px"><a href="${escapeHtml(href)}" style="display:inline-block;background:#3370ff;color:#ffffff;text-decoration:none;padding:10px 20px;border-radius:6px">${escapeHtml(label)}</a></p>`;
}

export function footerHtml(footer: ReturnType<typeof footerText>, links: EmailLinks): string {
  return `${footer.lines.map((l) => `<p style="margin:0 0 4px">${escapeHtml(l)}</p>`).join('\n')}
<p style="margin:0"><a href="${escapeHtml(links.unsubscribeUrl)}" style="color:#646a73">${escapeHtml(footer.unsubscribe)}</a> · <a href="${escapeHtml(footer.settingsUrl)}" style="color:#646a73">${escapeHtml(footer.settings)}</a></p>`;
}

export function footerPlain(footer: ReturnType<typeof footerText>, links: EmailLinks): string {
  return [
    '-- ',
    ...footer.lines,
    `${footer.unsubscribe}: ${links.unsubscribeUrl}`,
    `${footer.settings}: ${footer.settingsUrl}`,
  ].join('\n');
}

/**
 * One notification as an email (subject, HTML and text) in zh-CN or en. Params are user input (titles,
 * reasons, names): the words are composed as plain text and HTML-escaped as a whole, so nothing a
 * user typed can become markup; missing params leave no `undefined` behind. The footer carries the
 * one-click unsubscribe link; send it with `listUnsubscribeHeaders(links.unsubscribeUrl)`.
 */
export function renderNotificationEmail<T extends NotificationType>(
  type: T,
  params: EmailParams<T>,
  locale: EmailLocale,
  links: EmailLinks,
): RenderedEmail {
  const p = (params ?? {}) as Record<string, unknown>;
  const words = notificationText(type, p, locale);
  const href = `${trimSlash(links.appUrl)}${notificationPath(type, p)}`;
  const footer = footerText(locale, NOTIFICATION_TYPE_LABELS[type][locale], links);
  const body = `${words.lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('\n')}
${button(href, words.action)}`;
  return {
    subject: words.subject,
    html: htmlLayout(locale, words.subject, body, footerHtml(footer, links)),
    text: [...words.lines, '', `${words.action}: ${href}`, '', footerPlain(footer, links), ''].join('\n'),
  };
}
