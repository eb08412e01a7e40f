import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudDownloadOutlined,
  ClusterOutlined,
  CrownOutlined,
  DashboardOutlined,
  DownOutlined,
  EyeOutlined,
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProjectOutlined,
  ReadOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Me, MeAbilities } from '../api/types';
import { useCurrentUser, useLogout } from '../features/auth/session';
import { offersDashboard } from '../features/dashboard/scope';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { offersOffice, offersRules } from '../features/office/labels';
import { offersReviews } from '../features/reviews/access';
import { SearchBox } from '../features/search/SearchBox';
import { type MessageKey, type Translate, useT } from '../i18n';
import { SIDER_BG } from '../theme';
import { LangSwitch } from './LangSwitch';

interface NavEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  testId: string;
  /** The ability from /api/me that shows the entry; none means everyone. */
  ability?: keyof MeAbilities;
  /** Shows the entry when no single ability says it. */
  show?: (me: Me) => boolean;
  /** Entries with the same group sit together under its title. */
  group?: MessageKey;
}

/** Calls and projects are nothing to an expert-only account (it reviews from 评审 alone). */
export const notExpertOnly = (me: Me) => me.roles.length === 0 || me.roles.some((grant) => grant.role !== 'expert');

const nav: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, testId: 'nav-home' },
  {
    path: '/dashboard',
    label: 'nav.dashboard',
    icon: <BarChartOutlined />,
    testId: 'nav-dashboard',
    show: offersDashboard,
  },
  { path: '/calls', label: 'nav.calls', icon: <NotificationOutlined />, testId: 'nav-calls', show: notExpertOnly },
  { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined />, testId: 'nav-projects', show: notExpertOnly },
  {
    path: '/activities',
    label: 'nav.activities',
    icon: <ReadOutlined />,
    testId: 'nav-activities',
    show: notExpertOnly,
  },
  {
    path: '/observations',
    label: 'nav.observations',
    icon: <EyeOutlined />,
    testId: 'nav-observations',
    show: notExpertOnly,
  },
  { path: '/growth', label: 'nav.growth', icon: <RiseOutlined />, testId: 'nav-growth', show: notExpertOnly },
  {
    path: '/mentorships',
    label: 'nav.mentorships',
    icon: <CrownOutlined />,
    testId: 'nav-mentorships',
    show: notExpertOnly,
  },
  { path: '/works', label: 'nav.works', icon: <TrophyOutlined />, testId: 'nav-works', show: notExpertOnly },
  {
    path: '/rules',
    label: 'nav.rules',
    icon: <SafetyCertificateOutlined />,
    testId: 'nav-rules',
    show: offersRules,
    group: 'nav.officeGroup',
  },
  {
    path: '/compliance',
    label: 'nav.compliance',
    icon: <CheckSquareOutlined />,
    testId: 'nav-compliance',
    show: offersOffice,
    group: 'nav.officeGroup',
  },
  {
    path: '/assessment',
    label: 'nav.assessment',
    icon: <FundOutlined />,
    testId: 'nav-assessment',
    show: offersOffice,
    group: 'nav.officeGroup',
  },
  {
    path: '/plans',
    label: 'nav.plans',
    icon: <ScheduleOutlined />,
    testId: 'nav-plans',
    show: offersOffice,
    group: 'nav.officeGroup',
  },
  {
    path: '/summary',
    label: 'nav.summary',
    icon: <FileTextOutlined />,
    testId: 'nav-summary',
    show: offersDashboard,
    group: 'nav.officeGroup',
  },
  { path: '/reviews', label: 'nav.reviews', icon: <SolutionOutlined />, testId: 'nav-reviews', show: offersReviews },
  { path: '/orgs', label: 'nav.orgs', icon: <ClusterOutlined />, testId: 'nav-orgs', ability: 'readOrgs' },
  { path: '/people', label: 'nav.people', icon: <TeamOutlined />, testId: 'nav-people', ability: 'readPeople' },
  { path: '/terms', label: 'nav.terms', icon: <CalendarOutlined />, testId: 'nav-terms', ability: 'manageTerms' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, testId: 'nav-audit', ability: 'readAudit' },
  { path: '/system', label: 'nav.system', icon: <DashboardOutlined />, testId: 'nav-system', ability: 'readSystem' },
  { path: '/jobs', label: 'nav.jobs', icon: <CloudDownloadOutlined />, testId: 'nav-jobs' },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, testId: 'nav-settings' },
];

