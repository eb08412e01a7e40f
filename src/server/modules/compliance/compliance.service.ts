import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { BATCHES_AT_ONCE, batchesOf, groupBy, mapLimit } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import type { DB, TermRow } from '../../db/types.js';
import { forbidden } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { notice } from '../notifications/notices.js';
import { notify } from '../notifications/notify.js';
import { canReadCompliance, canRemind } from '../rules/rules.policy.js';
import { RULE_KEYS, RULE_LABELS } from '../rules/rules.schema.js';
import { type RulesService, rulesOfSchool } from '../rules/rules.service.js';
import { type ComplianceItem, evaluateTeacher } from './compliance.evaluate.js';
import { loadTeacherFacts } from './compliance.facts.js';
import type { TeacherRow } from './compliance.repo.js';
import type { ComplianceFilter, ComplianceQuery, RemindBody } from './compliance.schema.js';
import { resolveView } from './compliance.view.js';
import { complianceWorkbook } from './compliance.xlsx.js';

/** Who meets which rule (达标情况), with the records behind each figure, and reminders for those behind. */
export class ComplianceService {
  constructor(
    private readonly database: Database,
    private readonly rules: RulesService,
  ) {}

  /**
   * Every rule binding each teacher in the term, with each school's own rules, read a batch of schools at a
   * time. `shape` maps each item as its batch is done (the statistics keep five fields: a city's items with
   * their records, and the facts those hold, were half the dashboard's memory).
   */
  async evaluate<T = ComplianceItem>(
    db: Kysely<DB>,
    teachers: readonly TeacherRow[],
    term: TermRow,
    asOf = today(),
    shape: (item: ComplianceItem) => T = (item) => item as T,
  ): Promise<T[]> {
    const window = { startsOn: term.starts_on, endsOn: term.ends_on };
    const perBatch = await mapLimit(
      batchesOf(groupBy(teachers, (t) => t.school_id)),
      BATCHES_AT_ONCE,
      async (batch) => {
        const rules = await this.rules.effectiveOf(
          batch.map(([id]) => id),
          term,
          db,
        );
        const mine = batch.flatMap(([, people]) => people);
        const facts = await loadTeacherFacts(
          db,
          mine,
          term,
          (t) => rulesOfSchool(rules, t.school_id).rules.eight_ones.enabled,
        );
        return mine.flatMap((t) => {
          const f = facts.get(t.id);
          const e = rulesOfSchool(rules, t.school_id);
          return f ? evaluateTeacher(f, e.rules, e.ageOn, window, asOf).map(shape) : [];
        });
      },
    );
    return perBatch.flat();
  }

  private async filtered(ctx: Ctx, f: ComplianceFilter) {
    const { db } = this.database;
    const view = await resolveView(db, ctx.principal, f, canReadCompliance);
    const all = await this.evaluate(db, view.teachers, view.term);
    const items = all.filter((i) => (!f.rule || i.rule === f.rule) && (!f.onlyUnmet || !i.met));
    return { ...view, all, items };
  }

  async list(ctx: Ctx, q: ComplianceQuery) {
    const { page, pageSize, ...f } = q;
    const { teachers, subjects, all, items } = await this.filtered(ctx, f);
    const byRule = RULE_KEYS.map((rule) => {
      const bound = all.filter((i) => i.rule === rule);
      return { rule, label: RULE_LABELS[rule], bound: bound.length, met: bound.filter((i) => i.met).length };
    }).filter((r) => r.bound > 0);
    const behind = new Set(all.filter((i) => i.behindToDate > 0).map((i) => i.personId));
    return {
      items: items.slice((page - 1) * pageSize, page * pageSize),
      total: items.length,
      page,
      pageSize,
      summary: { teachers: teachers.length, behind: behind.size, byRule },
      abilities: {
        remind: [...subjects.values()].some(
          (s) => s.personId !== ctx.principal.personId && canRemind(ctx.principal, s),
        ),
      },
    };
  }

  async exportXlsx(ctx: Ctx, f: ComplianceFilter) {
    const { org, term, items } = await this.filtered(ctx, f);
    const data = await complianceWorkbook(`${org.name} ${term.name}`, items);
    return { filename: `${org.name}-${term.name}-达标情况.xlsx`, data };
  }

  /** Sends an in-app reminder (提醒) to each teacher behind as of today, listing what is missing. */
  async remind(ctx: Ctx, body: RemindBody) {
    const { db } = this.database;
    const view = await resolveView(db, ctx.principal, body, canRemind);
    const wanted = body.personIds ? new Set(body.personIds) : null;
    const teachers = view.teachers.filter((t) => t.id !== ctx.principal.personId && (!wanted || wanted.has(t.id)));
    if (view.teachers.length === 0) throw forbidden('只有学校、教研组或教研室可以发送达标提醒');
    const items = (await this.evaluate(db, teachers, view.term)).filter(
      (i) => i.behindToDate > 0 && (!body.rule || i.rule === body.rule),
    );
    const people = [...new Set(items.map((i) => i.personId))];
    await db.transaction().execute(async (trx) => {
      for (const personId of people) {
        const lines = items
          .filter((i) => i.personId === personId)
          .map(
            (i) =>
              `${i.label}：要求 ${i.required}，已完成 ${i.actual}，目前应完成 ${i.dueToDate}，还差 ${i.behindToDate}`,
          );
        await notify(trx, {
          personIds: [personId],
          kind: 'compliance_reminder',
          ...notice('compliance_reminder', { term: view.term.name }),
          body: lines.join('\n'),
          link: `/compliance?termId=${view.term.id}`,
          orgId: teachers.find((t) => t.id === personId)?.school_id,
        });
      }
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'compliance.remind',
        entity: 'compliance',
        entityId: null,
        orgId: view.org.id,
        after: { termId: view.term.id, rule: body.rule ?? null, personIds: people },
        ip: ctx.ip,
      });
    });
    return { sent: people.length, personIds: people };
  }
}
