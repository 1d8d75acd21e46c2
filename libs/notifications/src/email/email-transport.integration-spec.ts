import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@app/config';
import { type MailCatcher, startMailCatcher } from '../../../../apps/mail-catcher/src/mail-catcher';
import { listUnsubscribeHeaders, renderNotificationEmail } from '../templates/render-email';
import { escapeHtml } from '../templates/email-format';
import { EmailTransport, messageIdFor } from './email-transport';

const FROM = '湖州市人工智能赋能中心 <no-reply@sx.example.cn>';

describe('EmailTransport → mail catcher (real SMTP on loopback)', () => {
  let catcher: MailCatcher;
  let transport: EmailTransport;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    transport = new EmailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`, MAIL_FROM: FROM, SMTP_POOL_SIZE: '2' }),
    );
  });
  afterAll(async () => {
    await transport.close();
    await catcher.close();
  });

  it('delivers subject, recipient, both parts, the idempotency key, a deterministic Message-ID and extra headers', async () => {
    const unsubscribeUrl = 'http://localhost:3000/api/v1/notifications/unsubscribe?token=abc.def';
    const mail = renderNotificationEmail(
      'scenario.deadline_reminder',
      {
        scenarioId: '5f0c9a52-1f5e-4f0e-9d7a-2f3c4b5a6d7e',
        scenarioTitle: '童装面料瑕疵<AI>视觉检测',
        daysBefore: 1,
        proposalDeadline: '2026-12-01T09:00:00.000Z',
      },
      'zh-CN',
      { appUrl: 'http://localhost:3000', unsubscribeUrl },
    );
    const key = 'evt-1:scenario.deadline_reminder:0b9f5c1e-7d2a-4c3b-9e8f-1a2b3c4d5e6f:email';
    await transport.send({
      to: 'vendor.admin@example.cn',
      ...mail,
      idempotencyKey: key,
      headers: listUnsubscribeHeaders(unsubscribeUrl),
    });
    const got = await catcher.waitForMessage((m) => m.headers['x-idempotency-key'] === key, 10_000);
    expect(got.subject).toBe(mail.subject);
    expect(got.subject).toContain('童装面料瑕疵<AI>视觉检测');
    expect(got.to).toEqual(['vendor.admin@example.cn']);
    expect(got.envelope.to).toEqual(['vendor.admin@example.cn']);
    expect(got.from).toContain('no-reply@sx.example.cn');
    expect(got.text?.trim()).toBe(mail.text.trim());
    expect(got.html).toContain('童装面料瑕疵&lt;AI&gt;视觉检测');
    expect(got.html).toContain('2026年12月1日 17:00');
    expect(got.messageId).toBe(messageIdFor(key, FROM));
    expect(got.headers['list-unsubscribe']).toBe(`<${unsubscribeUrl}>`);
    expect(got.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('gives every attempt of one delivery the same Message-ID, and other deliveries other ones', async () => {
    const base = { to: 'a@example.cn', subject: 'Retry', html: '<p>x</p>', text: 'x' };
    await transport.send({ ...base, idempotencyKey: 'retry-key' });
    await transport.send({ ...base, idempotencyKey: 'retry-key' });
    await transport.send({ ...base, idempotencyKey: 'other-key' });
    await catcher.waitForMessage((m) => m.headers['x-idempotency-key'] === 'other-key');
    const ids = catcher
      .messages()
      .filter((m) => m.subject === 'Retry')
      .map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(messageIdFor('retry-key', FROM)).toMatch(/^<[0-9a-f]{40}@sx\.example\.cn>$/);
  });

  it('sends many at once over the pool', async () => {
    catcher.clear();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        transport.send({
          to: `u${i}@example.cn`,
          subject: `Bulk ${i}`,
          html: `<p>${i}</p>`,
          text: `${i}`,
          idempotencyKey: `bulk-${i}`,
        }),
      ),
    );
    expect(catcher.messages().filter((m) => m.subject.startsWith('Bulk '))).toHaveLength(30);
  });

  it('shows what it caught on its web page and as JSON', async () => {
    const page = await fetch(`http://127.0.0.1:${catcher.httpPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Bulk 29');
    const [first] = catcher.messages();
    const json = (await (await fetch(`http://127.0.0.1:${catcher.httpPort}/api/messages/${first.id}`)).json()) as {
      subject: string;
    };
    expect(json.subject).toBe(first.subject);
    const html = await fetch(`http://127.0.0.1:${catcher.httpPort}/messages/${first.id}/html`);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox/);
  });

  it('rejects when the server is down or does not answer in SMTP_TIMEOUT_MS, so the caller retries', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const down = new EmailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${closedPort}`, SMTP_TIMEOUT_MS: '1000' }),
    );
    await expect(
      down.send({ to: 'a@example.cn', subject: 's', html: 'h', text: 't', idempotencyKey: 'down' }),
    ).rejects.toThrow();
    await down.close();

    // A server that accepts the connection and never greets.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const stuck = new EmailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`, SMTP_TIMEOUT_MS: '500' }),
    );
    const started = Date.now();
    await expect(
      stuck.send({ to: 'a@example.cn', subject: 's', html: 'h', text: 't', idempotencyKey: 'stuck' }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    await stuck.close();
    await new Promise<void>((resolve) => {
      silent.close(() => resolve());
      (silent as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  });
  it('sends raw messages (one rendering, per-recipient links and keys) over its own pool, many at once', async () => {
    catcher.clear();
    const placeholder = 'https://sx-unsubscribe-placeholder.invalid/u';
    const once = renderNotificationEmail(
      'organisation.verification_result',
      {
        organisationId: '5f0c9a52-1f5e-4f0e-9d7a-2f3c4b5a6d7e',
        organisationName: '湖州<测试>科技',
        decision: 'verified',
      },
      'zh-CN',
      { appUrl: 'http://localhost:3000', unsubscribeUrl: placeholder },
    );
    const template = transport.template(once.subject, new Date())!;
    expect(template).not.toBeNull();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const url = `http://localhost:3000/api/v1/notifications/unsubscribe?token=raw${i}.sig`;
        const key = `raw-evt:organisation.verification_result:u${i}:email`;
        return transport.sendRaw(
          `r${i}@example.cn`,
          template.build({
            to: `r${i}@example.cn`,
            messageId: messageIdFor(key, FROM),
            headers: { 'X-Idempotency-Key': key, ...listUnsubscribeHeaders(url) },
            html: once.html.split(placeholder).join(escapeHtml(url)),
            text: once.text.split(placeholder).join(url),
          }),
        );
      }),
    );
    const got = await catcher.waitForMessage((m) => m.headers['x-idempotency-key']?.endsWith(':u7:email') ?? false);
    expect(got.envelope.to).toEqual(['r7@example.cn']);
    expect(got.envelope.from).toBe('no-reply@sx.example.cn');
    expect(got.subject).toBe(once.subject);
    expect(got.messageId).toBe(messageIdFor('raw-evt:organisation.verification_result:u7:email', FROM));
    expect(got.headers['list-unsubscribe']).toBe(
      '<http://localhost:3000/api/v1/notifications/unsubscribe?token=raw7.sig>',
    );
    expect(got.text).toContain('token=raw7.sig');
    expect(got.html).toContain('湖州&lt;测试&gt;科技');
    await new Promise((r) => setTimeout(r, 200));
    expect(catcher.messages().filter((m) => m.headers['x-idempotency-key']?.startsWith('raw-evt:'))).toHaveLength(20);
  });

  it('raw sends reject when the server is down or rejects the message, and the pool recovers', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const down = new EmailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${closedPort}`, SMTP_TIMEOUT_MS: '1000', MAIL_FROM: FROM }),
    );
    await expect(down.sendRaw('a@example.cn', Buffer.from('Subject: x\r\n\r\nx\r\n'))).rejects.toThrow();
    await down.close();

    // A server that accepts the connection and never greets: rejected within the timeout.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const stuck = new EmailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`, SMTP_TIMEOUT_MS: '500' }),
    );
    const started = Date.now();
    await expect(stuck.sendRaw('a@example.cn', Buffer.from('Subject: x\r\n\r\nx\r\n'))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    await stuck.close();
    await new Promise<void>((resolve) => {
      silent.close(() => resolve());
      (silent as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    });

    // After a failed send on a working server, the next send goes through on a fresh connection.
    const raw = (key: string) => Buffer.from(`Subject: ok\r\nX-Idempotency-Key: ${key}\r\n\r\nok\r\n`);
    await expect(transport.sendRaw('bad address@example.cn', raw('bad'))).rejects.toThrow();
    await transport.sendRaw('ok@example.cn', raw('after-failure'));
    await catcher.waitForMessage((m) => m.headers['x-idempotency-key'] === 'after-failure');
  });
});
