import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ME_QUERY_KEY, useAuth } from '../../auth/AuthContext';
import { AREA_OF_ROLE, type OrganisationView } from '../../auth/types';
import { formatDate } from '../../components/format';
import { label } from '../../components/taxonomy';
import { AccountPage } from './AccountNav';

/** Solid colours with white text (at least 5:1): the light preset tags fall short of WCAG AA contrast. */
const STATUS_COLOUR: Record<OrganisationView['status'], string> = {
  pending: '#1f5fbf',
  verified: '#237804',
  rejected: '#a8071a',
};

/** `/account`: who I am, my organisation and whether it is verified, and where to go from here. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  // The organisation's verification may have changed since the session began.
  useEffect(() => void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }), [queryClient]);
  if (!me) return null;
  const { user, organisation: org } = me;

  return (
    <AccountPage>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('account.profile.title')}
      </Typography.Title>
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.profile.user')}</h2>}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'name', label: t('account.profile.displayName'), children: user.displayName },
              { key: 'email', label: t('account.profile.email'), children: user.email },
              { key: 'role', label: t('account.profile.role'), children: t(`common.role.${user.role}`) },
              { key: 'since', label: t('account.profile.since'), children: formatDate(user.createdAt) },
            ]}
          />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.profile.organisation')}</h2>}>
          {org ? (
            <>
              {org.status === 'pending' && (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('account.profile.pendingHint')} />
              )}
              {org.status === 'rejected' && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('account.profile.rejectedHint')}
                  description={
                    org.statusReason
                      ? `${t('account.profile.statusReason')}${t('account.colon')}${org.statusReason}`
                      : undefined
                  }
                />
              )}
              <Descriptions
                column={{ xs: 1, sm: 1, md: 2 }}
                items={[
                  { key: 'name', label: t('account.profile.orgName'), children: org.nameZh },
                  ...(org.nameEn
                    ? [
                        {
                          key: 'nameEn',
                          label: t('account.profile.orgNameEn'),
                          children: <span lang="en">{org.nameEn}</span>,
                        },
                      ]
                    : []),
                  {
                    key: 'type',
                    label: t('account.profile.orgType'),
                    children: t(`account.profile.orgTypes.${org.type}`),
                  },
                  {
                    key: 'status',
                    label: t('account.profile.status'),
                    children: (
                      <Tag color={STATUS_COLOUR[org.status]}>{t(`account.profile.orgStatus.${org.status}`)}</Tag>
                    ),
                  },
                  {
                    key: 'uscc',
                    label: t('account.profile.uscc'),
                    children: <span style={{ fontFamily: 'ui-monospace, Menlo, monospace' }}>{org.uscc}</span>,
                  },
                  {
                    key: 'district',
                    label: t('account.profile.district'),
                    children: label('districts', org.districtCode),
                  },
                  {
                    key: 'contact',
                    label: t('account.profile.contact'),
                    children: `${org.contactName} · ${org.contactPhone} · ${org.contactEmail}`,
                  },
                ]}
              />
            </>
          ) : (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('account.profile.noOrganisation')}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.profile.links')}</h2>}>
          <Flex wrap gap={16} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            <li>
              <Link to={`/${AREA_OF_ROLE[user.role]}`}>{t('account.profile.workspace')}</Link>
            </li>
            <li>
              <Link to="/account/inbox">{t('account.nav.inbox')}</Link>
            </li>
            <li>
              <Link to="/account/preferences">{t('account.nav.preferences')}</Link>
            </li>
            <li>
              <Link to="/account/password">{t('account.nav.password')}</Link>
            </li>
          </Flex>
        </Card>
      </Flex>
    </AccountPage>
  );
}
