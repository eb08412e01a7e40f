import { generatePassword, hashPassword } from './auth/passwords.js';
import { defaultTermDates, schoolYearOf, termName, today } from './calendar.js';
import type { Database } from './db/database.js';
import { newId, nowIso } from './db/dialect.js';

/** What the first start did, for the console. */
export interface BootstrapResult {
  adminCreated: boolean;
  /** The generated admin password, shown once; absent when YANXIU_ADMIN_PASSWORD was set. */
  adminPassword?: string;
  termsCreated: number;
}

/**
 * On an empty database: the first admin (username `admin`) and the current and previous school
 * years' terms. Idempotent: does nothing once an account exists.
 */
export async function bootstrap(database: Database, adminPassword?: string): Promise<BootstrapResult> {
  const { db } = database;
  const anyAccount = await db.selectFrom('accounts').select('person_id').limit(1).executeTakeFirst();
  const result: BootstrapResult = { adminCreated: false, termsCreated: 0 };
  if (!anyAccount) {
    const password = adminPassword ?? generatePassword();
    const hash = await hashPassword(password);
    const now = nowIso();
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('people')
        .values({
          id,
          org_id: null,
          name: '系统管理员',
          name_key: 'xi tong guan li yuan|xtgly',
          gender: 'male',
          birth_date: null,
          hire_date: null,
          subjects: '[]',
          title: 'unrated',
          backbone_level: 'none',
          phone: null,
          email: null,
          employee_no: null,
          active: 1,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('accounts')
        .values({
          person_id: id,
          username: 'admin',
          password_hash: hash,
          must_change_password: adminPassword ? 0 : 1,
          created_at: now,
          password_changed_at: now,
        })
        .execute();
      await trx
        .insertInto('role_grants')
        .values({ id: newId(), person_id: id, role: 'sysadmin', org_id: null, created_at: now, created_by: null })
        .execute();
    });
    result.adminCreated = true;
    if (!adminPassword) result.adminPassword = password;
  }
  const anyTerm = await db.selectFrom('terms').select('id').limit(1).executeTakeFirst();
  if (!anyTerm) {
    const year = schoolYearOf(today());
    const now = nowIso();
    for (const y of [year - 1, year]) {
      for (const no of [1, 2] as const) {
        const d = defaultTermDates(y, no);
        await db
          .insertInto('terms')
          .values({
            id: newId(),
            school_year: y,
            term_no: no,
            name: termName(y, no),
            starts_on: d.startsOn,
            ends_on: d.endsOn,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        result.termsCreated++;
      }
    }
  }
  return result;
}
