import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../db.js';
import { invariantViolations } from '../invariants.js';
import { ADMIN_PASSWORD, call, childPids, signIn, startServer } from '../server-process.js';

/**
 * The real server as separate processes: kill -9 during concurrent writes loses no acknowledged write,
 * and two processes on one database share sessions, login limits and optimistic locks.
 */
describe.each(DIALECTS)('server processes on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-proc-'));
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let url: string;
  beforeAll(async () => {
    database = await freshDatabase(dialect, { sqliteFile: path.join(dir, 'yanxiu.db') });
    url = database.config.kind === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through kill -9 during concurrent writes, and stays consistent', async () => {
    const server = await startServer(url, dir);
    const admin = await signIn(server.base, 'admin', ADMIN_PASSWORD);
    const acknowledged: string[] = [];
    let stop = false;
    let attempted = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        attempted++;
        try {
          const res = await call(server.base, admin, 'POST', '/api/orgs', { name: `压力市${w}-${i}`, kind: 'city' });
          if (res.status === 200) acknowledged.push(String(res.json.id));
        } catch {
          return; // the connection died with the server: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 12 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 2500));
    await server.kill();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const again = await startServer(url, dir);
    try {
      const session = await signIn(again.base, 'admin', ADMIN_PASSWORD);
      let missing = 0;
      for (const id of acknowledged) {
        const res = await call(again.base, session, 'GET', `/api/orgs/${id}`);
        if (res.status !== 200) missing++;
      }
      console.log(
        `crash (${dialect}): ${attempted} writes attempted, ${acknowledged.length} acknowledged before kill -9, ${missing} missing after restart`,
      );
      expect(missing).toBe(0);
      if (dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
        expect(check.rows[0]?.integrity_check).toBe('ok');
      }
      expect(await invariantViolations(database)).toEqual([]);
      // Every acknowledged org has its audit entry (written in the same transaction).
      const audited = await database.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'org.create')
        .execute();
      const auditedIds = new Set(audited.map((a) => a.entity_id));
      expect(acknowledged.filter((id) => !auditedIds.has(id))).toEqual([]);
    } finally {
      await again.kill();
    }
  }, 180_000);

  it('shares sessions, login limits and version checks between two processes on one database', async () => {
    const a = await startServer(url, dir);
    const b = await startServer(url, dir);
    try {
      const session = await signIn(a.base, 'admin', ADMIN_PASSWORD);
      expect((await call(b.base, session, 'GET', '/api/me')).status).toBe(200);

      // Optimistic lock across processes: A changes version 1, B's stale write is refused.
      const created = await call(a.base, session, 'POST', '/api/orgs', { name: '两进程市', kind: 'city' });
      const id = String(created.json.id);
      expect((await call(b.base, session, 'PATCH', `/api/orgs/${id}`, { version: 1, name: '甲' })).status).toBe(200);
      const stale = await call(a.base, session, 'PATCH', `/api/orgs/${id}`, { version: 1, name: '乙' });
      expect(stale.status).toBe(409);

      // Failed logins alternate between the processes and still add up to one account limit.
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await fetch(`${(i % 2 ? a : b).base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'wrong-password' }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);

      // Logging out on B ends the session on A too.
      expect((await call(b.base, session, 'POST', '/api/auth/logout', {})).status).toBeLessThan(300);
      expect((await call(a.base, session, 'GET', '/api/me')).status).toBe(401);
    } finally {
      await a.kill();
      await b.kill();
    }
  }, 180_000);

  it('serves one port from two worker processes that drop old dashboard figures together, and replaces a dead one', async () => {
    // The test before locked the admin out on purpose (login limits across processes).
    await database.db.deleteFrom('login_attempts').execute();
    const server = await startServer(url, dir, { env: { YANXIU_WORKERS: '2' } });
    const workers = () => childrenOf(server.child.pid ?? 0);
    try {
      expect(workers()).toHaveLength(2);
      // The supervisor loads none of the app (process.ts): its own memory stays near a bare node's (12 MB here),
      // where loading the app to prepare the database made it 85 MB, as much as a worker.
      const ownKb = (pid: number) =>
        Number(/RssAnon:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
      expect(ownKb(server.child.pid ?? 0)).toBeLessThan(40 * 1024);
      for (const w of workers()) expect(ownKb(w)).toBeGreaterThan(40 * 1024);
      const session = await signIn(server.base, 'admin', ADMIN_PASSWORD);
      const city = await call(server.base, session, 'POST', '/api/orgs', { name: '集群市', kind: 'city' });
      const district = await call(server.base, session, 'POST', '/api/orgs', {
        name: '集群区',
        kind: 'district',
        parentId: city.json.id,
      });
      const terms = await call(server.base, session, 'GET', '/api/terms?pageSize=50');
      const term = (terms.json.items as { id: string; current: boolean }[]).find((t) => t.current);
      const statsUrl = `/api/stats?orgId=${String(city.json.id)}&termId=${term?.id}`;
      // Each request on a new connection: the cluster hands connections to the workers in turn.
      const schoolsSeen = async () => {
        const counts: number[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await getOnNewConnection(server.base, session, statsUrl);
          expect(res.status, res.body).toBe(200);
          counts.push((JSON.parse(res.body) as { schools: unknown[] }).schools.length);
        }
        return counts;
      };
      expect(await schoolsSeen()).toEqual([0, 0, 0, 0, 0, 0]);
      const school = await call(server.base, session, 'POST', '/api/orgs', {
        name: '集群小学',
        kind: 'school',
        parentId: district.json.id,
      });
      expect(school.status).toBe(200);
      await new Promise((r) => setTimeout(r, 100)); // the relay between workers is a message, not a lock
      expect(await schoolsSeen()).toEqual([1, 1, 1, 1, 1, 1]);

      // kill -9 one worker: the supervisor starts another and the port keeps answering.
      const [victim] = workers();
      process.kill(victim, 'SIGKILL');
      await expect.poll(() => workers().some((p) => p === victim), { timeout: 10_000 }).toBe(false);
      await expect.poll(() => workers().length, { timeout: 30_000, interval: 200 }).toBe(2);
      await expect
        .poll(async () => (await getOnNewConnection(server.base, session, '/api/me')).status, { timeout: 30_000 })
        .toBe(200);
      console.log(
        `cluster (${dialect}): 2 workers, dashboard figures agreed on 12 requests; worker ${victim} replaced`,
      );
    } finally {
      await server.stop();
    }
  }, 180_000);
});

/** Child processes of a process that run the server bundle (the cluster's workers). */
function childrenOf(pid: number): number[] {
  return childPids(pid).filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('dist/server/main.mjs');
    } catch {
      return false;
    }
  });
}

/** A GET on a connection of its own (no keep-alive pool), with the session's cookie. */
function getOnNewConnection(base: string, session: { cookie: string }, path: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get(`${base}${path}`, { agent: false, headers: { cookie: session.cookie } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('a supervisor whose first worker cannot prepare the database', () => {
  it('stops with a message instead of forking workers that would fail alike', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-unprepared-'));
    try {
      // The database's folder is a file: opening it fails in the first worker.
      fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
      const started = startServer(`sqlite:${path.join(dir, 'not-a-folder', 'yanxiu.db')}`, dir, {
        env: { YANXIU_WORKERS: '2' },
        startTimeoutMs: 30_000,
      });
      await expect(started).rejects.toThrow(/server exited with 1[\s\S]*准备数据库的进程退出/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
