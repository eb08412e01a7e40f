import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { groupBy } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { REPORTING_STAGES } from '../reports/reports.repo.js';
import { dateOf, ProjectTimeline } from '../stats/stats.timeline.js';
import { CalendarRepo } from './calendar.repo.js';
import { lastDayOf, monthLabel, monthlyReportDue, monthOf, monthsBetween, shiftMonth } from './months.js';
import { canReadPlans } from './plans.policy.js';
import type { CalendarEntry, CalendarQuery } from './plans.schema.js';

const REPORTING: ReadonlySet<string> = new Set(REPORTING_STAGES);

/** The instant a China-time day starts, and the instant it ends. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayEnd = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
/** The China-time day of an instant. */
const chinaDay = (iso: string) => today(new Date(iso));

const LEVEL_LABELS: Record<string, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
  school: '校级',
};

/** Longest window one calendar request may cover. */
const MAX_DAYS = 400;

/** An org's calendar: its plan items and the deadlines that appear by themselves. */
export class CalendarService {
  constructor(private readonly database: Database) {}

  async calendar(ctx: Ctx, q: CalendarQuery) {
    if (q.from > q.to) throw invalid('开始日期不能晚于结束日期');
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86400_000 > MAX_DAYS) throw invalid('一次最多查看一年多的日程');
    const org = await new OrgRepo(this.database.db).byId(q.orgId);
    if (!org || !canReadPlans(ctx.principal, org.path)) throw notFound('单位');
    const items = [...(await this.planItems(org.id, q)), ...(await this.deadlines(org.id, org.path, q))];
    items.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    return { orgId: org.id, from: q.from, to: q.to, items };
  }

  private async planItems(orgId: string, w: { from: string; to: string }): Promise<CalendarEntry[]> {
    const rows = await new CalendarRepo(this.database.db).planItems(orgId, monthOf(w.from), monthOf(w.to));
    return rows
      .filter((r) => (r.due_on ? r.due_on >= w.from && r.due_on <= w.to : true))
      .map((r) => ({
        kind: 'plan_item' as const,
        sourceId: r.id,
        date: r.due_on,
        month: r.month,
        title: r.title,
        detail: r.owner_name ?? r.owner_text ?? null,
        done: Number(r.done) === 1,
        link: `/plans/${r.plan_id}`,
      }));
  }

  /** Deadlines of calls, monthly reports, review rounds and competitions that concern the org in the window. */
  async deadlines(orgId: string, orgPath: string, w: { from: string; to: string }): Promise<CalendarEntry[]> {
    const repo = new CalendarRepo(this.database.db);
    const [calls, reviews, competitions] = await Promise.all([
      repo.calls(orgPath, dayStart(w.from), dayEnd(w.to)),
      repo.reviews(orgPath, dayStart(w.from), dayEnd(w.to)),
      repo.competitions(orgPath, w.from, w.to),
    ]);
    const out: CalendarEntry[] = [];
    for (const c of calls) {
      const date = chinaDay(c.closes_at);
      out.push(entry('call', c.id, date, `${c.title}申报截止`, c.org_name, `/calls/${c.id}`));
    }
    for (const r of reviews) {
      const date = chinaDay(r.closes_at ?? '');
      out.push(entry('review', r.id, date, `${r.title}评审截止`, r.org_name, `/reviews/${r.id}`));
    }
    for (const c of competitions) {
      const date = c.deadline ?? w.to;
      const detail = [LEVEL_LABELS[c.level] ?? '', c.organiser].filter(Boolean).join(' · ') || null;
      out.push(entry('competition', c.id, date, `${c.title || c.name}报送截止`, detail, null));
    }
    out.push(...(await this.monthlyReports(orgId, orgPath, w)));
    return out;
  }

  /** 月报: one entry per month whose report falls due in the window, with how many are in. */
  private async monthlyReports(orgId: string, orgPath: string, w: { from: string; to: string }) {
    const months = monthsBetween(shiftMonth(monthOf(w.from), -1), w.to).filter((m) => {
      const due = monthlyReportDue(m);
      return due >= w.from && due <= w.to;
    });
    if (months.length === 0) return [];
    const repo = new CalendarRepo(this.database.db);
    // Since the first month's first day: a project that stopped running before then owed none of these months.
    const since = `${months[0]}-01`;
    const [projects, transitions, reported] = await Promise.all([
      repo.reportingCandidates(orgPath, since),
      repo.transitionsSince(orgPath, since),
      repo.monthlyReported(orgPath, months),
    ]);
    if (projects.length === 0) return [];
    const eventsOf = groupBy(transitions, (t) => t.project_id);
    const timelines = projects.map((p) => ({
      p,
      tl: new ProjectTimeline(
        p,
        (eventsOf.get(p.id) ?? []).map((t) => ({ date: dateOf(t.at), from: t.from_stage, to: t.to_stage })),
      ),
    }));
    const out: CalendarEntry[] = [];
    for (const m of months) {
      const end = lastDayOf(m);
      // Owed: running at the month's end and started by then — the statistics' 月报按时率 counts the same.
      const owing = timelines
        .filter(({ p, tl }) => (!p.starts_on || p.starts_on <= end) && REPORTING.has(tl.stageAt(end) ?? ''))
        .map(({ p }) => p.id);
      if (owing.length === 0) continue;
      const inMonth = reported.get(m) ?? new Set<string>();
      const inCount = owing.filter((id) => inMonth.has(id)).length;
      out.push({
        kind: 'monthly_report',
        sourceId: `${orgId}:${m}`,
        date: monthlyReportDue(m),
        month: monthOf(monthlyReportDue(m)),
        title: `${monthLabel(m)}课题研究月报截止`,
        detail: `在研课题 ${owing.length} 项，已交 ${inCount} 项`,
        done: inCount >= owing.length,
        link: '/projects',
      });
    }
    return out;
  }
}

function entry(
  kind: CalendarEntry['kind'],
  sourceId: string,
  date: string,
  title: string,
  detail: string | null,
  link: string | null,
): CalendarEntry {
  return { kind, sourceId, date, month: monthOf(date), title, detail, done: null, link };
}

/** Dated entries by day; month-only plan items at the end of their month. */
const sortKey = (e: CalendarEntry) => `${e.date ?? `${e.month}-99`}|${e.kind === 'plan_item' ? 0 : 1}|${e.title}`;
