import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';

const database = openDatabase({ kind: 'sqlite', file: '/tmp/bench-tiny/yanxiu.db' });
const { app } = await buildApp({ database, logLevel: 'silent' });
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 's001', password: 'bench2026' },
});
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const school = (
  await database.db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select('people.org_id')
    .where('username', '=', 's001')
    .executeTakeFirstOrThrow()
).org_id;
const url = `/api/people?orgId=${school}&page=1&pageSize=20`;
for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
const t = performance.now();
const N = 400;
for (let i = 0; i < N; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
console.log('ms/req', (performance.now() - t) / N, process.cpuUsage());
await app.close();
