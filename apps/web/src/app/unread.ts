import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../api/client';

export const UNREAD_QUERY_KEY = ['notifications', 'unread-count'] as const;
export const INBOX_QUERY_KEY = ['notifications', 'inbox'] as const;

/**
 * The unread count, kept live by the API's server-sent events. EventSource cannot send a bearer header,
 * so each connection redeems a single-use stream ticket; after a drop we take a new ticket ourselves
 * (EventSource's own retry would reuse the spent one).
 */
export function useUnreadCount(enabled: boolean): number {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: UNREAD_QUERY_KEY,
    queryFn: () => api.get<{ unreadCount: number }>('/notifications/unread-count'),
    enabled,
    refetchInterval: 120_000,
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let attempt = 0;

    const setCount = (unreadCount: number | null) => {
      if (typeof unreadCount === 'number') queryClient.setQueryData(UNREAD_QUERY_KEY, { unreadCount });
      else void queryClient.invalidateQueries({ queryKey: UNREAD_QUERY_KEY });
    };

    const connect = async () => {
      try {
        const { ticket } = await api.post<{ ticket: string }>('/notifications/stream-ticket');
        if (stopped) return;
        source = new EventSource(buildUrl('/notifications/stream', { ticket }));
        source.addEventListener('unread', (e) => {
          attempt = 0;
          setCount((JSON.parse((e as MessageEvent<string>).data) as { unreadCount: number }).unreadCount);
        });
        source.addEventListener('notification', (e) => {
          setCount((JSON.parse((e as MessageEvent<string>).data) as { unreadCount: number | null }).unreadCount);
          void queryClient.invalidateQueries({ queryKey: INBOX_QUERY_KEY });
        });
        source.onerror = () => {
          source?.close();
          scheduleReconnect();
        };
      } catch {
        scheduleReconnect();
      }
    };
    const scheduleReconnect = () => {
      if (stopped) return;
      attempt += 1;
      retryTimer = setTimeout(() => void connect(), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [enabled, queryClient]);

  return query.data?.unreadCount ?? 0;
}
