import { Select } from 'antd';
import { useMemo } from 'react';
import type { OrgNode } from '../../api/types';
import { useT } from '../../i18n';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';

/** The schools in the caller's tree with their groups (教研组/年级组). */
export function useSchoolsWithGroups(): { schools: OrgNode[]; byId: Map<string, OrgNode>; loading: boolean } {
  const tree = useOrgTree();
  return useMemo(() => {
    const all = flattenOrgs(tree.data ?? []);
    return {
      schools: all.filter((node) => node.kind === 'school'),
      byId: new Map(all.map((node) => [node.id, node])),
      loading: tree.isPending,
    };
  }, [tree.data, tree.isPending]);
}

/** Picks an organiser: a school (全校) or one of its groups. */
export function OrgSelect(props: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  width?: number | string;
  disabled?: boolean;
}) {
  const t = useT();
  const { schools, loading } = useSchoolsWithGroups();
  const options = schools.map((school) => ({
    label: school.name,
    title: school.name,
    options: [
      { value: school.id, label: `${school.name} · ${t('activity.orgSchool')}` },
      ...school.children
        .filter((node) => node.kind === 'group')
        .map((group) => ({ value: group.id, label: group.name })),
    ],
  }));
  return (
    <Select
      allowClear={props.allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value}
      onChange={(value?: string) => props.onChange?.(value)}
      placeholder={props.placeholder}
      options={options}
      loading={loading}
      disabled={props.disabled}
      style={{ width: props.width ?? '100%' }}
      data-testid={props.testId}
    />
  );
}
