import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { bootstrap } from '../../bootstrap.js';
import { schoolYearOf, today } from '../../calendar.js';

describe.each(DIALECTS)('terms on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp(dialect);
    await factory(t.database).world();
    await bootstrap(t.database, 'Admin12345');
  });
  afterAll(async () => t?.close());

  it('starts with this and last school year, today inside exactly one current term', async () => {
    const teacher = await t.login('teacher', PASSWORD);
    const terms = (await teacher.get('/api/terms')).json().items;
    expect(terms).toHaveLength(4);
    expect(terms.filter((x: { current: boolean }) => x.current)).toHaveLength(1);
    expect(terms[0].schoolYear).toBe(schoolYearOf(today()));
    expect(terms[0].name).toMatch(/学年第(一|二)学期/);
  });

  it('creates a term with default dates and refuses duplicates and overlaps', async () => {
    const admin = await t.login('research_admin', PASSWORD);
    const year = schoolYearOf(today()) + 1;
    const created = await admin.post('/api/terms', { schoolYear: year, termNo: 1 });
    expect(created.json()).toMatchObject({ startsOn: `${year}-09-01`, endsOn: `${year + 1}-01-31`, current: false });
    expect((await admin.post('/api/terms', { schoolYear: year, termNo: 1 })).statusCode).toBe(409);
    const overlap = await admin.post('/api/terms', {
      schoolYear: year,
      termNo: 2,
      startsOn: `${year + 1}-01-15`,
      endsOn: `${year + 1}-07-15`,
    });
    expect(overlap.statusCode).toBe(409);
    const backwards = await admin.patch(`/api/terms/${created.json().id}`, { version: 1, endsOn: `${year}-08-01` });
    expect(backwards.statusCode).toBe(400);
  });

  it('lets only administrators change terms', async () => {
    const director = await t.login('school_director', PASSWORD);
    const res = await director.post('/api/terms', { schoolYear: 2040, termNo: 1 });
    expect(res.statusCode).toBe(403);
  });

  it('bootstraps only once: a second start creates no second admin', async () => {
    const again = await bootstrap(t.database, 'Admin12345');
    expect(again.adminCreated).toBe(false);
    expect(again.termsCreated).toBe(0);
  });
});
