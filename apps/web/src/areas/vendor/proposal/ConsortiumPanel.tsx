import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Form, Popconfirm, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { useVendorSearch } from '../api';
import { useDebounced } from '../lib/useDebounced';
import type { ProposalView } from '../types';
import { Section } from './ContentSections';
import { ToneTag } from '../components/ToneTag';

const MAX_MEMBERS = 4;

/** The consortium: the lead and its members with their confirmations; the lead invites and removes. */
export function ConsortiumPanel({
  proposal,
  canManage,
  onChanged,
}: {
  proposal: ProposalView;
  canManage: boolean;
  onChanged: (p: ProposalView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const q = useDebounced(search, 300);
  const vendors = useVendorSearch(q);
  const members = proposal.members.filter((m) => m.status !== 'declined' || m.role === 'member');
  const taken = new Set(proposal.members.filter((m) => m.status !== 'declined').map((m) => m.organisationId));
  const memberCount = proposal.members.filter((m) => m.role === 'member' && m.status !== 'declined').length;

  const invite = useMutation({
    mutationFn: (organisationId: string) =>
      api.post<ProposalView>(`/proposals/${proposal.id}/consortium/members`, { organisationId }),
    onSuccess: (p) => {
      setPicked(undefined);
      void message.success(t('vendor.proposal.invited'));
      onChanged(p);
    },
    onError: (e) => void message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (organisationId: string) =>
      api.delete<ProposalView>(`/proposals/${proposal.id}/consortium/members/${organisationId}`),
    onSuccess: (p) => {
      void message.success(t('vendor.proposal.memberRemoved'));
      onChanged(p);
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Section id="proposal-consortium" title={t('vendor.proposal.sections.consortium')}>
      <Typography.Paragraph type="secondary">{t('vendor.proposal.consortiumIntro')}</Typography.Paragraph>
      <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 12px' }} data-testid="consortium-members">
        {members.map((m) => (
          <li key={m.organisationId} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Flex justify="space-between" align="start" gap={8}>
              <div style={{ minWidth: 0 }}>
                <div className="wrap-anywhere">{m.nameZh}</div>
                <Flex wrap gap={4} style={{ marginTop: 2 }}>
                  <Tag style={{ marginInlineEnd: 0 }}>{t(`vendor.role.${m.role}`)}</Tag>
                  {m.role === 'member' && (
                    <ToneTag tone={m.status === 'confirmed' ? 'green' : m.status === 'invited' ? 'orange' : 'default'}>
                      {t(`vendor.memberStatus.${m.status}`)}
                    </ToneTag>
                  )}
                </Flex>
                {m.role === 'member' && m.confirmedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(m.confirmedAt)}
                  </Typography.Text>
                )}
              </div>
              {canManage && m.role === 'member' && (
                <Popconfirm
                  title={t('vendor.proposal.removeMember', { name: m.nameZh })}
                  onConfirm={() => remove.mutate(m.organisationId)}
                >
                  <Button size="small" danger aria-label={t('vendor.proposal.removeMember', { name: m.nameZh })}>
                    {t('vendor.common.remove')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </li>
        ))}
      </ul>
      {memberCount === 0 && (
        <Typography.Paragraph type="secondary">{t('vendor.proposal.noMembers')}</Typography.Paragraph>
      )}
      {canManage && memberCount < MAX_MEMBERS && (
        <Form layout="vertical" component="div">
          <Form.Item label={t('vendor.proposal.invite')} htmlFor="vendor-consortium-pick">
            <Select
              id="vendor-consortium-pick"
              value={picked}
              onChange={setPicked}
              placeholder={t('vendor.proposal.invitePick')}
              allowClear
              showSearch={{ filterOption: false, onSearch: setSearch }}
              loading={vendors.isFetching}
              options={(vendors.data?.items ?? [])
                .filter((v) => !taken.has(v.organisationId))
                .map((v) => ({ value: v.organisationId, label: v.nameZh }))}
            />
          </Form.Item>
          <Button disabled={!picked} loading={invite.isPending} onClick={() => picked && invite.mutate(picked)}>
            {t('vendor.proposal.inviteSend')}
          </Button>
        </Form>
      )}
    </Section>
  );
}
