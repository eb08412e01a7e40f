import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { onSchoolRoster, seesOthers } from '../growth/labels';
import { WorksNav } from './WorksNav';
import { WorksTable } from './WorksTable';

/** 论文与作品: my works, and for the school office and leaders every work in their scope. */
export function WorksPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const others = seesOthers(me.roles);
  // An office (区县/市) and a school's 教科室 or leaders open on the works they look after; a teacher on their own.
  const looksAfter =
    !onSchoolRoster(me) || me.roles.some((g) => g.role === 'school_director' || g.role === 'school_leader');
  const asked = params.get('tab');
  const tab = others && (asked === 'all' || (asked === null && looksAfter)) ? 'all' : 'mine';

  const mine = (
    <Card>
      <WorksTable
        base={{ personId: me.id }}
        showPerson={false}
        emptyText={t('works.emptyMine')}
        testId="works-mine-table"
      />
    </Card>
  );
  return (
    <>
      <PageHeader
        title={t('works.title')}
        subtitle={t('works.subtitle')}
        extra={
          <Link to="/works/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="works-add">
              {t('works.add')}
            </Button>
          </Link>
        }
      />
      <WorksNav />
      {others ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            { key: 'mine', label: t('works.tabMine'), children: mine },
            {
              key: 'all',
              label: <span data-testid="works-tab-all">{t('works.tabSchool')}</span>,
              children: (
                <Card>
                  <WorksTable base={{}} showPerson emptyText={t('works.empty')} testId="works-all-table" />
                </Card>
              ),
            },
          ]}
        />
      ) : (
        mine
      )}
    </>
  );
}
