import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Grant, Person } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { PersonGrowthCard } from '../growth/PersonGrowthCard';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { GrantRoleModal } from './GrantRoleModal';
import { PersonFormDrawer } from './PersonFormDrawer';
import { BackboneTag, TagList } from './PersonTags';
import { usePerson, useRevokeRole } from './people.api';

function profileItems(t: Translate, person: Person) {
  const none = t('common.none');
  return [
    { key: 'name', label: t('people.name'), children: person.name },
    { key: 'gender', label: t('people.gender'), children: t(`gender.${person.gender}`) },
    { key: 'birthDate', label: t('people.birthDate'), children: person.birthDate },
    { key: 'age', label: t('people.age'), children: t('people.ageValue', { age: person.age }) },
    { key: 'org', label: t('people.org'), children: person.orgName },
    { key: 'hireDate', label: t('people.hireDate'), children: person.hireDate ?? none },
    { key: 'subjects', label: t('people.subjects'), children: <TagList values={person.subjects} /> },
    { key: 'groups', label: t('people.groups'), children: <TagList values={person.groups.map((g) => g.name)} /> },
    { key: 'title', label: t('people.titleField'), children: t(`title.${person.title}`) },
    { key: 'backbone', label: t('people.backbone'), children: <BackboneTag level={person.backboneLevel} /> },
    { key: 'phone', label: t('people.phone'), children: person.phone ?? none },
    { key: 'email', label: t('people.email'), children: person.email ?? none },
    { key: 'employeeNo', label: t('people.employeeNo'), children: person.employeeNo ?? none },
    { key: 'username', label: t('people.username'), children: person.username ?? t('people.noAccount') },
  ];
}

/** A teacher's profile: fields, edit, roles (grant/revoke) and the growth summary. */
export function PersonPage() {
  const { id } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const person = usePerson(id);
  const revoke = useRevokeRole(id ?? '');
  const tree = useOrgTree(Boolean(person.data?.abilities.update));
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);
  const [editing, setEditing] = useState(false);
  const [granting, setGranting] = useState(false);

  if (person.isPending) return <Loading height={400} />;
  if (person.isError) {
    if (person.error instanceof ApiError && person.error.status === 404)
      return <NotFound text={t('person.notFound')} />;
    return <EmptyState text={person.error.message} />;
  }
  const data = person.data;

  const revokeGrant = (grant: Grant) =>
    revoke.mutateAsync(grant.id).then(
      () => message.success(t('person.revoked')),
      (error: unknown) => showError(error),
    );

  return (
    <>
      <Link to="/people">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('person.back')}
        </Button>
      </Link>
      <PageHeader
        title={data.name}
        testId="person-name"
        subtitle={`${data.orgName} · ${t(`title.${data.title}`)}`}
        extra={
          data.abilities.update && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
              {t('person.edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('person.basic')}>
            <Descriptions bordered column={{ xs: 1, md: 2 }} items={profileItems(t, data)} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={t('person.roles')}
            extra={
              data.abilities.grantRoles && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="grant-open">
                  {t('person.grant')}
                </Button>
              )
            }
            style={{ marginBottom: 16 }}
          >
            {data.roles.length === 0 ? (
              <EmptyState text={t('person.rolesEmpty')} />
            ) : (
              <Flex vertical data-testid="person-roles">
                {data.roles.map((grant, index) => (
                  <Flex
                    key={grant.id}
                    justify="space-between"
                    align="center"
                    style={{ padding: '10px 0', borderTop: index === 0 ? undefined : '1px solid #f0f0f0' }}
                  >
                    <div>
                      <Tag color="blue">{t(`role.${grant.role}`)}</Tag>
                      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                        {grant.orgName ?? t('common.wholeDeployment')}
                      </Typography.Text>
                    </div>
                    {data.abilities.grantRoles && (
                      <Popconfirm
                        title={t('person.revokeConfirm', {
                          role: t(`role.${grant.role}`),
                          org: grant.orgName ?? t('common.wholeDeployment'),
                        })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => revokeGrant(grant)}
                      >
                        <Button type="link" danger size="small" data-testid="grant-revoke">
                          {t('person.revoke')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
          <PersonGrowthCard personId={data.id} />
        </Col>
      </Row>
      {editing && <PersonFormDrawer person={data} schools={schools} onClose={() => setEditing(false)} />}
      {granting && <GrantRoleModal personId={data.id} defaultOrgId={data.orgId} onClose={() => setGranting(false)} />}
    </>
  );
}
