import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/server/bootstrap.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.js';
import { type Client, type TestApp, testApp } from '../api.js';
import { DIALECTS } from '../db.js';
import { TABLE_OF_PARAM, TABLE_OF_SEGMENT } from './route-ids.js';

/**
 * Fuzzing every state-changing API route with hostile bodies, generated from the OpenAPI document
 * (so a new route or field is fuzzed without anyone writing a case): malformed JSON, wrong types,
 * huge strings, unicode edge cases, SQL and HTML/script payloads. The server may refuse or accept,
 * but never answers 500, and the error shape stays the contract's.
 */

const HOSTILE_VALUES: unknown[] = [
  'x'.repeat(100_000),
  '\u0000\u0001\u001f',
  '\ud800 lone surrogate',
  '🎓'.repeat(2000),
  "'; drop table people; --",
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  '2026-02-30',
  -1,
  1e308,
  true,
  null,
  [],
  { $where: '1' },
  [[[[[[[[[[[]]]]]]]]]]],
];

const HOSTILE_BODIES: (string | unknown)[] = ['{"a": ', '[]', 'null', '"text"', '{"__proto__": {"admin": true}}'];

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> };

describe.each(DIALECTS)('API fuzzing on %s', (dialect) => {
  let t: TestApp;
  let director: Client;
  let teacher: Client;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    t = await testApp(dialect);
    await bootstrap(t.database, 'Admin12345');
    await loadDemo(t.database);
    director = await t.login('director', DEMO_PASSWORD);
    teacher = await t.login('teacher', DEMO_PASSWORD);
    // Aim at the demo school's own records, so the fuzz reaches past the scope checks.
    for (const table of [...Object.values(TABLE_OF_SEGMENT), ...Object.values(TABLE_OF_PARAM)]) {
      try {
        const r = await sql<{ id: string }>`select id from ${sql.table(table)} order by id desc limit 1`.execute(
          t.database.db,
        );
        if (r.rows[0]) ids.set(table, r.rows[0].id);
      } catch {
        // a table of a capability this build does not have
      }
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('never answers 500 to hostile bodies on any state-changing route', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as OpenApiDoc;
    const writes = t.routes.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.public &&
        ['POST', 'PUT', 'PATCH'].includes(r.method) &&
        !r.url.includes('logout') &&
        !r.url.includes('/auth/'),
    );
    expect(writes.length).toBeGreaterThan(50);
    let requests = 0;
    const failures: string[] = [];
    for (const r of writes) {
      const segment = r.url.split('/')[2] ?? '';
      const url = r.url.replace(/:(\w+)/g, (_w, name: string) => {
        const table = name === 'id' ? TABLE_OF_SEGMENT[segment] : TABLE_OF_PARAM[name];
        return (table && ids.get(table)) || 'zz-missing-0000';
      });
      const openApiPath = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[openApiPath]?.[r.method.toLowerCase()];
      const fields = Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties ?? {}).slice(0, 14);
      const bodies: { payload: string; label: string }[] = HOSTILE_BODIES.map((b) => ({
        payload: typeof b === 'string' ? b : JSON.stringify(b),
        label: `body ${String(b).slice(0, 20)}`,
      }));
      for (const field of fields) {
        for (const value of HOSTILE_VALUES) {
          bodies.push({
            payload: JSON.stringify({ [field]: value, version: 1 }),
            label: `${field}=${String(value).slice(0, 20)}`,
          });
        }
      }
      // The director reaches past the permission checks; the teacher gets the whole-body cases.
      for (const [client, cases] of [
        [director, bodies],
        [teacher, bodies.slice(0, HOSTILE_BODIES.length)],
      ] as const) {
        for (const b of cases) {
          const res = await client.raw({
            method: r.method as 'POST',
            url,
            payload: b.payload,
            headers: { 'content-type': 'application/json' },
          });
          requests++;
          if (res.statusCode >= 500)
            failures.push(`${r.method} ${r.url} ${b.label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (res.statusCode >= 400 && !res.json().error?.code)
            failures.push(`${r.method} ${r.url} ${b.label}: ${res.statusCode} without the error shape`);
        }
      }
    }
    console.log(
      `fuzz (${dialect}): ${writes.length} state-changing routes, ${requests} hostile requests, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
