import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { BATCH_PEOPLE, BATCHES_AT_ONCE, batchesOf, groupBy, mapLimit } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import type { DB, TermRow } from '../../db/types.js';
import { forbidden } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { notice } from '../notifications/notices.js';
import { notify } from '../notifications/notify.js';
import { canReadCompliance, canRemind } from '../rules/rules.policy.js';
import { RULE_KEYS, RULE_LABELS, type RuleKey } from '../rules/rules.schema.js';
import { type RulesService, rulesOfSchool } from '../rules/rules.service.js';
import { type ComplianceItem, evaluateTeacher } from './compliance.evaluate.js';
import { loadTeacherFacts } from './compliance.facts.js';
import type { TeacherRow } from './compliance.repo.js';
import type { ComplianceFilter, ComplianceQuery, RemindBody } from './compliance.schema.js';
import { officesOf, type ResolvedView, resolveView, WideViews } from './compliance.view.js';
import { complianceSheet } from './compliance.xlsx.js';

/** What the list's summary and paging need of an item; `whole` is the item itself where it is kept. */
interface Brief extends Pick<ComplianceItem, 'personId' | 'rule' | 'met' | 'behindToDate'> {
  whole?: ComplianceItem;
}
const brief = ({ personId, rule, met, behindToDate }: ComplianceItem): Brief => ({
  personId,
  rule,
  met,
  behindToDate,
});
const kept = (item: ComplianceItem): Brief => ({ ...brief(item), whole: item });
const itemKey = (i: { personId: string; rule: string }) => `${i.personId}|${i.rule}`;
/** The list's and the sheet's filters: one rule, only the rules not met. */
const matches =
  (f: Pick<ComplianceFilter, 'rule' | 'onlyUnmet'>) =>
  (i: Pick<ComplianceItem, 'rule' | 'met'>): boolean =>
    (!f.rule || i.rule === f.rule) && (!f.onlyUnmet || !i.met);
/** A view's teachers in batches of whole schools. */
const schoolBatches = (teachers: readonly TeacherRow[]) => batchesOf(groupBy(teachers, (t) => t.school_id));

interface Counted {
  bound: number;
  met: number;
}
/** Adds an item to its rule's bound and met. */
function count(counts: Map<RuleKey, Counted>, i: Pick<Brief, 'rule' | 'met'>): void {
  const c = counts.get(i.rule);
  if (c) {
    c.bound += 1;
    if (i.met) c.met += 1;
  } else counts.set(i.rule, { bound: 1, met: i.met ? 1 : 0 });
}
/** Each rule that binds anyone, in the rules' order, with its label. */
const byRuleOf = (counts: Map<RuleKey, Counted>) =>
  RULE_KEYS.flatMap((rule) => {
    const c = counts.get(rule);
    return c ? [{ rule, label: RULE_LABELS[rule], bound: c.bound, met: c.met }] : [];
  });

/** A view's teachers and items: brief ones when it is wide, whole ones otherwise. */
interface View {
  term: TermRow;
  teachers: TeacherRow[];
  remind: boolean;
  all: Brief[];
  summary: { teachers: number; behind: number; byRule: { rule: RuleKey; label: string; bound: number; met: number }[] };
  wide: boolean;
  /** The day the items are due by. */
  asOf: string;
}

/** Who meets which rule (达标情况), with the records behind each figure, and reminders for those behind. */
export class ComplianceService {
  constructor(
    private readonly database: Database,
    private readonly rules: RulesService,
    /** A list of more teachers than this keeps four fields of each item and evaluates its page again. */
    wideAt = BATCH_PEOPLE,
  ) {
    this.views = new WideViews(canReadCompliance, (view, wide, p) => this.summarized(view, wide, p), wideAt);
  }

