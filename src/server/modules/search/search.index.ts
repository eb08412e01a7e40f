import { type Kysely, sql } from 'kysely';
import { groupBy } from '../../concurrency.js';
import type { DB } from '../../db/types.js';
import { plainText } from './search.text.js';

/**
 * The search index (全文检索): one row per searchable document, rebuilt from its source record.
 * Services call `indexDoc(trx, type, id)` inside the transaction that changed the record (it also
 * removes the row when the record is gone); `syncSearchIndex(db)` catches up everything at startup
 * and every hour, so records written by imports or other paths are found too.
 */

export const DOC_TYPES = ['project', 'report', 'activity', 'growth', 'work', 'file'] as const;
export type DocType = (typeof DOC_TYPES)[number];

interface Doc {
  doc_type: DocType;
  doc_id: string;
  project_id: string | null;
  org_id: string | null;
  title: string;
  body: string;
  source_updated_at: string;
}

const lines = (...parts: (string | null | undefined)[]) => parts.filter((p) => p != null && p !== '').join('\n');

type Loader = (db: Kysely<DB>, ids: readonly string[]) => Promise<Doc[]>;

/** People's names as one line of a document (、-separated, as a list of names is written). */
const names = (list: readonly (string | null)[]) => list.filter((n): n is string => Boolean(n)).join('、');

/** How each document is built from its source rows. */
const LOADERS: Record<DocType, Loader> = {
  project: async (db, ids) => {
    const [rows, people] = await Promise.all([
      db
        .selectFrom('projects')
        .leftJoin('people as host', 'host.id', 'projects.host_id')
        .select([
          'projects.id',
          'projects.org_id',
          'projects.title',
          'projects.number',
          'projects.sections',
          'projects.updated_at',
          'host.name as host_name',
        ])
        .where('projects.id', 'in', ids)
        .execute(),
      db
        .selectFrom('project_members as m')
        .innerJoin('people', 'people.id', 'm.person_id')
        .select(['m.project_id', 'people.name'])
        .where('m.project_id', 'in', ids)
        .orderBy('m.project_id')
        .orderBy('m.sort')
        .execute(),
    ]);
    const membersOf = groupBy(people, (m) => m.project_id);
    // The host's and members' names are searched too: a director looks a teacher's projects up by name.
    return rows.map((r) => ({
      doc_type: 'project',
      doc_id: r.id,
      project_id: r.id,
      org_id: r.org_id,
      title: r.title,
      body: lines(
        r.number,
        names([r.host_name, ...(membersOf.get(r.id) ?? []).map((m) => m.name)]),
        plainText(r.sections),
      ),
      source_updated_at: r.updated_at,
    }));
  },
  report: async (db, ids) =>
    (
      await db
        .selectFrom('project_reports as r')
        .innerJoin('projects as p', 'p.id', 'r.project_id')
        .select(['r.id', 'r.project_id', 'p.org_id', 'r.content', 'r.updated_at'])
        .where('r.id', 'in', ids)
        .execute()
    ).map((r) => ({
      doc_type: 'report',
      doc_id: r.id,
      project_id: r.project_id,
      org_id: r.org_id,
      title: '',
      body: plainText(r.content),
      source_updated_at: r.updated_at,
    })),
  activity: async (db, ids) =>
    (
      await db
        .selectFrom('activities')
        .select(['id', 'org_id', 'title', 'topic', 'record', 'prep', 'place', 'updated_at'])
        .where('id', 'in', ids)
        .execute()
    ).map((r) => ({
      doc_type: 'activity',
      doc_id: r.id,
      project_id: null,
      org_id: r.org_id,
      title: r.title,
      body: lines(r.topic, r.place, r.record, plainText(r.prep)),
      source_updated_at: r.updated_at,
    })),
  growth: async (db, ids) =>
    (
      await db
        .selectFrom('growth_records')
        .select(['id', 'org_id', 'title', 'text', 'report_back', 'updated_at'])
        .where('id', 'in', ids)
        .execute()
    ).map((r) => ({
      doc_type: 'growth',
      doc_id: r.id,
      project_id: null,
      org_id: r.org_id,
      title: r.title,
      body: lines(r.text, r.report_back),
      source_updated_at: r.updated_at,
    })),
  work: async (db, ids) => {
    const [rows, authors] = await Promise.all([
      db
        .selectFrom('works')
        .select(['id', 'org_id', 'title', 'abstract', 'updated_at'])
        .where('id', 'in', ids)
        .execute(),
      db
        .selectFrom('work_authors as a')
        .leftJoin('people', 'people.id', 'a.person_id')
        .select(['a.work_id', 'people.name', 'a.outside_name'])
        .where('a.work_id', 'in', ids)
        .orderBy('a.work_id')
        .orderBy('a.position')
        .execute(),
    ]);
    const authorsOf = groupBy(authors, (a) => a.work_id);
    return rows.map((r) => ({
      doc_type: 'work',
      doc_id: r.id,
      project_id: null,
      org_id: r.org_id,
      title: r.title,
      body: lines(names((authorsOf.get(r.id) ?? []).map((a) => a.name ?? a.outside_name)), r.abstract),
      source_updated_at: r.updated_at,
    }));
  },
  file: async (db, ids) =>
    (
      await db
        .selectFrom('project_files as f')
        .innerJoin('projects as p', 'p.id', 'f.project_id')
        .select(['f.id', 'f.project_id', 'p.org_id', 'f.original_name', 'f.created_at'])
        .where('f.id', 'in', ids)
        .execute()
    ).map((r) => ({
      doc_type: 'file',
      doc_id: r.id,
      project_id: r.project_id,
      org_id: r.org_id,
      title: r.original_name,
      body: '',
      source_updated_at: r.created_at,
    })),
};

