import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queue';
import type { InboxNotificationView } from './inbox.views';

/** What the worker publishes when in-app rows were inserted: the recipient and the new notification. */
export interface StreamMessage {
  userId: string;
  notification: InboxNotificationView;
}

/** New notifications per pub/sub message. */
const PUBLISH_BATCH = 500;

/** How long a stream ticket may wait to be used. */
export const STREAM_TICKET_SECONDS = 60;

/** One open stream: gets the user's messages, and is closed when this process shuts down. */
export interface StreamListener {
  message(message: StreamMessage): void;
  close(): void;
}

/**
 * Live inbox updates over Redis pub/sub: workers publish the inserted in-app rows in batches on one
 * channel (`<REDIS_PREFIX>:notifications:inbox`, each row with its user id); each API process keeps
 * ONE subscriber connection and hands messages to the streams of that user open in this process.
 * Pub/sub is fire-and-forget: a client that was disconnected re-reads the inbox (the stream sends the
 * unread count on connect), so nothing is lost, only not pushed.
 */
@Injectable()
export class NotificationStreamHub implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationStreamHub.name);
  private publisher?: Redis;
  private subscriber?: Redis;
  private subscribing?: Promise<unknown>;
  private readonly listeners = new Map<string, Set<StreamListener>>();

  constructor(private readonly config: AppConfig) {}

  get channel(): string {
    return `${this.config.REDIS_PREFIX}:notifications:inbox`;
  }

  private connection(name: string): Redis {
    const redis = new Redis({
      ...redisOptionsFromUrl(this.config.REDIS_URL),
      connectionName: name,
      maxRetriesPerRequest: 2,
      lazyConnect: false,
    });
    redis.on('error', (error: Error) => this.logger.warn(`${name}: ${error.message}`));
    return redis;
  }

  /**
   * Publishes new notifications, PUBLISH_BATCH per message (a JSON array): one PUBLISH per recipient
   * cost the worker and Redis a command each in every fan-out chunk. Failures are logged, never
   * thrown: the rows are committed.
   */
  async publish(messages: StreamMessage[]): Promise<void> {
    if (!messages.length) return;
    this.publisher ??= this.connection('sx-notification-publisher');
    const pipeline = this.publisher.pipeline();
    for (let i = 0; i < messages.length; i += PUBLISH_BATCH) {
      pipeline.publish(this.channel, JSON.stringify(messages.slice(i, i + PUBLISH_BATCH)));
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`Could not publish ${messages.length} live notification(s): ${(error as Error).message}`);
    }
  }

  /**
   * A single-use stream ticket for `userId`, valid STREAM_TICKET_SECONDS: EventSource cannot send an
   * Authorization header, and an access token in a URL ends up in access logs and proxies.
   */
  async issueTicket(userId: string): Promise<{ ticket: string; expiresInSeconds: number }> {
    this.publisher ??= this.connection('sx-notification-publisher');
    const ticket = randomBytes(24).toString('base64url');
    await this.publisher.set(this.ticketKey(ticket), userId, 'EX', STREAM_TICKET_SECONDS);
    return { ticket, expiresInSeconds: STREAM_TICKET_SECONDS };
  }

  /** The ticket's user, once (the ticket is deleted); null when unknown, used or expired. */
  async redeemTicket(ticket: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(ticket)) return null;
    this.publisher ??= this.connection('sx-notification-publisher');
    return this.publisher.getdel(this.ticketKey(ticket));
  }

  private ticketKey(ticket: string): string {
    return `${this.config.REDIS_PREFIX}:notifications:stream-ticket:${ticket}`;
  }

  /** Registers a listener for one user's notifications; returns the unsubscribe function. */
  async listen(userId: string, listener: StreamListener): Promise<() => void> {
    if (!this.subscriber) {
      const subscriber = this.connection('sx-notification-subscriber');
      subscriber.on('message', (channel: string, raw: string) => {
        if (channel !== this.channel) return;
        let parsed: StreamMessage | StreamMessage[];
        try {
          parsed = JSON.parse(raw) as StreamMessage | StreamMessage[];
        } catch {
          return;
        }
        // A batch (this version's workers) or a single message (a worker of the previous version).
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
          for (const l of this.listeners.get(message.userId) ?? []) l.message(message);
        }
      });
      this.subscriber = subscriber;
      this.subscribing = subscriber.subscribe(this.channel);
    }
    await this.subscribing;
    const set = this.listeners.get(userId) ?? new Set<StreamListener>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(userId);
    };
  }

  /** Open streams in this process (for tests and metrics). */
  get openStreams(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Ends every open stream (before the HTTP server closes: it waits for open connections). */
  closeAll(): void {
    for (const set of this.listeners.values()) for (const l of set) l.close();
    this.listeners.clear();
  }

  /** Streams end before the HTTP server closes (it waits for open connections). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closeAll();
  }

  /** Connections close last: jobs still finishing during the workers' drain may publish. */
  async onApplicationShutdown(): Promise<void> {
    this.closeAll();
    await Promise.all(
      [this.publisher, this.subscriber].map((r) => (r ? r.quit().catch(() => r.disconnect()) : undefined)),
    );
    this.publisher = undefined;
    this.subscriber = undefined;
  }
}
