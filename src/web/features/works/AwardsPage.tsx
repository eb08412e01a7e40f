import { DownloadOutlined, DownOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { mayImport } from '../../components/XlsxImportModal';
import { type Translate, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import type { Level } from '../projects/projects.api';
import { AwardImportModal } from './AwardImportModal';
import { EntryStatusTag, levelLabel, ResultTag, WorkKindTag } from './labels';
import { PublicationImportModal } from './PublicationImportModal';
import { type ScopeTerm, ScopeTermBar } from './ScopeTermBar';
import { WorksNav } from './WorksNav';
import {
  type Publication,
  type RecordFilters,
  useEntries,
  usePublications,
  type WorkEntry,
  workExportPath,
} from './works.api';

const PAGE_SIZE = 50;

function ExportButton({ href, testId }: { href: string; testId: string }) {
  const t = useT();
  return (
    <a href={href} download data-testid={testId}>
      <Button icon={<DownloadOutlined />}>{t('awards.export')}</Button>
    </a>
  );
}

/** Counts per level of the rows shown, e.g. “区级 3 · 市级 1”. */
function LevelSummary({ levels, total, t }: { levels: Level[]; total: number; t: Translate }) {
  const counts = new Map<Level, number>();
  for (const level of levels) counts.set(level, (counts.get(level) ?? 0) + 1);
  return (
    <Flex gap={6} wrap style={{ marginBottom: 8 }} data-testid="awards-summary">
      <Tag color="blue">{t('common.total', { n: total })}</Tag>
      {[...counts.entries()].map(([level, n]) => (
        <Tag key={level}>
          {levelLabel(t, level)} {n}
        </Tag>
      ))}
    </Flex>
  );
}

function entryColumns(t: Translate, withStatus: boolean): TableColumnsType<WorkEntry> {
  return [
    { title: t('awards.colTeacher'), key: 'authors', width: 160, render: (_: unknown, e) => e.authorNames.join('、') },
    {
      title: t('awards.colWork'),
      key: 'work',
      render: (_: unknown, e) => (
        <Flex gap={6} align="center">
          <WorkKindTag kind={e.workKind} t={t} />
          <Link to={`/works/${e.workId}`}>{e.workTitle}</Link>
        </Flex>
      ),
    },
    { title: t('awards.colCompetition'), dataIndex: 'competitionName', width: 200 },
    {
      title: t('awards.colLevel'),
      key: 'level',
      width: 80,
      render: (_: unknown, e) => levelLabel(t, e.competitionLevel),
    },
    withStatus
      ? {
          title: t('entries.colStatus'),
          key: 'status',
          width: 110,
          render: (_: unknown, e) => <EntryStatusTag status={e.status} t={t} />,
        }
      : {
          title: t('awards.colResult'),
          key: 'result',
          width: 90,
          render: (_: unknown, e) => <ResultTag result={e.result} t={t} />,
        },
    {
      title: t('awards.colDate'),
      key: 'date',
      width: 110,
      render: (_: unknown, e) => (withStatus ? e.enteredOn : (e.resultOn ?? t('common.none'))),
    },
    { title: t('awards.colSchool'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];
}

/** 获奖 (entries with a result) or 参评 (every entry) of the scope and term. */
function EntriesTab({ filters, awarded }: { filters: RecordFilters; awarded: boolean }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const query: RecordFilters = { ...filters, awarded: awarded ? 'true' : undefined };
  const list = useEntries(query, page, PAGE_SIZE);
  const items = list.data?.items ?? [];
  return (
    <>
      <Flex justify="space-between" wrap gap={8}>
        <LevelSummary levels={items.map((e) => e.competitionLevel)} total={list.data?.total ?? 0} t={t} />
        <ExportButton
          href={withQuery(workExportPath('entries'), query)}
          testId={awarded ? 'awards-export' : 'entries-export'}
        />
      </Flex>
      <Table<WorkEntry>
        rowKey="id"
        size="middle"
        columns={entryColumns(t, !awarded)}
        dataSource={items}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('awards.empty')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid={awarded ? 'awards-table' : 'entries-report-table'}
      />
    </>
  );
}

/** 发表 of the scope and term. */
function PublicationsTab({ filters }: { filters: RecordFilters }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = usePublications(filters, page, PAGE_SIZE);
  const items = list.data?.items ?? [];
  const columns: TableColumnsType<Publication> = [
    { title: t('awards.colTeacher'), key: 'authors', width: 160, render: (_: unknown, p) => p.authorNames.join('、') },
    {
      title: t('awards.colWork'),
      key: 'work',
      render: (_: unknown, p) => <Link to={`/works/${p.workId}`}>{p.workTitle}</Link>,
    },
    { title: t('awards.colJournal'), dataIndex: 'journal', width: 200 },
    { title: t('awards.colLevel'), dataIndex: 'level', width: 80, render: (v: Level) => levelLabel(t, v) },
    { title: t('awards.colIssue'), dataIndex: 'issue', width: 130 },
    { title: t('awards.colDate'), dataIndex: 'publishedOn', width: 110 },
    { title: t('awards.colSchool'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];
  return (
    <>
      <Flex justify="space-between" wrap gap={8}>
        <LevelSummary levels={items.map((p) => p.level)} total={list.data?.total ?? 0} t={t} />
        <ExportButton href={withQuery(workExportPath('publications'), filters)} testId="publications-export" />
      </Flex>
      <Table<Publication>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('awards.empty')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid="publications-table"
      />
    </>
  );
}

/** 获奖与发表: the term's awards, entries and publications of a scope, each exportable to Excel. */
export function AwardsPage() {
  const t = useT();
  const me = useCurrentUser();
  const canImport = mayImport(me.roles);
  const [importing, setImporting] = useState<'awards' | 'publications' | null>(null);
  const tree = useOrgTree();
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);
  const [params, setParams] = useSearchParams();
  const [scope, setScope] = useState<ScopeTerm>({});
  const onScope = useCallback((next: ScopeTerm) => setScope(next), []);
  const tab = params.get('tab') ?? 'awards';
  const filters: RecordFilters = { orgId: scope.orgId, termId: scope.termId };
  return (
    <>
      <PageHeader
        title={t('awards.title')}
        subtitle={t('awards.subtitle')}
        extra={
          canImport && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'awards',
                    label: <span data-testid="awards-import-awards">{t('awardImport.button')}</span>,
                  },
                  {
                    key: 'publications',
                    label: <span data-testid="awards-import-publications">{t('publicationImport.button')}</span>,
                  },
                ],
                onClick: ({ key }) => setImporting(key === 'publications' ? 'publications' : 'awards'),
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="awards-import-button">
                {t('awardImport.menu')} <DownOutlined />
              </Button>
            </Dropdown>
          )
        }
      />
      <WorksNav />
      <Card>
        <ScopeTermBar value={scope} onChange={onScope} />
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'awards' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'awards', label: t('awards.tabAwards'), children: <EntriesTab filters={filters} awarded /> },
            {
              key: 'publications',
              label: <span data-testid="awards-tab-publications">{t('awards.tabPublications')}</span>,
              children: <PublicationsTab filters={filters} />,
            },
            {
              key: 'entries',
              label: <span data-testid="awards-tab-entries">{t('awards.tabEntries')}</span>,
              children: <EntriesTab filters={filters} awarded={false} />,
            },
          ]}
        />
      </Card>
      {importing === 'awards' && <AwardImportModal schools={schools} onClose={() => setImporting(null)} />}
      {importing === 'publications' && <PublicationImportModal schools={schools} onClose={() => setImporting(null)} />}
    </>
  );
}
