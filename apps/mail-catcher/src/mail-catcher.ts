import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the catcher received it. */
export interface CaughtMessage {
  /** Sequential per catcher (`1`, `2`…). */
  id: string;
  receivedAt: string;
  /** SMTP envelope. */
  envelope: { from: string | null; to: string[] };
  from: string;
  to: string[];
  subject: string;
  date: string | null;
  messageId: string | null;
  /** Every header as sent (names lower-cased; a repeated header's values joined with `, `). */
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
  size: number;
}

export interface MailCatcherOptions {
  /** SMTP port (default 1025; 0 = any free port). */
  smtpPort?: number;
  /** Web page port (default 1080; 0 = any free port). */
  httpPort?: number;
  /** Address both listen on (default 127.0.0.1: never reachable from elsewhere). */
  host?: string;
  /** Messages kept in memory; the oldest are dropped beyond it (default 500). */
  maxMessages?: number;
  /** Largest message accepted (bytes, default 10 MB). */
  maxMessageBytes?: number;
}

export interface MailCatcher {
  readonly host: string;
  readonly smtpPort: number;
  readonly httpPort: number;
  /** Messages received, oldest first. */
  messages(): CaughtMessage[];
  /** Resolves with the first message (received or arriving) that satisfies `match`; rejects after `timeoutMs`. */
  waitForMessage(match: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  clear(): void;
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) =>
    a.value.map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? ''))),
  );

function headersOf(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    out[key] = out[key] ? `${out[key]}, ${value}` : value;
  }
  return out;
}

function listen(server: Server | SMTPServer['server'], port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const PAGE_STYLE = `body{font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;margin:0;color:#1f2329;background:#f4f5f7}
main{max-width:1100px;margin:0 auto;padding:24px}table{width:100%;border-collapse:collapse;background:#fff}
td,th{text-align:left;padding:8px 10px;border-bottom:1px solid #e5e6eb;font-size:14px;vertical-align:top}
a{color:#3370ff;text-decoration:none}pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e5e6eb}
iframe{width:100%;height:600px;border:1px solid #e5e6eb;background:#fff}h1{font-size:20px}.muted{color:#8f959e}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function listPage(messages: CaughtMessage[], smtp: string): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td class="muted">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  return page(
    'Mail catcher',
    `<h1>Mail catcher · 邮件捕获 (${messages.length})</h1>
<p class="muted">SMTP ${escapeHtml(smtp)} · kept in memory, newest first · <a href="/api/messages">JSON</a></p>
<table><tr><th>received (UTC)</th><th>to</th><th>subject</th></tr>${rows || '<tr><td colspan="3" class="muted">No messages yet.</td></tr>'}</table>`,
  );
}

function messagePage(m: CaughtMessage): string {
  const shown = ['from', 'to', 'date', 'message-id', 'x-idempotency-key', 'list-unsubscribe', 'list-unsubscribe-post'];
  const rows = shown
    .filter((h) => m.headers[h])
    .map((h) => `<tr><th>${escapeHtml(h)}</th><td>${escapeHtml(m.headers[h])}</td></tr>`)
    .join('');
  return page(
    m.subject,
    `<p><a href="/">← all messages</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<table>${rows}</table>
${m.html !== null ? `<h2>HTML</h2><iframe sandbox src="/messages/${m.id}/html"></iframe>` : ''}
${m.text !== null ? `<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>` : ''}
<p><a href="/messages/${m.id}/raw-headers">all headers (JSON)</a></p>`,
  );
}

/**
 * A local SMTP server that keeps what it receives (in memory, bounded) and shows it on a web page:
 * for the quick start and for tests and benchmarks (ports 0 = ephemeral). Listens on 127.0.0.1 only;
 * accepts any sender, recipient and login, no TLS. The page shows each message's HTML in a sandboxed
 * frame (no scripts) and its text.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const max = options.maxMessages ?? 500;
  const stored: CaughtMessage[] = [];
  const waiters = new Set<{ match: (m: CaughtMessage) => boolean; resolve: (m: CaughtMessage) => void }>();
  let seq = 0;

  const smtp = new SMTPServer({
    banner: 'scenario-exchange mail catcher',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: options.maxMessageBytes ?? 10 * 1024 * 1024,
    closeTimeout: 1000,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message: CaughtMessage = {
            id: String(++seq),
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            from: addresses(parsed.from).join(', '),
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            date: parsed.date ? parsed.date.toISOString() : null,
            messageId: parsed.messageId ?? null,
            headers: headersOf(parsed.headerLines),
            text: parsed.text ?? null,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            size: (stream as unknown as { byteLength?: number }).byteLength ?? 0,
          };
          stored.push(message);
          if (stored.length > max) stored.splice(0, stored.length - max);
          for (const w of [...waiters]) {
            if (w.match(message)) {
              waiters.delete(w);
              w.resolve(message);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  smtp.on('error', () => undefined); // a client's broken connection must not stop the catcher

  const find = (id: string) => stored.find((m) => m.id === id);
  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const html = 'text/html; charset=utf-8';
    const json = 'application/json; charset=utf-8';
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/') return send(res, 200, html, listPage(stored, `${host}:${smtpPort}`));
    if (req.method === 'GET' && path === '/api/messages') return send(res, 200, json, JSON.stringify(stored));
    if (req.method === 'DELETE' && path === '/api/messages') {
      stored.length = 0;
      return send(res, 204, json, '');
    }
    if (req.method === 'GET' && (m = /^\/api\/messages\/(\d+)$/.exec(path))) {
      const found = find(m[1]);
      return found ? send(res, 200, json, JSON.stringify(found)) : send(res, 404, json, '{"error":"not found"}');
    }
    if (req.method === 'GET' && (m = /^\/messages\/(\d+)(\/html|\/raw-headers)?$/.exec(path))) {
      const found = find(m[1]);
      if (!found) return send(res, 404, html, page('Not found', '<p>No such message. <a href="/">Back</a></p>'));
      if (m[2] === '/raw-headers') return send(res, 200, json, JSON.stringify(found.headers, null, 2));
      if (m[2] === '/html')
        return send(res, 200, html, found.html ?? '', {
          'content-security-policy':
            "sandbox; default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'",
        });
      return send(res, 200, html, messagePage(found));
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  });

  const smtpPort = await listen(smtp.server, options.smtpPort ?? 1025, host);
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort ?? 1080, host);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    host,
    smtpPort,
    httpPort,
    messages: () => [...stored],
    waitForMessage(match, timeoutMs = 10_000) {
      const found = stored.find(match);
      if (found) return Promise.resolve(found);
      return new Promise<CaughtMessage>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (message: CaughtMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear: () => {
      stored.length = 0;
    },
    async close() {
      http.closeAllConnections?.();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
