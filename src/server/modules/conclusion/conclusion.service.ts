import type { Kysely } from 'kysely';
import { z } from 'zod';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { LEVEL_LABELS, LEVELS, type Level } from '../projects/projects.workflow.js';
import { outputFact } from './conclusion.presenter.js';
import { ConclusionRepo, type RuleRow } from './conclusion.repo.js';
import { type ConclusionRule, DEFAULT_RULES, evaluatePromises, evaluateRules } from './conclusion.rules.js';
import { type ConclusionCheckDto, type LevelRulesDto, type PutRules, ruleList } from './conclusion.schema.js';
import { OutputService } from './outputs.service.js';

const promiseList = z.array(z.object({ kind: z.string(), count: z.number() }));
const orgIdsOf = (path: string | null) => (path ? path.split('/').filter(Boolean) : []);
const isSysadmin = (p: Principal) => p.grants.some((g) => g.role === 'sysadmin' && g.orgPath === null);
/** Offices that set conclusion rules for what they manage. */
const RULE_ORG_KINDS = ['province', 'city', 'district'];

/** The org whose rules are read or written (all null: the deployment default). */
interface RuleTarget {
  orgId: string | null;
  path: string | null;
  kind: string | null;
}

interface Effective {
  rules: ConclusionRule[];
  source: LevelRulesDto['source'];
  sourceOrgId: string | null;
}

/** The rules of a level for an org path: the deepest office's row, else the deployment row, else built in. */
export function effectiveRules(rows: readonly RuleRow[], path: string | null, level: Level): Effective {
  const ofLevel = rows.filter((r) => r.level === level);
  const candidates = [...orgIdsOf(path).reverse(), null];
  for (const orgId of candidates) {
    const row = ofLevel.find((r) => r.org_id === orgId);
    const parsed = row ? ruleList.safeParse(fromJson<unknown>(row.rules, null)) : null;
    if (parsed?.success) return { rules: parsed.data, source: orgId ? 'org' : 'deployment', sourceOrgId: orgId };
  }
  return { rules: DEFAULT_RULES[level], source: 'builtin', sourceOrgId: null };
}

/** Whether the principal may edit the rules stored at an org (null: the deployment default). */
export function mayEditRules(p: Principal, orgPath: string | null): boolean {
  if (isSysadmin(p)) return true;
  if (orgPath === null) return false;
  return p.grants.some((g) => g.role === 'research_admin' && g.orgPath !== null && orgPath.startsWith(g.orgPath));
}

/**
 * The conclusion check (结题条件) of a project: each rule of its level with the records behind it,
 * and the promised outcomes against what was delivered. Callable inside a transaction (pass `trx`).
 */
export async function conclusionCheck(db: Kysely<DB>, projectId: string): Promise<ConclusionCheckDto> {
  const repo = new ConclusionRepo(db);
  const project = await repo.project(projectId);
  if (!project) throw notFound('课题');
  const level = LEVELS.find((l) => l === project.level) ?? 'school';
  const path = project.manager_path ?? project.school_path;
  const { rules } = effectiveRules(await repo.rulesFor(orgIdsOf(path)), path, level);
  // Outputs entered on the project plus the works linked to it (论文、发表、获奖 in the works registry).
  const outputs = [...(await repo.outputs(projectId)).map(outputFact), ...(await repo.linkedWorkOutputs(projectId))];
  const evaluated = evaluateRules(rules, outputs);
  const promised = promiseList.safeParse(fromJson<unknown>(project.expected_outcomes, []));
  return {
    projectId,
    level,
    passed: evaluated.passed,
    rules: evaluated.rules,
    promises: evaluatePromises(promised.success ? promised.data : [], outputs),
  };
}

/** Conclusion rules per level (data, editable by offices) and the conclusion check of a project. */
export class ConclusionService {
  readonly outputs: OutputService;

  constructor(private readonly database: Database) {
    this.outputs = new OutputService(database);
  }

  async check(ctx: Ctx, projectId: string): Promise<ConclusionCheckDto> {
    await requireReadableProject(this.database.db, ctx.principal, projectId);
    return conclusionCheck(this.database.db, projectId);
  }

