import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { QUEUES } from '@app/queue';
import {
  BatchService,
  CLOSE_OVERDUE_EVERY_MS,
  CLOSE_OVERDUE_SCHEDULER_ID,
  type PublishBatchJobData,
  SCENARIO_SCHEDULE_JOBS,
  ScenarioDeadlineService,
} from '@app/scenarios';

/**
 * Time-driven scenario work, one service call per job: scheduled batch publication (delayed jobs
 * added by BatchService) and the deadline sweep (a job scheduler with a fixed id, upserted at every
 * start, so however many workers start it exists once).
 */
@Processor(QUEUES.scenarioSchedule, { autorun: false })
export class ScenarioScheduleProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScenarioScheduleProcessor.name);

  constructor(
    private readonly batches: BatchService,
    private readonly deadlines: ScenarioDeadlineService,
    @InjectQueue(QUEUES.scenarioSchedule) private readonly queue: Queue,
  ) {
    super();
  }

  /** The deadline sweep's registration (settles once Redis has answered; failures are logged). */
  sweepRegistered: Promise<void> = Promise.resolve();

  /** Jobs are taken once the app is up; registering the sweep does not hold the start-up. */
  onApplicationBootstrap(): void {
    this.sweepRegistered = this.queue
      .upsertJobScheduler(
        CLOSE_OVERDUE_SCHEDULER_ID,
        { every: CLOSE_OVERDUE_EVERY_MS },
        { name: SCENARIO_SCHEDULE_JOBS.closeOverdue, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the deadline sweep: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SCENARIO_SCHEDULE_JOBS.publishBatch: {
        // A refusal (a deadline passed, a member withdrawn) is recorded by the service, not retried.
        const data = job.data as PublishBatchJobData;
        return { outcome: await this.batches.publishScheduled(data.batchId, new Date(data.publishAt)) };
      }
      case SCENARIO_SCHEDULE_JOBS.closeOverdue:
        return { closed: await this.deadlines.closeOverdue() };
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.scenarioSchedule}`);
    }
  }
}
