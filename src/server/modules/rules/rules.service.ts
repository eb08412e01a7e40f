import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { dbErrorKind, fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, SchoolRuleRow, TermRow } from '../../db/types.js';
import { forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { DEFAULT_POINTS, DEFAULT_REFERENCE_DATE, DEFAULT_REWARDS, DEFAULT_RULES } from './rules.defaults.js';
import { canManageRules, canViewOrg } from './rules.policy.js';
import { RulesRepo } from './rules.repo.js';
import {
  type Points,
  type PutRules,
  pointsSchema,
  type QuotaRules,
  quotaRulesSchema,
  REFERENCE_MODES,
  type ReferenceDate,
  type Reward,
  type RulesDto,
  rewardsSchema,
} from './rules.schema.js';

/** The rules in force for one school and term, whichever row they come from. */
export interface EffectiveRules {
  row: SchoolRuleRow | null;
  inheritedFrom: { termId: string; termName: string } | null;
  referenceDate: ReferenceDate;
  /** The date ages are taken at. */
  ageOn: string;
  rules: QuotaRules;
  points: Points;
  rewards: Reward[];
}

/** Stored JSON read back through its schema; an unreadable value falls back to the defaults. */
function parsed<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  const r = schema.safeParse(fromJson<unknown>(text, null));
  return r.success ? r.data : fallback;
}

function referenceOf(row: SchoolRuleRow | null | undefined): ReferenceDate {
  if (!row) return DEFAULT_REFERENCE_DATE;
  const mode = REFERENCE_MODES.find((m) => m === row.reference_date_mode) ?? 'term_start';
  return { mode, date: mode === 'fixed' ? row.reference_date : null };
}

/** The date ages are taken at in a term. */
export function ageReferenceDate(ref: ReferenceDate, term: Pick<TermRow, 'starts_on' | 'ends_on'>): string {
  if (ref.mode === 'fixed' && ref.date) return ref.date;
  return ref.mode === 'term_end' ? term.ends_on : term.starts_on;
}

/** A school's rules out of `effectiveOf`'s answer, which holds every school it was asked about. */
export function rulesOfSchool(rules: ReadonlyMap<string, EffectiveRules>, schoolId: string): EffectiveRules {
  const e = rules.get(schoolId);
  if (!e) throw new Error(`rules of school ${schoolId} were not read`);
  return e;
}

const WHAT = '学校';

/** The schools' rules, quotas, points table and rewards (制度·考核), versioned per term. */
export class RulesService {
  constructor(private readonly database: Database) {}

  /** The rules in force: the term's own row, else the latest earlier term's, else the defaults. */
  async effective(orgId: string, termId: string, db: Kysely<DB> = this.database.db): Promise<EffectiveRules> {
    const term = await new RulesRepo(db).term(termId);
    if (!term) throw notFound('学期');
    return rulesOfSchool(await this.effectiveOf([orgId], term, db), orgId);
  }

  /**
   * The rules in force of several schools in one term, in two statements whatever their number (a city's
   * dashboard needs 500 schools' rules; asked one by one, that was 1,500 statements).
   */
  async effectiveOf(
    orgIds: readonly string[],
    term: Pick<TermRow, 'id' | 'starts_on' | 'ends_on'>,
    db: Kysely<DB> = this.database.db,
  ): Promise<Map<string, EffectiveRules>> {
    const repo = new RulesRepo(db);
    const [own, earlier] = await Promise.all([repo.storedOf(orgIds, term.id), repo.earlierOf(orgIds, term.starts_on)]);
    const ownOf = new Map(own.map((r) => [r.org_id, r]));
    // Rows come each school's latest term first: the first one seen is the one inherited.
    const earlierOf = new Map<string, (typeof earlier)[number]>();
    for (const r of earlier) if (!earlierOf.has(r.org_id)) earlierOf.set(r.org_id, r);
    const out = new Map<string, EffectiveRules>();
    for (const orgId of orgIds) {
      const row = ownOf.get(orgId) ?? null;
      const before = row ? undefined : earlierOf.get(orgId);
      const source = row ?? before ?? null;
      const referenceDate = referenceOf(source);
      out.set(orgId, {
        row,
        inheritedFrom: before ? { termId: before.term_id, termName: before.term_name } : null,
        referenceDate,
        ageOn: ageReferenceDate(referenceDate, term),
        rules: source ? parsed(quotaRulesSchema, source.rules, DEFAULT_RULES) : DEFAULT_RULES,
        points: source ? parsed(pointsSchema, source.points, DEFAULT_POINTS) : DEFAULT_POINTS,
        rewards: source ? parsed(rewardsSchema, source.rewards, DEFAULT_REWARDS) : DEFAULT_REWARDS,
      });
    }
    return out;
  }

