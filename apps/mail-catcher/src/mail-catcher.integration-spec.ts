import { createTransport } from 'nodemailer';
import { type MailCatcher, startMailCatcher } from './mail-catcher';

describe('mail catcher (SMTP + web page on loopback)', () => {
  let catcher: MailCatcher;
  const send = (n: number) => {
    const t = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.sendMail({ from: 'a@example.cn', to: 'b@example.cn', subject: `m${i}`, text: `body ${i}` }),
      ),
    ).finally(() => t.close());
  };

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: 5 });
  });
  afterAll(async () => catcher.close());

  it('keeps the newest maxMessages messages only', async () => {
    await send(8);
    const subjects = catcher.messages().map((m) => m.subject);
    expect(subjects).toHaveLength(5);
    expect(new Set(subjects)).not.toContain('m0');
  });

  it('escapes what it shows on its page', async () => {
    const t = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    await t.sendMail({ from: 'a@example.cn', to: 'b@example.cn', subject: '<script>x</script>', html: '<p>hi</p>' });
    t.close();
    const body = await (await fetch(`http://127.0.0.1:${catcher.httpPort}/`)).text();
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(body).not.toContain('<script>x');
    const id = catcher.messages().find((m) => m.subject === '<script>x</script>')!.id;
    const detail = await (await fetch(`http://127.0.0.1:${catcher.httpPort}/messages/${id}`)).text();
    expect(detail).toContain(`<iframe sandbox src="/messages/${id}/html">`);
    expect((await fetch(`http://127.0.0.1:${catcher.httpPort}/messages/999`)).status).toBe(404);
  });

  it('waits for a message that has not arrived yet, and gives up after the timeout', async () => {
    const waiting = catcher.waitForMessage((m) => m.subject === 'later', 5000);
    const t = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    await t.sendMail({ from: 'a@example.cn', to: 'b@example.cn', subject: 'later', text: 'x' });
    t.close();
    await expect(waiting).resolves.toMatchObject({ subject: 'later', envelope: { to: ['b@example.cn'] } });
    await expect(catcher.waitForMessage((m) => m.subject === 'never', 100)).rejects.toThrow(/100 ms/);
  });

  it('clears on DELETE /api/messages', async () => {
    const res = await fetch(`http://127.0.0.1:${catcher.httpPort}/api/messages`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(catcher.messages()).toEqual([]);
  });

  it('refuses to start on a port in use', async () => {
    await expect(startMailCatcher({ smtpPort: catcher.smtpPort, httpPort: 0 })).rejects.toThrow(/EADDRINUSE/);
    await expect(startMailCatcher({ smtpPort: 0, httpPort: catcher.httpPort })).rejects.toThrow(/EADDRINUSE/);
  });
});
