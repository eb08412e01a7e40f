import { Flex, Grid, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { PersonSelect } from '../projects/PersonSelect';
import { useTerms } from '../terms/terms.api';
import { ResultTag, WorkKindTag, worksLabel } from './labels';
import { useWorks, type Work, type WorkFilters, workKinds } from './works.api';

/** The names of a work's authors in byline order; outside co-authors marked. */
export function authorNames(work: Pick<Work, 'authors'>, outsideMark: string): string {
  return work.authors.map((author) => (author.outside ? `${author.name}（${outsideMark}）` : author.name)).join('、');
}

/** The filters above a works list: kind, term, author (for those who see others) and title search. */
function WorksFilterBar(props: { filters: WorkFilters; onChange: (f: WorkFilters) => void; showPerson: boolean }) {
  const t = useT();
  const terms = useTerms();
  const { filters, onChange } = props;
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t('works.filterKind')}
        value={filters.kind}
        onChange={(kind?: WorkFilters['kind']) => onChange({ ...filters, kind })}
        options={workKinds.map((value) => ({ value, label: worksLabel(t, 'workKind', value) }))}
        style={{ width: 140 }}
        data-testid="works-filter-kind"
      />
      <Select
        allowClear
        placeholder={t('works.filterTerm')}
        value={filters.termId}
        onChange={(termId?: string) => onChange({ ...filters, termId })}
        options={(terms.data?.items ?? []).map((term) => ({ value: term.id, label: term.name }))}
        style={{ width: 220 }}
        data-testid="works-filter-term"
      />
      {props.showPerson && (
        <PersonSelect
          value={filters.personId}
          onChange={(personId) => onChange({ ...filters, personId })}
          placeholder={t('works.filterPerson')}
          width={180}
          testId="works-filter-person"
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('works.searchPlaceholder')}
        defaultValue={filters.q}
        onSearch={(q) => onChange({ ...filters, q: q || undefined })}
        style={{ width: 220 }}
        data-testid="works-filter-q"
      />
    </Flex>
  );
}

/** A filtered, paged list of works; `base` fixes filters the user cannot change (e.g. the author). */
export function WorksTable(props: { base: WorkFilters; showPerson: boolean; emptyText: string; testId: string }) {
  const t = useT();
  const [filters, setFilters] = useState<WorkFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const works = useWorks({ ...filters, ...props.base }, page, pageSize);
  const narrow = Grid.useBreakpoint().md === false;
  const outside = t('work.outsideAuthor');

  const titleCell = (work: Work) => (
    <Link to={`/works/${work.id}`} data-testid="work-row-title">
      {work.title}
    </Link>
  );
  const compact: TableColumnsType<Work> = [
    {
      title: t('works.colTitle'),
      key: 'compact',
      render: (_: unknown, work) => (
        <Flex vertical gap={4}>
          <Flex gap={6} align="center" wrap>
            <WorkKindTag kind={work.kind} t={t} />
            {titleCell(work)}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {authorNames(work, outside)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<Work> = [
    {
      title: t('works.colKind'),
      dataIndex: 'kind',
      width: 110,
      render: (_: unknown, w) => <WorkKindTag kind={w.kind} t={t} />,
    },
    { title: t('works.colTitle'), dataIndex: 'title', ellipsis: true, render: (_: unknown, w) => titleCell(w) },
    {
      title: t('works.colAuthors'),
      key: 'authors',
      width: 200,
      ellipsis: true,
      render: (_: unknown, w) => authorNames(w, outside),
    },
    {
      title: t('works.colSubject'),
      dataIndex: 'subject',
      width: 90,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('works.colChars'),
      dataIndex: 'charCount',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v == null ? t('common.none') : v.toLocaleString()),
    },
    { title: t('works.colEntries'), dataIndex: 'entryCount', width: 80, align: 'right' },
    {
      title: t('works.colBest'),
      dataIndex: 'bestResult',
      width: 100,
      render: (_: unknown, w) => <ResultTag result={w.bestResult} t={t} />,
    },
    { title: t('works.colCreated'), dataIndex: 'createdAt', width: 110, render: (v: string) => v.slice(0, 10) },
  ];

  return (
    <>
      <WorksFilterBar
        filters={filters}
        showPerson={props.showPerson}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <Table<Work>
        rowKey="id"
        size="middle"
        columns={narrow ? compact : columns}
        dataSource={works.data?.items ?? []}
        loading={works.isFetching}
        scroll={narrow ? undefined : { x: 900 }}
        locale={{ emptyText: <EmptyState text={works.isError ? works.error.message : props.emptyText} /> }}
        pagination={{
          current: page,
          pageSize,
          total: works.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
        data-testid={props.testId}
      />
    </>
  );
}
