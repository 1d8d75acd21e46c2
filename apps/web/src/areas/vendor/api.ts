import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type {
  DeliveryOverviewView,
  EvaluationResultView,
  FollowedScenarioPage,
  MatchFeedbackKind,
  ProposalSummaryView,
  ProposalView,
  PublicScenarioDetail,
  PublicScenarioPage,
  PublicVendorPage,
  ReceiptView,
  RecommendationsView,
  SavedSearchFilters,
  SavedSearchListView,
  VendorProfileView,
} from './types';

/** Query keys of the vendor workspace (all start with `vendor`). */
export const vendorKeys = {
  all: ['vendor'] as const,
  profile: ['vendor', 'profile'] as const,
  recommendations: (limit: number) => ['vendor', 'recommendations', limit] as const,
  recommendationsAll: ['vendor', 'recommendations'] as const,
  mine: ['vendor', 'proposals', 'mine'] as const,
  proposal: (id: string) => ['vendor', 'proposal', id] as const,
  receipt: (id: string) => ['vendor', 'receipt', id] as const,
  scenario: (id: string) => ['vendor', 'scenario', id] as const,
  followed: ['vendor', 'followed'] as const,
  followedIds: ['vendor', 'followed', 'ids'] as const,
  savedSearches: ['vendor', 'saved-searches'] as const,
  scenarioSearch: (filters: SavedSearchFilters & { status?: string; limit?: number }) =>
    ['vendor', 'scenario-search', filters] as const,
  vendorSearch: (q: string) => ['vendor', 'vendor-search', q] as const,
  evaluationResult: (proposalId: string) => ['vendor', 'evaluation-result', proposalId] as const,
  delivery: (scenarioId: string) => ['vendor', 'delivery', scenarioId] as const,
};

/** The vendor's own profile; null when none was created yet (404 VENDOR_PROFILE_NOT_FOUND). */
export function useProfile() {
  return useQuery({
    queryKey: vendorKeys.profile,
    queryFn: async () => {
      try {
        return await api.get<VendorProfileView>('/vendors/me/profile');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.code === 'VENDOR_PROFILE_NOT_FOUND') return null;
        throw error;
      }
    },
  });
}

export function useRecommendations(limit = 20) {
  return useQuery({
    queryKey: vendorKeys.recommendations(limit),
    queryFn: () => api.get<RecommendationsView>('/vendors/me/recommendations', { limit }),
  });
}

export function useFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scenarioId, kind }: { scenarioId: string; kind: MatchFeedbackKind | null }) =>
      kind
        ? api.put(`/vendors/me/recommendations/${scenarioId}/feedback`, { kind })
        : api.delete(`/vendors/me/recommendations/${scenarioId}/feedback`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vendorKeys.recommendationsAll }),
  });
}

export function useMyProposals() {
  return useQuery({ queryKey: vendorKeys.mine, queryFn: () => api.get<ProposalSummaryView[]>('/proposals/mine') });
}

export function useProposal(id: string) {
  return useQuery({ queryKey: vendorKeys.proposal(id), queryFn: () => api.get<ProposalView>(`/proposals/${id}`) });
}

export function useReceipt(id: string, enabled: boolean) {
  return useQuery({
    queryKey: vendorKeys.receipt(id),
    queryFn: () => api.get<ReceiptView>(`/proposals/${id}/receipt`),
    enabled,
  });
}

/** A scenario's public detail (the vendor's view of it). */
export function useScenario(id: string | null | undefined) {
  return useQuery({
    queryKey: vendorKeys.scenario(id ?? ''),
    queryFn: () => api.get<PublicScenarioDetail>(`/public/scenarios/${id}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useFollowedPages() {
  return useInfiniteQuery({
    queryKey: vendorKeys.followed,
    queryFn: ({ pageParam }) =>
      api.get<FollowedScenarioPage>('/scenarios/followed', { limit: 20, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The ids of every followed scenario. The API has no "do I follow this one" read, so this walks the
 * followed list (100 a page, at most 20 pages).
 */
export function useFollowedIds() {
  return useQuery({
    queryKey: vendorKeys.followedIds,
    queryFn: async () => {
      const ids = new Set<string>();
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res: FollowedScenarioPage = await api.get<FollowedScenarioPage>('/scenarios/followed', {
          limit: 100,
          cursor: cursor ?? undefined,
        });
        res.items.forEach((s) => ids.add(s.id));
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      return ids;
    },
  });
}

export function useFollow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scenarioId, follow }: { scenarioId: string; follow: boolean }) =>
      follow
        ? api.put<{ following: boolean }>(`/scenarios/${scenarioId}/follow`)
        : api.delete<{ following: boolean }>(`/scenarios/${scenarioId}/follow`),
    onSuccess: (_res, { scenarioId, follow }) => {
      queryClient.setQueryData<Set<string>>(vendorKeys.followedIds, (old) => {
        const next = new Set(old ?? []);
        if (follow) next.add(scenarioId);
        else next.delete(scenarioId);
        return next;
      });
      // Not awaited: the button may leave the followed list when it is refetched, and its own
      // callbacks (the success message) must run before that.
      void queryClient.invalidateQueries({ queryKey: vendorKeys.followed });
    },
  });
}

export function useSavedSearches() {
  return useQuery({
    queryKey: vendorKeys.savedSearches,
    queryFn: () => api.get<SavedSearchListView>('/saved-searches'),
  });
}

/** Open scenarios of the public list for the given filters (a preview of what a saved search finds). */
export function useScenarioSearch(filters: SavedSearchFilters, limit = 5) {
  const query = { ...filters, status: 'open', limit };
  return useQuery({
    queryKey: vendorKeys.scenarioSearch(query),
    queryFn: () => api.get<PublicScenarioPage>('/public/scenarios', query),
    placeholderData: (prev) => prev,
  });
}

/** Verified vendors of the public capability list, by keyword. */
export function useVendorSearch(q: string) {
  return useQuery({
    queryKey: vendorKeys.vendorSearch(q),
    queryFn: () => api.get<PublicVendorPage>('/public/vendors', { q: q || undefined, limit: 20 }),
    placeholderData: (prev) => prev,
    staleTime: 60_000,
  });
}

export function useEvaluationResult(proposalId: string, enabled = true) {
  return useQuery({
    queryKey: vendorKeys.evaluationResult(proposalId),
    queryFn: () => api.get<EvaluationResultView>(`/proposals/${proposalId}/evaluation-result`),
    enabled,
  });
}

export function useDelivery(scenarioId: string) {
  return useQuery({
    queryKey: vendorKeys.delivery(scenarioId),
    queryFn: () => api.get<DeliveryOverviewView>(`/scenarios/${scenarioId}/delivery`),
  });
}
