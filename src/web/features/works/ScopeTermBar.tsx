import { Flex, Select } from 'antd';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { useTerms } from '../terms/terms.api';

/** The scope (a school, a district…) and term a statistics table is about. */
export interface ScopeTerm {
  orgId?: string;
  termId?: string;
}

/** Picks the scope among the orgs the caller sees (not groups) and the term (the current one first). */
export function ScopeTermBar(props: { value: ScopeTerm; onChange: (v: ScopeTerm) => void; extra?: ReactNode }) {
  const t = useT();
  const me = useCurrentUser();
  const terms = useTerms();
  const tree = useOrgTree(me.abilities.readOrgs);
  const scopes = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind !== 'group'), [tree.data]);
  const { value, onChange } = props;
  const current = terms.data?.items.find((term) => term.current)?.id;

  useEffect(() => {
    if (!value.termId && current) onChange({ ...value, termId: current });
  }, [current, value, onChange]);

  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      {scopes.length > 1 && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('awards.scope')}
          value={value.orgId}
          onChange={(orgId?: string) => onChange({ ...value, orgId })}
          options={scopes.map((node) => ({ value: node.id, label: node.name }))}
          style={{ width: 240 }}
          data-testid="awards-scope"
        />
      )}
      <Select
        allowClear
        placeholder={t('awards.term')}
        value={value.termId}
        onChange={(termId?: string) => onChange({ ...value, termId })}
        options={(terms.data?.items ?? []).map((term) => ({ value: term.id, label: term.name }))}
        style={{ width: 240 }}
        data-testid="awards-term"
      />
      {props.extra}
    </Flex>
  );
}
