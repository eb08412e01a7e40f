import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { Term } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { TermModal } from './TermModal';
import { useTerms } from './terms.api';

/** "2025–2026学年" for 2025. */
export function schoolYearLabel(t: Translate, year: number): string {
  return t('terms.schoolYearValue', { from: year, to: year + 1 });
}

/** 学年学期: the list of terms, the current one tagged; managers add and edit. */
export function TermsPage() {
  const t = useT();
  const me = useCurrentUser();
  const terms = useTerms();
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const canManage = me.abilities.manageTerms;

  const columns: TableColumnsType<Term> = [
    {
      title: t('terms.name'),
      dataIndex: 'name',
      render: (name: string, term) => (
        <>
          {name}
          {term.current && (
            <Tag color="green" style={{ marginLeft: 8 }} data-testid="term-current">
              {t('terms.current')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('terms.schoolYear'), dataIndex: 'schoolYear', render: (year: number) => schoolYearLabel(t, year) },
    {
      title: t('terms.termNo'),
      dataIndex: 'termNo',
      render: (no: number) => (no === 1 ? t('terms.term1') : t('terms.term2')),
    },
    { title: t('terms.startsOn'), dataIndex: 'startsOn' },
    { title: t('terms.endsOn'), dataIndex: 'endsOn' },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, term: Term) =>
              term.abilities?.update !== false && (
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(term)}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('terms.title')}
        subtitle={t('terms.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="terms-add">
              {t('terms.add')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Term>
          rowKey="id"
          columns={columns}
          dataSource={terms.data?.items ?? []}
          loading={terms.isPending}
          pagination={false}
          rowClassName={(term) => (term.current ? 'term-current-row' : '')}
          locale={{ emptyText: <EmptyState text={t('terms.empty')} /> }}
          data-testid="terms-table"
        />
      </Card>
      {editing && <TermModal term={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
