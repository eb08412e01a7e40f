import type { Kysely } from 'kysely';
import { overWholeTree, type Scope } from '../../access/access.js';
import { startsWith, startsWithAny } from '../../db/dialect.js';
import type { DB, OrgRow } from '../../db/types.js';

/**
 * Org paths by id, per database. A path never changes once made (the parent's path and the org's own id;
 * orgs are renamed, never moved) and ids are never reused, so a process may keep them for good.
 */
const knownPaths = new WeakMap<object, Map<string, string>>();
const KNOWN_PATHS_MAX = 20_000;
/** A path no org has. */
const NO_ORG_PATH = '/__none__/';

/** The ids of the orgs in any of the subtrees, as a subquery. */
export function orgIdsUnder(db: Kysely<DB>, prefixes: readonly string[]) {
  return db
    .selectFrom('orgs as under_org')
    .select('under_org.id')
    .where((e) => startsWithAny(e.ref('under_org.path'), prefixes));
}

/** The people in a group (教研组, 备课组) in any of the subtrees, as a subquery. */
export function groupMembersUnder(db: Kysely<DB>, prefixes: readonly string[]) {
  return db
    .selectFrom('person_groups as gm')
    .innerJoin('orgs as go', 'go.id', 'gm.group_id')
    .select('gm.person_id')
    .where((e) => startsWithAny(e.ref('go.path'), prefixes));
}

/** A top-level org's path ('/id/'): only such a subtree can hold every org. */
const isRootPath = (path: string) => /^\/[^/]+\/$/.test(path);

/** Org tree queries. */
export class OrgRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * What a list's `orgId` filter narrows to: the org's path, a path no row has when the org does not exist
   * (nothing matches, as for an org out of scope), or undefined without a filter.
   */
  async filterPath(id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    return (await this.pathOf(id)) ?? NO_ORG_PATH;
  }

  /**
   * A list's scope and org filter with the subtree tests that hold every org dropped (a deployment's one
   * city): such a test is always true, yet costs a city's list seconds (every org id and every group member
   * in one condition). The scope then reads as a reader of everything's; the filter as no filter.
   */
  async widened<S extends { all: boolean; prefixes: string[] }>(
    scope: S,
    orgPath: string | undefined,
  ): Promise<{ scope: S; orgPath: string | undefined }> {
    const roots = new Set([...(scope.all ? [] : scope.prefixes), ...(orgPath ? [orgPath] : [])].filter(isRootPath));
    const whole = new Set<string>();
    for (const root of roots) if (await this.holdsEveryOrg(root)) whole.add(root);
    if (whole.size === 0) return { scope, orgPath };
    return {
      scope: overWholeTree(scope, whole),
      orgPath: orgPath !== undefined && whole.has(orgPath) ? undefined : orgPath,
    };
  }

  /** Whether every org lies in the subtree at `path`. */
  async holdsEveryOrg(path: string): Promise<boolean> {
    const outside = await this.db
      .selectFrom('orgs')
      .select('id')
      .where((eb) => eb.not(startsWith(eb.ref('path'), path)))
      .limit(1)
      .executeTakeFirst();
    return outside === undefined;
  }

  /** The path of an org, or undefined when there is no such org. */
  async pathOf(id: string): Promise<string | undefined> {
    let known = knownPaths.get(this.db);
    if (!known) {
      known = new Map();
      knownPaths.set(this.db, known);
    }
    const hit = known.get(id);
    if (hit !== undefined) return hit;
    const row = await this.db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirst();
    if (row) {
      if (known.size >= KNOWN_PATHS_MAX) known.clear();
      known.set(id, row.path);
    }
    return row?.path;
  }

  byId(id: string) {
    return this.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byIds(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as OrgRow[]);
    return this.db.selectFrom('orgs').selectAll().where('id', 'in', ids).execute();
  }

  /** Orgs inside the scope plus the ancestors of the scope roots (so the tree has its trunk). */
  async inScope(scope: Scope): Promise<OrgRow[]> {
    if (scope.all) return this.db.selectFrom('orgs').selectAll().orderBy('sort').orderBy('name').execute();
    if (scope.prefixes.length === 0) return [];
    const ancestorIds = [...new Set(scope.prefixes.flatMap((p) => p.split('/').filter(Boolean)))];
    return this.db
      .selectFrom('orgs')
      .selectAll()
      .where((eb) => eb.or([...scope.prefixes.map((p) => startsWith(eb.ref('path'), p)), eb('id', 'in', ancestorIds)]))
      .orderBy('sort')
      .orderBy('name')
      .execute();
  }

  children(parentId: string | null) {
    const q = this.db.selectFrom('orgs').selectAll();
    return (parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null))
      .orderBy('sort')
      .orderBy('name')
      .execute();
  }

  async insert(row: OrgRow) {
    await this.db.insertInto('orgs').values(row).execute();
  }

  /** Updates when the version matches; returns whether a row changed. */
  async update(id: string, version: number, patch: Partial<OrgRow>) {
    const r = await this.db
      .updateTable('orgs')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Whether anything still hangs on the org (children, people, memberships, grants). */
  async isInUse(id: string): Promise<boolean> {
    const child = await this.db.selectFrom('orgs').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    if (child) return true;
    const person = await this.db.selectFrom('people').select('id').where('org_id', '=', id).limit(1).executeTakeFirst();
    if (person) return true;
    const member = await this.db
      .selectFrom('person_groups')
      .select('person_id')
      .where('group_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (member) return true;
    const grant = await this.db
      .selectFrom('role_grants')
      .select('id')
      .where('org_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    return Boolean(grant);
  }

  async delete(id: string) {
    await this.db.deleteFrom('orgs').where('id', '=', id).execute();
  }
}
