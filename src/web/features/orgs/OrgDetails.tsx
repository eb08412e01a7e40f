import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OrgNode } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { OrgFormModal } from './OrgFormModal';
import { OrgKindIcon, OrgKindTag } from './OrgLabels';
import { useDeleteOrg } from './orgs.api';

/** The selected org: its fields, its children and the actions its abilities allow. */
export function OrgDetails(props: { org: OrgNode; parent?: OrgNode; onSelect: (id: string | undefined) => void }) {
  const { org, parent, onSelect } = props;
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const remove = useDeleteOrg();
  const [modal, setModal] = useState<'edit' | 'create' | null>(null);
  const canAddChild = org.abilities.createChild && org.childKinds.length > 0;

  const items = [
    { key: 'name', label: t('orgs.name'), children: org.name },
    { key: 'kind', label: t('orgs.kind'), children: <OrgKindTag org={org} /> },
    { key: 'code', label: t('orgs.code'), children: org.code || t('common.none') },
    { key: 'parent', label: t('orgs.parent'), children: parent?.name ?? t('common.none') },
    ...(org.kind === 'school'
      ? [{ key: 'rural', label: t('orgs.rural'), children: org.rural ? t('common.yes') : t('common.no') }]
      : []),
    { key: 'children', label: t('orgs.childrenCount'), children: org.children.length },
  ];

  const extra = (
    <Flex gap={8} wrap>
      {org.abilities.update && (
        <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="org-edit">
          {t('orgs.edit')}
        </Button>
      )}
      {canAddChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')} data-testid="org-add-child">
          {t('orgs.addChild')}
        </Button>
      )}
      {org.abilities.delete && (
        <Popconfirm
          title={t('orgs.deleteConfirm', { name: org.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove.mutateAsync(org.id).then(
              () => {
                message.success(t('common.deleted'));
                onSelect(org.parentId ?? undefined);
              },
              (error: unknown) => showError(error),
            )
          }
        >
          <Button danger icon={<DeleteOutlined />} data-testid="org-delete">
            {t('orgs.delete')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <OrgKindIcon kind={org.kind} />
          <span data-testid="org-name">{org.name}</span>
        </Flex>
      }
      extra={extra}
    >
      <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} size="middle" />
      {org.children.length > 0 && (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={5}>{t('orgs.childrenCount')}</Typography.Title>
          <Flex wrap gap={8}>
            {org.children.map((child) => (
              <Tag
                key={child.id}
                icon={<OrgKindIcon kind={child.kind} />}
                style={{ cursor: 'pointer', padding: '4px 10px', fontSize: 14 }}
                onClick={() => onSelect(child.id)}
              >
                {child.name}
              </Tag>
            ))}
          </Flex>
        </div>
      )}
      {modal && (
        <OrgFormModal
          mode={modal}
          org={org}
          onClose={(createdId) => {
            setModal(null);
            if (createdId) onSelect(createdId);
          }}
        />
      )}
    </Card>
  );
}
