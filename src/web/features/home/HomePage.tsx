import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileTextOutlined,
  ProjectOutlined,
  ReadOutlined,
  RiseOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Card, Col, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Me, MeAbilities } from '../../api/types';
import { notExpertOnly } from '../../components/AppShell';
import { EmptyState, Loading } from '../../components/States';
import { type MessageKey, useLang, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { offersDashboard } from '../dashboard/scope';
import { onSchoolRoster } from '../growth/labels';
import { NotificationKindTag } from '../notifications/NotificationKindTag';
import { type AppNotification, noticeTitle, useBell, useMarkRead } from '../notifications/notifications.api';
import { MyComplianceCard } from '../office/MyComplianceCard';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { usePeople } from '../people/people.api';
import { offersReviews } from '../reviews/access';
import { useTerms } from '../terms/terms.api';
import { TodoCard } from './TodoCard';

interface QuickLink {
  to: string;
  label: MessageKey;
  icon: ReactNode;
  ability?: keyof MeAbilities;
  /** Shown when this says so (the same test as the side menu's entry). */
  show?: (me: Me) => boolean;
}

/** The day's work first, then the upkeep; a home page shows the first QUICK_LINKS the caller may use. */
const quickLinks: QuickLink[] = [
  // A system admin's day's work is the deployment: scanner and backups first.
  { to: '/system', label: 'home.linkSystem', icon: <DashboardOutlined />, ability: 'readSystem' },
  { to: '/dashboard', label: 'home.linkDashboard', icon: <BarChartOutlined />, show: offersDashboard },
  { to: '/projects', label: 'home.linkProjects', icon: <ProjectOutlined />, show: notExpertOnly },
  { to: '/activities', label: 'home.linkActivities', icon: <ReadOutlined />, show: notExpertOnly },
  { to: '/growth', label: 'home.linkGrowth', icon: <RiseOutlined />, show: notExpertOnly },
  { to: '/works', label: 'home.linkWorks', icon: <TrophyOutlined />, show: notExpertOnly },
  { to: '/reviews', label: 'home.linkReviews', icon: <SolutionOutlined />, show: offersReviews },
  { to: '/summary', label: 'home.linkSummary', icon: <FileTextOutlined />, show: offersDashboard },
  { to: '/people', label: 'home.linkPeople', icon: <TeamOutlined />, ability: 'readPeople' },
  { to: '/people?import=1', label: 'home.linkImport', icon: <UploadOutlined />, ability: 'importRoster' },
  { to: '/orgs', label: 'home.linkOrgs', icon: <ClusterOutlined />, ability: 'manageOrgs' },
  {
    to: '/orgs',
    label: 'home.linkOrgsRead',
    icon: <ClusterOutlined />,
    show: (me) => me.abilities.readOrgs && !me.abilities.manageOrgs,
  },
  { to: '/terms', label: 'home.linkTerms', icon: <CalendarOutlined />, ability: 'manageTerms' },
  { to: '/audit', label: 'home.linkAudit', icon: <AuditOutlined />, ability: 'readAudit' },
  { to: '/settings', label: 'home.linkSettings', icon: <SettingOutlined /> },
];
const QUICK_LINKS = 9;

/** 工作台: a welcome with the user's roles, a few counts, quick links, the latest notifications and, for a
 * teacher on a school roster, their own 达标情况 this term. */
export function HomePage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const people = usePeople({}, 1, 1, me.abilities.readPeople);
  const tree = useOrgTree(me.abilities.readOrgs);
  const orgs = flattenOrgs(tree.data ?? []);
  const links = quickLinks
    .filter((link) => (!link.ability || me.abilities[link.ability]) && (!link.show || link.show(me)))
    .slice(0, QUICK_LINKS);
  const terms = useTerms();
  const currentTerm = terms.data?.items.find((term) => term.current);
  // Their own 达标情况 belongs on the home page of someone on a school's roster.
  const onRoster = onSchoolRoster(me);
  const today = dayjs()
    .locale(lang === 'en' ? 'en' : 'zh-cn')
    .format(t('home.dateFormat'));

  return (
    <Flex vertical gap={16}>
      <Card
        style={{ background: 'linear-gradient(120deg, #1f5fbf 0%, #4f8fe6 100%)', border: 'none' }}
        styles={{ body: { padding: 28 } }}
      >
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="home-welcome">
          {t('home.welcome', { name: me.name })}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', margin: '8px 0 16px' }}>
          {t('home.welcomeSub', { date: today })}
        </Typography.Paragraph>
        <Flex wrap gap={8} align="center">
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('home.roles')}</Typography.Text>
          {me.roles.length === 0 ? (
            <Typography.Text style={{ color: '#fff' }}>{t('home.noRoles')}</Typography.Text>
          ) : (
            me.roles.map((grant) => (
              <Tag
                key={grant.id}
                style={{
                  color: '#fff',
                  background: 'rgba(255,255,255,0.18)',
                  borderColor: 'rgba(255,255,255,0.5)',
                  fontSize: 13,
                }}
              >
                {t(`role.${grant.role}`)} · {grant.orgName ?? t('common.wholeDeployment')}
              </Tag>
            ))
          )}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('home.org')}
              value={me.orgName ?? t('common.wholeDeployment')}
              prefix={<BankOutlined />}
              styles={{ content: { fontSize: 20 } }}
            />
          </Card>
        </Col>
        {me.abilities.readPeople && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('home.teachers')}
                value={people.data?.total ?? 0}
                loading={people.isPending}
                prefix={<TeamOutlined />}
              />
            </Card>
          </Col>
        )}
        {me.abilities.readOrgs && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t(me.abilities.manageOrgs ? 'home.orgs' : 'home.orgsRead')}
                value={orgs.length}
                loading={tree.isPending}
                prefix={<ClusterOutlined />}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    {t('home.schools')} {orgs.filter((org) => org.kind === 'school').length}
                  </Typography.Text>
                }
              />
            </Card>
          </Col>
        )}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t('home.quickLinks')} data-testid="home-quick-links">
              <Row gutter={[12, 12]}>
                {links.map((link) => (
                  <Col xs={12} md={8} key={link.to}>
                    <Link to={link.to}>
                      <Card hoverable size="small" styles={{ body: { textAlign: 'center', padding: '18px 8px' } }}>
                        <div style={{ fontSize: 24, color: '#1f5fbf' }}>{link.icon}</div>
                        <div style={{ marginTop: 8 }}>{t(link.label)}</div>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
            {onRoster && currentTerm && (
              <MyComplianceCard
                personId={me.id}
                scope={{ orgId: me.orgId ?? undefined, termId: currentTerm.id }}
                title={t('home.myCompliance', { term: currentTerm.name })}
              />
            )}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <TodoCard />
            <LatestNotifications />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

/** 最新通知: the latest notifications (the header bell's own query, so no second request), each opening its page. */
function LatestNotifications() {
  const t = useT();
  const navigate = useNavigate();
  const bell = useBell();
  const markRead = useMarkRead();
  const items = bell.data?.items ?? [];
  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    navigate(n.link ?? '/notifications');
  };
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <BellOutlined />
          {t('home.latestTitle')}
        </Flex>
      }
      extra={<Link to="/notifications">{t('home.viewAll')}</Link>}
      data-testid="home-latest"
    >
      {bell.isPending ? (
        <Loading height={120} />
      ) : items.length === 0 ? (
        <EmptyState text={t('home.latestEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, 5)}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => open(n)}
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.65 : 1 }}
              data-testid="home-latest-item"
            >
              <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                <Flex gap={6} align="center">
                  <NotificationKindTag kind={n.kind} />
                  <Typography.Text strong={!n.readAt} ellipsis style={{ flex: 1 }}>
                    {noticeTitle(t, n)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {dayjs(n.createdAt).format('MM-DD HH:mm')}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
