import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Grid, Modal, Popconfirm, Row, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../components/format';
import { AccountPage } from './AccountNav';
import { changesToDefaults, CHANNELS, modeOf, MODES_BY_CHANNEL } from './preferences';
import { describeFilters, savedSearchHref } from './savedSearches';
import type {
  NotificationChannel,
  NotificationMode,
  NotificationPreference,
  NotificationPreferences,
  PreferenceChange,
  SavedSearch,
  SavedSearchList,
} from './types';

const PREFERENCES_KEY = ['account', 'notification-preferences'] as const;
const SAVED_SEARCHES_KEY = ['account', 'saved-searches'] as const;

/** `/account/preferences`: how I am told of each notification type, and my saved searches. */
export function PreferencesPage() {
  const { t } = useTranslation();
  return (
    <AccountPage wide>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('account.preferences.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('account.preferences.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        <PreferencesTable />
        <SavedSearches />
      </Flex>
    </AccountPage>
  );
}

const typeLabel = (p: NotificationPreference) => (currentLanguage() === 'en' ? p.label.en : p.label['zh-CN']);

function PreferencesTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The hook's dialogs render inside this area's theme (App.useApp's would take the app's).
  const [modal, modalHolder] = Modal.useModal();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api.get<NotificationPreferences>('/notifications/preferences'),
  });
  /** Changes on their way to the server, shown at once (keyed `type|channel`). */
  const [pending, setPending] = useState<Record<string, NotificationMode>>({});

  const save = useMutation({
    mutationFn: (items: PreferenceChange[]) =>
      api.put<NotificationPreferences>('/notifications/preferences', { items }),
    onMutate: (items) =>
      setPending((p) => ({ ...p, ...Object.fromEntries(items.map((i) => [`${i.type}|${i.channel}`, i.mode])) })),
    onSuccess: (data) => queryClient.setQueryData(PREFERENCES_KEY, data),
    onError: (e) => void message.error(e.message),
    onSettled: (_d, _e, items) =>
      setPending((p) => {
        const next = { ...p };
        for (const i of items) delete next[`${i.type}|${i.channel}`];
        return next;
      }),
  });

  const change = (pref: NotificationPreference, channel: NotificationChannel, mode: NotificationMode) => {
    const type = typeLabel(pref);
    save.mutate([{ type: pref.type, channel, mode }], {
      onSuccess: () =>
        void message.success(
          t('account.preferences.saved', {
            type,
            channel: t(`account.preferences.channels.${channel}`),
            mode: t(`account.preferences.modes.${mode}`),
          }),
        ),
    });
  };

  const resetAll = (items: NotificationPreference[]) => {
    const changes = changesToDefaults(items);
    if (!changes.length) {
      void message.info(t('account.preferences.nothingToReset'));
      return;
    }
    modal.confirm({
      title: t('account.preferences.resetConfirm'),
      okText: t('common.action.confirm'),
      cancelText: t('common.action.cancel'),
      onOk: () => save.mutateAsync(changes).then(() => void message.success(t('account.preferences.resetDone'))),
    });
  };

  const cell = (pref: NotificationPreference, channel: NotificationChannel, block = false) => {
    const key = `${pref.type}|${channel}`;
    const current = pending[key] ?? modeOf(pref, channel);
    const fallback = modeOf(pref.defaults, channel);
    return (
      <Select<NotificationMode>
        value={current}
        loading={key in pending}
        style={block ? { width: '100%' } : { minWidth: 136 }}
        aria-label={t('account.preferences.selectLabel', {
          type: typeLabel(pref),
          channel: t(`account.preferences.channels.${channel}`),
        })}
        options={MODES_BY_CHANNEL[channel].map((mode) => ({
          value: mode,
          label: `${t(`account.preferences.modes.${mode}`)}${mode === fallback ? t('account.preferences.defaultMark') : ''}`,
        }))}
        onChange={(mode) => change(pref, channel, mode)}
      />
    );
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.preferences.tableTitle')}</h2>}
      extra={
        query.data && (
          <Button size="small" onClick={() => resetAll(query.data.items)}>
            {t('account.preferences.reset')}
          </Button>
        )
      }
    >
      {modalHolder}
      <QueryState query={query}>
        {(data) =>
          screens.md ? (
            <Table<NotificationPreference>
              rowKey="type"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.items}
              columns={[
                { key: 'type', title: t('account.preferences.type'), render: (_, p) => typeLabel(p) },
                ...CHANNELS.map((channel) => ({
                  key: channel,
                  title: t(`account.preferences.channels.${channel}`),
                  render: (_: unknown, p: NotificationPreference) => cell(p, channel),
                })),
              ]}
            />
          ) : (
            // Narrow screens: one block per type, its two channels side by side, each with a visible label.
            <Flex vertical component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((p) => (
                <li key={p.type} style={{ borderBottom: '1px solid #f0f0f0', padding: '10px 0' }}>
                  <Typography.Text strong>{typeLabel(p)}</Typography.Text>
                  <Row gutter={8} style={{ marginTop: 6 }}>
                    {CHANNELS.map((channel) => (
                      <Col key={channel} span={12}>
                        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} aria-hidden>
                          {t(`account.preferences.channels.${channel}`)}
                        </Typography.Text>
                        {cell(p, channel, true)}
                      </Col>
                    ))}
                  </Row>
                </li>
              ))}
            </Flex>
          )
        }
      </QueryState>
    </Card>
  );
}

