import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import { StaffPage } from '../components/StaffPage';
import { useOrganisationNames, useVettingQueue } from '../api';
import type { VettingQueueItem } from '../types';
import { StaffTable } from '../components/StaffTable';
import { StaffLink } from '../components/StaffLink';
import { ToneTag } from '../components/ToneTag';

/** Hours waiting as days and hours; over three days is late for a vetting decision. */
export function waitingText(hours: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (hours < 24) return t('staff.vetting.hours', { count: Math.round(hours) });
  return t('staff.vetting.days', { count: Math.floor(hours / 24) });
}

export function VettingQueuePage() {
  const { t } = useTranslation();
  const queue = useVettingQueue();
  const names = useOrganisationNames();

  return (
    <StaffPage title={t('staff.vetting.title')} intro={t('staff.vetting.intro')}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('staff.vetting.queue')}
      </Typography.Title>
      <QueryState
        query={queue}
        isEmpty={(d) => d.length === 0}
        empty={<Typography.Paragraph>{t('staff.vetting.empty')}</Typography.Paragraph>}
      >
        {(items) => (
          <StaffTable<VettingQueueItem>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={items}
            columns={[
              {
                title: t('staff.field.title'),
                dataIndex: 'title',
                render: (_: string, r) => (
                  <span className="wrap-anywhere">
                    <StaffLink to={`/staff/vetting/${r.id}`}>{r.title}</StaffLink>
                    {r.code && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {r.code}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              { title: t('staff.field.domain'), dataIndex: 'domain', render: (d: string) => label('domains', d) },
              {
                title: t('staff.vetting.agency'),
                dataIndex: 'agencyOrganisationId',
                render: (id: string) => names.data?.get(id) ?? '—',
              },
              {
                title: t('staff.field.submittedAt'),
                dataIndex: 'submittedAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('staff.vetting.waiting'),
                dataIndex: 'waitingHours',
                defaultSortOrder: 'descend',
                sorter: (a, b) => a.waitingHours - b.waitingHours,
                render: (h: number) => (
                  <ToneTag tone={h >= 72 ? 'red' : h >= 24 ? 'orange' : 'default'}>{waitingText(h, t)}</ToneTag>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </StaffPage>
  );
}
