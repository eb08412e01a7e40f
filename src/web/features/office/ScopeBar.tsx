import { Select, Tag } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { OrgNode, Term } from '../../api/types';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { useTerms } from '../terms/terms.api';
import { isOffice } from './labels';
import type { Scope } from './office.api';

/** The school and term a page looks at, kept in the address (`?orgId=&termId=`). */
export interface ScopeState {
  scope: Partial<Scope>;
  schools: OrgNode[];
  /** What the org picker offers: the schools, and first the offices when the page compares schools. */
  choices: OrgNode[];
  school: OrgNode | undefined;
  terms: Term[];
  term: Term | undefined;
  setOrgId: (orgId: string) => void;
  setTermId: (termId: string) => void;
}

/**
 * Reads the scope from the address, defaulting to the caller's school and the current term. `offices`: the
 * district and city offices the page may also show (school by school); an office's own staff then start there.
 */
export function useScope(offices?: (me: ReturnType<typeof useCurrentUser>, nodes: OrgNode[]) => OrgNode[]): ScopeState {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree(me.abilities.readOrgs);
  const terms = useTerms();
  const nodes = useMemo(() => flattenOrgs(tree.data ?? []), [tree.data]);
  const schools = useMemo(() => nodes.filter((node) => node.kind === 'school'), [nodes]);
  const termList = terms.data?.items ?? [];

  const officeNodes = useMemo(() => (offices ? offices(me, nodes) : []), [offices, me, nodes]);
  const fallbackOrg =
    [...officeNodes, ...schools].find((node) => node.id === me.orgId)?.id ??
    officeNodes[0]?.id ??
    schools[0]?.id ??
    me.orgId ??
    undefined;
  const fallbackTerm = termList.find((term) => term.current)?.id ?? termList[0]?.id;
  const orgId = params.get('orgId') ?? fallbackOrg;
  const termId = params.get('termId') ?? fallbackTerm;

  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return {
    scope: { orgId, termId },
    schools,
    choices: [...officeNodes, ...schools],
    school: nodes.find((node) => node.id === orgId),
    terms: termList,
    term: termList.find((term) => term.id === termId),
    setOrgId: (value) => set('orgId', value),
    setTermId: (value) => set('termId', value),
  };
}

/** Picks the school (when the caller sees more than one) and the term. */
export function ScopeBar({ state, hideSchool }: { state: ScopeState; hideSchool?: boolean }) {
  const t = useT();
  const { choices, terms, scope } = state;
  // one school in scope: no choice to offer
  const showSchool = !hideSchool && choices.length > 1;

  return (
    <>
      {showSchool && (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={scope.orgId}
          onChange={state.setOrgId}
          options={choices.map((node) => ({
            value: node.id,
            label: isOffice(node) ? t('office.officeSchools', { name: node.name }) : node.name,
          }))}
          placeholder={t('office.pickSchool')}
          style={{ width: choices.length > state.schools.length ? 340 : 200 }}
          data-testid="office-school"
        />
      )}
      <Select
        value={scope.termId}
        onChange={state.setTermId}
        options={terms.map((term) => ({
          value: term.id,
          label: (
            <span>
              {term.name}
              {term.current && (
                <Tag color="green" style={{ marginLeft: 6 }}>
                  {t('office.currentTerm')}
                </Tag>
              )}
            </span>
          ),
        }))}
        placeholder={t('office.pickTerm')}
        style={{ width: 290 }}
        data-testid="office-term"
      />
    </>
  );
}
