import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { containsText, type DialectKind } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import type { ActivityRepo } from '../activities/activities.repo.js';
import type { GrowthRepo } from '../growth/growth.repo.js';
import type { ProjectRepo } from '../projects/projects.repo.js';
import type { WorkIdQuery } from '../works/works.repo.js';
import type { DocType } from './search.index.js';

/** What the caller may read, per kind of record, as id subqueries from the owning modules' scopes. */
export interface SearchScope {
  projects: ReturnType<ProjectRepo['visibleIds']>;
  activities: ReturnType<ActivityRepo['visibleIds']>;
  growth: ReturnType<GrowthRepo['visibleIds']>;
  works: WorkIdQuery;
}

type Eb = ExpressionBuilder<DB & { si: DB['search_index'] }, 'si'>;

/** FTS5 trigram needs 3+ characters per term; shorter terms (and PostgreSQL, via pg_trgm) use LIKE. */
const TRIGRAM = 3;

/** Full-text search queries (全文检索) over `search_index`. */
export class SearchRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  /** Every term must appear in the title or the body. */
  private matches(eb: Eb, terms: readonly string[]): Expression<SqlBool> {
    const conds: Expression<SqlBool>[] = [];
    const long = terms.filter((t) => [...t].length >= TRIGRAM);
    const likeTerms = this.kind === 'sqlite' ? terms.filter((t) => [...t].length < TRIGRAM) : terms;
    if (this.kind === 'sqlite' && long.length > 0) {
      const phrase = long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
      conds.push(eb('si.seq', 'in', sql<number>`(select rowid from search_fts where search_fts match ${phrase})`));
    }
    for (const t of likeTerms) {
      conds.push(
        eb.or([containsText(this.kind, eb.ref('si.title'), t), containsText(this.kind, eb.ref('si.body'), t)]),
      );
    }
    return eb.and(conds);
  }

  private visible(eb: Eb, scope: SearchScope): Expression<SqlBool> {
    return eb.or([
      eb.and([eb('si.doc_type', '=', 'project'), eb('si.doc_id', 'in', scope.projects)]),
      eb.and([eb('si.doc_type', 'in', ['report', 'file']), eb('si.project_id', 'in', scope.projects)]),
      eb.and([eb('si.doc_type', '=', 'activity'), eb('si.doc_id', 'in', scope.activities)]),
      eb.and([eb('si.doc_type', '=', 'growth'), eb('si.doc_id', 'in', scope.growth)]),
      eb.and([eb('si.doc_type', '=', 'work'), eb('si.doc_id', 'in', scope.works)]),
    ]);
  }

  private hits(scope: SearchScope, terms: readonly string[]) {
    return this.db
      .selectFrom('search_index as si')
      .where((eb) => this.visible(eb, scope))
      .where((eb) => this.matches(eb, terms));
  }

  /** How many hits of each type. */
  async counts(scope: SearchScope, terms: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.hits(scope, terms)
      .select(['si.doc_type', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('si.doc_type')
      .execute();
    return new Map(rows.map((r) => [r.doc_type, Number(r.n)]));
  }

  /** One page of hits: title hits first, then the latest changed. */
  page(scope: SearchScope, terms: readonly string[], type: DocType | undefined, page: number, pageSize: number) {
    const first = terms[0] ?? '';
    return this.hits(scope, terms)
      .$if(type !== undefined, (q) => q.where('si.doc_type', '=', type ?? ''))
      .select(['si.doc_type', 'si.doc_id', 'si.project_id', 'si.org_id', 'si.title', 'si.body'])
      .orderBy((eb) =>
        eb
          .case()
          .when(containsText(this.kind, eb.ref('si.title'), first))
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('si.source_updated_at', 'desc')
      .orderBy('si.seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  }

  /** Display facts of the hits: titles of projects (reports and files show their project's), names of orgs. */
  async projectTitles(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await this.db.selectFrom('projects').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async orgNames(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await this.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Kind labels' keys and dates of the hits, per type. */
  async reportFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db
      .selectFrom('project_reports')
      .select(['id', 'kind', 'month'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { kind: r.kind, date: r.month }]));
  }

  async activityFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db.selectFrom('activities').select(['id', 'kind', 'date']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, { kind: r.kind, date: r.date }]));
  }

  async growthFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db
      .selectFrom('growth_records')
      .select(['id', 'kind', 'date'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { kind: r.kind, date: r.date }]));
  }

  async workFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db
      .selectFrom('works')
      .select(['id', 'kind', 'written_on'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { kind: r.kind, date: r.written_on }]));
  }

  async fileFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db
      .selectFrom('project_files')
      .select(['id', 'category', 'created_at'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { kind: r.category, date: r.created_at.slice(0, 10) }]));
  }

  async projectFacts(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { kind: string; date: string | null }>();
    const rows = await this.db
      .selectFrom('projects')
      .select(['id', 'stage', 'number'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { kind: r.stage, date: null }]));
  }
}
