import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, MentorshipAssessmentRow, MentorshipRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { growthScope } from '../growth/growth.policy.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { canAssessPair, canManagePair, canReadPair } from './mentorships.policy.js';
import {
  mutualObservations,
  pairFacts,
  presentAssessment,
  presentMentorship,
  type StoredEvaluation,
} from './mentorships.presenter.js';
import { MentorshipRepo, type PairRowWithNames } from './mentorships.repo.js';
import type {
  AssessmentDto,
  CreateAssessment,
  CreateMentorship,
  Evaluation,
  MentorshipDto,
  MentorshipFilter,
  UpdateMentorship,
} from './mentorships.schema.js';

const WHAT = '师徒结对';
const field = (name: string, message: string) => invalid(message, { fields: [{ field: name, message }] });

/** Mentoring pairs (师徒结对 / 青蓝工程): pairing, monthly assessments, end-of-term evaluation (优秀师徒). */
export class MentorshipService {
  constructor(private readonly database: Database) {}

  /** Names, groups, assessment counts and mutual observations for a page of pairs, in three queries. */
  private async present(db: Kysely<DB>, p: Principal, rows: PairRowWithNames[]): Promise<MentorshipDto[]> {
    const repo = new MentorshipRepo(db);
    const people = [...new Set(rows.flatMap((r) => [r.mentor_id, r.mentee_id]))];
    const groups = await repo.groupPaths(people);
    const counts = await repo.assessmentCounts(rows.map((r) => r.id));
    const observations = await repo.submittedObservationsAmong(people);
    return rows.map((r) =>
      presentMentorship(
        r,
        pairFacts(r, groups),
        {
          mutual: mutualObservations(r, observations),
          assessmentCount: counts.get(r.id)?.count ?? 0,
          lastAssessedMonth: counts.get(r.id)?.lastMonth ?? null,
        },
        p,
      ),
    );
  }

  async list(ctx: Ctx, f: MentorshipFilter, page: number, pageSize: number) {
    const { db } = this.database;
    const { orgId, ...rest } = f;
    const orgPath = await new OrgRepo(db).filterPath(orgId);
    const { rows, total } = await new MentorshipRepo(db).list(
      growthScope(ctx.principal),
      { ...rest, orgPath },
      page,
      pageSize,
    );
    return { items: await this.present(db, ctx.principal, rows), total };
  }

  async get(ctx: Ctx, id: string): Promise<MentorshipDto> {
    return this.load(this.database.db, ctx.principal, id);
  }

  private async readable(db: Kysely<DB>, p: Principal, id: string) {
    const repo = new MentorshipRepo(db);
    const row = await repo.byId(id);
    if (!row) throw notFound(WHAT);
    const facts = pairFacts(row, await repo.groupPaths([row.mentor_id, row.mentee_id]));
    if (!canReadPair(p, facts)) throw notFound(WHAT);
    return { row, facts };
  }

  private async load(db: Kysely<DB>, p: Principal, id: string): Promise<MentorshipDto> {
    const { row } = await this.readable(db, p, id);
    const [dto] = await this.present(db, p, [row]);
    return dto;
  }

  private async manageable(db: Kysely<DB>, p: Principal, id: string, message: string) {
    const found = await this.readable(db, p, id);
    if (!canManagePair(p, found.facts)) throw forbidden(message);
    return found;
  }