function SavedSearches() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SAVED_SEARCHES_KEY, queryFn: () => api.get<SavedSearchList>('/saved-searches') });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/saved-searches/${id}`),
    onSuccess: () => {
      void message.success(t('account.savedSearches.deleted'));
      return queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES_KEY });
    },
    onError: (e) => void message.error(e.message),
  });

  const filters = (s: SavedSearch) => {
    const parts = describeFilters(s.filters, t('account.listSeparator'));
    if (!parts.length) return t('account.savedSearches.noFilters');
    return (
      <Flex vertical gap={2}>
        {parts.map((p) => (
          <span key={p.key}>
            <Typography.Text type="secondary">{t(`account.savedSearches.filter.${p.key}`)}</Typography.Text>
            {p.value ? `${t('account.colon')}${p.value}` : ''}
          </span>
        ))}
      </Flex>
    );
  };

  const actions = (s: SavedSearch) => (
    <Flex gap={8} wrap>
      <Link to={savedSearchHref(s.listQuery)} aria-label={t('account.savedSearches.viewOf', { name: s.name })}>
        {t('account.savedSearches.view')}
      </Link>
      <Popconfirm
        title={t('account.savedSearches.deleteConfirm', { name: s.name })}
        okText={t('common.action.delete')}
        cancelText={t('common.action.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove.mutateAsync(s.id)}
      >
        <Button
          size="small"
          danger
          type="link"
          style={{ padding: 0 }}
          aria-label={t('account.savedSearches.deleteOf', { name: s.name })}
          loading={remove.isPending && remove.variables === s.id}
        >
          {t('account.savedSearches.delete')}
        </Button>
      </Popconfirm>
    </Flex>
  );

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.savedSearches.title')}</h2>}
      extra={
        query.data && (
          <Typography.Text type="secondary">
            {t('account.savedSearches.count', { count: query.data.items.length, max: query.data.max })}
          </Typography.Text>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('account.savedSearches.intro')}</Typography.Paragraph>
      <QueryState
        query={query}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <Empty description={t('account.savedSearches.empty')}>
            <Link to="/">{t('account.savedSearches.goList')}</Link>
          </Empty>
        }
      >
        {(data) =>
          screens.md ? (
            <Table<SavedSearch>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.items}
              columns={[
                { key: 'name', title: t('account.savedSearches.name'), dataIndex: 'name' },
                { key: 'filters', title: t('account.savedSearches.filters'), render: (_, s) => filters(s) },
                {
                  key: 'createdAt',
                  title: t('account.savedSearches.createdAt'),
                  render: (_, s) => formatDate(s.createdAt),
                },
                { key: 'actions', title: t('account.savedSearches.actions'), render: (_, s) => actions(s) },
              ]}
            />
          ) : (
            <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((s) => (
                <li key={s.id}>
                  <Card size="small">
                    <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>
                      {s.name}
                    </Typography.Title>
                    {filters(s)}
                    <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
                      {t('account.savedSearches.createdAt')}
                      {t('account.colon')}
                      {formatDate(s.createdAt)}
                    </Typography.Paragraph>
                    {actions(s)}
                  </Card>
                </li>
              ))}
            </Flex>
          )
        }
      </QueryState>
    </Card>
  );
}
