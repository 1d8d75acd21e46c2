import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AwardRecordView,
  BatchDetail,
  BatchView,
  ConsensusView,
  CoverageView,
  DeliveryOverview,
  EvaluationView,
  FunnelView,
  InvitationView,
  OrganisationView,
  Page,
  StaffScenarioItem,
  ScenarioMatchesView,
  ScenarioView,
  UserView,
  VettingDetail,
  VettingQueueItem,
} from './types';
import type { FunnelFilters } from './dashboard/funnel';
import { funnelQuery } from './dashboard/funnel';
import { scenarioListParams, type ScenarioListFilters } from './staffLists';

/** Query keys of the staff area, all under 'staff'. */
export const keys = {
  all: ['staff'] as const,
  funnel: (filters: FunnelFilters) => ['staff', 'funnel', filters] as const,
  vettingQueue: ['staff', 'vetting', 'queue'] as const,
  vetting: (id: string) => ['staff', 'vetting', id] as const,
  batches: ['staff', 'batches'] as const,
  batch: (id: string) => ['staff', 'batches', id] as const,
  scenarios: (filters: ScenarioListFilters) => ['staff', 'scenarios', filters] as const,
  approved: ['staff', 'approved'] as const,
  scenario: (id: string) => ['staff', 'scenario', id] as const,
  matches: (id: string) => ['staff', 'scenario', id, 'matches'] as const,
  invitations: (id: string) => ['staff', 'scenario', id, 'invitations'] as const,
  evaluation: (id: string) => ['staff', 'scenario', id, 'evaluation'] as const,
  coverage: (id: string) => ['staff', 'scenario', id, 'coverage'] as const,
  consensus: (id: string) => ['staff', 'scenario', id, 'consensus'] as const,
  award: (id: string) => ['staff', 'scenario', id, 'award'] as const,
  delivery: (id: string) => ['staff', 'scenario', id, 'delivery'] as const,
  reviewers: ['staff', 'reviewers'] as const,
  organisations: (status: string, type: string) => ['staff', 'organisations', status, type] as const,
  organisationNames: ['staff', 'organisation-names'] as const,
  audit: (filters: Record<string, string | undefined>) => ['staff', 'audit', filters] as const,
  emailDeliveries: (status: string) => ['staff', 'email-deliveries', status] as const,
  webhookDeliveries: (status: string) => ['staff', 'webhook-deliveries', status] as const,
};

/** Reads every page of a cursor-paged list (bounded, so a runaway list cannot hang the page). */
async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export const fetchers = {
  funnel: (filters: FunnelFilters) => api.get<FunnelView>('/admin/funnel', funnelQuery(filters)),
  vettingQueue: () => api.get<VettingQueueItem[]>('/vetting/queue'),
  vetting: (id: string) => api.get<VettingDetail>(`/vetting/${id}`),
  batches: () => api.get<BatchView[]>('/batches'),
  batch: (id: string) => api.get<BatchDetail>(`/batches/${id}`),
  scenario: (id: string) => api.get<ScenarioView>(`/scenarios/${id}`),
  /** The centre's list of scenarios (GET scenarios: every status but draft, newest updated first). */
  scenarios: (filters: ScenarioListFilters, cursor?: string, limit?: number) =>
    api.get<Page<StaffScenarioItem>>('/scenarios', scenarioListParams(filters, cursor, limit)),
  /** Users of one role (GET users?role=). */
  usersOfRole: (role: string, cursor?: string) => api.get<Page<UserView>>('/users', { role, limit: 100, cursor }),
};

export function useVettingQueue() {
  return useQuery({ queryKey: keys.vettingQueue, queryFn: fetchers.vettingQueue });
}

/** Approved scenarios (awaiting a batch), every page of GET scenarios?status=approved. */
export function useApprovedScenarios() {
  return useQuery({
    queryKey: keys.approved,
    queryFn: () => allPages((cursor) => fetchers.scenarios({ status: 'approved' }, cursor, 100)),
    staleTime: 30_000,
  });
}

/** Every reviewer user (GET users?role=reviewer, all pages); the picker keeps the active ones. */
export function useReviewers() {
  return useQuery({
    queryKey: keys.reviewers,
    queryFn: () => allPages((cursor) => fetchers.usersOfRole('reviewer', cursor)),
    staleTime: 60_000,
  });
}

/** Names of all organisations by id (agencies in queues, vendors in objections). */
export function useOrganisationNames() {
  return useQuery({
    queryKey: keys.organisationNames,
    queryFn: async () => {
      const orgs = await allPages((cursor) =>
        api.get<Page<OrganisationView>>('/organisations', { limit: 100, cursor }),
      );
      return new Map(orgs.map((o) => [o.id, o.nameZh]));
    },
    staleTime: 5 * 60_000,
  });
}

export function useScenario(id: string) {
  return useQuery({ queryKey: keys.scenario(id), queryFn: () => fetchers.scenario(id) });
}

export function useEvaluation(id: string) {
  return useQuery({
    queryKey: keys.evaluation(id),
    queryFn: () => api.get<EvaluationView>(`/scenarios/${id}/evaluation`),
  });
}

export function useCoverage(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.coverage(id),
    queryFn: () => api.get<CoverageView>(`/scenarios/${id}/evaluation/coverage`),
    enabled,
  });
}

export function useConsensus(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.consensus(id),
    queryFn: () => api.get<ConsensusView>(`/scenarios/${id}/evaluation/consensus`),
    enabled,
  });
}

export function useAward(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.award(id),
    queryFn: () => api.get<AwardRecordView>(`/scenarios/${id}/award`),
    enabled,
  });
}

export function useDelivery(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.delivery(id),
    queryFn: () => api.get<DeliveryOverview>(`/scenarios/${id}/delivery`),
    enabled,
  });
}

export function useMatches(id: string, limit: number) {
  return useQuery({
    queryKey: [...keys.matches(id), limit],
    queryFn: () => api.get<ScenarioMatchesView>(`/scenarios/${id}/matches`, { limit }),
  });
}

export function useInvitations(id: string) {
  return useQuery({
    queryKey: keys.invitations(id),
    queryFn: () => api.get<{ items: InvitationView[] }>(`/scenarios/${id}/invitations`),
  });
}
