import { Card, Flex, List, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { Highlighted } from './Highlighted';
import { SearchBox } from './SearchBox';
import { isSearchType, type SearchHit, searchTypes, useSearch } from './search.api';

const PAGE_SIZE = 20;
const TYPE_COLORS: Record<SearchHit['type'], string> = {
  project: 'blue',
  report: 'geekblue',
  activity: 'green',
  growth: 'cyan',
  work: 'gold',
  file: 'purple',
};

function HitItem({ hit }: { hit: SearchHit }) {
  const t = useT();
  return (
    <List.Item data-testid="search-hit">
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex align="center" gap={8} wrap>
          <Tag color={TYPE_COLORS[hit.type]} style={{ marginInlineEnd: 0 }}>
            {t(`search.type.${hit.type}`)}
          </Tag>
          <Link to={hit.link} data-testid="search-hit-link">
            <Typography.Text strong style={{ fontSize: 15, color: 'inherit' }}>
              {hit.title}
            </Typography.Text>
          </Link>
        </Flex>
        <Typography.Paragraph style={{ margin: 0, color: '#434343' }} data-testid="search-hit-snippet">
          {hit.type === 'file' && <Typography.Text type="secondary">{t('search.file')}</Typography.Text>}
          <Highlighted snippet={hit.snippet} />
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[hit.orgName, hit.date].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 搜索结果: hits of every kind the caller may see, by type, with the hits highlighted. */
export function SearchPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type = isSearchType(typeParam) ? typeParam : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const result = useSearch(q, type, page, PAGE_SIZE);
  const counts = result.data?.counts ?? {};
  const allCount = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

  const go = (next: { type?: string; page?: number }) => {
    const p = new URLSearchParams({ q });
    const nextType = next.type ?? type ?? 'all';
    if (nextType !== 'all') p.set('type', nextType);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p);
  };

  const tabs = [
    { key: 'all', label: `${t('search.type.all')} ${allCount}` },
    ...searchTypes.map((key) => ({ key, label: `${t(`search.type.${key}`)} ${counts[key] ?? 0}` })),
  ];

  return (
    <>
      <PageHeader title={t('search.title')} subtitle={t('search.subtitle')} extra={<SearchBox width={320} />} />
      <Card>
        {!q ? (
          <EmptyState text={t('search.hint')} />
        ) : (
          <>
            <Tabs
              activeKey={type ?? 'all'}
              items={tabs}
              onChange={(key) => go({ type: key, page: 1 })}
              data-testid="search-tabs"
            />
            {result.isLoading ? (
              <Loading />
            ) : (
              <List
                dataSource={result.data?.items ?? []}
                locale={{ emptyText: <EmptyState text={t('search.empty', { q })} /> }}
                header={
                  <Typography.Text type="secondary" data-testid="search-total">
                    {t('search.total', { n: result.data?.total ?? 0 })}
                  </Typography.Text>
                }
                renderItem={(hit) => <HitItem hit={hit} />}
                rowKey={(hit) => `${hit.type}:${hit.id}`}
                pagination={
                  (result.data?.total ?? 0) > PAGE_SIZE
                    ? {
                        current: page,
                        pageSize: PAGE_SIZE,
                        total: result.data?.total ?? 0,
                        showSizeChanger: false,
                        onChange: (p) => go({ page: p }),
                      }
                    : false
                }
              />
            )}
          </>
        )}
      </Card>
    </>
  );
}
