import { api } from '../../api/client';
import type { ScenarioPage, ScenarioView } from './types';

/** Query keys of the agency area (all start with 'agency'). */
export const agencyKeys = {
  all: ['agency'] as const,
  mine: () => ['agency', 'mine'] as const,
  scenario: (id: string) => ['agency', 'scenario', id] as const,
  attachments: (id: string) => ['agency', 'scenario', id, 'attachments'] as const,
  questions: (id: string) => ['agency', 'scenario', id, 'questions'] as const,
  amendments: (id: string) => ['agency', 'scenario', id, 'amendments'] as const,
  proposals: (id: string) => ['agency', 'scenario', id, 'proposals'] as const,
  delivery: (id: string) => ['agency', 'scenario', id, 'delivery'] as const,
};

/** Statuses in which the agency edits its scenario (EDITABLE_SCENARIO_STATUSES). */
export const EDITABLE_STATUSES = ['draft', 'returned'] as const;
export const isEditable = (status: string) => (EDITABLE_STATUSES as readonly string[]).includes(status);

/** Every scenario of the caller's agency, newest first (all pages: an agency has tens, not thousands). */
export async function fetchAllMine(signal?: AbortSignal): Promise<ScenarioView[]> {
  const out: ScenarioView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const res: ScenarioPage = await api.get<ScenarioPage>('/scenarios/mine', { limit: 100, cursor }, signal);
    out.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export const fetchScenario = (id: string, signal?: AbortSignal) =>
  api.get<ScenarioView>(`/scenarios/${id}`, undefined, signal);
