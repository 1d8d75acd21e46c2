import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { QUEUES } from '@app/queue';
import { Clock, huzhouDate } from '@app/common';
import {
  MATCHING_JOBS,
  MatchingJobs,
  matchingJobIds,
  MatchingRunner,
  type MatchScenarioJobData,
  type MatchVendorJobData,
  REMATCH_ALL_CRON,
  REMATCH_ALL_SCHEDULER_ID,
  REMATCH_ALL_TZ,
} from '@app/matching';

/**
 * The matching queue: a scenario against all vendors, a vendor against all open scenarios, and the
 * nightly rematch (a job scheduler with a fixed id, upserted at every start). A job's exact scoring
 * (≤ INLINE_SCORING_MAX_PAIRS pairs: a few ms) runs inline; larger batches go to worker threads
 * (ScoringPool), so this event loop keeps renewing job locks.
 */
@Processor(QUEUES.matching, { autorun: false })
export class MatchingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(
    private readonly runner: MatchingRunner,
    private readonly jobs: MatchingJobs,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {
    super();
  }

  /** The nightly rematch's registration (settles once Redis has answered; failures are logged). */
  schedulerRegistered: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    this.schedulerRegistered = this.queue
      .upsertJobScheduler(
        REMATCH_ALL_SCHEDULER_ID,
        { pattern: REMATCH_ALL_CRON, tz: REMATCH_ALL_TZ },
        { name: MATCHING_JOBS.rematchAll, opts: { removeOnComplete: 30, removeOnFail: 100 } },
      )
      .then(
        () => undefined,
        (error: Error) => this.logger.error(`Could not register the nightly rematch: ${error.message}`),
      );
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`, error.stack));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case MATCHING_JOBS.matchScenario: {
        const data = job.data as MatchScenarioJobData;
        return this.runner.matchScenario(data.scenarioId, data.trigger);
      }
      case MATCHING_JOBS.matchVendor:
        return this.runner.matchVendor((job.data as MatchVendorJobData).organisationId);
      case MATCHING_JOBS.rematchAll:
        return this.rematchAll();
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on ${QUEUES.matching}`);
    }
  }

  /** Rebuilds the index, then one job per open scenario and per vendor (ids per night: reruns dedupe). */
  private async rematchAll(): Promise<{ scenarios: number; vendors: number }> {
    const { scenarioIds, vendorIds } = await this.runner.rebuildIndex();
    const day = huzhouDate(this.clock.now()).replace(/-/g, '');
    await this.jobs.addBulk([
      ...scenarioIds.map((scenarioId) => ({
        name: MATCHING_JOBS.matchScenario,
        data: { scenarioId, trigger: 'nightly' as const },
        jobId: matchingJobIds.nightlyScenario(day, scenarioId),
      })),
      ...vendorIds.map((organisationId) => ({
        name: MATCHING_JOBS.matchVendor,
        data: { organisationId, trigger: 'nightly' as const },
        jobId: matchingJobIds.nightlyVendor(day, organisationId),
      })),
    ]);
    return { scenarios: scenarioIds.length, vendors: vendorIds.length };
  }
}
