import { StateMachine } from '@app/common';

export const BATCH_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_TRANSITIONS = ['schedule', 'unschedule', 'publish', 'refuse_publication'] as const;
export type BatchTransition = (typeof BATCH_TRANSITIONS)[number];

/** Statuses in which scenarios may still be added to or removed from a batch. */
export const OPEN_BATCH_STATUSES: readonly BatchStatus[] = ['draft', 'scheduled'];

/**
 * A batch (批次) of the opportunity list: draft → scheduled (publish_at set; rescheduling stays
 * scheduled) → published, or draft → published at once; unscheduling, or a scheduled publication
 * the system had to refuse, returns it to draft.
 */
export const batchLifecycle = new StateMachine<BatchStatus, BatchTransition>('scenario_batch', {
  schedule: { from: ['draft', 'scheduled'], to: 'scheduled', by: ['staff', 'platform_admin'] },
  unschedule: { from: ['scheduled'], to: 'draft', by: ['staff', 'platform_admin'] },
  publish: { from: ['draft', 'scheduled'], to: 'published', by: ['staff', 'platform_admin', 'system'] },
  // A scheduled publication the system could not carry out: back to draft for staff to fix.
  refuse_publication: { from: ['scheduled'], to: 'draft', by: ['system'] },
});

/** `2026年第3批场景机会清单`. */
export function batchTitle(year: number, number: number): string {
  return `${year}年第${number}批场景机会清单`;
}
