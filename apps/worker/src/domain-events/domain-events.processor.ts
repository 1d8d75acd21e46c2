import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { QUEUES } from '@app/queue';
import { DomainEventDispatcher } from './domain-event-dispatcher';
import { domainEventFromJob, type DomainEventJobProgress, handledSoFar } from './domain-event-job';

/**
 * Consumes the domain-events queue: validates the job, hands the event to its handlers, returns who
 * handled it. Progress records each handler as it succeeds, so a retry does not run it twice.
 */
@Processor(QUEUES.domainEvents, { autorun: false })
export class DomainEventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DomainEventsProcessor.name);

  constructor(
    private readonly dispatcher: DomainEventDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Concurrency comes from config (unknown when the decorator runs); jobs are taken once the app is up. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job, _token?: string, signal?: AbortSignal): Promise<DomainEventJobProgress> {
    const event = domainEventFromJob(job.name, job.data);
    const handledBy = await this.dispatcher.dispatch(event, {
      alreadyHandled: handledSoFar(job.progress),
      onHandled: (done) => job.updateProgress({ handledBy: done } satisfies DomainEventJobProgress),
      signal,
    });
    if (handledBy.length === 0) this.logger.debug(`No handler for ${event.type} (event ${event.eventId})`);
    return { handledBy };
  }
}
