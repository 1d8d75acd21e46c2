import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { QUEUES } from '@app/queue';
import {
  DEADLINE_REMINDER_EVERY_MS,
  DEADLINE_REMINDER_SCHEDULER_ID,
  DeadlineReminderService,
  NOTIFICATION_REMINDER_JOBS,
} from '@app/notifications';

/**
 * Time-driven notification work: the hourly proposal-deadline reminder sweep (a job scheduler with a
 * fixed id, upserted at every start, so however many workers start it exists once). The sweep
 * itself is idempotent (a marker per scenario, deadline and day count).
 */
@Processor(QUEUES.notificationReminders, { autorun: false })
export class NotificationRemindersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationRemindersProcessor.name);

  constructor(
    private readonly reminders: DeadlineReminderService,
    @InjectQueue(QUEUES.notificationReminders) private readonly queue: Queue,
  ) {
    super();
  }

  /** The sweep's registration (settles once Redis has answered; failures are logged). */
  sweepRegistered: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    this.sweepRegistered = this.queue
      .upsertJobScheduler(
        DEADLINE_REMINDER_SCHEDULER_ID,
        { every: DEADLINE_REMINDER_EVERY_MS },
        {
          name: NOTIFICATION_REMINDER_JOBS.deadlineSweep,
          opts: {
            removeOnComplete: 100,
            removeOnFail: 500,
            attempts: 3,
            backoff: { type: 'exponential', delay: 5000 },
          },
        },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the deadline-reminder sweep: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case NOTIFICATION_REMINDER_JOBS.deadlineSweep:
        return this.reminders.sweep();
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.notificationReminders}`);
    }
  }
}