  /** The org whose rules a caller sees and edits by default: an office's own org, a sysadmin the deployment. */
  private homeOrg(p: Principal): string | null {
    if (isSysadmin(p)) return null;
    return p.grants.find((g) => g.role === 'research_admin')?.orgId ?? p.orgId;
  }

  /** The org a request is about, checked to be visible (its path; null for the deployment default). */
  private async target(db: Kysely<DB>, p: Principal, orgId: string | null): Promise<RuleTarget> {
    if (orgId === null) return { orgId: null, path: null, kind: null };
    const org = await new OrgRepo(db).byId(orgId);
    const visible = org && (allows(p, 'org.read', [org.path]) || p.grants.some((g) => g.orgPath?.startsWith(org.path)));
    if (!org || !visible) throw notFound('机构');
    return { orgId: org.id, path: org.path, kind: org.kind };
  }

  /** Effective rules of every level for an org (default: the caller's own). */
  async list(ctx: Ctx, orgId?: string): Promise<{ items: LevelRulesDto[] }> {
    const { db } = this.database;
    const t = await this.target(db, ctx.principal, orgId ?? this.homeOrg(ctx.principal));
    const rows = await new ConclusionRepo(db).rulesFor(orgIdsOf(t.path));
    return { items: LEVELS.map((level) => this.present(ctx.principal, rows, t, level)) };
  }

  private present(p: Principal, rows: readonly RuleRow[], t: RuleTarget, level: Level): LevelRulesDto {
    const own = rows.find((r) => r.level === level && r.org_id === t.orgId);
    return {
      level,
      levelLabel: LEVEL_LABELS[level],
      ...effectiveRules(rows, t.path, level),
      orgId: t.orgId,
      version: own?.version ?? 1,
      abilities: { edit: mayEditRules(p, t.path) },
    };
  }

  /** Stores the rules of a level at an org (a research admin's office, or the deployment default). */
  async put(ctx: Ctx, level: Level, body: PutRules): Promise<LevelRulesDto> {
    const p = ctx.principal;
    if (!isSysadmin(p) && !p.grants.some((g) => g.role === 'research_admin')) {
      throw forbidden('只有教科研管理员或系统管理员可以修改结题条件');
    }
    return this.database.db.transaction().execute(async (trx) => {
      const t = await this.target(trx, p, body.orgId === undefined ? this.homeOrg(p) : body.orgId);
      if (!mayEditRules(p, t.path)) throw forbidden('无权修改该机构的结题条件');
      if (t.kind !== null && !RULE_ORG_KINDS.includes(t.kind)) {
        throw invalid('结题条件只能由省、市、区县教科研部门设置', {
          fields: [{ field: 'orgId', message: '机构类型不符' }],
        });
      }
      const repo = new ConclusionRepo(trx);
      const before = await repo.ruleRow(t.orgId, level);
      const now = nowIso();
      let id: string;
      if (before) {
        const ok = await repo.updateRule(before.id, body.version, {
          rules: toJson(body.rules),
          updated_by: p.personId,
          updated_at: now,
        });
        if (!ok) throw staleVersion();
        id = before.id;
      } else {
        // A row not stored yet stands at version 1; the first save makes it 2, so a racing save conflicts.
        if (body.version !== 1) throw staleVersion();
        id = newId();
        await repo.insertRule({
          id,
          org_id: t.orgId,
          level,
          rules: toJson(body.rules),
          version: 2,
          updated_by: p.personId,
          updated_at: now,
        });
      }
      await writeAudit(trx, {
        actorId: p.personId,
        action: 'conclusion_rules.update',
        entity: 'conclusion_rules',
        entityId: id,
        orgId: t.orgId,
        before: before ? { ...before, rules: fromJson<unknown>(before.rules, null) } : undefined,
        after: { level, orgId: t.orgId, rules: body.rules },
        ip: ctx.ip,
      });
      const rows = await repo.rulesFor(orgIdsOf(t.path));
      return this.present(p, rows, t, level);
    });
  }
}
