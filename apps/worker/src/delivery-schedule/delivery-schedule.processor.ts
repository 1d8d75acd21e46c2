import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { QUEUES } from '@app/queue';
import {
  DELIVERY_SCHEDULE_JOBS,
  MilestoneService,
  SWEEP_MILESTONES_EVERY_MS,
  SWEEP_MILESTONES_SCHEDULER_ID,
} from '@app/delivery';

/**
 * Time-driven delivery work: the milestone sweep (a job scheduler with a fixed id, upserted at every
 * start, so however many workers start it exists once). The sweep itself is idempotent.
 */
@Processor(QUEUES.deliverySchedule, { autorun: false })
export class DeliveryScheduleProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryScheduleProcessor.name);

  constructor(
    private readonly milestones: MilestoneService,
    @InjectQueue(QUEUES.deliverySchedule) private readonly queue: Queue,
  ) {
    super();
  }

  /** The sweep's registration (settles once Redis has answered; failures are logged). */
  sweepRegistered: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    this.sweepRegistered = this.queue
      .upsertJobScheduler(
        SWEEP_MILESTONES_SCHEDULER_ID,
        { every: SWEEP_MILESTONES_EVERY_MS },
        { name: DELIVERY_SCHEDULE_JOBS.sweepMilestones, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the milestone sweep: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case DELIVERY_SCHEDULE_JOBS.sweepMilestones:
        return this.milestones.sweepMilestones();
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.deliverySchedule}`);
    }
  }
}
