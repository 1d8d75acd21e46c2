import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  idempotencyKey: string | null;
  subject: string | null;
  headers: string;
}

/**
 * A real SMTP server on an ephemeral loopback port (smtp-server) for tests and the bench: keeps
 * every message's envelope and headers, counts messages by `X-Idempotency-Key`. `rejectAll` makes it
 * answer 550 to every message (to drive deliveries to failed).
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  readonly byKey = new Map<string, number>();
  rejectAll = false;
  keepMails = true;
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get total(): number {
    let n = 0;
    for (const c of this.byKey.values()) n += c;
    return n;
  }

  /** Messages beyond the first per idempotency key. */
  get duplicates(): number {
    return this.total - this.byKey.size;
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      maxClients: 200,
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.rejectAll) {
            callback(Object.assign(new Error('Mailbox unavailable (test)'), { responseCode: 550 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const end = raw.indexOf('\r\n\r\n');
          const headers = (end >= 0 ? raw.slice(0, end) : raw).replace(/\r\n[ \t]+/g, ' ');
          const key = /^x-idempotency-key:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null;
          const subject = /^subject:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null;
          if (key) this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
          if (this.keepMails) {
            this.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              idempotencyKey: key,
              subject,
              headers,
            });
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    // Clients that vanish (a SIGKILLed worker's pooled connections) reset their sockets: not a test failure.
    this.server.on('error', () => undefined);
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
