import { useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, API_BASE } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { type ScenarioFilters, type VendorFilters, scenarioApiQuery, vendorApiQuery } from './lib/listFilters';
import type {
  AmendmentDiff,
  PublicAgency,
  PublicBatch,
  PublicScenarioDetail,
  PublicScenarioPage,
  PublicStatistics,
  PublicVendorDetail,
  PublicVendorPage,
} from './types';

/** Public reads change slowly (the API lets caches keep them 60 s). */
const PUBLIC_STALE = 60_000;

/** The opportunity list, page after page (`nextCursor`), for the filters in the URL. */
export function useScenarioList(filters: ScenarioFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: ['public', 'scenarios', scenarioApiQuery(filters, null, limit)],
    queryFn: ({ pageParam, signal }) =>
      api.get<PublicScenarioPage>('/public/scenarios', scenarioApiQuery(filters, pageParam, limit), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });
}

export function useScenario(codeOrId: string) {
  return useQuery({
    queryKey: ['public', 'scenario', codeOrId],
    queryFn: ({ signal }) =>
      api.get<PublicScenarioDetail>(`/public/scenarios/${encodeURIComponent(codeOrId)}`, undefined, signal),
    staleTime: PUBLIC_STALE,
  });
}

export function useAmendmentDiff(codeOrId: string, no: number, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'scenario', codeOrId, 'amendment', no],
    queryFn: ({ signal }) =>
      api.get<AmendmentDiff>(`/public/scenarios/${encodeURIComponent(codeOrId)}/amendments/${no}`, undefined, signal),
    enabled,
    staleTime: PUBLIC_STALE,
  });
}

/** A public attachment's download address (no login: a plain link does). */
export const attachmentUrl = (codeOrId: string, attachmentId: string) =>
  `${API_BASE}/public/scenarios/${encodeURIComponent(codeOrId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** The list's CSV export with the same filters (labels in the page's language via Accept-Language are not
 * possible on a plain link, so the API answers in its default, Chinese). */
export const exportUrl = (query: Record<string, string | number | undefined>, ext: 'csv' | 'xlsx') => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '' && k !== 'cursor' && k !== 'limit') params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}/public/scenarios/export.${ext}${qs ? `?${qs}` : ''}`;
};

export function useVendorList(filters: VendorFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: ['public', 'vendors', vendorApiQuery(filters, null, limit)],
    queryFn: ({ pageParam, signal }) =>
      api.get<PublicVendorPage>('/public/vendors', vendorApiQuery(filters, pageParam, limit), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });
}

export function useVendor(id: string, enabled = true) {
  return useQuery({
    queryKey: ['public', 'vendor', id],
    queryFn: ({ signal }) =>
      api.get<PublicVendorDetail>(`/public/vendors/${encodeURIComponent(id)}`, undefined, signal),
    enabled,
    staleTime: PUBLIC_STALE,
  });
}

export function useBatches() {
  return useQuery({
    queryKey: ['public', 'batches'],
    queryFn: ({ signal }) => api.get<PublicBatch[]>('/public/batches', undefined, signal),
    staleTime: PUBLIC_STALE,
  });
}

export function useStatistics() {
  return useQuery({
    queryKey: ['public', 'statistics'],
    queryFn: ({ signal }) => api.get<PublicStatistics>('/public/statistics', undefined, signal),
    staleTime: PUBLIC_STALE,
  });
}

/** Agencies that publish, by id: their names on cards and details (the cards carry only the id). */
export function useAgencyNames(): Map<string, string> {
  const q = useQuery({
    queryKey: ['public', 'agencies'],
    queryFn: ({ signal }) => api.get<PublicAgency[]>('/public/agencies', undefined, signal),
    staleTime: 5 * PUBLIC_STALE,
  });
  const en = currentLanguage() === 'en';
  return useMemo(() => new Map((q.data ?? []).map((a) => [a.id, en && a.nameEn ? a.nameEn : a.nameZh])), [q.data, en]);
}
