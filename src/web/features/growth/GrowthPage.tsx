import { FolderOpenOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { EightOnesCard } from './EightOnesCard';
import { GrowthRecordModal } from './GrowthRecordModal';
import { GrowthTable } from './GrowthTable';
import { managesSchool, onSchoolRoster, seesOthers } from './labels';

/** 专业成长: my records with 八个一, and for leaders the records of their school or group. */
export function GrowthPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const others = seesOthers(me.roles);
  const tree = useOrgTree(others && me.abilities.readOrgs);
  const nodes = useMemo(() => flattenOrgs(tree.data ?? []), [tree.data]);
  const schools = nodes.filter((node) => node.kind === 'school');
  const groups = nodes.filter((node) => node.kind === 'group');
  const onlyGroupLeader = !me.roles.some((grant) => grant.role !== 'group_leader' && grant.role !== 'teacher');
  const tab = params.get('tab') === 'school' && others ? 'school' : 'mine';
  // An office (区县/市) keeps no records of its own: it sees its area's, without a 我的记录 or 八个一 of its own.
  const onRoster = onSchoolRoster(me);

  const mine = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card>
          <GrowthTable
            base={{ personId: me.id }}
            showTeacher={false}
            emptyText={t('growth.emptyMine')}
            testId="growth-mine-table"
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <EightOnesCard personId={me.id} />
      </Col>
    </Row>
  );

  const area = (
    <Card>
      <GrowthTable
        base={{}}
        showTeacher
        schools={schools}
        groups={groups}
        emptyText={t('growth.empty')}
        testId="growth-school-table"
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('growth.title')}
        subtitle={t('growth.subtitle')}
        extra={
          <>
            {onRoster && (
              <Link to={`/people/${me.id}/growth`}>
                <Button icon={<FolderOpenOutlined />} data-testid="growth-my-archive">
                  {t('growth.myArchive')}
                </Button>
              </Link>
            )}
            {(onRoster || managesSchool(me.roles)) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="growth-add">
                {t('growth.add')}
              </Button>
            )}
          </>
        }
      />
      {others && !onRoster ? (
        area
      ) : others ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'school' ? { tab: 'school' } : {}, { replace: true })}
          items={[
            { key: 'mine', label: t('growth.tabMine'), children: mine },
            {
              key: 'school',
              label: (
                <span data-testid="growth-tab-school">
                  {t(onlyGroupLeader ? 'growth.tabSchoolGroup' : 'growth.tabSchool')}
                </span>
              ),
              children: area,
            },
          ]}
        />
      ) : (
        mine
      )}
      {adding && <GrowthRecordModal forOthers={managesSchool(me.roles)} onClose={() => setAdding(false)} />}
    </>
  );
}
