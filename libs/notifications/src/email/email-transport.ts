import { createHash } from 'node:crypto';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { AppConfig } from '@app/config';
import { parseSender, RawEmailTemplate, type Sender } from './raw-email';
import { RawSmtpPool } from './raw-smtp-pool';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per (notification, recipient, channel): `X-Idempotency-Key` and the Message-ID derive from it. */
  idempotencyKey: string;
  /** Extra headers, e.g. `listUnsubscribeHeaders(url)`. */
  headers?: Record<string, string>;
}

type Mailer = ReturnType<typeof createTransport>;

/** The domain of the sender's address (`Name <no-reply@example.cn>` → `example.cn`), for Message-IDs. */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim().toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : 'scenario-exchange.local';
}

/**
 * A Message-ID that is the same for every attempt of one delivery, so a resent message (at-least-once)
 * is recognisably the same message to receiving servers and clients.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${hash}@${senderDomain(from)}>`;
}

/**
 * Email over SMTP (nodemailer, pooled: SMTP_POOL_SIZE connections to SMTP_URL, SMTP_TIMEOUT_MS for
 * connecting, the greeting and an idle socket). `send` resolves once the server accepted the message
 * and rejects otherwise, for the caller's retry; the pool connects on first use and is closed when
 * the application shuts down.
 */
@Injectable()
export class EmailTransport implements OnApplicationShutdown {
  private mailer: Mailer | null = null;
  private rawPool: RawSmtpPool | null = null;
  private parsedSender?: Sender;

  constructor(private readonly config: AppConfig) {}

  /** MAIL_FROM, parsed once: envelope address and encoded From header. */
  get sender(): Sender {
    this.parsedSender ??= parseSender(this.config.MAIL_FROM);
    return this.parsedSender;
  }

  /**
   * A template for sending one rendered email to many recipients (see RawEmailTemplate); null when
   * MAIL_FROM cannot be used as is (then send each with `send`).
   */
  template(subject: string, date: Date): RawEmailTemplate | null {
    try {
      return new RawEmailTemplate(this.sender, subject, date);
    } catch {
      return null;
    }
  }

  /**
   * A message already in MIME form (RawEmailTemplate.build) to one address: over a pool of its own
   * (SMTP_POOL_SIZE connections kept open to SMTP_URL, see RawSmtpPool), without nodemailer's composer.
   */
  async sendRaw(to: string, raw: Buffer): Promise<void> {
    this.rawPool ??= new RawSmtpPool({
      url: this.config.SMTP_URL,
      maxConnections: this.config.SMTP_POOL_SIZE,
      maxMessages: 10_000,
      timeoutMs: this.config.SMTP_TIMEOUT_MS,
    });
    await this.rawPool.send({ from: this.sender.address, to: [to] }, raw);
  }

  async send(email: OutgoingEmail): Promise<void> {
    const from = this.config.MAIL_FROM;
    await this.transport().sendMail({
      from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: messageIdFor(email.idempotencyKey, from),
      headers: { ...(email.headers ?? {}), 'X-Idempotency-Key': email.idempotencyKey },
    });
  }

  /** Closes the pool's connections (a later send opens new ones). */
  async close(): Promise<void> {
    const mailer = this.mailer;
    this.mailer = null;
    mailer?.close();
    this.rawPool?.close();
    this.rawPool = null;
  }

  // Not onModuleDestroy: Nest runs that before the worker drains in-flight jobs, which still send.
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private transport(): Mailer {
    this.mailer ??= createTransport({
      pool: true,
      url: this.config.SMTP_URL,
      maxConnections: this.config.SMTP_POOL_SIZE,
      maxMessages: 10_000,
      connectionTimeout: this.config.SMTP_TIMEOUT_MS,
      greetingTimeout: this.config.SMTP_TIMEOUT_MS,
      socketTimeout: this.config.SMTP_TIMEOUT_MS,
    });
    return this.mailer;
  }
}
