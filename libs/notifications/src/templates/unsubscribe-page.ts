import type { LocalisedText } from '@app/common';
import type { NotificationLocale } from '../notification-types';
import { escapeHtml } from './email-format';

function page(locale: NotificationLocale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f2329;background:#f4f5f7;margin:0">
<main style="max-width:480px;margin:48px auto;background:#fff;border-radius:8px;padding:32px;line-height:1.6">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/**
 * The page a person sees on opening an unsubscribe link (GET): it changes nothing (mail scanners
 * open links), it asks for one click, which POSTs the same URL (the form has no action: the page's own
 * URL, token included) as a mail client's one-click would.
 */
export function unsubscribeConfirmPage(locale: NotificationLocale, label: LocalisedText): string {
  const zh = locale === 'zh-CN';
  return page(
    locale,
    zh ? '退订邮件通知' : 'Unsubscribe',
    `<p>${escapeHtml(zh ? `确认不再接收“${label[locale]}”邮件吗？站内通知不受影响。` : `Stop receiving emails about “${label[locale]}”? In-app notifications are not affected.`)}</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="background:#3370ff;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:15px;cursor:pointer">${escapeHtml(zh ? '确认退订' : 'Unsubscribe')}</button>
</form>`,
  );
}

/** The page after unsubscribing (a browser's form post); mail clients ignore it. */
export function unsubscribeDonePage(locale: NotificationLocale, label: LocalisedText, settingsUrl: string): string {
  const zh = locale === 'zh-CN';
  return page(
    locale,
    zh ? '已退订' : 'Unsubscribed',
    `<p>${escapeHtml(zh ? `您将不再收到“${label[locale]}”邮件。` : `You will no longer receive emails about “${label[locale]}”.`)}</p>
<p><a href="${escapeHtml(settingsUrl)}" style="color:#3370ff">${escapeHtml(zh ? '管理通知设置' : 'Notification settings')}</a></p>`,
  );
}
