/**
 * Conflicts of interest (回避): when an expert may not review a project. The same rules answer
 * for manual and automatic assignment.
 *  - institutional: the expert works at the project's school, or in the same district;
 *  - personal: the expert is the project's host or a member;
 *  - declared: a typed conflict with a person (who is host or member) or with an org (whose
 *    subtree holds the project's school).
 */
import { CONFLICT_LABELS } from './reviews.schema.js';

/** A declared conflict of one expert. */
export interface TypedConflict {
  kind: string;
  personId: string | null;
  /** Path of the org the conflict is with. */
  orgPath: string | null;
}

export interface ExpertFacts {
  id: string;
  /** Path of the expert's home org (people.org_id); null when they have none. */
  homePath: string | null;
  typed: readonly TypedConflict[];
}

export interface ItemFacts {
  projectId: string;
  schoolPath: string;
  hostId: string;
  memberIds: readonly string[];
}

/** Finds the district-level ancestor (an org of kind 'district') of a path, or null. */
export type DistrictOf = (path: string) => string | null;

/** Builds a DistrictOf from the kinds of the orgs along the paths. */
export function districtResolver(kindById: ReadonlyMap<string, string>): DistrictOf {
  return (path) => pathIds(path).find((id) => kindById.get(id) === 'district') ?? null;
}

/** The org ids along a materialised path '/a/b/c/'. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

const labels: Readonly<Record<string, string>> = CONFLICT_LABELS;
const labelOf = (kind: string) => labels[kind] ?? kind;

/** Why the expert may not review the project (zh-CN), or null when there is no conflict. */
export function conflictReason(e: ExpertFacts, item: ItemFacts, districtOf: DistrictOf): string | null {
  if (e.id === item.hostId || item.memberIds.includes(e.id)) return '专家是该课题的主持人或成员，须回避';
  if (e.homePath?.startsWith(item.schoolPath)) return '专家与课题同属一所学校，须回避';
  const projectDistrict = districtOf(item.schoolPath);
  if (e.homePath && projectDistrict && districtOf(e.homePath) === projectDistrict) {
    return '专家与课题所在学校同属一个区县，须回避';
  }
  const people = new Set([item.hostId, ...item.memberIds]);
  for (const c of e.typed) {
    if (c.personId && people.has(c.personId)) return `专家与课题组成员存在回避关系（${labelOf(c.kind)}）`;
    if (c.orgPath && item.schoolPath.startsWith(c.orgPath)) {
      return `专家与课题所在单位存在回避关系（${labelOf(c.kind)}）`;
    }
  }
  return null;
}
