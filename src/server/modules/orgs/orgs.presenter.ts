import { allows, allowsBelow, mayGrant } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';
import { CHILD_KINDS, type OrgKind, ROLES } from '../../access/roles.js';
import type { OrgRow } from '../../db/types.js';
import type { OrgDto, OrgNodeDto } from './orgs.schema.js';

/** Org row → API shape with the caller's abilities. */
export function presentOrg(row: OrgRow, principal: Principal): OrgDto {
  const kind = row.kind as OrgKind;
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    kind,
    groupType: row.group_type === 'subject' || row.group_type === 'grade' ? row.group_type : null,
    parentId: row.parent_id,
    code: row.code,
    rural: row.rural === 1,
    childKinds: [...CHILD_KINDS[kind]],
    abilities: {
      update: allowsBelow(principal, 'org.update', row.path),
      createChild: CHILD_KINDS[kind].length > 0 && allows(principal, 'org.create', [row.path]),
      delete: allowsBelow(principal, 'org.delete', row.path),
      grantRoles: ROLES.some((r) => mayGrant(principal, r, row.path, row.kind)),
    },
  };
}

/** Rows → nested tree; rows whose parent is not visible become roots. */
export function presentTree(rows: OrgRow[], principal: Principal): OrgNodeDto[] {
  const nodes = new Map<string, OrgNodeDto>();
  for (const r of rows) nodes.set(r.id, { ...presentOrg(r, principal), children: [] });
  const roots: OrgNodeDto[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id);
    if (!node) continue;
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
