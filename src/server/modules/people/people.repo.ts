import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { coversSubtree, type Scope } from '../../access/access.js';
import { birthDateRange } from '../../calendar.js';
import { containsText, type DialectKind, dialectOf, inIds, startsWith, subtreeShape } from '../../db/dialect.js';
import { bundle, shaped, template } from '../../db/templates.js';
import type { DB, NewPerson, PersonRow } from '../../db/types.js';
import type { PersonFilter } from './people.schema.js';

/** A filter whose orgId has been resolved to the org's path by the service. */
export type ResolvedFilter = Omit<PersonFilter, 'orgId'> & { orgPath?: string };

/** A person's row with the home org's name and path and the login name. */
export type PersonWithExtras = PersonRow & {
  org_name: string | null;
  org_path: string | null;
  username: string | null;
};

/** People, their group memberships, accounts and role grants. */
export class PeopleRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  /** The filtered, scoped people query (without ordering or paging). */
  private filtered(scope: Scope, selfId: string, f: ResolvedFilter, on: string) {
    const v = listValues(scope, selfId, f, on);
    return filteredPeople(this.db, this.kind, v, v);
  }

  /** The person's columns with the home org's name and path and the login name (one account per person). */
  private withExtras<Q extends ReturnType<PeopleRepo['filtered']>>(q: Q) {
    return q
      .leftJoin('accounts as acct', 'acct.person_id', 'people.id')
      .selectAll('people')
      .select(['home.name as org_name', 'home.path as org_path', 'acct.username']);
  }

  /**
   * One page and the number of matches in one statement. The count is an uncorrelated subquery, planned
   * and run once on its own (a window count would make the page read every match in full first). The
   * page is chosen from the index people_list alone (it holds the filters' and the order's columns); only
   * its rows are then read in full, with their org and login.
   */
  async list(
    scope: Scope,
    selfId: string,
    f: ResolvedFilter,
    on: string,
    page: number,
    pageSize: number,
    counting: boolean,
  ): Promise<{ rows: PersonWithExtras[]; total: number | null }> {
    const values = { ...listValues(scope, selfId, f, on), limit: pageSize, offset: (page - 1) * pageSize, counting };
    const found = await peoplePage(this.db, values);
    const rows = found.map(({ total_rows: _n, ...row }) => row);
    if (!counting) return { rows, total: null };
    if (found.length > 0) return { rows, total: Number(found[0].total_rows) };
    // A page past the end has no row to carry the count.
    const total =
      page > 1
        ? await this.filtered(scope, selfId, f, on)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        : undefined;
    return { rows, total: Number(total?.n ?? 0) };
  }

  /** Every matching person (for exports), ordered like the list. */
  all(scope: Scope, selfId: string, f: ResolvedFilter, on: string) {
    return this.withExtras(this.filtered(scope, selfId, f, on))
      .orderBy('people.name_key')
      .orderBy('people.id')
      .execute();
  }

  /** Everyone of a school (its groups included) by name: what an imported sheet's names are matched against. */
  namesUnder(schoolPath: string) {
    return this.db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name'])
      .where((eb) => startsWith(eb.ref('orgs.path'), schoolPath))
      .execute();
  }

  byId(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs as home', 'home.id', 'people.org_id')
      .leftJoin('accounts as acct', 'acct.person_id', 'people.id')
      .selectAll('people')
      .select(['home.name as org_name', 'home.path as org_path', 'acct.username'])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  /** For access checks: every org path a person belongs to (home org and groups), for a set of ids. */
  async pathsOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const homes = await this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'orgs.path'])
      .where('people.id', 'in', ids)
      .execute();
    for (const h of homes) out.set(h.id, h.path ? [h.path] : []);
    const groups = await this.db
      .selectFrom('person_groups')
      .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
      .select(['person_groups.person_id', 'orgs.path'])
      .where('person_groups.person_id', 'in', ids)
      .execute();
    for (const g of groups) out.get(g.person_id)?.push(g.path);
    return out;
  }

  /** The groups and role grants of these people. */
  groupsAndGrants(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve({ groups: [], grants: [] });
    return peopleBundle(this.db, { ids });
  }

  private grants() {
    return grantRows(this.db);
  }

  grantsOf(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return grantsOfPeople(this.db, { ids });
  }

  accountsOf(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('accounts').select(['person_id', 'username']).where('person_id', 'in', ids).execute();
  }

  usernameTaken(usernames: readonly string[]) {
    if (usernames.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('accounts')
      .select(['username', 'person_id'])
      .where('username', 'in', usernames)
      .execute();
  }

  /** People of an org with these (name, birth date) pairs — for duplicate detection. */
  sameNameAndBirth(orgId: string, names: readonly string[]) {
    if (names.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('people')
      .select(['id', 'name', 'birth_date', 'employee_no'])
      .where('org_id', '=', orgId)
      .where('name', 'in', names)
      .execute();
  }

  employeeNosTaken(orgId: string, nos: readonly string[]) {
    if (nos.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('people')
      .select(['employee_no'])
      .where('org_id', '=', orgId)
      .where('employee_no', 'in', nos)
      .execute();
  }

  async insert(rows: NewPerson[]) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db
        .insertInto('people')
        .values(rows.slice(i, i + 200))
        .execute();
    }
  }

  async update(id: string, version: number, patch: Partial<PersonRow>) {
    const r = await this.db
      .updateTable('people')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setGroups(personId: string, groupIds: readonly string[]) {
    await this.db.deleteFrom('person_groups').where('person_id', '=', personId).execute();
    if (groupIds.length > 0) {
      await this.db
        .insertInto('person_groups')
        .values(groupIds.map((g) => ({ person_id: personId, group_id: g })))
        .execute();
    }
  }

  async addMemberships(rows: { person_id: string; group_id: string }[]) {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('person_groups')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }

  async insertAccounts(rows: DB['accounts'][]) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db
        .insertInto('accounts')
        .values(rows.slice(i, i + 200))
        .execute();
    }
  }

  async setAccountPassword(personId: string, hash: string, at: string) {
    await this.db
      .updateTable('accounts')
      .set({ password_hash: hash, password_changed_at: at, must_change_password: 1 })
      .where('person_id', '=', personId)
      .execute();
  }

  /** Groups (kind 'group') directly under a school, by id or name. */
  groupsOfSchool(schoolId: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('parent_id', '=', schoolId)
      .where('kind', '=', 'group')
      .execute();
  }

  grantById(id: string) {
    return this.grants().select(['orgs.path', 'orgs.kind']).where('role_grants.id', '=', id).executeTakeFirst();
  }

  async insertGrant(row: DB['role_grants']) {
    await this.insertGrants([row]);
  }

  async insertGrants(rows: DB['role_grants'][]) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db
        .insertInto('role_grants')
        .values(rows.slice(i, i + 200))
        .execute();
    }
  }

  async deleteGrant(id: string) {
    await this.db.deleteFrom('role_grants').where('id', '=', id).execute();
  }

  countRole(role: string) {
    return this.db
      .selectFrom('role_grants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', role)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
}

