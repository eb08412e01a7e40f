import { Select } from 'antd';
import { useMemo } from 'react';
import type { OrgNode } from '../../api/types';
import { useT } from '../../i18n';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';

/** The schools in the caller's tree with their groups (教研组/年级组). */
export function useSchoolsWithGroups(): {
  schools: OrgNode[];
  offices: OrgNode[];
  byId: Map<string, OrgNode>;
  loading: boolean;
} {
  const tree = useOrgTree();
  return useMemo(() => {
    const all = flattenOrgs(tree.data ?? []);
    return {
      schools: all.filter((node) => node.kind === 'school'),
      offices: all.filter((node) => node.kind === 'city' || node.kind === 'district'),
      byId: new Map(all.map((node) => [node.id, node])),
      loading: tree.isPending,
    };
  }, [tree.data, tree.isPending]);
}

/**
 * Picks an organiser: a school (全校) or one of its groups. As a list's filter (`withOffices`) a district's or a city's
 * office can also pick its whole area (全部学校), which is where its list starts.
 */
export function OrgSelect(props: {
  withOffices?: boolean;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  width?: number | string;
  disabled?: boolean;
}) {
  const t = useT();
  const { schools, offices, loading } = useSchoolsWithGroups();
  const areas =
    props.withOffices && offices.length > 0
      ? [
          {
            label: t('activity.orgAreas'),
            title: t('activity.orgAreas'),
            options: offices.map((office) => ({
              value: office.id,
              label: `${office.name} · ${t('activity.orgArea')}`,
            })),
          },
        ]
      : [];
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
  // An org the select does not offer (an office's own id where only schools and groups organise) is shown empty,
  // not as its raw id.
  const offered = new Set([...areas, ...options].flatMap((group) => group.options.map((o) => o.value)));
  const value = loading || !props.value || offered.has(props.value) ? props.value : undefined;
  return (
    <Select
      allowClear={props.allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(value?: string) => props.onChange?.(value)}
      placeholder={props.placeholder}
      options={[...areas, ...options]}
      loading={loading}
      disabled={props.disabled}
      style={{ width: props.width ?? '100%' }}
      data-testid={props.testId}
    />
  );
}
