import type { ScenarioStatus, ScenarioView } from '../types';

/** The tabs of "my scenarios": each groups statuses an agency thinks of together. */
export const STATUS_GROUPS = {
  all: [],
  draft: ['draft'],
  vetting: ['submitted'],
  returned: ['returned'],
  open: ['approved', 'published'],
  evaluation: ['closed', 'under_evaluation', 'awarded'],
  delivery: ['in_delivery'],
  done: ['accepted', 'demonstration'],
  ended: ['no_award', 'rejected', 'withdrawn', 'cancelled'],
} as const satisfies Record<string, readonly ScenarioStatus[]>;

export type StatusGroup = keyof typeof STATUS_GROUPS;
export const STATUS_GROUP_KEYS = Object.keys(STATUS_GROUPS) as StatusGroup[];

export function groupOf(status: ScenarioStatus): StatusGroup {
  const found = STATUS_GROUP_KEYS.find(
    (g) => g !== 'all' && (STATUS_GROUPS[g] as readonly ScenarioStatus[]).includes(status),
  );
  return found ?? 'all';
}

export function inGroup(s: Pick<ScenarioView, 'status'>, group: StatusGroup): boolean {
  return group === 'all' || groupOf(s.status) === group;
}

/** How many scenarios each tab holds. */
export function countByGroup(list: Pick<ScenarioView, 'status'>[]): Record<StatusGroup, number> {
  const counts = Object.fromEntries(STATUS_GROUP_KEYS.map((g) => [g, 0])) as Record<StatusGroup, number>;
  for (const s of list) {
    counts.all += 1;
    const g = groupOf(s.status);
    if (g !== 'all') counts[g] += 1;
  }
  return counts;
}

export function isStatusGroup(value: string | null): value is StatusGroup {
  return !!value && (STATUS_GROUP_KEYS as string[]).includes(value);
}
