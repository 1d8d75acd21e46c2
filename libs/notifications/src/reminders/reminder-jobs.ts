/** Jobs of the `notification-reminders` queue (QUEUES.notificationReminders). */
export const NOTIFICATION_REMINDER_JOBS = {
  /** The hourly sweep writing `scenario.deadline_reminder` events (once per scenario, deadline and day count). */
  deadlineSweep: 'deadline-reminder-sweep',
} as const;

/** Job name of the hourly deadline-reminder sweep. */
export const DEADLINE_REMINDER_SWEEP_JOB = NOTIFICATION_REMINDER_JOBS.deadlineSweep;
/** Fixed job-scheduler id (one repeatable sweep however many workers start). */
export const DEADLINE_REMINDER_SCHEDULER_ID = 'deadline-reminder-sweep';
/** How often the sweep runs: reminders are by the hour, so at most this late. */
export const DEADLINE_REMINDER_EVERY_MS = 60 * 60_000;
/** Days before the proposal deadline a `scenario.deadline_reminder` is written (largest first). */
export const DEADLINE_REMINDER_DAYS = [3, 1] as const;
