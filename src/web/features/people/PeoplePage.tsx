import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../../api/client';
import type { Person } from '../../api/types';
import { BackgroundExportButton } from '../../components/BackgroundExportButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { ImportModal } from './ImportModal';
import { PeopleFilterBar } from './PeopleFilterBar';
import { PersonFormDrawer } from './PersonFormDrawer';
import { BackboneTag, TagList } from './PersonTags';
import { filtersQuery, type PeopleFilters, usePeople } from './people.api';

/**
 * 教师名册: the roster with search, filters and server paging; add, import and export for those who manage it. A
 * teacher or a school leader reads their school's roster here (the home page and the menu lead them here).
 */
export function PeoplePage() {
  const t = useT();
  const me = useCurrentUser();
  const allowed = me.abilities.readPeople;
  const manages = me.abilities.managePeople;
  const [filters, setFilters] = useState<PeopleFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const [importing, setImporting] = useState(params.get('import') === '1');
  const people = usePeople(filters, page, pageSize, allowed);
  const tree = useOrgTree(allowed);
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);

  const changeFilters = useCallback((next: PeopleFilters) => {
    setFilters(next);
    setPage(1);
  }, []);

  if (!allowed) return <Forbidden />;

  const closeImport = () => {
    setImporting(false);
    if (params.has('import')) setParams({}, { replace: true });
  };

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (name: string, person) => (
        <Link to={`/people/${person.id}`} data-testid="people-row-name">
          {name}
        </Link>
      ),
    },
    { title: t('people.gender'), dataIndex: 'gender', width: 70, render: (g: Person['gender']) => t(`gender.${g}`) },
    { title: t('people.age'), dataIndex: 'age', width: 70 },
    { title: t('people.subjects'), dataIndex: 'subjects', render: (values: string[]) => <TagList values={values} /> },
    {
      title: t('people.groups'),
      dataIndex: 'groups',
      render: (groups: Person['groups']) => <TagList values={groups.map((group) => group.name)} />,
    },
    { title: t('people.titleField'), dataIndex: 'title', width: 110, render: (v: Person['title']) => t(`title.${v}`) },
    {
      title: t('people.backbone'),
      dataIndex: 'backboneLevel',
      width: 120,
      render: (level: Person['backboneLevel']) => <BackboneTag level={level} />,
    },
    { title: t('people.org'), dataIndex: 'orgName', ellipsis: true },
  ];

  const exportUrl = withQuery('/api/people/export.xlsx', filtersQuery(filters));

  return (
    <>
      <PageHeader
        title={t('people.title')}
        subtitle={t('people.subtitle')}
        extra={
          <>
            {manages && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="people-add">
                {t('people.add')}
              </Button>
            )}
            {me.abilities.importRoster && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="people-import-button">
                {t('people.import')}
              </Button>
            )}
            {manages && (
              <>
                <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="people-export">
                  {t('people.export')}
                </Button>
                <BackgroundExportButton target={exportUrl} label={t('nav.people')} testId="people-export-background" />
              </>
            )}
          </>
        }
      />
      <Card>
        <PeopleFilterBar filters={filters} schools={schools} onChange={changeFilters} />
        <Table<Person>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={people.data?.items ?? []}
          loading={people.isFetching}
          scroll={{ x: 960 }}
          locale={{ emptyText: <EmptyState text={t('people.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: people.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { n: total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="people-table"
        />
      </Card>
      {adding && manages && <PersonFormDrawer schools={schools} onClose={() => setAdding(false)} />}
      {importing && me.abilities.importRoster && <ImportModal schools={schools} onClose={closeImport} />}
    </>
  );
}
