import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface RawSmtpPoolOptions {
  url: string;
  maxConnections: number;
  /** Messages per connection before it is replaced. */
  maxMessages: number;
  timeoutMs: number;
}

interface Slot {
  connection: SMTPConnection;
  sent: number;
  dead: boolean;
  /** Fails the send in progress when the connection errors or closes under it. */
  abort?: (error: Error) => void;
}

/**
 * Messages already in MIME form (RawEmailTemplate) over up to `maxConnections` SMTP connections
 * kept open (nodemailer's SMTPConnection: EHLO, PIPELINING, STARTTLS when offered, AUTH from the
 * URL), each message handed to the connection as one buffer. The same work as nodemailer's pooled
 * transport minus composing: about half the CPU per message. A connection that errors, closes or
 * has a send fail is dropped and replaced on demand, so a failure never leaves a session half-way.
 */
export class RawSmtpPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot | null) => void)[] = [];
  private open = 0;
  private closed = false;

  constructor(private readonly options: RawSmtpPoolOptions) {}

  async send(envelope: { from: string; to: string[] }, raw: Buffer): Promise<void> {
    const slot = await this.acquire();
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const settle = (error?: Error | null) => {
          if (settled) return;
          settled = true;
          slot.abort = undefined;
          if (error) reject(error);
          else resolve();
        };
        slot.abort = settle;
        slot.connection.send(envelope, raw, (error) => settle(error));
      });
      slot.sent++;
    } catch (error) {
      this.drop(slot);
      throw error;
    } finally {
      this.release(slot);
    }
  }

  close(): void {
    this.closed = true;
    for (const slot of this.idle.splice(0)) this.drop(slot);
    for (const w of this.waiting.splice(0)) w(null);
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error('SMTP pool closed');
    const slot = this.idle.pop();
    if (slot) return slot;
    if (this.open < this.options.maxConnections) return this.connect();
    const next = await new Promise<Slot | null>((resolve) => this.waiting.push(resolve));
    if (!next) throw new Error('SMTP pool closed');
    return next;
  }

  private release(slot: Slot): void {
    if (!slot.dead && slot.sent >= this.options.maxMessages) this.drop(slot);
    if (slot.dead) {
      // Its place is free: a waiter opens a connection of its own.
      const waiter = this.waiting.shift();
      if (waiter) this.connect().then(waiter, () => waiter(null));
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(slot);
    else this.idle.push(slot);
  }

  private drop(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.open--;
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
    try {
      slot.connection.quit();
    } catch {
      slot.connection.close();
    }
  }

  private async connect(): Promise<Slot> {
    this.open++;
    const connection = new SMTPConnection({
      ...parseConnectionUrl(this.options.url),
      connectionTimeout: this.options.timeoutMs,
      greetingTimeout: this.options.timeoutMs,
      socketTimeout: this.options.timeoutMs,
    });
    const slot: Slot = { connection, sent: 0, dead: false };
    const lost = (error: Error) => {
      if (!slot.dead) {
        slot.dead = true;
        this.open--;
        const index = this.idle.indexOf(slot);
        if (index >= 0) this.idle.splice(index, 1);
      }
      slot.abort?.(error);
    };
    connection.on('error', (error: Error) => lost(error));
    connection.on('end', () => lost(new Error('SMTP connection closed')));
    // SMTPConnection reports some failures (refused, timeouts) only as 'error' events: those end the
    // connect as well (via `abort`), so it never waits forever.
    const step = (run: (done: (error?: Error | null) => void) => void) =>
      new Promise<void>((resolve, reject) => {
        slot.abort = (error) => reject(error);
        run((error) => (error ? reject(error) : resolve()));
      }).finally(() => (slot.abort = undefined));
    try {
      await step((done) => connection.connect(done));
      const auth = parseConnectionUrl(this.options.url).auth as { user: string; pass: string } | undefined;
      if (auth?.user) await step((done) => connection.login(auth, done));
    } catch (error) {
      lost(error as Error);
      connection.close();
      throw error;
    }
    return slot;
  }
}