/** Source table and the column that changes with every edit, per document type. */
const SOURCES: Record<DocType, { table: string; stamp: string }> = {
  project: { table: 'projects', stamp: 'updated_at' },
  report: { table: 'project_reports', stamp: 'updated_at' },
  activity: { table: 'activities', stamp: 'updated_at' },
  growth: { table: 'growth_records', stamp: 'updated_at' },
  work: { table: 'works', stamp: 'updated_at' },
  file: { table: 'project_files', stamp: 'created_at' },
};

/**
 * Replaces the index rows of these documents: one delete and multi-row inserts per call, not a
 * round trip per document (the startup catch-up of a whole city goes through here).
 */
async function upsert(db: Kysely<DB>, type: DocType, docs: readonly Doc[]): Promise<void> {
  if (docs.length === 0) return;
  await db
    .deleteFrom('search_index')
    .where('doc_type', '=', type)
    .where(
      'doc_id',
      'in',
      docs.map((d) => d.doc_id),
    )
    .execute();
  // 7 parameters a row keeps each statement well under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < docs.length; i += 100)
    await db
      .insertInto('search_index')
      .values(docs.slice(i, i + 100))
      .execute();
}

/**
 * Brings the index rows of these records in line with their sources (written, changed or removed).
 * Use the transaction of the change.
 */
export async function indexDocs(trx: Kysely<DB>, type: DocType, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const docs = await LOADERS[type](trx, ids);
  await upsert(trx, type, docs);
  const found = new Set(docs.map((d) => d.doc_id));
  const gone = ids.filter((id) => !found.has(id));
  if (gone.length > 0) {
    await trx.deleteFrom('search_index').where('doc_type', '=', type).where('doc_id', 'in', gone).execute();
  }
}

/** `indexDocs` for one record. */
export function indexDoc(trx: Kysely<DB>, type: DocType, id: string): Promise<void> {
  return indexDocs(trx, type, [id]);
}

/** Indexes every record that is missing or stale and drops rows whose record is gone; returns how many changed. */
export async function syncSearchIndex(db: Kysely<DB>, batch = 500): Promise<number> {
  let changed = 0;
  for (const type of DOC_TYPES) {
    const { table, stamp } = SOURCES[type];
    const stale = await sql<{ id: string }>`
      select s.id from ${sql.table(table)} s
      left join search_index si on si.doc_type = ${type} and si.doc_id = s.id
      where si.doc_id is null or si.source_updated_at <> s.${sql.ref(stamp)}`.execute(db);
    const ids = stale.rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += batch) {
      const chunk = ids.slice(i, i + batch);
      await db.transaction().execute((trx) => indexDocs(trx, type, chunk));
    }
    const orphans = await sql`
      delete from search_index where doc_type = ${type}
      and not exists (select 1 from ${sql.table(table)} s where s.id = search_index.doc_id)`.execute(db);
    changed += ids.length + Number(orphans.numAffectedRows ?? 0);
  }
  return changed;
}
