import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Badge, Button, Drawer, Dropdown, Grid, Layout as AntLayout, Menu, Space, Typography } from 'antd';
import { BellOutlined, GlobalOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ME_QUERY_KEY, useAuth } from '../auth/AuthContext';
import type { MeView } from '../auth/types';
import { setLanguage, currentLanguage } from '../i18n';
import type { NavItem } from './areas';
import { useUnreadCount } from './unread';

const { Header, Content, Footer } = AntLayout;

export function AppLayout({ publicNav, workspaceNav }: { publicNav: NavItem[]; workspaceNav: NavItem[] }) {
  const { t } = useTranslation();
  const { me, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const unread = useUnreadCount(!!me);
  const queryClient = useQueryClient();

  const visible = (items: NavItem[]) => items.filter((i) => !i.roles || hasRole(...i.roles));
  const workspace = me ? visible(workspaceNav) : [];
  const menuItems = [...publicNav, ...workspace].map((item) => ({
    key: item.to,
    icon: item.icon,
    label: <NavLink to={item.to}>{t(item.labelKey)}</NavLink>,
  }));
  const selected = [...publicNav, ...workspace]
    .map((i) => i.to)
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const switchLanguage = () => {
    const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
    setLanguage(next);
    // A signed-in user's emails follow the language they read the site in. Best effort: the page's
    // language has changed either way, and the next switch tries again.
    if (me && me.user.locale !== next) {
      api.patch<MeView>('/auth/me', { locale: next }).then(
        (updated) => queryClient.setQueryData(ME_QUERY_KEY, updated),
        () => undefined,
      );
    }
  };
  const narrow = !screens.md;

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {currentLanguage() === 'en' ? 'Skip to content' : '跳到正文'}
      </a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: narrow ? 12 : 24 }}>
        {narrow && (
          <Button
            type="text"
            aria-label={t('common.nav.menu')}
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }}>
          {narrow ? t('common.appShort') : t('common.appName')}
        </Link>
        {!narrow && (
          <nav aria-label={t('common.nav.menu')} style={{ flex: 1, minWidth: 0 }}>
            <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={menuItems} />
          </nav>
        )}
        <Space style={{ marginLeft: 'auto' }} size={narrow ? 4 : 'middle'}>
          <Button
            type="text"
            style={{ color: '#fff' }}
            icon={<GlobalOutlined />}
            onClick={switchLanguage}
            lang={currentLanguage() === 'en' ? 'zh-CN' : 'en'}
          >
            {t('common.nav.language')}
          </Button>
          {me ? (
            <>
              <Link to="/account/inbox" aria-label={`${t('common.nav.inbox')} (${unread})`}>
                <Badge count={unread} size="small" data-testid="unread-badge">
                  <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
                </Badge>
              </Link>
              <Dropdown
                menu={{
                  items: [
                    { key: 'account', label: <Link to="/account">{t('common.nav.account')}</Link> },
                    {
                      key: 'logout',
                      label: t('common.nav.logout'),
                      onClick: () => void logout().then(() => navigate('/')),
                    },
                  ],
                }}
              >
                <Button type="text" style={{ color: '#fff' }} icon={<UserOutlined />}>
                  {!narrow && me.user.displayName}
                </Button>
              </Dropdown>
            </>
          ) : (
            <>
              <Link to="/login" style={{ color: '#fff' }}>
                {t('common.nav.login')}
              </Link>
              <Link to="/register" style={{ color: '#fff' }}>
                {t('common.nav.register')}
              </Link>
            </>
          )}
        </Space>
      </Header>
      <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" title={t('common.appShort')}>
        <nav aria-label={t('common.nav.menu')}>
          <Menu mode="inline" selectedKeys={selected} items={menuItems} onClick={() => setDrawerOpen(false)} />
        </nav>
      </Drawer>
      <Content
        id="main"
        tabIndex={-1}
        style={{ padding: narrow ? 12 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}
      >
        <Outlet />
      </Content>
      <Footer style={{ textAlign: 'center' }}>
        <Typography.Text style={{ color: 'rgba(0,0,0,0.65)' }}>{t('common.appName')}</Typography.Text>
      </Footer>
    </AntLayout>
  );
}
