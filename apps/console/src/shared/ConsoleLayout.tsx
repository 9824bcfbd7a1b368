import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { ConsoleArea } from './area';
import { hasAnyRole, useAuth, useUser } from './auth';
import { LanguageSwitch } from './LanguageSwitch';

/** Header with the areas the user may enter, a side menu for the current area, and the page. */
export function ConsoleLayout({ areas, children }: { areas: readonly ConsoleArea[]; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const mine = areas.filter((area) => hasAnyRole(user, area.roles));
  const current = mine.find((area) => pathname.startsWith(`/${area.key}`));
  const selected = current?.menu.find((entry) => pathname.startsWith(`/${current.key}/${entry.path}`));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="console-header">
        <Typography.Text strong className="console-title">
          {t('common:appName')}
        </Typography.Text>
        <nav aria-label={t('common:areas')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={current ? [current.key] : []}
            items={mine.map((area) => ({ key: area.key, label: t(area.title) }))}
            onClick={({ key }) => navigate(`/${key}`)}
          />
        </nav>
        <Space>
          <LanguageSwitch />
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {user.displayName} ({user.username})
          </Typography.Text>
          <Button icon={<LogoutOutlined />} onClick={logout} size="small">
            {t('common:logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {current && (
          <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
            <nav aria-label={t(current.title)}>
              <Menu
                mode="inline"
                selectedKeys={selected ? [selected.path] : []}
                items={current.menu.map((entry) => ({
                  key: entry.path,
                  icon: entry.icon,
                  label: t(entry.label),
                }))}
                onClick={({ key }) => navigate(`/${current.key}/${key}`)}
              />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: 24 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
