import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { allows, allowsAnywhere, scopeFor } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { CompetitionEditionRow, CompetitionRow, DB } from '../../db/types.js';
import { forbidden, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { CompetitionsRepo, type CompetitionWithOrg } from './competitions.repo.js';
import { levelOf } from './works.presenter.js';
import {
  type CompetitionDto,
  type CreateCompetition,
  type CreateEdition,
  type competitionsQuery,
  LEVEL_LABELS,
  type UpdateCompetition,
  WORK_KINDS,
} from './works.schema.js';

const WHAT = '评比';

/** Built-in competitions are kept by a deployment-wide admin; others by `competition.manage` on their org. */
function mayUpdate(p: Principal, c: CompetitionWithOrg): boolean {
  return c.org_path === null ? scopeFor(p, 'competition.manage').all : allows(p, 'competition.manage', [c.org_path]);
}

/** Editions (届次, deadlines) of a built-in competition may be added by any office or school that manages competitions. */
function mayAddEdition(p: Principal, c: CompetitionWithOrg): boolean {
  return c.org_path === null ? allowsAnywhere(p, 'competition.manage') : mayUpdate(p, c);
}

/** The competitions catalogue (评比目录) with yearly editions and deadlines. */
export class CompetitionService {
  constructor(private readonly database: Database) {}

  private repo(db: Kysely<DB> = this.database.db) {
    return new CompetitionsRepo(db, this.database.kind);
  }

  private async present(db: Kysely<DB>, p: Principal, rows: readonly CompetitionWithOrg[]): Promise<CompetitionDto[]> {
    const editions = await this.repo(db).editions(rows.map((r) => r.id));
    return rows.map((c) => {
      const level = levelOf(c.level);
      const kinds = fromJson<unknown[]>(c.work_kinds, []);
      return {
        id: c.id,
        version: c.version,
        orgId: c.org_id,
        name: c.name,
        level,
        levelLabel: LEVEL_LABELS[level],
        organiser: c.organiser,
        description: c.description,
        workKinds: WORK_KINDS.filter((k) => kinds.includes(k)),
        active: c.active === 1,
        builtIn: c.org_id === null,
        editions: editions
          .filter((e) => e.competition_id === c.id)
          .map((e) => ({
            id: e.id,
            version: e.version,
            competitionId: e.competition_id,
            year: Number(e.year),
            deadline: e.deadline,
            title: e.title,
          })),
        abilities: { update: mayUpdate(p, c), addEdition: mayAddEdition(p, c) },
      };
    });
  }

  /** Built-in ones, those of the caller's orgs and of the orgs they manage. */
  async list(ctx: Ctx, q: z.infer<typeof competitionsQuery>) {
    const p = ctx.principal;
    const scope = scopeFor(p, 'competition.manage');
    const chain = new Set<string>();
    for (const g of p.grants) for (const id of (g.orgPath ?? '').split('/').filter(Boolean)) chain.add(id);
    if (p.orgId) {
      const home = await new OrgRepo(this.database.db).byId(p.orgId);
      for (const id of (home?.path ?? '').split('/').filter(Boolean)) chain.add(id);
    }
    const rows = await this.repo().list({
      orgIds: [...chain],
      prefixes: scope.all ? null : scope.prefixes,
      q: q.q,
      level: q.level,
      active: q.active === undefined ? undefined : q.active === 'true',
    });
    const items = await this.present(this.database.db, p, rows);
    const start = (q.page - 1) * q.pageSize;
    return { items: items.slice(start, start + q.pageSize), total: items.length };
  }

  private async visible(db: Kysely<DB>, p: Principal, id: string) {
    const row = await this.repo(db).byId(id);
    if (!row) throw notFound(WHAT);
    if (row.org_path !== null) {
      const inChain =
        p.grants.some((g) => g.orgPath?.startsWith(row.org_path ?? '')) || allows(p, 'org.read', [row.org_path]);
      if (!inChain) throw notFound(WHAT);
    }
    return row;
  }

  async get(ctx: Ctx, id: string): Promise<CompetitionDto> {
    const row = await this.visible(this.database.db, ctx.principal, id);
    return (await this.present(this.database.db, ctx.principal, [row]))[0];
  }

  async create(ctx: Ctx, body: CreateCompetition): Promise<CompetitionDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const orgId =
        body.orgId ??
        p.grants.find((g) => g.role === 'school_director' || g.role === 'research_admin')?.orgId ??
        p.orgId;
      const org = orgId ? await new OrgRepo(trx).byId(orgId) : undefined;
      if (!org) throw notFound('机构');
      if (!allows(p, 'competition.manage', [org.path])) {
        if (allows(p, 'org.read', [org.path])) throw forbidden('只有教科室主任或教科研管理员可以维护评比目录');
        throw notFound('机构');
      }
      const now = nowIso();
      const row: CompetitionRow = {
        id: newId(),
        org_id: org.id,
        name: body.name,
        level: body.level,
        organiser: body.organiser,
        description: body.description,
        work_kinds: toJson(body.workKinds),
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await this.repo(trx).insert(row);
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'competition.create',
        entity: 'competition',
        entityId: row.id,
        orgId: org.id,
        after: row,
        ip: ctx.ip,
      });
      return (await this.present(trx, p, [{ ...row, org_path: org.path }]))[0];
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateCompetition): Promise<CompetitionDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const row = await this.visible(trx, p, id);
      if (!mayUpdate(p, row)) throw forbidden(row.org_id === null ? '内置评比只能由系统管理员修改' : '无权修改该评比');
      const patch: Partial<CompetitionRow> = {
        name: body.name ?? row.name,
        level: body.level ?? row.level,
        organiser: body.organiser ?? row.organiser,
        description: body.description ?? row.description,
        work_kinds: body.workKinds ? toJson(body.workKinds) : row.work_kinds,
        active: body.active === undefined ? row.active : body.active ? 1 : 0,
        updated_at: nowIso(),
      };
      if (!(await this.repo(trx).update(id, body.version, patch))) throw staleVersion();
      const { org_path: _p, ...before } = row;
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'competition.update',
        entity: 'competition',
        entityId: id,
        orgId: row.org_id,
        before,
        after: { ...before, ...patch },
        ip: ctx.ip,
      });
      const saved = await this.visible(trx, p, id);
      return (await this.present(trx, p, [saved]))[0];
    });
  }

  /** Adds a yearly edition (届次) with its deadline. */
  async addEdition(ctx: Ctx, id: string, body: CreateEdition): Promise<CompetitionDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const row = await this.visible(trx, p, id);
      if (!mayAddEdition(p, row)) throw forbidden('无权为该评比添加届次');
      const edition: CompetitionEditionRow = {
        id: newId(),
        competition_id: id,
        year: body.year,
        deadline: body.deadline ?? null,
        title: body.title || `${body.year}年${row.name}`,
        org_id: p.orgId,
        version: 1,
        created_at: nowIso(),
      };
      await this.repo(trx).insertEdition(edition);
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'competition.edition',
        entity: 'competition',
        entityId: id,
        orgId: row.org_id,
        after: edition,
        ip: ctx.ip,
      });
      return (await this.present(trx, p, [row]))[0];
    });
  }
}
