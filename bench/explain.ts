/**
 * Times each SQL statement the app ran for each benchmarked endpoint (captured by the last
 * `npm run bench` into the OS temp folder) and shows the plan of the slow ones.
 *
 *   DATABASE_URL=… npx tsx bench/explain.ts [plans.json] [--min-ms 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl } from '../src/server/config.js';
import { PG_SESSION_OPTIONS } from '../src/server/db/database.js';

interface Captured {
  sql: string;
  params: unknown[];
}

const file =
  process.argv[2] && !process.argv[2].startsWith('--')
    ? process.argv[2]
    : path.join(os.tmpdir(), 'yanxiu-bench-plans.json');
const minIdx = process.argv.indexOf('--min-ms');
const MIN_MS = minIdx >= 0 ? Number(process.argv[minIdx + 1]) : 2;
const plans = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Captured[]>;
const dataDir = process.env.YANXIU_DATA_DIR ?? 'data/bench-district';
const config = parseDatabaseUrl(process.env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'yanxiu.db')}`, dataDir);

async function main() {
  let run: (q: Captured) => Promise<number>;
  let explain: (q: Captured) => Promise<string[]>;
  let close = async () => {};
  if (config.kind === 'sqlite') {
    const db = new SQLite(config.file, { readonly: true });
    run = async (q) => db.prepare(q.sql).all(...q.params).length;
    explain = async (q) =>
      (db.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
    close = async () => {
      db.close();
    };
  } else {
    const client = new pg.Client({ connectionString: config.url, options: PG_SESSION_OPTIONS });
    await client.connect();
    run = async (q) => (await client.query(q.sql, q.params)).rowCount ?? 0;
    explain = async (q) =>
      (await client.query(`explain (analyze, buffers off) ${q.sql}`, q.params)).rows.map(
        (r: Record<string, string>) => r['QUERY PLAN'],
      );
    close = async () => client.end();
  }
  for (const [name, queries] of Object.entries(plans)) {
    console.log(`\n=== ${name} (${queries.length} statements)`);
    let total = 0;
    for (const q of queries) {
      await run(q);
      const n = 5;
      let rows = 0;
      const t = performance.now();
      for (let i = 0; i < n; i++) rows = await run(q);
      const ms = (performance.now() - t) / n;
      total += ms;
      console.log(
        `${ms.toFixed(2).padStart(9)} ms ${String(rows).padStart(7)} rows  ${q.sql.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
      if (ms >= MIN_MS) for (const line of await explain(q)) console.log(`              | ${line}`);
    }
    console.log(`${total.toFixed(2).padStart(9)} ms total`);
  }
  await close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
