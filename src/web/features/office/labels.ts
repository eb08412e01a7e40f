import type { HTMLAttributes } from 'react';
import type { Me, OrgNode } from '../../api/types';
import type { MessageKey, Translate } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';

function isKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** The label of a value under a catalogue prefix, or the fallback (or the raw value). */
export function officeLabel(t: Translate, prefix: string, value: string, fallback?: string): string {
  const key = `${prefix}.${value}`;
  return isKey(key) ? t(key) : (fallback ?? value);
}

const readerRoles = new Set(['sysadmin', 'research_admin', 'school_director', 'school_leader', 'group_leader']);
const assessmentRoles = new Set(['sysadmin', 'research_admin', 'school_director', 'school_leader']);
const rulesRoles = new Set(['sysadmin', 'research_admin', 'school_director', 'school_leader']);

/** Whether to offer the school-wide compliance matrix (the server decides the rows); others see their own card. */
export function offersComplianceMatrix(me: Me): boolean {
  return me.roles.some((grant) => readerRoles.has(grant.role));
}

/**
 * The offices (区、市) whose schools the caller may compare: the district or city nodes at or under the org of a
 * grant with one of these roles (a deployment-wide grant: every office).
 */
function officesReached(me: Me, nodes: OrgNode[], roles: ReadonlySet<string>): OrgNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const reach = new Set<string>();
  const under = (node: OrgNode) => {
    reach.add(node.id);
    for (const child of node.children) under(child);
  };
  for (const grant of me.roles) {
    if (!roles.has(grant.role)) continue;
    if (grant.orgId === null) return nodes.filter(isOffice);
    const node = byId.get(grant.orgId);
    if (node) under(node);
  }
  return nodes.filter((node) => isOffice(node) && reach.has(node.id));
}

/** The offices whose schools' compliance the caller may compare (各校达标情况). */
export const complianceOffices = (me: Me, nodes: OrgNode[]) => officesReached(me, nodes, readerRoles);

/** The offices whose schools' assessment the caller may compare (各校考核情况). */
export const assessmentOffices = (me: Me, nodes: OrgNode[]) => officesReached(me, nodes, assessmentRoles);

/** A district's or a city's office, whose view is its schools. */
export const isOffice = (node: Pick<OrgNode, 'kind'>) => node.kind === 'district' || node.kind === 'city';

/** Whether to offer the assessment ranking of a school (others see their own score). */
export function offersAssessmentRanking(me: Me): boolean {
  return me.roles.some((grant) => assessmentRoles.has(grant.role));
}

/** Whether to show 制度设置 in the menu (editing is decided by the rules' `abilities`). */
export function offersRules(me: Me): boolean {
  return me.roles.some((grant) => rulesRoles.has(grant.role));
}

/** Whether the 制度与考核 menu entries mean anything to this account (an expert-only account has no school). */
export function offersOffice(me: Me): boolean {
  return me.roles.length === 0 || me.roles.some((grant) => grant.role !== 'expert');
}

/** Row attributes carrying a test id (antd's `onRow` takes plain HTML attributes). */
export function rowTestId(testId: string): HTMLAttributes<HTMLElement> {
  const attributes = { role: 'row', 'data-testid': testId };
  return attributes;
}

/** The label of a counted record's kind: a record kind, growth kind or activity kind. */
export function recordKindLabel(t: Translate, kind: string): string {
  return officeLabel(t, 'recordKind', kind, officeLabel(t, 'growthKind', kind, officeLabel(t, 'activityKind', kind)));
}
