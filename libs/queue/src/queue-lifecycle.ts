import { getQueueToken } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { awaitHandshake, errorReporter } from './connection-lifecycle';
import { ALL_QUEUES } from './queues';

/**
 * Keeps the registered queues' Redis connections observable and safe to close:
 * - logs their errors (BullMQ forwards connection errors only to a queue that has an 'error' listener,
 *   so without one a lost Redis would go unnoticed);
 * - before shutdown, lets any connection handshake still in flight finish, so the queues' own
 *   close (onApplicationShutdown, registered by @nestjs/bullmq) never interrupts it.
 */
@Injectable()
export class QueueLifecycle implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private queues: Queue[] = [];

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.queues = ALL_QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    for (const queue of this.queues) {
      queue.on(
        'error',
        errorReporter((message, stack) => this.logger.error(`Queue ${queue.name}: ${message}`, stack)),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => awaitHandshake(queue)));
  }
}
