/** Jobs of the `delivery-schedule` queue (QUEUES.deliverySchedule). */
export const DELIVERY_SCHEDULE_JOBS = {
  /** The repeatable milestone sweep: announces due and overdue milestones (once each). */
  sweepMilestones: 'sweep-milestones',
} as const;

/** Fixed id of the milestone sweep's job scheduler: registering it again (any worker, any start) upserts it. */
export const SWEEP_MILESTONES_SCHEDULER_ID = 'sweep-milestones';
/** How often the milestone sweep runs; due dates are whole days, so a few minutes late is on time. */
export const SWEEP_MILESTONES_EVERY_MS = 15 * 60_000;