  /** A school the caller may look at, or not_found; a non-school org is a bad request. */
  private async school(ctx: Ctx, db: Kysely<DB>, orgId: string) {
    const org = await new RulesRepo(db).org(orgId);
    if (!org || !canViewOrg(ctx.principal, org)) throw notFound(WHAT);
    if (org.kind !== 'school') throw invalid('制度按学校设置，请选择一所学校');
    return org;
  }

  async get(ctx: Ctx, orgId: string, termId: string): Promise<RulesDto> {
    const { db } = this.database;
    const org = await this.school(ctx, db, orgId);
    return this.present(ctx, db, org, termId);
  }

  private async present(ctx: Ctx, db: Kysely<DB>, org: { id: string; path: string }, termId: string) {
    const e = await this.effective(org.id, termId, db);
    const updatedBy = await new RulesRepo(db).personName(e.row?.updated_by ?? null);
    return {
      id: e.row?.id ?? null,
      version: e.row?.version ?? 0,
      orgId: org.id,
      termId,
      stored: e.row !== null,
      inheritedFrom: e.inheritedFrom,
      referenceDate: e.referenceDate,
      ageOn: e.ageOn,
      rules: e.rules,
      points: e.points,
      rewards: e.rewards,
      updatedAt: e.row?.updated_at ?? null,
      updatedBy: updatedBy?.name ?? null,
      abilities: { update: canManageRules(ctx.principal, org) },
    };
  }

  /** Saves the term's rules (the first save gives the term its own row; earlier terms keep theirs). */
  async put(ctx: Ctx, orgId: string, termId: string, body: PutRules): Promise<RulesDto> {
    checkRules(body);
    return this.database.db.transaction().execute(async (trx) => {
      const org = await this.school(ctx, trx, orgId);
      if (!canManageRules(ctx.principal, org)) throw forbidden('只有本校教科室主任或上级管理员可以修改制度');
      const repo = new RulesRepo(trx);
      if (!(await repo.term(termId))) throw notFound('学期');
      const before = await repo.stored(orgId, termId);
      const patch = {
        rules: toJson(body.rules),
        points: toJson(body.points),
        rewards: toJson(body.rewards),
        reference_date_mode: body.referenceDate.mode,
        reference_date: body.referenceDate.mode === 'fixed' ? body.referenceDate.date : null,
        updated_by: ctx.principal.personId,
        updated_at: nowIso(),
      };
      let after: SchoolRuleRow;
      if (before) {
        if (!(await repo.update(before.id, body.version, patch))) throw staleVersion();
        after = { ...before, ...patch, version: body.version + 1 };
      } else {
        if (body.version !== 0) throw staleVersion();
        after = { id: newId(), org_id: orgId, term_id: termId, version: 1, ...patch };
        await repo.insert(after).catch((err: unknown) => {
          throw dbErrorKind(err) === 'unique' ? staleVersion() : err;
        });
      }
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'rules.update',
        entity: 'school_rules',
        entityId: after.id,
        orgId,
        before,
        after,
        ip: ctx.ip,
      });
      return this.present(ctx, trx, org, termId);
    });
  }
}

/** Checks the schema cannot express, with zh-CN messages. */
function checkRules(body: PutRules) {
  const problems: { field: string; message: string }[] = [];
  if (body.referenceDate.mode === 'fixed' && !body.referenceDate.date) {
    problems.push({ field: 'referenceDate.date', message: '选择固定日期计算年龄时须填写日期' });
  }
  const keys = body.rewards.map((r) => r.key);
  if (new Set(keys).size !== keys.length) problems.push({ field: 'rewards', message: '奖励设置的标识不能重复' });
  for (const [i, r] of body.rewards.entries()) {
    if (Object.keys(r.thresholds).length === 0) {
      problems.push({ field: `rewards.${i}.thresholds`, message: `「${r.label}」至少要设置一个级别的获奖等级` });
    }
  }
  if (problems.length > 0) throw invalid(problems[0].message, { fields: problems });
}
