import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { EntriesCard } from './EntriesCard';
import { levelLabel, WorkKindTag } from './labels';
import { PublicationsCard } from './PublicationsCard';
import { useDeleteWork, useWork, type Work } from './works.api';

/** The byline: authors in order, teachers linked to their archive, outside co-authors marked. */
function Authors({ work }: { work: Work }) {
  const t = useT();
  return (
    <Flex wrap gap={6} data-testid="work-authors-list">
      {work.authors.map((author) => (
        <Tag key={author.position} color={author.outside ? 'orange' : 'blue'}>
          {author.position}.{' '}
          {author.personId && !author.outside ? (
            <Link to={`/people/${author.personId}`}>{author.name}</Link>
          ) : (
            `${author.name}（${t('work.outsideAuthor')}）`
          )}
        </Tag>
      ))}
    </Flex>
  );
}

/** One work: byline, characters, subject, projects; its entries (初审, 结果, 证书) and publications. */
export function WorkPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const work = useWork(id);
  const remove = useDeleteWork();

  if (work.isPending) return <Loading height={400} />;
  if (work.isError) {
    if (work.error instanceof ApiError && [403, 404].includes(work.error.status))
      return <NotFound text={t('work.notFound')} />;
    return <EmptyState text={work.error.message} />;
  }
  const data = work.data;
  const items = [
    { key: 'kind', label: t('work.kind'), children: <WorkKindTag kind={data.kind} t={t} /> },
    { key: 'subject', label: t('work.subject'), children: data.subject ?? t('common.none') },
    {
      key: 'chars',
      label: t('work.charCount'),
      children:
        data.charCount == null ? t('common.none') : t('works.charsValue', { n: data.charCount.toLocaleString() }),
    },
    { key: 'authors', label: t('work.authors'), span: 3, children: <Authors work={data} /> },
    {
      key: 'projects',
      label: t('work.projects'),
      span: 3,
      children:
        data.projects.length === 0 ? (
          <Typography.Text type="secondary">{t('work.noProjects')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {data.projects.map((project) => (
              <Link key={project.id} to={`/projects/${project.id}`}>
                {project.title}（{levelLabel(t, project.level)}）
              </Link>
            ))}
          </Flex>
        ),
    },
    { key: 'org', label: t('awards.colSchool'), children: data.orgName },
    { key: 'created', label: t('work.createdAt'), children: data.createdAt.slice(0, 10) },
  ];

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(-1)}>
        {t('work.back')}
      </Button>
      <PageHeader
        title={data.title}
        testId="work-title-heading"
        extra={
          <>
            {data.abilities.update && (
              <Link to={`/works/${data.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="work-edit">
                  {t('common.edit')}
                </Button>
              </Link>
            )}
            {data.abilities.delete && (
              <Popconfirm
                title={t('work.deleteConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(data.id).then(
                    () => {
                      message.success(t('common.deleted'));
                      navigate('/works', { replace: true });
                    },
                    (error: unknown) => showError(error),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />} data-testid="work-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} items={items} />
        </Card>
        {data.abstract && (
          <Card title={t('work.abstract')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {data.abstract}
            </Typography.Paragraph>
          </Card>
        )}
        <EntriesCard work={data} />
        <PublicationsCard work={data} />
      </Flex>
    </>
  );
}
