import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { OutboxRelay } from '@app/outbox';
import { createFailFastQueue, errorReporter, type FailFastQueue, QUEUES } from '@app/queue';

/**
 * Runs the outbox relay in this process, with a producer connection of its own that fails fast
 * (the shared BullMQ connection would wait for Redis while the relay holds row locks).
 * Started and stopped by WorkerLifecycle, which orders it against the processors.
 */
@Injectable()
export class OutboxRelayRunner {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer?: FailFastQueue;
  private relay?: OutboxRelay;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.relay) return;
    const producer = createFailFastQueue(QUEUES.domainEvents, {
      redisUrl: this.config.REDIS_URL,
      prefix: this.config.REDIS_PREFIX,
    });
    // Failed batches are reported by the relay; this reports the connection itself (lost, refused).
    producer.on(
      'error',
      errorReporter((message) => this.logger.warn(`Relay Redis connection: ${message}`)),
    );
    this.producer = producer;
    this.relay = new OutboxRelay(this.dataSource, producer, {
      batchSize: this.config.OUTBOX_BATCH_SIZE,
      pollMs: this.config.OUTBOX_POLL_MS,
      logger: this.logger,
    });
    this.relay.start();
  }

  /** Lets the batch in flight commit or roll back, then closes the producer connection. */
  async stop(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.close();
    this.relay = undefined;
    this.producer = undefined;
  }
}
