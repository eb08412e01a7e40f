import { Card, Col, Input, Row, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrgNode } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { OrgDetails } from './OrgDetails';
import { OrgKindIcon } from './OrgLabels';
import { findOrg, flattenOrgs, useOrgTree } from './orgs.api';

/** Keeps nodes whose name contains the text, with their ancestors. */
function filterTree(nodes: OrgNode[], text: string): OrgNode[] {
  if (!text) return nodes;
  return nodes.flatMap((node) => {
    const children = filterTree(node.children, text);
    return node.name.includes(text) || children.length > 0 ? [{ ...node, children }] : [];
  });
}

function toTreeData(nodes: OrgNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: node.name,
    icon: <OrgKindIcon kind={node.kind} />,
    children: toTreeData(node.children),
  }));
}

/**
 * 组织机构: the org tree on the left, the selected org's details on the right, with the actions each org's abilities
 * allow (none for a reader: a teacher sees their school and its groups).
 */
export function OrgsPage() {
  const t = useT();
  const me = useCurrentUser();
  const tree = useOrgTree(me.abilities.readOrgs);
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const nodes = tree.data ?? [];
  const visible = useMemo(() => filterTree(nodes, search.trim()), [nodes, search]);
  const defaultExpanded = useMemo(
    () =>
      flattenOrgs(nodes)
        .filter((node) => node.kind !== 'school' && node.kind !== 'group')
        .map((n) => n.id),
    [nodes],
  );
  // Opens on the caller's own org (a teacher's school, a district office's district), else the top of the tree.
  const own = findOrg(nodes, me.orgId ?? undefined);
  const selectedId = params.get('id') ?? own?.id ?? nodes[0]?.id;
  const selected = findOrg(nodes, selectedId);
  const parent = findOrg(nodes, selected?.parentId ?? undefined);

  if (!me.abilities.readOrgs) return <Forbidden />;

  const select = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('id', id);
    else next.delete('id');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('orgs.title')} subtitle={t('orgs.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={9} xl={8}>
          <Card title={t('orgs.tree')} styles={{ body: { minHeight: 480 } }}>
            <Input.Search
              allowClear
              placeholder={t('orgs.searchPlaceholder')}
              onChange={(event) => setSearch(event.target.value)}
              style={{ marginBottom: 12 }}
            />
            {tree.isPending ? (
              <Loading />
            ) : visible.length === 0 ? (
              <EmptyState text={t('orgs.empty')} />
            ) : (
              <Tree
                showIcon
                blockNode
                treeData={toTreeData(visible)}
                selectedKeys={selected ? [selected.id] : []}
                expandedKeys={search.trim() ? flattenOrgs(visible).map((n) => n.id) : (expanded ?? defaultExpanded)}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => keys.length > 0 && select(String(keys[0]))}
                data-testid="org-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected ? (
            <OrgDetails key={selected.id} org={selected} parent={parent} onSelect={select} />
          ) : (
            <Card>
              <EmptyState text={tree.isPending ? t('common.loading') : t('orgs.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
