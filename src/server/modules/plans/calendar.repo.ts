import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { REPORTING_STAGES } from '../reports/reports.repo.js';

/** Stages a project reaches after running: it owed reports for the months it ran. */
const AFTER_RUNNING = ['conclusion_requested', 'concluded', 'not_passed', 'terminated'] as const;

/**
 * A project that may have been running on or after `since`: running now, or past running and changed since (a stage
 * change touches `updated_at`) or, for one imported without its history, ending since or with no end date.
 */
function mayHaveReported(eb: ExpressionBuilder<DB, 'projects'>, since: string) {
  return eb.or([
    eb('projects.stage', 'in', REPORTING_STAGES),
    eb.and([
      eb('projects.stage', 'in', AFTER_RUNNING),
      eb.or([
        eb('projects.updated_at', '>=', since),
        eb('projects.ends_on', '>=', since),
        eb('projects.ends_on', 'is', null),
      ]),
    ]),
  ]);
}

/**
 * An org column is "related" to the calendar's org when it is the org, one of the offices above it
 * (their calls and competitions reach it) or an org inside its subtree.
 */
function related<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, pathRef: Expression<string | null>, path: string) {
  const ancestors = ancestorPaths(path);
  return eb.or([eb(pathRef, 'in', ancestors), startsWith(pathRef, path)]);
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** The deadlines that appear on an org's calendar by themselves, and its plan items. */
export class CalendarRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Items of the org's plans listed in the months, or due, inside the window. */
  planItems(orgId: string, fromMonth: string, toMonth: string) {
    return this.db
      .selectFrom('plan_items')
      .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
      .leftJoin('people', 'people.id', 'plan_items.owner_id')
      .select([
        'plan_items.id',
        'plan_items.plan_id',
        'plan_items.month',
        'plan_items.title',
        'plan_items.due_on',
        'plan_items.done',
        'plan_items.owner_text',
        'people.name as owner_name',
      ])
      .where('plans.org_id', '=', orgId)
      .where('plan_items.month', '>=', fromMonth)
      .where('plan_items.month', '<=', toMonth)
      .orderBy('plan_items.month')
      .orderBy('plan_items.sort')
      .orderBy('plan_items.id')
      .execute();
  }

  /** Calls (申报通知) of related orgs closing between two instants. */
  calls(path: string, fromInstant: string, toInstant: string) {
    return this.db
      .selectFrom('calls')
      .innerJoin('orgs', 'orgs.id', 'calls.org_id')
      .select(['calls.id', 'calls.title', 'calls.closes_at', 'orgs.name as org_name'])
      .where((eb) => related(eb, eb.ref('orgs.path'), path))
      .where('calls.closes_at', '>=', fromInstant)
      .where('calls.closes_at', '<=', toInstant)
      .orderBy('calls.closes_at')
      .execute();
  }

  /** Review rounds (评审) of related orgs closing between two instants. */
  reviews(path: string, fromInstant: string, toInstant: string) {
    return this.db
      .selectFrom('review_rounds')
      .innerJoin('orgs', 'orgs.id', 'review_rounds.org_id')
      .select(['review_rounds.id', 'review_rounds.title', 'review_rounds.closes_at', 'orgs.name as org_name'])
      .where((eb) => related(eb, eb.ref('orgs.path'), path))
      .where('review_rounds.closes_at', 'is not', null)
      .where('review_rounds.closes_at', '>=', fromInstant)
      .where('review_rounds.closes_at', '<=', toInstant)
      .orderBy('review_rounds.closes_at')
      .execute();
  }

  /** Editions of active competitions (built-in or of related orgs) whose deadline lies in the window. */
  competitions(path: string, from: string, to: string) {
    return this.db
      .selectFrom('competition_editions as e')
      .innerJoin('competitions as c', 'c.id', 'e.competition_id')
      .leftJoin('orgs', 'orgs.id', 'c.org_id')
      .select(['e.id', 'e.title', 'e.deadline', 'c.name', 'c.level', 'c.organiser'])
      .where('c.active', '=', 1)
      .where('e.deadline', 'is not', null)
      .where('e.deadline', '>=', from)
      .where('e.deadline', '<=', to)
      .where((eb) => eb.or([eb('c.org_id', 'is', null), related(eb, eb.ref('orgs.path'), path)]))
      .orderBy('e.deadline')
      .execute();
  }

  /**
   * Projects under the org that may have owed a monthly report (月报) since `since`: running now, or past running and
   * changed since then; with what their timeline needs (see ProjectTimeline). Whether one owed a month's report is
   * its stage at the month's end, as the statistics decide it.
   */
  reportingCandidates(path: string, since: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['projects.id', 'projects.stage', 'projects.starts_on', 'projects.ends_on', 'projects.created_at'])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .where((eb) => mayHaveReported(eb, since))
      .execute();
  }

  /** The stage changes of projects under the org changed since `since`, in order. */
  transitionsSince(path: string, since: string) {
    return this.db
      .selectFrom('project_transitions as t')
      .innerJoin('projects', 'projects.id', 't.project_id')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['t.project_id', 't.at', 't.from_stage', 't.to_stage'])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .where((eb) => mayHaveReported(eb, since))
      .orderBy('t.project_id')
      .orderBy('t.at')
      .orderBy('t.id')
      .execute();
  }

  /** Which projects under the org have a monthly report for each of the months. */
  async monthlyReported(path: string, months: readonly string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (months.length === 0) return out;
    const rows = await this.db
      .selectFrom('project_reports as r')
      .innerJoin('projects', 'projects.id', 'r.project_id')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['r.month', 'r.project_id'])
      .where('r.kind', '=', 'monthly')
      .where('r.month', 'in', months)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .execute();
    for (const r of rows) {
      if (!r.month) continue;
      const set = out.get(r.month) ?? new Set<string>();
      set.add(r.project_id);
      out.set(r.month, set);
    }
    return out;
  }
}
