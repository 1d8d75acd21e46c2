import { WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { errorReporter } from '@app/queue';
import { OutboxRelayRunner } from './outbox-relay/outbox-relay.runner';
import { drainWorker } from './shutdown/drain-worker';

/**
 * Start and stop order of everything that moves jobs in this process. On bootstrap: watch every
 * processor's worker, start the outbox relay. Before shutdown (so before @nestjs/bullmq closes
 * workers and queues, and TypeORM its pool): stop the relay first, so nothing new is enqueued, then
 * let each worker finish its jobs in flight within SHUTDOWN_GRACE_MS.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerLifecycle.name);

  constructor(
    private readonly relay: OutboxRelayRunner,
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      worker.on(
        'error',
        errorReporter((message, stack) => this.logger.error(`Worker ${worker.name}: ${message}`, stack)),
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
      );
    }
    this.relay.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Stopping${signal ? ` on ${signal}` : ''}: outbox relay first, then in-flight jobs`);
    await this.relay.stop();
    const grace = this.config.SHUTDOWN_GRACE_MS;
    await Promise.all(this.workers().map((worker) => drainWorker(worker, grace, this.logger)));
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