/**
 * A person's home org: a school or an office, never a 教研组 (create and move refuse one; migration 016). Said
 * in a query beside a subtree test, it lets the planner count a district's homes (about 50) rather than every
 * org under it (about 500 with the groups), so it reads those homes' people from the index instead of all.
 */
export function isHomeOrg(kind: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`${kind} <> 'group'`;
}

/** People at home in a subtree. */
function homeUnder(
  eb: ExpressionBuilder<DB & { home: DB['orgs'] }, 'people' | 'home'>,
  prefix: string,
  value: string = prefix,
) {
  return eb.and([startsWith(eb.ref('home.path'), prefix, value), isHomeOrg(eb.ref('home.kind'))]);
}

/**
 * A people list's values, flat so that a statement built once names each by a slot (templates.ts `shaped`): the
 * caller's subtrees go in as `prefix0`, `prefix1`…, the filter's texts as the patterns the statement binds.
 */
interface ListValues {
  self: string;
  scopeAll: boolean;
  /** The chosen org lies inside a granted subtree (the scope's OR adds nothing then). */
  implied: boolean;
  prefixes: readonly string[];
  orgPath?: string;
  groupId?: string;
  q?: string;
  qKey?: string;
  subjectPattern?: string;
  title?: string;
  backboneLevel?: string;
  bornAfter?: string;
  bornNotAfter?: string;
  [prefix: `prefix${number}`]: string;
}

