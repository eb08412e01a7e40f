/**
 * Times one cold computation of a scope's dashboard figures, its parts apart: the figures (records of the
 * term, compliance) and the research-assessment spread.
 *
 *   DATABASE_URL=… npx tsx bench/profile-stats.ts <username> [orgId]
 */
import { AuthRepo } from '../src/server/auth/auth.repo.js';
import { parseDatabaseUrl } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { createServices } from '../src/server/services.js';

const dataDir = process.env.YANXIU_DATA_DIR ?? 'data/bench-district';
const database = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL, dataDir));
const username = process.argv[2] ?? 'city';
const account = await new AuthRepo(database.db).findAccount(username);
if (!account) throw new Error(`no account ${username}`);
const p = await new AuthRepo(database.db).loadPrincipal(account.person_id);
if (!p) throw new Error('inactive');
const ctx = { principal: { ...p, via: 'token' as const }, ip: null };
const orgId = process.argv[3] ?? p.grants[0]?.orgId ?? '';
// The term of today, as bench/run.ts asks for (the newest term may lie ahead, with nothing in it).
const on = new Date().toISOString().slice(0, 10);
const term = await database.db
  .selectFrom('terms')
  .selectAll()
  .where('starts_on', '<=', on)
  .where('ends_on', '>=', on)
  .executeTakeFirstOrThrow();
const s = createServices(database, { sessionHours: 1 });
const time = async (name: string, run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${name}: ${(performance.now() - t).toFixed(0)} ms, RSS ${rss.toFixed(0)} MB, peak so far ${peak.toFixed(0)} MB`,
  );
};
await time('assessment totals (spread)', () => s.assessment.totals(ctx, { orgId, termId: term.id }));
await time('figures (fresh, with spread)', () => s.stats.figures(ctx, orgId, term.id, true));
await database.close();
