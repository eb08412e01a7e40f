import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { ProjectWithFacts } from '../projects/projects.access.js';
import { ProjectRepo } from '../projects/projects.repo.js';
import type { TransitionBody } from '../projects/projects.schema.js';
import { checkTransition } from '../projects/projects.transitions.js';
import { indexDoc } from '../search/search.index.js';
import type { ChangePayload } from './changes.presenter.js';
import { ChangeRepo } from './changes.repo.js';
import type { ChangeKind, ChangeValues } from './changes.schema.js';

/**
 * Applies an approved change to the project inside the decision's transaction and returns the
 * values it replaced. 延期 and 撤项 go through the project workflow (checkTransition, the stage
 * compare-and-set, a project_transitions row), so the history and the audit read the same as a
 * direct `extend` or `terminate`; members and title are written with the project's version check.
 */
export async function applyChange(
  trx: Kysely<DB>,
  ctx: Ctx,
  p: ProjectWithFacts,
  change: { id: string; kind: ChangeKind; reason: string; payload: ChangePayload },
): Promise<ChangeValues> {
  const repo = new ProjectRepo(trx);
  const { proposed } = change.payload;
  const audit = async (action: string, before: unknown, after: unknown) => {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'project',
      entityId: p.id,
      orgId: p.org_id,
      before,
      after: { ...(after && typeof after === 'object' ? after : {}), changeId: change.id },
      ip: ctx.ip,
    });
    await indexDoc(trx, 'project', p.id);
  };

  if (change.kind === 'dates' || change.kind === 'terminate') {
    const body: TransitionBody =
      change.kind === 'dates'
        ? { action: 'extend', until: proposed.endsOn ?? undefined, reason: change.reason }
        : { action: 'terminate', reason: change.reason };
    const plan = await checkTransition(trx, repo, ctx, p, body);
    const moved = await repo.moveStage(p.id, p.stage, p.version, {
      ...plan.patch,
      stage: plan.to,
      updated_at: nowIso(),
    });
    if (!moved) throw conflict('课题状态刚刚被他人改变，请刷新后再试');
    await repo.addTransition({
      id: newId(),
      project_id: p.id,
      action: body.action,
      from_stage: p.stage,
      to_stage: plan.to,
      actor_id: ctx.principal.personId,
      at: nowIso(),
      reason: change.reason,
      details: toJson({ ...plan.details, changeId: change.id }),
    });
    await audit(
      `project.${body.action}`,
      { stage: p.stage, ends_on: p.ends_on },
      { stage: plan.to, ...plan.patch, reason: change.reason },
    );
    return change.kind === 'dates' ? { endsOn: p.ends_on } : {};
  }

  if (change.kind === 'title') {
    const title = proposed.title ?? p.title;
    if (!(await repo.update(p.id, p.version, { title, updated_at: nowIso() }))) throw staleVersion();
    await audit('project.change.title', { title: p.title }, { title });
    return { title: p.title };
  }

  // 成员变更: the host stays first, as host; everyone else as asked (never a second host).
  const before = await new ChangeRepo(trx).members(p.id);
  const members = [
    { person_id: p.host_id, role: 'host' },
    ...(proposed.members ?? [])
      .filter((m) => m.personId !== p.host_id)
      .map((m) => ({ person_id: m.personId, role: m.role === 'host' ? 'core' : m.role })),
  ];
  if (!(await repo.update(p.id, p.version, { updated_at: nowIso() }))) throw staleVersion();
  await repo.replaceMembers(p.id, members);
  await audit('project.change.members', { members: before }, { members });
  return {
    members: before.map((m) => ({
      personId: m.person_id,
      name: m.name,
      role: m.role === 'host' || m.role === 'core' ? m.role : 'member',
    })),
  };
}