type MenuItems = NonNullable<MenuProps['items']>;

/** The menu items of the visible entries; grouped entries gather under their group's title. */
function menuItems(entries: NavEntry[], t: Translate): MenuItems {
  const items: MenuItems = [];
  const groups = new Map<MessageKey, MenuItems>();
  for (const entry of entries) {
    const item = {
      key: entry.path,
      icon: entry.icon,
      label: (
        <Link to={entry.path} data-testid={entry.testId}>
          {t(entry.label)}
        </Link>
      ),
    };
    const children = entry.group ? groups.get(entry.group) : undefined;
    if (!entry.group) items.push(item);
    else if (children) children.push(item);
    else {
      const fresh: MenuItems = [item];
      groups.set(entry.group, fresh);
      items.push({ type: 'group', key: entry.group, label: t(entry.group), children: fresh });
    }
  }
  return items;
}

function selectedKey(pathname: string): string {
  const match = nav.filter((entry) => entry.path !== '/' && pathname.startsWith(entry.path));
  return match[0]?.path ?? '/';
}

/** The signed-in layout: left menu by abilities, header with user, org, language and logout. */
export function AppShell() {
  const t = useT();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = App.useApp();
  // On a phone the menu lives in a drawer behind a button, so pages get the whole width.
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = menuItems(
    nav.filter((entry) => (!entry.ability || me.abilities[entry.ability]) && (!entry.show || entry.show(me))),
    t,
  );

  const userMenu: MenuProps = {
    items: [
      { key: 'settings', icon: <SettingOutlined />, label: t('header.settings') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'settings') navigate('/settings');
      if (key === 'logout') {
        logout.mutate(undefined, {
          onSettled: () => {
            message.success(t('header.loggedOut'));
            navigate('/login', { replace: true });
          },
        });
      }
    },
  };

  const logo = (
    <Link to="/">
      <Flex align="center" gap={10} style={{ height: 64, padding: '0 20px' }}>
        <Avatar shape="square" style={{ background: '#4f8fe6', flex: 'none' }}>
          {t('app.name').slice(0, 1)}
        </Avatar>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      </Flex>
    </Link>
  );
  const navMenu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={() => setDrawerOpen(false)}
    />
  );

  return (
    // The column under the sticky menu keeps the menu's colour when the page is printed or captured whole.
    <Layout style={{ minHeight: '100vh', background: phone ? undefined : SIDER_BG }}>
      {phone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, wrapper: { width: 240 } }}
        >
          {logo}
          {navMenu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={216}
          breakpoint="lg"
          collapsedWidth={64}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {logo}
          {navMenu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            padding: phone ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #e8ebf0',
          }}
        >
          {phone ? (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} data-testid="nav-open" />
          ) : (
            <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
          )}
          <Flex align="center" gap={12}>
            {phone ? (
              <Button
                type="text"
                icon={<SearchOutlined />}
                aria-label={t('search.title')}
                onClick={() => navigate('/search')}
              />
            ) : (
              <SearchBox />
            )}
            <NotificationBell />
            <LangSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
                <Flex vertical style={{ lineHeight: 1.3 }}>
                  <Typography.Text strong data-testid="header-user-name">
                    {me.name}
                  </Typography.Text>
                  {!phone && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {me.orgName ?? t('common.wholeDeployment')}
                    </Typography.Text>
                  )}
                </Flex>
                <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
