/** Jobs of the `scenario-schedule` queue (QUEUES.scenarioSchedule). */
export const SCENARIO_SCHEDULE_JOBS = {
  /** A delayed job that publishes one scheduled batch at its publish_at. */
  publishBatch: 'publish-batch',
  /** The repeatable deadline sweep: closes published scenarios whose proposal deadline has passed. */
  closeOverdue: 'close-overdue-scenarios',
} as const;

/** Fixed id of the deadline sweep's job scheduler: registering it again (any worker, any start) upserts it. */
export const CLOSE_OVERDUE_SCHEDULER_ID = 'close-overdue-scenarios';
/** How often the deadline sweep runs. */
export const CLOSE_OVERDUE_EVERY_MS = 60_000;

export interface PublishBatchJobData {
  batchId: string;
  /** The publish_at the job was scheduled for (ISO); a batch rescheduled since is skipped. */
  publishAt: string;
}

/** One job per (batch, publish time): adding it twice is a no-op, rescheduling adds a new one. */
export function publishBatchJobId(batchId: string, publishAt: Date): string {
  return `${SCENARIO_SCHEDULE_JOBS.publishBatch}:${batchId}:${publishAt.getTime()}`;
}
