import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { projectScope } from '../../access/projects.policy.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { invalid } from '../../errors.js';
import { activityScope } from '../activities/activities.policy.js';
import { ActivityRepo } from '../activities/activities.repo.js';
import { growthScope } from '../growth/growth.policy.js';
import { GrowthRepo } from '../growth/growth.repo.js';
import { ProjectRepo } from '../projects/projects.repo.js';
import { workScope } from '../works/works.policy.js';
import { WorksRepo } from '../works/works.repo.js';
import { type DocType, syncSearchIndex } from './search.index.js';
import { SearchRepo, type SearchScope } from './search.repo.js';
import type { SearchHit, SearchQuery } from './search.schema.js';
import { hitSnippet, queryTerms } from './search.text.js';

type Facts = Map<string, { kind: string; date: string | null }>;

/**
 * Full-text search (全文检索) within the caller's scope. Each kind of record is filtered by the
 * same scope its own list uses (projects by the project policy — so reports and archive files too —,
 * activities, growth records, works); experts reach review items only through their assignments, so
 * blind rounds never show up here.
 */
export class SearchService {
  constructor(private readonly database: Database) {}

  /** The caller's own school (members of a school read its activities). */
  private homeSchoolId(db: Kysely<DB>, p: Principal): Promise<string | null> {
    return new ActivityRepo(db).homeSchoolId(p.orgId);
  }

  private async scopeOf(db: Kysely<DB>, p: Principal): Promise<SearchScope> {
    return {
      projects: new ProjectRepo(db).visibleIds(projectScope(p)),
      activities: new ActivityRepo(db).visibleIds(activityScope(p, await this.homeSchoolId(db, p))),
      growth: new GrowthRepo(db, this.database.kind).visibleIds(growthScope(p)),
      works: new WorksRepo(db).visibleIds(workScope(p)),
    };
  }

  async search(ctx: Ctx, q: SearchQuery) {
    const terms = queryTerms(q.q);
    if (terms.length === 0) throw invalid('请输入要搜索的内容');
    const { db } = this.database;
    const repo = new SearchRepo(db, this.database.kind);
    const scope = await this.scopeOf(db, ctx.principal);
    const counts = await repo.counts(scope, terms);
    const rows = await repo.page(scope, terms, q.type, q.page, q.pageSize);
    const total = q.type ? (counts.get(q.type) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
    const items = await this.present(repo, rows, terms);
    return { items, total, page: q.page, pageSize: q.pageSize, counts: Object.fromEntries(counts) };
  }

  private async present(
    repo: SearchRepo,
    rows: Awaited<ReturnType<SearchRepo['page']>>,
    terms: readonly string[],
  ): Promise<SearchHit[]> {
    const idsOf = (...types: DocType[]) =>
      rows.filter((r) => types.includes(r.doc_type as DocType)).map((r) => r.doc_id);
    const projectIds = rows.flatMap((r) => (r.project_id ? [r.project_id] : []));
    const [titles, orgs, ...facts] = await Promise.all([
      repo.projectTitles(projectIds),
      repo.orgNames(rows.flatMap((r) => (r.org_id ? [r.org_id] : []))),
      repo.projectFacts(idsOf('project')),
      repo.reportFacts(idsOf('report')),
      repo.activityFacts(idsOf('activity')),
      repo.growthFacts(idsOf('growth')),
      repo.workFacts(idsOf('work')),
      repo.fileFacts(idsOf('file')),
    ]);
    const factsOf: Record<DocType, Facts> = {
      project: facts[0],
      report: facts[1],
      activity: facts[2],
      growth: facts[3],
      work: facts[4],
      file: facts[5],
    };
    return rows.flatMap((r): SearchHit[] => {
      const type = r.doc_type as DocType;
      const f = factsOf[type]?.get(r.doc_id);
      if (!f) return [];
      const projectTitle = r.project_id ? (titles.get(r.project_id) ?? '') : '';
      const hit: SearchHit = {
        type,
        id: r.doc_id,
        title: type === 'report' || type === 'file' ? projectTitle : r.title,
        snippet: hitSnippet(r.title, r.body, terms),
        link: linkOf(type, r.doc_id, r.project_id),
        kind: f.kind,
      };
      if (type === 'file') hit.fileName = r.title;
      if (f.date) hit.date = f.date;
      const orgName = r.org_id ? orgs.get(r.org_id) : undefined;
      if (orgName) hit.orgName = orgName;
      return [hit];
    });
  }

  /** Catches the index up with every record (startup and the hourly job). */
  sync(): Promise<number> {
    return syncSearchIndex(this.database.db);
  }
}

/** Where a hit opens in the web app. */
function linkOf(type: DocType, id: string, projectId: string | null): string {
  switch (type) {
    case 'project':
      return `/projects/${id}`;
    case 'report':
      return `/projects/${projectId ?? ''}?tab=reports`;
    case 'file':
      return `/projects/${projectId ?? ''}?tab=archive`;
    case 'activity':
      return `/activities/${id}`;
    case 'growth':
      return `/growth/${id}`;
    case 'work':
      return `/works/${id}`;
  }
}
