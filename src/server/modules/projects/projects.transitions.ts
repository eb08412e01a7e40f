import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import { projectActors } from '../../access/projects.policy.js';
import { today } from '../../calendar.js';
import { fromJson, nowIso } from '../../db/dialect.js';
import type { DB, ProjectRow } from '../../db/types.js';
import { conflict, forbidden, invalid } from '../../errors.js';
import { quotaProblem } from '../calls/calls.quota.js';
import { CallRepo } from '../calls/calls.repo.js';
import type { CallKindRule } from '../calls/calls.schema.js';
import { kindLabel } from '../calls/calls.service.js';
import { conclusionCheck } from '../conclusion/conclusion.service.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import type { ProjectWithFacts } from './projects.access.js';
import type { ProjectRepo } from './projects.repo.js';
import type { TransitionBody } from './projects.schema.js';
import {
  ACTION_LABELS,
  allowedTransition,
  atManagerDesk,
  STAGE_LABELS,
  type Stage,
  transitionsFor,
} from './projects.workflow.js';

/** What a transition will do: the next stage, the columns it sets, details for the history. */
export interface TransitionPlan {
  to: Stage;
  patch: Partial<ProjectRow>;
  details?: Record<string, unknown>;
}

/**
 * Decides a transition from the table and the guards (call window, eligibility, quotas,
 * numbering), or refuses: 409 when the stage does not allow the action, 403 when the caller may
 * not take it, 400 when a reason, grade or date is missing.
 */
export async function checkTransition(
  db: Kysely<DB>,
  repo: ProjectRepo,
  ctx: Ctx,
  p: ProjectWithFacts,
  body: TransitionBody,
): Promise<TransitionPlan> {
  const stage = p.stage as Stage;
  const label = ACTION_LABELS[body.action];
  const candidates = transitionsFor(body.action, stage);
  if (candidates.length === 0) throw conflict(`课题当前为「${STAGE_LABELS[stage]}」，不能执行「${label}」`);
  const atManager = atManagerDesk(p);
  const actors = projectActors(ctx.principal, p.facts);
  const t = allowedTransition(body.action, stage, actors, atManager);
  if (!t) {
    const deskOk = candidates.some((c) => c.desk === undefined || (c.desk === 'at_manager') === atManager);
    if (!deskOk)
      throw conflict(
        atManager ? `申报书已在立项单位，不需要再「${label}」` : `申报书尚未推荐到立项单位，暂不能「${label}」`,
      );
    throw forbidden(`无权对该课题执行「${label}」`);
  }
  if (t.needs === 'reason' && !body.reason)
    throw invalid(`「${label}」须填写理由`, { fields: [{ field: 'reason', message: '请填写理由' }] });
  if (t.needs === 'grade' && !body.grade)
    throw invalid('请选择结题等级', { fields: [{ field: 'grade', message: '请选择等级' }] });
  if (t.needs === 'until' && !body.until)
    throw invalid('请填写延期后的结束日期', { fields: [{ field: 'until', message: '请填写日期' }] });

  const orgs = new OrgRepo(db);
  const patch: Partial<ProjectRow> = {};
  let to: Stage =
    t.to === 'same'
      ? stage
      : t.to === 'previous'
        ? (((await repo.previousStage(p.id, stage)) as Stage | null) ?? 'draft')
        : t.to;
  const details: Record<string, unknown> = {};

  if (body.action === 'submit') await checkSubmit(db, repo, p);
  if (body.action === 'request_conclusion') {
    // 结题条件: a project that fails a rule may still ask, but only with the reason on record.
    const check = await conclusionCheck(db, p.id);
    const unmet = check.rules.filter((r) => !r.passed).map((r) => r.label);
    if (unmet.length > 0 && !body.reason) {
      throw conflict(`结题条件未满足：${unmet.join('；')}。如仍申请结题，请填写理由`, { unmet });
    }
    details.conclusionCheck = { passed: check.passed, unmet };
  }
  if (t.holder === 'up') {
    const holder = p.holder_org_id ? await orgs.byId(p.holder_org_id) : undefined;
    if (!holder?.parent_id) throw conflict('找不到上一级单位');
    if (p.call_id) await checkQuota(db, p, holder.id, holder.path);
    patch.holder_org_id = holder.parent_id;
    details.fromOrgId = holder.id;
    details.toOrgId = holder.parent_id;
  }
  if (t.holder === 'down') {
    const ids = p.facts.schoolPath.split('/').filter(Boolean);
    const i = p.holder_org_id ? ids.indexOf(p.holder_org_id) : -1;
    patch.holder_org_id = i >= 0 && i + 1 < ids.length ? ids[i + 1] : p.org_id;
    if (patch.holder_org_id === p.org_id && stage === 'school_recommended') to = 'submitted';
  }
  if (body.action === 'approve') {
    patch.number = await nextNumber(db, repo, p);
    patch.starts_on = p.starts_on ?? today();
    details.number = patch.number;
  }
  if (body.action === 'conclude') patch.grade = body.grade ?? null;
  if (body.action === 'extend') {
    if (p.ends_on && body.until && body.until <= p.ends_on) {
      throw invalid(`延期后的结束日期须晚于原结束日期 ${p.ends_on}`, {
        fields: [{ field: 'until', message: '须晚于原结束日期' }],
      });
    }
    patch.ends_on = body.until ?? null;
    details.previousEndsOn = p.ends_on;
  }
  return { to, patch, details: Object.keys(details).length ? details : undefined };
}

