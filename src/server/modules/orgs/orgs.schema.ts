import { z } from 'zod';
import { ORG_KINDS } from '../../access/roles.js';
import { nameText, pageQuery, versionField } from '../shared.schema.js';

export const orgKind = z.enum(ORG_KINDS);
export const groupType = z.enum(['subject', 'grade']);

/** Abilities of the caller on one org. */
export const orgAbilities = z.object({
  update: z.boolean(),
  createChild: z.boolean(),
  delete: z.boolean(),
  grantRoles: z.boolean(),
});

export const orgSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  kind: orgKind,
  /** For groups: 教研组/备课组 (subject) or 年级组 (grade). */
  groupType: groupType.nullable(),
  parentId: z.string().nullable(),
  code: z.string().nullable(),
  /** A rural school (乡村学校), for calls with rural-only kinds. */
  rural: z.boolean(),
  /** Kinds that may be created directly under this org. */
  childKinds: z.array(orgKind),
  abilities: orgAbilities,
});
export type OrgDto = z.infer<typeof orgSchema>;

export type OrgNodeDto = OrgDto & { children: OrgNodeDto[] };
export const orgNodeSchema: z.ZodType<OrgNodeDto> = orgSchema.extend({
  get children() {
    return z.array(orgNodeSchema);
  },
});

export const orgListQuery = pageQuery.extend({
  parentId: z.string().max(64).optional(),
  kind: orgKind.optional(),
});

export const createOrgBody = z.object({
  name: nameText(100),
  kind: orgKind,
  parentId: z.string().max(64).nullable().optional(),
  groupType: groupType.optional(),
  code: z.string().trim().max(50).optional(),
  rural: z.boolean().optional(),
});
export type CreateOrg = z.infer<typeof createOrgBody>;

export const updateOrgBody = z.object({
  version: versionField,
  name: nameText(100).optional(),
  groupType: groupType.optional(),
  code: z.string().trim().max(50).nullable().optional(),
  rural: z.boolean().optional(),
});
export type UpdateOrg = z.infer<typeof updateOrgBody>;
