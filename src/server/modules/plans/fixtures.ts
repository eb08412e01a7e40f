import type { TestApp } from '../../../../test/api.js';
import { newId, nowIso } from '../../db/dialect.js';

/** A term as the tests use it. */
export interface Term {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** A term with fixed dates, so the months under test do not move with today. */
export async function addTerm(t: TestApp, year: number, no: number, startsOn: string, endsOn: string): Promise<Term> {
  const id = newId();
  const name = `${year}—${year + 1}学年${no === 1 ? '第一学期' : '第二学期'}`;
  const now = nowIso();
  await t.database.db
    .insertInto('terms')
    .values({
      id,
      school_year: year,
      term_no: no,
      name,
      starts_on: startsOn,
      ends_on: endsOn,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name, startsOn, endsOn };
}