function listValues(scope: Scope, selfId: string, f: ResolvedFilter, on: string): ListValues {
  const prefixes = scope.all ? [] : scope.prefixes;
  const v: ListValues = {
    self: selfId,
    scopeAll: scope.all,
    implied: !scope.all && coversSubtree(prefixes, f.orgPath),
    prefixes,
    orgPath: f.orgPath || undefined,
    groupId: f.groupId || undefined,
    q: f.q || undefined,
    qKey: f.q ? f.q.toLowerCase() : undefined,
    subjectPattern: f.subject ? `%${JSON.stringify(f.subject)}%` : undefined,
    title: f.title || undefined,
    backboneLevel: f.backboneLevel || undefined,
  };
  if (f.ageBand) {
    const { after, notAfter } = birthDateRange(f.ageBand, on);
    v.bornAfter = after;
    v.bornNotAfter = notAfter;
  }
  prefixes.forEach((prefix, i) => {
    v[`prefix${i}`] = prefix;
  });
  return v;
}

/** What of a list's values decides its statement's text (the rest are its parameters). */
const listShape = (v: ListValues & { counting?: boolean }) => [
  v.scopeAll,
  v.implied,
  v.prefixes.map(subtreeShape),
  v.orgPath === undefined ? null : subtreeShape(v.orgPath),
  [v.groupId, v.q, v.subjectPattern, v.title, v.backboneLevel, v.bornAfter].map((x) => x !== undefined),
  v.counting ?? null,
];

/**
 * The filtered, scoped people query (without ordering or paging): values from `p`, the text from `shape` alone
 * (see `listShape`; with a statement built once `p` holds its slots).
 */
function filteredPeople(db: Kysely<DB>, kind: DialectKind, p: ListValues, shape: ListValues) {
  let q = db.selectFrom('people').leftJoin('orgs as home', 'home.id', 'people.org_id');
  // A chosen org inside a granted subtree already limits the rows to people at home there: the scope's
  // OR (home, group membership, self), which no index serves, adds nothing then.
  if (!shape.scopeAll && !shape.implied) {
    const prefixes = shape.prefixes.map((prefix, i) => [prefix, p[`prefix${i}`]] as const);
    q = q.where((eb) => {
      const inScope: Expression<SqlBool>[] = prefixes.map(([prefix, slot]) => homeUnder(eb, prefix, slot));
      if (prefixes.length > 0) {
        inScope.push(
          eb.exists(
            eb
              .selectFrom('person_groups as pg')
              .innerJoin('orgs as g', 'g.id', 'pg.group_id')
              .select('pg.person_id')
              .whereRef('pg.person_id', '=', 'people.id')
              .where((e2) => e2.or(prefixes.map(([prefix, slot]) => startsWith(e2.ref('g.path'), prefix, slot)))),
          ),
        );
      }
      inScope.push(eb('people.id', '=', p.self));
      return eb.or(inScope);
    });
  }
  if (shape.orgPath !== undefined) {
    const orgPath = shape.orgPath;
    q = q.where((eb) => homeUnder(eb, orgPath, p.orgPath));
  }
  if (shape.groupId !== undefined) {
    const groupId = p.groupId as string;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_groups as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'people.id')
          .where('m.group_id', '=', groupId),
      ),
    );
  }
  if (shape.q !== undefined) {
    const text = p.q as string;
    const key = p.qKey as string;
    q = q.where((eb) =>
      eb.or([
        containsText(kind, eb.ref('people.name'), text),
        containsText(kind, eb.ref('people.name_key'), key),
        eb('people.employee_no', '=', text),
      ]),
    );
  }
  if (shape.subjectPattern !== undefined) q = q.where('people.subjects', 'like', p.subjectPattern as string);
  if (shape.title !== undefined) q = q.where('people.title', '=', p.title as string);
  if (shape.backboneLevel !== undefined) q = q.where('people.backbone_level', '=', p.backboneLevel as string);
  if (shape.bornAfter !== undefined) {
    q = q
      .where('people.birth_date', '>', p.bornAfter as string)
      .where('people.birth_date', '<=', p.bornNotAfter as string);
  }
  return q;
}

