import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import { MATCHING_JOBS, type MatchScenarioJobData, type MatchVendorJobData } from './matching-jobs';

/** Enqueues matching jobs, one per subject and version (`jobId`), with the platform's retry defaults. */
@Injectable()
export class MatchingJobs {
  constructor(@InjectQueue(QUEUES.matching) private readonly queue: Queue) {}

  async matchScenario(data: MatchScenarioJobData, jobId: string): Promise<void> {
    await this.queue.add(MATCHING_JOBS.matchScenario, data, { ...DEFAULT_JOB_OPTIONS, jobId });
  }

  async matchVendor(data: MatchVendorJobData, jobId: string): Promise<void> {
    await this.queue.add(MATCHING_JOBS.matchVendor, data, { ...DEFAULT_JOB_OPTIONS, jobId });
  }

  /** Many jobs at once (the nightly rematch), in batches. */
  async addBulk(
    jobs: { name: string; data: MatchScenarioJobData | MatchVendorJobData; jobId: string }[],
  ): Promise<void> {
    for (let i = 0; i < jobs.length; i += 500) {
      await this.queue.addBulk(
        jobs
          .slice(i, i + 500)
          .map((j) => ({ name: j.name, data: j.data, opts: { ...DEFAULT_JOB_OPTIONS, jobId: j.jobId } })),
      );
    }
  }
}
