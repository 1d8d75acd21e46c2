import { App, Badge, Button, Card, Empty, Flex, Segmented, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { INBOX_QUERY_KEY, UNREAD_QUERY_KEY } from '../../app/unread';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../components/format';
import { AccountPage } from './AccountNav';
import { describeNotification, type InboxNotification, type InboxPage as Page } from './notifications';
import { LoadMore } from '../../components/LoadMore';

const PAGE_SIZE = 20;

/** The inbox list's query key: under `['notifications', 'inbox']`, which the live stream invalidates. */
export const inboxKey = (unreadOnly: boolean) => [...INBOX_QUERY_KEY, { unread: unreadOnly }] as const;

/** `/account/inbox`: my notifications, newest first, with unread filter and mark-as-read. */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { role } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';

  const query = useInfiniteQuery({
    queryKey: inboxKey(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>('/notifications', { limit: PAGE_SIZE, unread: unreadOnly || undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // The same query as the header's badge (kept live by its stream).
  const unread = useQuery({
    queryKey: UNREAD_QUERY_KEY,
    queryFn: () => api.get<{ unreadCount: number }>('/notifications/unread-count'),
  }).data?.unreadCount;

  const afterRead = (unreadCount: number) => {
    queryClient.setQueryData(UNREAD_QUERY_KEY, { unreadCount });
    return queryClient.invalidateQueries({ queryKey: INBOX_QUERY_KEY });
  };
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<{ unreadCount: number }>(`/notifications/${id}/read`),
    onSuccess: (r) => afterRead(r.unreadCount),
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ marked: number; unreadCount: number }>('/notifications/read-all'),
    onSuccess: (r) => {
      void message.success(t('account.inbox.markedAll', { count: r.marked }));
      return afterRead(r.unreadCount);
    },
    onError: (e) => void message.error(e.message),
  });

  /** Opening a notification reads it; the read is sent whether or not the page is left. */
  const open = (n: InboxNotification, link: string | null) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (link) navigate(link);
  };

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <AccountPage wide>
      <Flex wrap justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('account.inbox.title')}
          {unread ? (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 12 }}>
              {t('account.inbox.unreadCount', { count: unread })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <Segmented
            aria-label={t('account.inbox.filterLabel')}
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('account.inbox.all') },
              { value: 'unread', label: t('account.inbox.unread') },
            ]}
            onChange={(v) => setParams(v === 'unread' ? { filter: 'unread' } : {}, { replace: true })}
          />
          <Button
            icon={<CheckOutlined />}
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={unread === 0}
          >
            {t('account.inbox.markAllRead')}
          </Button>
        </Flex>
      </Flex>
      <QueryState
        query={query}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Empty description={t(unreadOnly ? 'account.inbox.emptyUnread' : 'account.inbox.empty')} />}
      >
        {() => (
          <>
            <Typography.Title level={2} className="sr-only">
              {t('account.inbox.listLabel')}
            </Typography.Title>
            <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  role={role}
                  onOpen={open}
                  onMarkRead={() =>
                    markRead.mutate(n.id, { onSuccess: () => void message.success(t('account.inbox.marked')) })
                  }
                  marking={markRead.isPending && markRead.variables === n.id}
                />
              ))}
            </Flex>
            <LoadMore query={query} center />
          </>
        )}
      </QueryState>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to="/account/preferences">{t('account.inbox.settings')}</Link>
      </Typography.Paragraph>
    </AccountPage>
  );
}

function NotificationItem({
  notification: n,
  role,
  onOpen,
  onMarkRead,
  marking,
}: {
  notification: InboxNotification;
  role: ReturnType<typeof useAuth>['role'];
  onOpen: (n: InboxNotification, link: string | null) => void;
  onMarkRead: () => void;
  marking: boolean;
}) {
  const { t } = useTranslation();
  const d = describeNotification(n, role);
  const values = { ...d.values, title: d.values.title || t('account.notification.untitled') };
  const title = t(`account.notification.${d.titleKey}`, values);
  const detail = d.detailKey ? t(`account.notification.${d.detailKey}`, values) : null;
  const unread = !n.readAt;
  const reason = typeof d.values.reason === 'string' && d.values.reason ? d.values.reason : null;

  return (
    <li>
      <Card
        size="small"
        style={{
          borderInlineStart: unread ? '3px solid #1f5fbf' : undefined,
          background: unread ? '#f7faff' : undefined,
        }}
      >
        <Flex gap={12} align="start" justify="space-between" wrap>
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0, fontWeight: unread ? 600 : 400 }}>
              {unread && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
              {unread && (
                <span className="sr-only">
                  {t('account.inbox.unreadMark')}
                  {t('account.colon')}
                </span>
              )}
              {d.link ? (
                <a
                  href={d.link}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    onOpen(n, d.link);
                  }}
                >
                  {title}
                </a>
              ) : (
                title
              )}
            </Typography.Title>
            {detail && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {detail}
              </Typography.Paragraph>
            )}
            {reason && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t('account.notification.reason', { reason })}
              </Typography.Paragraph>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </Typography.Text>
          </div>
          {unread && (
            <Button
              size="small"
              onClick={onMarkRead}
              loading={marking}
              aria-label={t('account.inbox.markReadOf', { title })}
            >
              {t('account.inbox.markRead')}
            </Button>
          )}
        </Flex>
      </Card>
    </li>
  );
}
