import type { Kysely } from 'kysely';
import { allowsAnywhere } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import { defaultTermDates, termName, today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB, TermRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { CreateTerm, TermDto, UpdateTerm } from './terms.schema.js';

/** Term row → API shape. */
export function presentTerm(row: TermRow, principal: Principal, on = today()): TermDto {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    schoolYear: row.school_year,
    termNo: row.term_no === 2 ? 2 : 1,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    current: row.starts_on <= on && on <= row.ends_on,
    abilities: { update: allowsAnywhere(principal, 'term.manage') },
  };
}

/** School years and terms (学年/学期), shared by the whole deployment. */
export class TermService {
  constructor(private readonly database: Database) {}

  list() {
    return this.database.db
      .selectFrom('terms')
      .selectAll()
      .orderBy('school_year', 'desc')
      .orderBy('term_no', 'desc')
      .execute();
  }

  async get(id: string) {
    const row = await this.database.db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('学期');
    return row;
  }

  private checkDates(startsOn: string, endsOn: string) {
    if (startsOn >= endsOn) {
      throw invalid('结束日期须晚于开始日期', { fields: [{ field: 'endsOn', message: '结束日期须晚于开始日期' }] });
    }
  }

  /** Overlapping terms would put a record in two terms. */
  private async checkOverlap(db: Kysely<DB>, startsOn: string, endsOn: string, exceptId?: string) {
    const clash = await db
      .selectFrom('terms')
      .select(['id', 'name'])
      .where('starts_on', '<=', endsOn)
      .where('ends_on', '>=', startsOn)
      .$if(Boolean(exceptId), (q) => q.where('id', '!=', exceptId ?? ''))
      .executeTakeFirst();
    if (clash) throw conflict(`与「${clash.name}」的日期重叠`);
  }

  async create(ctx: Ctx, body: CreateTerm) {
    if (!allowsAnywhere(ctx.principal, 'term.manage')) throw forbidden('只有管理员可以设置学年学期');
    const d = defaultTermDates(body.schoolYear, body.termNo);
    const startsOn = body.startsOn ?? d.startsOn;
    const endsOn = body.endsOn ?? d.endsOn;
    this.checkDates(startsOn, endsOn);
    return this.database.db.transaction().execute(async (trx) => {
      const dup = await trx
        .selectFrom('terms')
        .select('id')
        .where('school_year', '=', body.schoolYear)
        .where('term_no', '=', body.termNo)
        .executeTakeFirst();
      if (dup) throw conflict('该学期已存在');
      await this.checkOverlap(trx, startsOn, endsOn);
      const now = nowIso();
      const row: TermRow = {
        id: newId(),
        school_year: body.schoolYear,
        term_no: body.termNo,
        name: body.name ?? termName(body.schoolYear, body.termNo),
        starts_on: startsOn,
        ends_on: endsOn,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('terms').values(row).execute();
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'term.create',
        entity: 'term',
        entityId: row.id,
        orgId: null,
        after: row,
        ip: ctx.ip,
      });
      return row;
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateTerm) {
    if (!allowsAnywhere(ctx.principal, 'term.manage')) throw forbidden('只有管理员可以设置学年学期');
    return this.database.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('学期');
      const startsOn = body.startsOn ?? before.starts_on;
      const endsOn = body.endsOn ?? before.ends_on;
      this.checkDates(startsOn, endsOn);
      await this.checkOverlap(trx, startsOn, endsOn, id);
      const r = await trx
        .updateTable('terms')
        .set({
          starts_on: startsOn,
          ends_on: endsOn,
          name: body.name ?? before.name,
          version: body.version + 1,
          updated_at: nowIso(),
        })
        .where('id', '=', id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
      const after = await trx.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'term.update',
        entity: 'term',
        entityId: id,
        orgId: null,
        before,
        after,
        ip: ctx.ip,
      });
      return after;
    });
  }
}
