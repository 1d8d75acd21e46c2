import type { ScenarioStatus, UserView } from './types';

/** Filters of the staff list of scenarios (GET scenarios), as the page keeps them in its URL. */
export interface ScenarioListFilters {
  status?: string;
  domain?: string;
  q?: string;
}

/** Query parameters of GET scenarios: empty filters are left out (the API treats them as "all"). */
export function scenarioListParams(
  filters: ScenarioListFilters,
  cursor?: string,
  limit = 50,
): Record<string, string | number | undefined> {
  const q = filters.q?.trim();
  return {
    status: filters.status || undefined,
    domain: filters.domain || undefined,
    q: q || undefined,
    cursor,
    limit,
  };
}

/** Statuses staff may pick in the list (every one but draft: drafts are the agency's private work). */
export const LISTABLE_STATUSES: readonly ScenarioStatus[] = [
  'submitted',
  'returned',
  'approved',
  'published',
  'closed',
  'under_evaluation',
  'awarded',
  'no_award',
  'in_delivery',
  'accepted',
  'demonstration',
  'rejected',
  'withdrawn',
  'cancelled',
];

/** A choice of the panel picker. */
export interface ReviewerOption {
  id: string;
  displayName: string;
  email: string;
}

/** Active reviewers (from GET users?role=reviewer) as picker options, by name, without those already seated. */
export function reviewerOptions(users: readonly UserView[], seated: ReadonlySet<string> = new Set()): ReviewerOption[] {
  return users
    .filter((u) => u.role === 'reviewer' && u.status === 'active' && !seated.has(u.id))
    .map((u) => ({ id: u.id, displayName: u.displayName, email: u.email }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.id.localeCompare(b.id));
}

/** The text of a scenario option: code then title. */
export function scenarioOptionLabel(s: { code: string | null; title: string }): string {
  return s.code ? `${s.code} ${s.title}` : s.title;
}