/**
 * One page and the number of matches in one statement, built once per shape of list (`shaped`). The count is an
 * uncorrelated subquery, planned and run once on its own (a window count would make the page read every match in
 * full first). The page is chosen from the index people_list alone (it holds the filters' and the order's
 * columns); only its rows are then read in full, with their org and login.
 */
const peoplePage = shaped(
  (v: ListValues & { limit: number; offset: number; counting: boolean }) => listShape(v),
  (db, p, shape) => {
    const q = filteredPeople(db, dialectOf(db), p, shape);
    const count = q.select((eb) => eb.fn.countAll<number>().as('n'));
    const chosen = q
      .select(['people.id', 'people.active', 'people.name_key'])
      .$if(shape.counting, (c) => c.select(() => count.as('total_rows')))
      .orderBy('people.active', 'desc')
      .orderBy('people.name_key')
      .orderBy('people.id')
      .limit(p.limit)
      .offset(p.offset);
    return db
      .selectFrom(chosen.as('chosen'))
      .innerJoin('people', 'people.id', 'chosen.id')
      .leftJoin('orgs as home', 'home.id', 'people.org_id')
      .leftJoin('accounts as acct', 'acct.person_id', 'people.id')
      .selectAll('people')
      .select(['home.name as org_name', 'home.path as org_path', 'acct.username'])
      .$if(shape.counting, (c) => c.select(sql<number>`chosen.total_rows`.as('total_rows')))
      .orderBy('chosen.active', 'desc')
      .orderBy('chosen.name_key')
      .orderBy('chosen.id');
  },
);

/** Role grants with the granted org's name (none for a deployment-wide grant). */
function grantRows(db: Kysely<DB>) {
  return db
    .selectFrom('role_grants')
    .leftJoin('orgs', 'orgs.id', 'role_grants.org_id')
    .select([
      'role_grants.id',
      'role_grants.person_id',
      'role_grants.role',
      'role_grants.org_id',
      'orgs.name as org_name',
    ]);
}

// A page of people reads both (`bundle`): built once (see templates.ts), the ids as one parameter.
const groupsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('person_groups')
    .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
    .select(['person_groups.person_id', 'orgs.id', 'orgs.name', 'orgs.path'])
    .where((eb) => inIds(dialectOf(db), eb.ref('person_groups.person_id'), p.ids))
    .orderBy('orgs.sort')
    .orderBy('orgs.id');
const grantsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  grantRows(db)
    .where((eb) => inIds(dialectOf(db), eb.ref('role_grants.person_id'), p.ids))
    // Grants made in one transaction share their instant: the id (time-ordered) keeps their order.
    .orderBy('role_grants.created_at')
    .orderBy('role_grants.id');
const grantsOfPeople = template(grantsPart);
/** A page of people's groups and grants: one statement on PostgreSQL. */
const peopleBundle = bundle({ groups: groupsPart, grants: grantsPart });
