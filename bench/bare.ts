/**
 * The "bare handler" of the benchmark: a plain node:http server that answers GET /<name> by running
 * the same SQL statements (with the same parameters) that the app ran for that endpoint — captured by
 * bench/run.ts — straight on the driver, and returns the rows as JSON. No framework, no validation,
 * no auth layer beyond the captured auth queries themselves. Started by run.ts as a child process:
 *
 *   node --import tsx bench/bare.ts <queries.json> <port>
 *
 * with DATABASE_URL pointing at the same database, the same PostgreSQL pool size as the app (10) and the
 * app's prepared statements.
 */
import fs from 'node:fs';
import http from 'node:http';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl } from '../src/server/config.js';
import { PG_SESSION_OPTIONS, preparingPool } from '../src/server/db/database.js';

interface Captured {
  sql: string;
  params: unknown[];
}

const [file, portText] = process.argv.slice(2);
const plans = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Captured[]>;
const config = parseDatabaseUrl(process.env.DATABASE_URL, process.env.YANXIU_DATA_DIR ?? 'data');

type Runner = (q: Captured) => Promise<unknown[]>;
let run: Runner;
if (config.kind === 'sqlite') {
  const db = new SQLite(config.file, { readonly: true });
  db.pragma('busy_timeout = 5000');
  const stmts = new Map<string, SQLite.Statement>();
  run = async (q) => {
    let s = stmts.get(q.sql);
    if (!s) {
      s = db.prepare(q.sql);
      stmts.set(q.sql, s);
    }
    return s.all(...(q.params as unknown[]));
  };
} else {
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  // The app's own driver path: each repeated text runs as a named prepared statement.
  const pool = preparingPool(new pg.Pool({ connectionString: config.url, max: 10, options: PG_SESSION_OPTIONS }));
  run = async (q) => {
    const client = await pool.connect();
    try {
      return (await client.query(q.sql, q.params)).rows;
    } finally {
      client.release();
    }
  };
}

const server = http.createServer(async (req, res) => {
  const name = (req.url ?? '/').slice(1).split('?')[0];
  const plan = plans[name];
  if (!plan) {
    res.writeHead(404).end();
    return;
  }
  try {
    const results: unknown[][] = [];
    for (const q of plan) results.push(await run(q));
    const body = JSON.stringify(results);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
server.keepAliveTimeout = 30_000;
server.listen(Number(portText), '127.0.0.1', () => console.log(`[bare] listening on ${portText}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
