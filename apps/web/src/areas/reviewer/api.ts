import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Conflicts, MyPanel, ReviewerProposals } from './types';

export const reviewerKeys = {
  all: ['reviewer'] as const,
  panels: ['reviewer', 'panels'] as const,
  conflicts: (id: string) => ['reviewer', 'conflicts', id] as const,
  proposals: (id: string) => ['reviewer', 'proposals', id] as const,
};

/** A 409 tells the state of the evaluation (sealed, not open, declarations incomplete): asking again will not help. */
const noRetryOnConflict = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status < 500) && count < 2;

export function usePanels() {
  return useQuery({ queryKey: reviewerKeys.panels, queryFn: () => api.get<MyPanel[]>('/evaluations/mine') });
}

export function useConflicts(id: string, enabled = true) {
  return useQuery({
    queryKey: reviewerKeys.conflicts(id),
    queryFn: () => api.get<Conflicts>(`/evaluations/${id}/conflicts`),
    enabled,
    retry: noRetryOnConflict,
  });
}

export function useProposals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewerKeys.proposals(id),
    queryFn: () => api.get<ReviewerProposals>(`/evaluations/${id}/proposals`),
    enabled,
    retry: noRetryOnConflict,
  });
}

/** The API's error code, if the error is one. */
export const errorCode = (error: unknown): string | null => (error instanceof ApiError ? error.code : null);