  /**
   * Wide views with their brief items and summary, kept a minute for their other pages and filters: a city's took
   * 2.5–3.3 s to read and evaluate, its next page or filter 20–45 ms.
   */
  private readonly views: WideViews<View>;

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
    const perBatch = await mapLimit(schoolBatches(teachers), BATCHES_AT_ONCE, async (batch) =>
      (await this.evaluateBatch(db, batch, term, asOf)).map(shape),
    );
    return perBatch.flat();
  }

  /** As `evaluate`, one batch after the other in order, each batch's items handed to `each` and then let go. */
  private async evaluateEach(
    db: Kysely<DB>,
    teachers: readonly TeacherRow[],
    term: TermRow,
    asOf: string,
    each: (items: ComplianceItem[]) => void,
  ): Promise<void> {
    for (const batch of schoolBatches(teachers)) each(await this.evaluateBatch(db, batch, term, asOf));
  }

  /** The items of a batch of schools' teachers, each school by its own rules. */
  private async evaluateBatch(
    db: Kysely<DB>,
    batch: [string, TeacherRow[]][],
    term: TermRow,
    asOf: string,
  ): Promise<ComplianceItem[]> {
    const window = { startsOn: term.starts_on, endsOn: term.ends_on };
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
      return f ? evaluateTeacher(f, e.rules, e.ageOn, window, asOf) : [];
    });
  }

  /** A write was answered (here or, through the supervisor, in another worker): wide views are evaluated again. */
  invalidate(): void {
    this.views.invalidate();
  }

  /**
   * A page of the view's items, with the summary of them all. A view wider than one batch of people (a district,
   * a city) keeps four fields of each item for the summary and the paging, and evaluates the page's teachers
   * again for their whole items: a city's 194,000 items, each with its records, were all held at once.
   */
  async list(ctx: Ctx, q: ComplianceQuery) {
    const { page, pageSize, ...f } = q;
    const { db } = this.database;
    const { term, teachers, all, summary, remind, wide, asOf } = await this.views.resolve(db, ctx.principal, f);
    const matching = all.filter(matches(f));
    const shown = matching.slice((page - 1) * pageSize, page * pageSize);
    let items = shown.flatMap((i) => (i.whole ? [i.whole] : []));
    if (wide) {
      // Evaluated now: an item a write changed since the view was read shows its new figures.
      const onPage = new Set(shown.map((i) => i.personId));
      const now = await this.evaluate(
        db,
        teachers.filter((t) => onPage.has(t.id)),
        term,
        asOf,
      );
      const whole = new Map(now.map((i) => [itemKey(i), i]));
      items = shown.flatMap((i) => whole.get(itemKey(i)) ?? []);
    }
    return { items, total: matching.length, page, pageSize, summary, abilities: { remind } };
  }

  /**
   * The view school by school (各校达标情况): each school's teachers, those behind, and each rule's bound and met,
   * in one pass over the view's items (kept a minute for a wide view, as the list's).
   */
  async schools(ctx: Ctx, q: { orgId: string; termId: string }) {
    const { teachers, all, summary } = await this.views.resolve(this.database.db, ctx.principal, q);
    const schoolOf = new Map(teachers.map((t) => [t.id, t.school_id]));
    const bySchool = new Map<
      string,
      { orgId: string; orgName: string; teachers: number; behind: Set<string>; counts: Map<RuleKey, Counted> }
    >();
    for (const t of teachers) {
      const s = bySchool.get(t.school_id);
      if (s) s.teachers += 1;
      else
        bySchool.set(t.school_id, {
          orgId: t.school_id,
          orgName: t.school_name,
          teachers: 1,
          behind: new Set(),
          counts: new Map(),
        });
    }
    for (const i of all) {
      const s = bySchool.get(schoolOf.get(i.personId) ?? '');
      if (!s) continue;
      count(s.counts, i);
      if (i.behindToDate > 0) s.behind.add(i.personId);
    }
    const offices = await officesOf(this.database.db, teachers);
    const items = [...bySchool.values()].map((s) => ({
      orgId: s.orgId,
      orgName: s.orgName,
      parentId: offices.get(s.orgId)?.parentId ?? null,
      parentName: offices.get(s.orgId)?.parentName ?? null,
      teachers: s.teachers,
      behind: s.behind.size,
      byRule: byRuleOf(s.counts),
    }));
    return { items, summary };
  }

  /** A view's items (brief when it is wide) and their summary, as of today. */
  private async summarized(view: ResolvedView, wide: boolean, principal: Principal): Promise<View> {
    const { teachers, subjects, term } = view;
    const asOf = today();
    const remind = [...subjects.values()].some((s) => s.personId !== principal.personId && canRemind(principal, s));
    const all = await this.evaluate(this.database.db, teachers, term, asOf, wide ? brief : kept);
    // One pass over the items (a city's are 194,000).
    const counts = new Map<RuleKey, Counted>();
    const behind = new Set<string>();
    for (const i of all) {
      count(counts, i);
      if (i.behindToDate > 0) behind.add(i.personId);
    }
    const summary = { teachers: teachers.length, behind: behind.size, byRule: byRuleOf(counts) };
    return { term, teachers, remind, all, summary, wide, asOf };
  }

  /**
   * The view's items as a sheet, written a batch of schools at a time: a city's 194,000 rows, held with their
   * records in one workbook, took 20 s and 1.3 GB of heap.
   */
  async exportXlsx(ctx: Ctx, f: ComplianceFilter) {
    const { db } = this.database;
    const { org, term, teachers } = await resolveView(db, ctx.principal, f, canReadCompliance);
    const sheet = complianceSheet(`${org.name} ${term.name}`);
    await this.evaluateEach(db, teachers, term, today(), (items) => sheet.add(items.filter(matches(f))));
    return { filename: `${org.name}-${term.name}-达标情况.xlsx`, data: await sheet.finish() };
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