/** 申报 guards: complete text, the call's window, eligibility of the host, one application per host. */
async function checkSubmit(db: Kysely<DB>, repo: ProjectRepo, p: ProjectWithFacts) {
  const sections = fromJson<Record<string, string>>(p.sections, {});
  const missing = (['significance', 'goals', 'methods', 'steps'] as const).filter((k) => !sections[k]?.trim());
  const names = { significance: '选题意义', goals: '研究目标与内容', methods: '研究方法', steps: '研究步骤' };
  if (missing.length > 0) {
    throw invalid(`申报书尚未填写：${missing.map((m) => names[m]).join('、')}`, {
      fields: missing.map((m) => ({ field: `sections.${m}`, message: '请填写' })),
    });
  }
  if (!p.call_id) return;
  const call = await new CallRepo(db).byId(p.call_id);
  if (!call) throw conflict('申报通知不存在');
  const now = nowIso();
  const fmt = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  if (now < call.opens_at) throw conflict(`申报尚未开始（${fmt(call.opens_at)} 开始）`);
  if (now > call.closes_at) throw conflict(`申报已截止（截止时间 ${fmt(call.closes_at)}）`);
  const rule = fromJson<CallKindRule[]>(call.kinds, []).find((k) => k.kind === p.kind);
  const host = await db
    .selectFrom('people')
    .select(['name', 'birth_date'])
    .where('id', '=', p.host_id)
    .executeTakeFirst();
  if (rule?.bornOnOrAfter && (!host?.birth_date || host.birth_date < rule.bornOnOrAfter)) {
    throw conflict(
      `「${kindLabel(p.kind)}」要求主持人 ${rule.bornOnOrAfter} 及以后出生，${host?.name ?? '主持人'}的出生日期为 ${host?.birth_date ?? '未填写'}`,
    );
  }
  if (rule?.ruralOnly) {
    const school = await db.selectFrom('orgs').select(['rural', 'name']).where('id', '=', p.org_id).executeTakeFirst();
    if (school?.rural !== 1)
      throw conflict(`「${kindLabel(p.kind)}」只接受乡村学校教师申报，${school?.name ?? '本校'}不是乡村学校`);
  }
  const dup = await repo.otherApplications(call.id, p.host_id, p.id);
  if (dup.length > 0) throw conflict(`同一主持人在本次申报中只能申报一项（已有「${dup[0].title}」）`);
}

async function checkQuota(db: Kysely<DB>, p: ProjectWithFacts, orgId: string, orgPath: string) {
  if (!p.call_id) return;
  const calls = new CallRepo(db);
  const call = await calls.byId(p.call_id);
  if (!call) return;
  const quota = (await calls.quotas([call.id])).find((q) => q.org_id === orgId);
  if (!quota) return;
  const apps = (await calls.applications(call.id)).map((a) => ({
    kind: a.kind,
    schoolPath: a.school_path,
    holderPath: a.holder_path,
  }));
  const problem = quotaProblem(quota.count, orgPath, p.kind, apps, fromJson<CallKindRule[]>(call.kinds, []), kindLabel);
  if (problem) throw conflict(`不能推荐：${problem}`);
}

/** The next 立项编号 from the call's format: {year} and {seq:N}. */
async function nextNumber(db: Kysely<DB>, repo: ProjectRepo, p: ProjectWithFacts): Promise<string> {
  const call = p.call_id ? await new CallRepo(db).byId(p.call_id) : undefined;
  const format = call?.number_format ?? `{year}-${p.level === 'school' ? 'XJ' : 'KT'}-{seq:3}`;
  const year = today().slice(0, 4);
  const withYear = format.replace('{year}', year);
  const m = withYear.match(/\{seq(?::(\d+))?\}/);
  if (!m || m.index === undefined) return withYear;
  const prefix = withYear.slice(0, m.index);
  const suffix = withYear.slice(m.index + m[0].length);
  const width = Number(m[1] ?? 3);
  const taken = await repo.numbersWithPrefix(prefix);
  const max = taken.reduce((acc, r) => {
    const rest = (r.number ?? '').slice(prefix.length);
    const n = Number.parseInt(rest, 10);
    return Number.isFinite(n) && n > acc ? n : acc;
  }, 0);
  return `${prefix}${String(max + 1).padStart(width, '0')}${suffix}`;
}
