import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, generate, SCALES } from '../bench/gen-city.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { resolveFigure } from '../src/server/modules/summary/summary.writer.js';
import { DIALECTS, freshDatabase } from './db.js';

/**
 * The semester summary on a generated city (the bench generator at its tiny scale: 2 districts,
 * 6 schools, every kind of record): every figure it states equals the stats API for the same scope and
 * term, for a school, a district and the city.
 */
describe.each(DIALECTS)('semester summary on a generated city (%s)', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-gen-'));
  let url: string;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    if (dialect === 'postgres') {
      const fresh = await freshDatabase('postgres');
      url = fresh.config.kind === 'postgres' ? fresh.config.url : '';
      await fresh.close();
      drop = fresh.drop;
    } else url = `sqlite:${path.join(dir, 'city.db')}`;
    await generate({ url, scale: SCALES.tiny, seed: 7, dataDir: dir, reset: true, log: () => undefined });
  }, 300_000);
  afterAll(async () => {
    await drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('states the same numbers as the dashboard for a school, a district and the city', async () => {
    const database = openDatabase(
      url.startsWith('sqlite:') ? { kind: 'sqlite', file: url.slice(7) } : { kind: 'postgres', url },
    );
    const { app } = await buildApp({ database, strict: true });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'city', password: BENCH_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = `yanxiu_session=${login.cookies.find((c) => c.name === 'yanxiu_session')?.value}`;
      const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });
      const terms = (await get('/api/terms')).json().items as { id: string; current: boolean }[];
      const term = terms.find((x) => x.current) ?? terms[0];
      const city = await database.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'city')
        .executeTakeFirstOrThrow();
      const district = await database.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'district')
        .executeTakeFirstOrThrow();
      const school = await database.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'school')
        .executeTakeFirstOrThrow();
      let checked = 0;
      for (const orgId of [school.id, district.id, city.id]) {
        const scope = `orgId=${orgId}&termId=${term?.id}`;
        const stats = await get(`/api/stats?${scope}`);
        expect(stats.statusCode).toBe(200);
        const summary = await get(`/api/reports/semester-summary?${scope}`);
        expect(summary.statusCode).toBe(200);
        const used = summary.json().figures as { key: string; value: number }[];
        expect(used.length).toBeGreaterThan(10);
        for (const u of used) {
          expect(resolveFigure(stats.json(), u.key), `${orgId} ${u.key}`).toBe(u.value);
          checked++;
        }
        if (orgId === city.id) expect(stats.json().projects.active).toBeGreaterThan(0);
      }
      console.log(`generated city (${dialect}): ${checked} stated figures equal the stats API`);

      // The plan's calendar counts the 月报 owed and handed in each month as the dashboard's 月报按时率 does: the
      // projects running at the month's end (a project concluded since still owed the months it ran).
      let months = 0;
      for (const orgId of [school.id, district.id, city.id]) {
        const scope = `orgId=${orgId}&termId=${term?.id}`;
        const perMonth = async (figure: string) => {
          const counts = new Map<string, number>();
          for (let page = 1; ; page++) {
            const res = (await get(`/api/stats/records?${scope}&figure=${figure}&page=${page}&pageSize=200`)).json();
            for (const r of res.items as { title: string }[]) {
              const month = /（(\d{4}-\d{2}) 月报）$/.exec(r.title)?.[1] ?? '?';
              counts.set(month, (counts.get(month) ?? 0) + 1);
            }
            if (page * 200 >= res.total) break;
          }
          return counts;
        };
        const due = await perMonth('punctuality.due');
        const missing = await perMonth('punctuality.missing');
        const t = terms.find((x) => x.id === term?.id) as unknown as { startsOn: string; endsOn: string };
        const calendar = (await get(`/api/calendar?orgId=${orgId}&from=${t.startsOn}&to=${t.endsOn}`)).json();
        for (const entry of calendar.items as { kind: string; sourceId: string; detail: string }[]) {
          if (entry.kind !== 'monthly_report') continue;
          const month = entry.sourceId.split(':').at(-1) ?? '';
          if (!due.has(month)) continue;
          const owed = due.get(month) ?? 0;
          expect(entry.detail, `${orgId} ${month}`).toBe(
            `在研课题 ${owed} 项，已交 ${owed - (missing.get(month) ?? 0)} 项`,
          );
          months++;
        }
      }
      expect(months).toBeGreaterThan(2);
      console.log(`generated city (${dialect}): ${months} months of 月报 counts equal on the plan and the dashboard`);
    } finally {
      await app.close();
      await database.close();
    }
  }, 300_000);
});