  private async audit(trx: Kysely<DB>, ctx: Ctx, action: string, pair: MentorshipRow, after: unknown) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'mentorship',
      entityId: pair.id,
      orgId: pair.org_id,
      after,
      ip: ctx.ip,
    });
  }

  /** The school director pairs two teachers of the school; a mentee has one active pair at a time. */
  async create(ctx: Ctx, body: CreateMentorship): Promise<MentorshipDto> {
    if (body.mentorId === body.menteeId) throw field('menteeId', '师父和徒弟不能是同一人');
    if (body.endsOn && body.endsOn < body.startsOn) throw field('endsOn', '结束日期不能早于开始日期');
    return this.database.db.transaction().execute(async (trx) => {
      const repo = new MentorshipRepo(trx);
      const people = await repo.people([body.mentorId, body.menteeId]);
      const groups = await repo.groupPaths([body.mentorId, body.menteeId]);
      const seen = (id: string) => {
        const person = people.find((x) => x.id === id);
        const paths = [...(person?.org_path ? [person.org_path] : []), ...(groups.get(id) ?? [])];
        if (!person || !(allows(ctx.principal, 'person.read', paths) || allows(ctx.principal, 'growth.read', paths)))
          throw notFound('人员');
        return person;
      };
      const mentor = seen(body.mentorId);
      const mentee = seen(body.menteeId);
      if (!mentee.org_id || mentee.org_kind !== 'school' || !mentee.org_path || mentor.org_id !== mentee.org_id) {
        throw field('mentorId', '师父和徒弟须为同一学校的教师');
      }
      if (!allows(ctx.principal, 'mentorship.manage', [mentee.org_path])) {
        throw forbidden('只有本校教科室主任可以结对');
      }
      if (await repo.activeFor(mentee.id)) throw conflict(`${mentee.name}已有进行中的师徒结对`);
      const now = nowIso();
      const row: MentorshipRow = {
        id: newId(),
        org_id: mentee.org_id,
        mentor_id: mentor.id,
        mentee_id: mentee.id,
        starts_on: body.startsOn,
        ends_on: body.endsOn ?? null,
        goals: body.goals ?? '',
        agreement: body.agreement ?? '',
        status: 'active',
        evaluation: null,
        version: 1,
        created_by: ctx.principal.personId,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await this.audit(trx, ctx, 'mentorship.create', row, row);
      return this.load(trx, ctx.principal, row.id);
    });
  }

  /** Goals, agreement, dates; ending a pair (its end date defaults to today) or taking it up again. */
  async update(ctx: Ctx, id: string, body: UpdateMentorship): Promise<MentorshipDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.manageable(trx, ctx.principal, id, '只有本校教科室主任可以修改师徒结对');
      const status = body.status ?? row.status;
      const startsOn = body.startsOn ?? row.starts_on;
      let endsOn = body.endsOn === undefined ? row.ends_on : body.endsOn;
      // Ending a pair ends it today (or on its first day, when it has not begun yet).
      if (status === 'ended' && endsOn === null) endsOn = today() < startsOn ? startsOn : today();
      if (endsOn !== null && endsOn < startsOn) throw field('endsOn', '结束日期不能早于开始日期');
      const repo = new MentorshipRepo(trx);
      if (status === 'active' && row.status !== 'active' && (await repo.activeFor(row.mentee_id, row.id))) {
        throw conflict(`${row.mentee_name}已有进行中的师徒结对`);
      }
      const patch: Partial<MentorshipRow> = {
        goals: body.goals ?? row.goals,
        agreement: body.agreement ?? row.agreement,
        starts_on: startsOn,
        ends_on: endsOn,
        status,
        updated_at: nowIso(),
      };
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'mentorship.update', row, patch);
      return this.load(trx, ctx.principal, id);
    });
  }

  /** 每月考核: one entry per pair and month, by the school or the mentee's group leader. */
  async assess(ctx: Ctx, id: string, body: CreateAssessment): Promise<AssessmentDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row, facts } = await this.readable(trx, ctx.principal, id);
      if (!canAssessPair(ctx.principal, facts)) throw forbidden('只有本校教科室主任或徒弟所在教研组组长可以考核');
      if (body.month < row.starts_on.slice(0, 7)) throw field('month', '考核月份早于结对开始的月份');
      if (row.ends_on && body.month > row.ends_on.slice(0, 7)) throw field('month', '考核月份晚于结对结束的月份');
      const repo = new MentorshipRepo(trx);
      if (await repo.monthTaken(id, body.month)) throw conflict(`${body.month} 已有考核记录`);
      const entry: MentorshipAssessmentRow = {
        id: newId(),
        mentorship_id: id,
        month: body.month,
        score: body.score ?? null,
        comment: body.comment,
        assessor_id: ctx.principal.personId,
        created_at: nowIso(),
      };
      await repo.insertAssessment(entry);
      await this.audit(trx, ctx, 'mentorship.assess', row, entry);
      const saved = await repo.assessment(entry.id);
      if (!saved) throw notFound('考核记录');
      return presentAssessment(saved);
    });
  }

  async assessments(ctx: Ctx, id: string, page: number, pageSize: number) {
    const { db } = this.database;
    await this.readable(db, ctx.principal, id);
    const { rows, total } = await new MentorshipRepo(db).assessments(id, page, pageSize);
    return { items: rows.map(presentAssessment), total };
  }

  /** End-of-term evaluation and 优秀师徒 selection, by the school director. */
  async evaluate(ctx: Ctx, id: string, body: Evaluation): Promise<MentorshipDto> {
    const excellent = body.excellent ?? false;
    if (excellent && body.grade !== 'excellent' && body.grade !== 'good') {
      throw field('excellent', '评为优秀师徒须为优秀或良好等次');
    }
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.manageable(trx, ctx.principal, id, '只有本校教科室主任可以评价师徒结对');
      const now = nowIso();
      const evaluation: StoredEvaluation = {
        comment: body.comment,
        grade: body.grade,
        excellent,
        by: ctx.principal.personId,
        at: now,
      };
      const patch: Partial<MentorshipRow> = { evaluation: toJson(evaluation), updated_at: now };
      if (!(await new MentorshipRepo(trx).update(id, body.version ?? row.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'mentorship.evaluate', row, evaluation);
      return this.load(trx, ctx.principal, id);
    });
  }
}
