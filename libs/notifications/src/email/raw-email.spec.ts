import { simpleParser } from 'mailparser';
import { listUnsubscribeHeaders, renderNotificationEmail } from '../templates/render-email';
import { escapeHtml } from '../templates/email-format';
import { messageIdFor } from './email-transport';
import { parseSender, RawEmailTemplate } from './raw-email';

const FROM = '湖州市人工智能赋能中心 <no-reply@sx.example.cn>';
const PLACEHOLDER = 'https://sx-unsubscribe-placeholder.invalid/u';
const params = {
  scenarioId: '5f0c9a52-1f5e-4f0e-9d7a-2f3c4b5a6d7e',
  scenarioTitle: '童装面料瑕疵<AI>视觉检测 — 一个很长很长的标题，用来检验主题行的折行与编码是否正确无误',
  daysBefore: 1,
  proposalDeadline: '2026-12-01T09:00:00.000Z',
};
const links = (unsubscribeUrl: string) => ({ appUrl: 'http://localhost:3000', unsubscribeUrl });

describe('RawEmailTemplate (one rendering, many recipients)', () => {
  it('builds, per recipient, the same message the full renderer would: words, link, headers', async () => {
    const once = renderNotificationEmail('scenario.deadline_reminder', params, 'zh-CN', links(PLACEHOLDER));
    const template = new RawEmailTemplate(parseSender(FROM), once.subject, new Date('2026-11-24T10:00:00Z'));
    for (const user of ['a', 'b']) {
      const url = `http://localhost:3000/api/v1/notifications/unsubscribe?token=${user}Zm9v.${'x'.repeat(43)}`;
      const key = `evt-1:scenario.deadline_reminder:${user}:email`;
      const headers = { 'X-Idempotency-Key': key, ...listUnsubscribeHeaders(url) };
      expect(RawEmailTemplate.canBuild(`${user}@example.cn`, headers)).toBe(true);
      const raw = template.build({
        to: `${user}@example.cn`,
        messageId: messageIdFor(key, FROM),
        headers,
        html: once.html.split(PLACEHOLDER).join(escapeHtml(url)),
        text: once.text.split(PLACEHOLDER).join(url),
      });
      expect(raw.toString('latin1')).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit clean
      expect(
        raw
          .toString('latin1')
          .split('\r\n')
          .every((line) => line.length <= 998),
      ).toBe(true);
      const whole = renderNotificationEmail('scenario.deadline_reminder', params, 'zh-CN', links(url));
      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe(whole.subject);
      expect(parsed.text).toBe(whole.text);
      expect(parsed.html).toBe(whole.html);
      expect(parsed.from?.value).toEqual([{ name: '湖州市人工智能赋能中心', address: 'no-reply@sx.example.cn' }]);
      expect((parsed.to as { value: unknown[] }).value).toEqual([{ name: '', address: `${user}@example.cn` }]);
      expect(parsed.messageId).toBe(messageIdFor(key, FROM));
      expect(parsed.headers.get('x-idempotency-key')).toBe(key);
      const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line;
      expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(line('list-unsubscribe')).toBe(`List-Unsubscribe: <${url}>`);
      expect(parsed.date?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    }
  });

  it('leaves addresses and header values it cannot write plainly to the full composer', () => {
    expect(RawEmailTemplate.canBuild('用户@例子.中国', {})).toBe(false);
    expect(RawEmailTemplate.canBuild('"a b"@example.cn', {})).toBe(false);
    expect(RawEmailTemplate.canBuild('a@example.cn', { 'X-Idempotency-Key': 'evt:类型:u:email' })).toBe(false);
    expect(RawEmailTemplate.canBuild('a@example.cn', { 'X-Idempotency-Key': 'a\r\nBcc: x@evil.cn' })).toBe(false);
    expect(RawEmailTemplate.canBuild('a@example.cn', { 'Bad Name': 'v' })).toBe(false);
    expect(RawEmailTemplate.canBuild('a@example.cn', { 'X-Idempotency-Key': 'evt-1:t:u:email' })).toBe(true);
  });

  it('encodes plain and non-ASCII sender names', () => {
    expect(parseSender('no-reply@sx.example.cn')).toEqual({
      address: 'no-reply@sx.example.cn',
      header: 'no-reply@sx.example.cn',
    });
    expect(parseSender('Scenario Exchange <no-reply@sx.example.cn>').header).toBe(
      'Scenario Exchange <no-reply@sx.example.cn>',
    );
    expect(parseSender(FROM).header).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=.* <no-reply@sx\.example\.cn>$/);
    expect(() => parseSender('nobody')).toThrow(/MAIL_FROM/);
  });
});
