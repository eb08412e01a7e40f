import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/server/bootstrap.js';
import type { Database } from '../../src/server/db/database.js';
import { loadDemo } from '../../src/server/demo/demo.js';
import { type Client, type TestApp, testApp } from '../api.js';
import { DIALECTS } from '../db.js';
import { factory, PASSWORD } from '../factories.js';
import { TABLE_OF_PARAM, TABLE_OF_SEGMENT } from './route-ids.js';

/**
 * Every API route × every role × a resource of another district: generated from the route table, so
 * a new route cannot skip it. The world's users (city → d1, d2) share nothing with the demo district
 * (示例区, loaded into the same database), so every demo record is out of their scope: the answer must
 * be exactly what a made-up id gets (no existence leak), never a success and never a 500, and nothing
 * in the database may change.
 */

/**
 * Resources every signed-in user may read whatever their org (with the reason), so their GET is not
 * an out-of-scope leak.
 */
const GLOBAL_READS = new Set<string>([]);

/** Tables that legitimately change when someone merely signs in and asks (sessions, log, counters). */
const VOLATILE = new Set(['sessions', 'audit_log', 'login_attempts', 'settings', 'api_tokens', 'notifications']);

async function tableNames(database: Database): Promise<string[]> {
  const rows =
    database.kind === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name not like 'kysely_%'`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(
          database.db,
        );
  return rows.rows.map((r) => r.name).filter((n) => !VOLATILE.has(n));
}

/** A fingerprint of every durable table, to prove refused requests changed nothing. */
async function fingerprint(database: Database, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(database.db);
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort();
    out[t] = createHash('sha1').update(lines.join('\n')).digest('hex');
  }
  return out;
}

async function anyId(database: Database, table: string, where?: { column: string; value: string }) {
  let q = sql<{ id: string }>`select id from ${sql.table(table)} limit 1`;
  if (where)
    q = sql<{ id: string }>`select id from ${sql.table(table)} where ${sql.ref(where.column)} = ${where.value} limit 1`;
  try {
    const r = await q.execute(database.db);
    return r.rows[0]?.id ?? null;
  } catch {
    return null;
  }
}

const ROLES = ['research_admin', 'school_director', 'school_leader', 'group_leader', 'teacher', 'expert'] as const;

describe.each(DIALECTS)('route × role × out-of-scope matrix on %s', (dialect) => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const demoIds = new Map<string, string>();
  beforeAll(async () => {
    t = await testApp(dialect);
    await bootstrap(t.database, 'Admin12345');
    await loadDemo(t.database);
    // The demo's logins share names with the world's (teacher, expert…): keep them apart.
    await sql`update accounts set username = ${'demo_'} || username`.execute(t.database.db);
    await factory(t.database).world();
    for (const role of ROLES) clients.set(role, await t.login(role, PASSWORD));
    // Demo records: the demo's org ids are the ones outside the world's city.
    const demoSchool = await t.database.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'school')
      .where('name', 'like', '%实验小学%')
      .executeTakeFirstOrThrow();
    demoIds.set('orgs', demoSchool.id);
    const demoPerson = await anyId(t.database, 'people', { column: 'org_id', value: demoSchool.id });
    if (demoPerson) demoIds.set('people', demoPerson);
    for (const table of [...Object.values(TABLE_OF_SEGMENT), ...Object.values(TABLE_OF_PARAM)]) {
      if (demoIds.has(table)) continue;
      const id = await anyId(t.database, table);
      if (id) demoIds.set(table, id);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers every out-of-scope resource like a missing one, for every role, and changes nothing', async () => {
    const tables = await tableNames(t.database);
    const before = await fingerprint(t.database, tables);
    const withParams = t.routes.filter((r) => r.url.startsWith('/api/') && r.url.includes(':') && !r.public);
    expect(withParams.length).toBeGreaterThan(60);
    let checked = 0;
    let realTargets = 0;
    const leaks: string[] = [];
    for (const r of withParams) {
      const segment = r.url.split('/')[2] ?? '';
      let usesDemoRecord = false;
      const outOfScope = r.url.replace(/:(\w+)/g, (_whole, name: string) => {
        const table = name === 'id' ? TABLE_OF_SEGMENT[segment] : TABLE_OF_PARAM[name];
        const id = table ? demoIds.get(table) : undefined;
        if (id) usesDemoRecord = true;
        return id ?? 'zz-missing-0000';
      });
      const missing = r.url.replace(/:(\w+)/g, 'zz-missing-0000');
      if (usesDemoRecord) realTargets++;
      for (const role of ROLES) {
        const c = clients.get(role);
        if (!c) throw new Error(role);
        const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : { version: 1 };
        const method = r.method as 'GET';
        const a = await c.raw({ method, url: outOfScope, payload });
        const b = await c.raw({ method, url: missing, payload });
        checked++;
        const where = `${role} ${r.method} ${r.url}`;
        if (a.statusCode >= 500 || b.statusCode >= 500) leaks.push(`${where}: ${a.statusCode}/${b.statusCode} (500)`);
        else if (a.statusCode < 400 && !(r.method === 'GET' && GLOBAL_READS.has(segment)))
          leaks.push(`${where}: out-of-scope answered ${a.statusCode}`);
        else if (a.statusCode !== b.statusCode && !(r.method === 'GET' && GLOBAL_READS.has(segment)))
          leaks.push(`${where}: out-of-scope ${a.statusCode} vs missing ${b.statusCode}`);
      }
    }
    console.log(
      `scope matrix (${dialect}): ${withParams.length} routes with ids × ${ROLES.length} roles = ${checked} checks, ${realTargets} routes aimed at real out-of-scope records`,
    );
    expect(leaks).toEqual([]);
    expect(realTargets).toBeGreaterThan(40);
    expect(await fingerprint(t.database, tables)).toEqual(before);
  }, 300_000);
});
