import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../api.js';
import { DIALECTS } from '../db.js';
import { factory, PASSWORD } from '../factories.js';
import { multipartFile } from '../xlsx.js';
import { buildZip } from '../zip.js';

/** Zip-bomb-like workbooks are refused before anything inflates them, and nothing is imported. */
describe.each(DIALECTS)('hostile Office uploads on %s', (dialect) => {
  let t: TestApp;
  let schoolId: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    const w = await factory(t.database).world();
    schoolId = w.orgs.s1.id;
  });
  afterAll(async () => t?.close());

  it('refuses a zip-bomb roster and a zip-bomb project sheet with 413 and imports nothing', async () => {
    const c = await t.login('school_director', PASSWORD);
    const people = await t.database.db
      .selectFrom('people')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
    ]);
    for (const url of [`/api/people/import?orgId=${schoolId}`, `/api/projects/import?orgId=${schoolId}`]) {
      const { payload, headers } = multipartFile(bomb, '名册.xlsx');
      const res = await c.raw({ method: 'POST', url, payload, headers });
      expect(res.statusCode, url).toBe(413);
      expect(res.json().error.message).toMatch(/压缩/);
    }
    const after = await t.database.db
      .selectFrom('people')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(people.n));
  });
});
