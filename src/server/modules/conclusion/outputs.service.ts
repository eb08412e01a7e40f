import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { type ProjectFacts, projectActors } from '../../access/projects.policy.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { STAGE_LABELS } from '../projects/projects.workflow.js';
import { presentOutput } from './conclusion.presenter.js';
import { ConclusionRepo, type OutputRow } from './conclusion.repo.js';
import type { CreateOutput, OutputDto, UpdateOutput } from './conclusion.schema.js';

/** Stages after which a project's outputs are frozen. */
const CLOSED_STAGES: readonly string[] = ['concluded', 'not_passed', 'terminated', 'rejected'];
const stageLabels: Readonly<Record<string, string>> = STAGE_LABELS;

/** Whether the caller may add or remove outputs now: host, member or school director, while not concluded. */
export function mayChangeOutputs(p: Principal, f: ProjectFacts): boolean {
  const actors = projectActors(p, f);
  const who = actors.has('host') || actors.has('member') || actors.has('school');
  return who && !CLOSED_STAGES.includes(f.stage);
}

function requireChangeable(p: Principal, f: ProjectFacts) {
  if (mayChangeOutputs(p, f)) return;
  if (CLOSED_STAGES.includes(f.stage)) {
    throw conflict(`课题处于「${stageLabels[f.stage] ?? f.stage}」阶段，不能再修改成果`);
  }
  throw forbidden('只有课题主持人、成员或教科室主任可以登记成果');
}

/** Outputs (成果) recorded on a project until the works registry exists. */
export class OutputService {
  constructor(private readonly database: Database) {}

  private async present(db: Kysely<DB>, rows: OutputRow[], canChange: boolean): Promise<OutputDto[]> {
    const ids = [...new Set(rows.flatMap((r) => fromJson<unknown[]>(r.author_ids, [])))].filter(
      (x): x is string => typeof x === 'string',
    );
    const names = new Map((await new ConclusionRepo(db).people(ids)).map((p) => [p.id, p.name]));
    return rows.map((r) => presentOutput(r, names, canChange));
  }

  async list(ctx: Ctx, projectId: string) {
    const { db } = this.database;
    const p = await requireReadableProject(db, ctx.principal, projectId);
    const rows = await new ConclusionRepo(db).outputs(projectId);
    const items = await this.present(db, rows, mayChangeOutputs(ctx.principal, p.facts));
    return { items, total: items.length };
  }

  async get(ctx: Ctx, projectId: string, outputId: string): Promise<OutputDto> {
    const { db } = this.database;
    const p = await requireReadableProject(db, ctx.principal, projectId);
    const row = await new ConclusionRepo(db).output(projectId, outputId);
    if (!row) throw notFound('成果');
    const [dto] = await this.present(db, [row], mayChangeOutputs(ctx.principal, p.facts));
    return dto;
  }

  /** Author ids without duplicates, each an existing person (400 otherwise). */
  private async authors(db: Kysely<DB>, ids: readonly string[]) {
    const unique = [...new Set(ids)];
    if ((await new ConclusionRepo(db).people(unique)).length !== unique.length) {
      throw invalid('作者不存在', { fields: [{ field: 'authorIds', message: '作者不存在' }] });
    }
    return unique;
  }

  async create(ctx: Ctx, projectId: string, body: CreateOutput): Promise<OutputDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      requireChangeable(ctx.principal, p.facts);
      const repo = new ConclusionRepo(trx);
      const authorIds = await this.authors(trx, body.authorIds);
      const row: OutputRow = {
        id: newId(),
        project_id: projectId,
        kind: body.kind,
        title: body.title,
        level: body.level ?? null,
        journal: body.journal || null,
        char_count: body.charCount ?? null,
        result: body.result ?? null,
        on_date: body.onDate ?? null,
        author_ids: toJson(authorIds),
        version: 1,
        created_at: nowIso(),
      };
      await repo.insertOutput(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.output.create',
        entity: 'project',
        entityId: projectId,
        orgId: p.org_id,
        after: row,
        ip: ctx.ip,
      });
      const [dto] = await this.present(trx, [row], true);
      return dto;
    });
  }

  async update(ctx: Ctx, projectId: string, outputId: string, body: UpdateOutput): Promise<OutputDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      const repo = new ConclusionRepo(trx);
      const before = await repo.output(projectId, outputId);
      if (!before) throw notFound('成果');
      requireChangeable(ctx.principal, p.facts);
      const patch: Partial<OutputRow> = {};
      if (body.kind) patch.kind = body.kind;
      if (body.title) patch.title = body.title;
      if (body.level !== undefined) patch.level = body.level;
      if (body.journal !== undefined) patch.journal = body.journal || null;
      if (body.charCount !== undefined) patch.char_count = body.charCount;
      if (body.result !== undefined) patch.result = body.result;
      if (body.onDate !== undefined) patch.on_date = body.onDate;
      if (body.authorIds) patch.author_ids = toJson(await this.authors(trx, body.authorIds));
      if (!(await repo.updateOutput(outputId, body.version, patch))) throw staleVersion();
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.output.update',
        entity: 'project',
        entityId: projectId,
        orgId: p.org_id,
        before,
        after: patch,
        ip: ctx.ip,
      });
      const after = await repo.output(projectId, outputId);
      if (!after) throw notFound('成果');
      const [dto] = await this.present(trx, [after], true);
      return dto;
    });
  }

  async delete(ctx: Ctx, projectId: string, outputId: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      const repo = new ConclusionRepo(trx);
      const before = await repo.output(projectId, outputId);
      if (!before) throw notFound('成果');
      requireChangeable(ctx.principal, p.facts);
      await repo.deleteOutput(outputId);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.output.delete',
        entity: 'project',
        entityId: projectId,
        orgId: p.org_id,
        before,
        ip: ctx.ip,
      });
    });
  }
}
