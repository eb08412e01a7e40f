/**
 * Generates a deterministic city-sized dataset for load tests (`npm run gen:city`).
 *
 *   DATABASE_URL=postgres://…/yanxiu_bench npm run gen:city -- --scale city --reset
 *   DATABASE_URL=sqlite:data/bench-district.db npm run gen:city -- --scale district --reset
 *
 * Runs the app's migrations first, then writes rows with the raw drivers (better-sqlite3 prepared
 * statements in one transaction with synchronous=OFF; PostgreSQL multi-row INSERT … SELECT FROM
 * unnest(…) batches). Same --seed → same rows (ids, names, dates), whatever the machine or day.
 * Every generated account has the password `bench2026` (hashed once): `city` (city research office),
 * `d01`… (district offices), `s001`… (each school's 教科室主任), `t<school><nn>` (teachers).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hashPassword } from '../src/server/auth/passwords.js';
import { addDays, defaultTermDates, termName } from '../src/server/calendar.js';
import { parseDatabaseUrl } from '../src/server/config.js';
import { migrateToLatest, openDatabase } from '../src/server/db/database.js';
import { personName, type Random, seededRandom } from '../src/server/demo/names.js';
import { ACTIVITY_KINDS } from '../src/server/modules/activities/activities.schema.js';
import { ARCHIVE_STAGES, CATEGORIES } from '../src/server/modules/files/files.schema.js';
import { GROWTH_KINDS } from '../src/server/modules/growth/growth.schema.js';
import { nameKey } from '../src/server/modules/people/people.presenter.js';
import { monthlyReportDue } from '../src/server/modules/plans/months.js';
import { syncSearchIndex } from '../src/server/modules/search/search.index.js';

export const BENCH_PASSWORD = 'bench2026';

export interface Scale {
  districts: number;
  schoolsPerDistrict: number;
  teachersPerSchool: number;
  projects: number;
  growth: number;
  observations: number;
  activities: number;
  works: number;
  entries: number;
  publications: number;
  studentAwards: number;
  files: number;
  /** How many archive files get real bytes on disk. */
  realFiles: number;
}

export const SCALES: Record<string, Scale> = {
  // 500 schools, 50,000 teachers, 20,000 projects, 1,000,000 growth/observation/activity records,
  // 200,000 works/entries/publications/awards, 300,000 archive files.
  city: {
    districts: 10,
    schoolsPerDistrict: 50,
    teachersPerSchool: 100,
    projects: 20_000,
    growth: 500_000,
    observations: 300_000,
    activities: 200_000,
    works: 80_000,
    entries: 60_000,
    publications: 20_000,
    studentAwards: 40_000,
    files: 300_000,
    realFiles: 300,
  },
  // One district of 50 schools: a tenth of the city.
  district: {
    districts: 1,
    schoolsPerDistrict: 50,
    teachersPerSchool: 100,
    projects: 2_000,
    growth: 50_000,
    observations: 30_000,
    activities: 20_000,
    works: 8_000,
    entries: 6_000,
    publications: 2_000,
    studentAwards: 4_000,
    files: 30_000,
    realFiles: 100,
  },
  tiny: {
    districts: 2,
    schoolsPerDistrict: 3,
    teachersPerSchool: 20,
    projects: 60,
    growth: 1_200,
    observations: 700,
    activities: 500,
    works: 200,
    entries: 150,
    publications: 50,
    studentAwards: 100,
    files: 600,
    realFiles: 20,
  },
};

type ColType = 'text' | 'int' | 'float';
type Value = string | number | null;
type Row = Record<string, Value>;

/** Column lists (and PostgreSQL array types) of the tables the generator fills. */
const T = (cols: string): [string, ColType][] =>
  cols.split(/\s+/).map((c) => {
    const [name, type] = c.split(':');
    return [name, (type as ColType | undefined) ?? 'text'];
  });
const TABLES: Record<string, [string, ColType][]> = {
  orgs: T('id name kind group_type parent_id path code rural:int sort:int version:int created_at updated_at'),
  people: T(
    'id org_id name name_key gender birth_date hire_date subjects title backbone_level phone email employee_no active:int version:int created_at updated_at',
  ),
  person_groups: T('person_id group_id'),
  accounts: T('person_id username password_hash must_change_password:int created_at password_changed_at'),
  role_grants: T('id person_id role org_id created_at created_by'),
  terms: T('id school_year:int term_no:int name starts_on ends_on version:int created_at updated_at'),
  settings: T('key value'),
  projects: T(
    'id call_id title level kind subject plan_period org_id host_id stage holder_org_id manager_org_id number rank:int starts_on ends_on grade sections expected_outcomes historic:int version:int created_by created_at updated_at',
  ),
  project_members: T('project_id person_id role sort:int'),
  project_transitions: T('id project_id action from_stage to_stage actor_id at reason details'),
  project_reports: T(
    'id project_id kind month content status opinion grade return_reason author_id checked_by checked_at version:int created_at updated_at',
  ),
  project_files: T(
    'id project_id category stage original_name storage_key mime size:int sha256 uploaded_by created_at',
  ),
  growth_records: T(
    'id person_id org_id kind date title text hours:float book_kind url report_back text_hash version:int created_by created_at updated_at',
  ),
  activities: T(
    'id org_id kind title topic date starts_at ends_at place presenter_id project_id lesson_id reviewed_activity_id record prep created_by version:int created_at updated_at',
  ),
  activity_attendance: T('activity_id person_id status'),
  observations: T(
    'id org_id observer_id teacher_id date period class_name subject topic notes scores status text_hash version:int created_at updated_at submitted_at',
  ),
  works: T(
    'id org_id kind title subject char_count:int abstract written_on created_by version:int created_at updated_at',
  ),
  work_authors: T('id work_id position:int person_id outside_name'),
  competitions: T('id org_id name level organiser description work_kinds active:int version:int created_at updated_at'),
  competition_editions: T('id competition_id year:int deadline title org_id version:int created_at'),
  work_entries: T(
    'id work_id competition_id edition_id year:int entered_on status result result_on certificate_file certificate_name certificate_mime certificate_size:int decision_comment decided_by decided_at entered_by version:int created_at updated_at',
  ),
  publications: T('id work_id journal level issue published_on pages created_by version:int created_at updated_at'),
  student_awards: T(
    'id person_id org_id student_name class_name competition title level result awarded_on created_by version:int created_at updated_at',
  ),
};

/** Buffered bulk writer over the raw driver of either database. */
interface Sink {
  add(table: string, row: Row): Promise<void>;
  /** CPU seconds the database server spent for this connection (PostgreSQL backend on this host), or null. */
  serverCpu(): number | null;
  finish(): Promise<void>;
  tableExists(table: string): Promise<boolean>;
}

function valuesOf(table: string, row: Row): Value[] {
  return TABLES[table].map(([c]) => {
    const v = row[c];
    if (v === undefined) throw new Error(`${table}.${c} missing`);
    return v;
  });
}

function sqliteSink(file: string): Sink {
  const db = new SQLite(file);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const stmts = new Map<string, SQLite.Statement>();
  const stmt = (table: string) => {
    let s = stmts.get(table);
    if (!s) {
      const cols = TABLES[table].map(([c]) => c);
      s = db.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
      stmts.set(table, s);
    }
    return s;
  };
  db.exec('begin');
  let n = 0;
  return {
    async add(table, row) {
      stmt(table).run(valuesOf(table, row));
      if (++n % 200_000 === 0) {
        db.exec('commit');
        db.exec('begin');
      }
    },
    async finish() {
      db.exec('commit');
      db.exec('analyze');
      db.pragma('journal_mode = WAL');
      db.close();
    },
    serverCpu: () => null,
    async tableExists(table) {
      return Boolean(db.prepare("select name from sqlite_master where type='table' and name=?").get(table));
    },
  };
}

function pgSink(url: string): Sink {
  const client = new pg.Client({ connectionString: url });
  const buffers = new Map<string, Value[][]>();
  const BATCH = 5000;
  let connected: Promise<void> | null = null;
  let backendPid = 0;
  const ready = () => {
    connected ??= client.connect().then(async () => {
      await client.query('set synchronous_commit = off');
      backendPid = Number((await client.query('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0);
    });
    return connected;
  };
  const pgType = { text: 'text[]', int: 'int8[]', float: 'float8[]' } as const;
  async function flush(table: string) {
    const rows = buffers.get(table);
    if (!rows || rows.length === 0) return;
    buffers.set(table, []);
    const cols = TABLES[table];
    const arrays = cols.map((_, i) => rows.map((r) => r[i]));
    const params = cols.map(([, t], i) => `$${i + 1}::${pgType[t]}`).join(',');
    await ready();
    await client.query(
      `insert into ${table} (${cols.map(([c]) => c).join(',')}) select * from unnest(${params})`,
      arrays,
    );
  }
  let cpu: number | null = null;
  // Parents before children, so foreign keys hold at each flush.
  const ORDER = Object.keys(TABLES);
  return {
    async add(table, row) {
      let b = buffers.get(table);
      if (!b) {
        b = [];
        buffers.set(table, b);
      }
      b.push(valuesOf(table, row));
      if (b.length >= BATCH) {
        // Flush parents first so a child batch never precedes its parents.
        for (const t of ORDER) {
          if (t === table) break;
          await flush(t);
        }
        await flush(table);
      }
    },
    async finish() {
      for (const t of ORDER) await flush(t);
      // Vacuumed as well as analysed: rows just inserted are not yet marked visible to all, so every index-only
      // scan would read the table too (people.filter: 1,729 heap fetches a page) until autovacuum passed, which a
      // running database has done long before, and which some servers (this machine's) have switched off.
      await client.query('vacuum (analyze)');
      cpu = cpuOf(backendPid);
      await client.end();
    },
    serverCpu: () => cpu,
    async tableExists(table) {
      await ready();
      const r = await client.query('select to_regclass($1) as t', [`public.${table}`]);
      return r.rows[0]?.t != null;
    },
  };
}

/** CPU seconds (user + system) of a local process from /proc, or null. */
function cpuOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- deterministic helpers

/** Ids shaped like newId() (9 base36 time chars + 15 hex) but from a counter, so runs repeat. */
let idCounter = 0;
const ID_PREFIX = Date.UTC(2026, 11, 1).toString(36).padStart(9, '0');
const nextId = () => `${ID_PREFIX}${(++idCounter).toString(16).padStart(15, '0')}`;
const STAMP = '2026-12-01T08:00:00.000Z';

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2021, 8, 1);
const LAST_DAY = Date.UTC(2026, 10, 30);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A school day (Mon–Fri, not in July/August) between 2021-09-01 and 2026-11-30. */
function schoolDay(r: Random, from = FIRST_DAY, to = LAST_DAY): string {
  for (;;) {
    const ms = from + Math.floor(r.next() * ((to - from) / DAY)) * DAY;
    const d = new Date(ms);
    const dow = d.getUTCDay();
    const m = d.getUTCMonth();
    if (dow !== 0 && dow !== 6 && m !== 6 && m !== 7) return isoDay(ms);
  }
}
const stampOf = (day: string, r: Random) =>
  `${day}T${String(r.int(0, 9)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
function weighted<T>(r: Random, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

const DISTRICT_NAMES = ['东城', '西湖', '南山', '北林', '江滨', '高新', '临港', '青山', '白云', '金川', '龙泉', '凤凰'];
const SCHOOL_SUFFIX = ['实验小学', '第一小学', '中心小学', '外国语学校', '第二中学', '实验中学', '育才学校'];
const PRIMARY = {
  subjectGroups: [
    ['语文教研组', ['语文']],
    ['数学教研组', ['数学']],
    ['英语教研组', ['英语']],
    ['综合教研组', ['体育', '音乐', '美术', '科学', '信息科技', '道德与法治']],
  ] as [string, string[]][],
  gradeGroups: ['一年级组', '二年级组', '三年级组', '四年级组', '五年级组', '六年级组'],
};
const MIDDLE = {
  subjectGroups: [
    ['语文组', ['语文']],
    ['数学组', ['数学']],
    ['英语组', ['英语']],
    ['理化生组', ['物理', '化学', '生物']],
    ['政史地组', ['道德与法治', '历史', '地理']],
  ] as [string, string[]][],
  gradeGroups: ['七年级组', '八年级组', '九年级组'],
};
const TOPICS = [
  '核心素养导向的大单元教学',
  '双减背景下的分层作业设计',
  '项目化学习',
  '跨学科主题学习',
  '整本书阅读',
  '信息技术与课堂深度融合',
  '课堂提问的有效性',
  '学习任务群',
  '劳动教育校本课程',
  '表现性评价',
  '小组合作学习',
  '思维导图在复习课中的运用',
  '情境教学',
  '家校协同育人',
  '作业批改与反馈',
];
const BOOKS = [
  '《给教师的建议》',
  '《教育的情调》',
  '《课程与教学的基本原理》',
  '《教学勇气》',
  '《学习之道》',
  '《静悄悄的革命》',
];
const JOURNALS = [
  '《中小学教学研究》',
  '《基础教育参考》',
  '《教学月刊》',
  '《中国教育学刊》',
  '《江苏教育》',
  '《小学教学设计》',
];
const RESULTS = ['special', 'first', 'second', 'third', 'merit'] as const;

/** Word-like filler of a given length, deterministic. */
function prose(r: Random, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    parts.push(
      `${r.pick(['本节课', '在本次活动中', '通过实践', '从学生反馈看', '课后反思发现'])}围绕${r.pick(TOPICS)}，${r.pick(
        ['学生参与度明显提高', '目标达成较好', '环节衔接自然', '评价方式需要进一步细化', '小组分工还不够明确'],
      )}。`,
    );
  }
  return parts.join('');
}

// ---------------------------------------------------------------- the generator

interface School {
  id: string;
  path: string;
  districtIdx: number;
  districtId: string;
  teachers: string[];
  subjectOf: Map<string, string>;
  groups: { id: string; teachers: string[] }[];
}

/** One step of a generated project's stage history. */
interface HistoryStep {
  action: string;
  from: string;
  to: string;
  on: string;
}

const MAIN_PATH: [string, string, string, number, string][] = [
  // action, from, to, year offset, MM-DD
  ['submit', 'draft', 'submitted', 0, '03-01'],
  ['recommend', 'submitted', 'school_recommended', 0, '03-15'],
  ['recommend', 'school_recommended', 'district_recommended', 0, '04-01'],
  ['send_to_review', 'district_recommended', 'in_review', 0, '04-15'],
  ['approve', 'in_review', 'approved', 0, '06-01'],
  ['open', 'approved', 'in_progress', 0, '09-15'],
  ['pass_midterm', 'in_progress', 'midterm_passed', 1, '06-15'],
  ['request_conclusion', 'midterm_passed', 'conclusion_requested', 2, '05-01'],
  ['conclude', 'conclusion_requested', 'concluded', 2, '06-20'],
];
const GENERATED_TODAY = '2026-11-30';

/** The transitions that lead a project of plan year `year` to `stage`, dated in order and never after today. */
function stageHistory(stage: string, year: number): HistoryStep[] {
  const side: Record<string, { after: string; action: string }> = {
    rejected: { after: 'in_review', action: 'reject' },
    not_passed: { after: 'conclusion_requested', action: 'fail' },
    terminated: { after: 'in_progress', action: 'terminate' },
  };
  const target = side[stage]?.after ?? stage;
  const upTo = MAIN_PATH.findIndex((s) => s[2] === target);
  if (upTo < 0) return [];
  const steps: HistoryStep[] = MAIN_PATH.slice(0, upTo + 1).map(([action, from, to, dy, md]) => ({
    action,
    from,
    to,
    on: `${year + dy}-${md}`,
  }));
  const extra = side[stage];
  if (extra) steps.push({ action: extra.action, from: target, to: stage, on: `${year + 2}-09-01` });
  // Recent plan years: squeeze the late steps into the days before today, keeping their order.
  const last = Date.parse(GENERATED_TODAY);
  for (let i = 0; i < steps.length; i++) {
    const limit = new Date(last - (steps.length - 1 - i) * 7 * 86400_000).toISOString().slice(0, 10);
    if (steps[i].on > limit) steps[i].on = limit;
    if (i > 0 && steps[i].on < steps[i - 1].on) steps[i].on = steps[i - 1].on;
  }
  return steps;
}

export async function generate(opts: {
  url: string | undefined;
  scale: Scale;
  seed: number;
  dataDir: string;
  reset: boolean;
  searchIndex?: boolean;
  log?: (s: string) => void;
}) {
  const log = opts.log ?? ((s: string) => console.log(s));
  const t0 = Date.now();
  const config = parseDatabaseUrl(opts.url, opts.dataDir);
  if (opts.reset) {
    if (config.kind === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${config.file}${suffix}`, { force: true });
    } else {
      const c = new pg.Client({ connectionString: config.url });
      await c.connect();
      await c.query('drop schema public cascade; create schema public');
      await c.end();
    }
    fs.rmSync(path.join(opts.dataDir, 'files'), { recursive: true, force: true });
  }
  const database = openDatabase(config);
  await migrateToLatest(database);
  const existing = await database.db.selectFrom('orgs').select('id').limit(1).execute();
  await database.close();
  if (existing.length > 0) throw new Error('the database already has orgs; run with --reset to start over');
  log(`[gen] migrations done (${config.kind}) in ${Date.now() - t0} ms`);

  const sink = config.kind === 'sqlite' ? sqliteSink(config.file) : pgSink(config.url);
  const hasWorks = await sink.tableExists('works');
  const s = opts.scale;
  const r = seededRandom(opts.seed);
  const hash = await hashPassword(BENCH_PASSWORD);
  const counts: Record<string, number> = {};
  const add = async (table: string, row: Row) => {
    counts[table] = (counts[table] ?? 0) + 1;
    await sink.add(table, row);
  };
  const nameKeys = new Map<string, string>();
  const keyOf = (name: string) => {
    let k = nameKeys.get(name);
    if (k === undefined) {
      k = nameKey(name);
      nameKeys.set(name, k);
    }
    return k;
  };

  // Terms: 2016—2017 to 2026—2027.
  for (let y = 2016; y <= 2026; y++) {
    for (const no of [1, 2] as const) {
      const d = defaultTermDates(y, no);
      await add('terms', {
        id: nextId(),
        school_year: y,
        term_no: no,
        name: termName(y, no),
        starts_on: d.startsOn,
        ends_on: d.endsOn,
        version: 1,
        created_at: STAMP,
        updated_at: STAMP,
      });
    }
  }

  const org = async (name: string, kind: string, parent: { id: string; path: string } | null, extra: Row = {}) => {
    const id = nextId();
    const p = `${parent?.path ?? '/'}${id}/`;
    await add('orgs', {
      id,
      name,
      kind,
      group_type: null,
      parent_id: parent?.id ?? null,
      path: p,
      code: null,
      rural: 0,
      sort: 0,
      version: 1,
      created_at: STAMP,
      updated_at: STAMP,
      ...extra,
    });
    return { id, path: p };
  };
  const grant = (personId: string, role: string, orgId: string | null) =>
    add('role_grants', { id: nextId(), person_id: personId, role, org_id: orgId, created_at: STAMP, created_by: null });
  const account = (personId: string, username: string) =>
    add('accounts', {
      person_id: personId,
      username,
      password_hash: hash,
      must_change_password: 0,
      created_at: STAMP,
      password_changed_at: STAMP,
    });
  let employeeNo = 0;
  const person = async (orgId: string | null, subjects: string[], age?: number) => {
    const gender = r.next() < 0.72 ? 'female' : 'male';
    const name = personName(r, gender);
    const a = age ?? r.pick([23, 24, 25, 26, 27, 28, 29, 31, 33, 34, 35, 36, 38, 40, 42, 44, 45, 47, 49, 52, 55]);
    const id = nextId();
    await add('people', {
      id,
      org_id: orgId,
      name,
      name_key: keyOf(name),
      gender,
      birth_date: `${2026 - a}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      hire_date: `${Math.min(2026, 2026 - a + r.int(21, 24))}-08-28`,
      subjects: JSON.stringify(subjects),
      title:
        a < 26
          ? r.pick(['unrated', 'level3', 'level2'])
          : a < 32
            ? r.pick(['level2', 'level2', 'level1'])
            : a < 42
              ? r.pick(['level1', 'level1', 'senior'])
              : r.pick(['level1', 'senior', 'senior', 'full_senior']),
      backbone_level:
        a < 28
          ? 'none'
          : weighted(r, [
              ['none', 55],
              ['school', 20],
              ['district', 13],
              ['city', 7],
              ['province', 3],
              ['leader', 1],
              ['master', 1],
            ]),
      phone: `139${String(r.int(10000000, 99999999))}`,
      email: null,
      employee_no: String(++employeeNo).padStart(6, '0'),
      active: 1,
      version: 1,
      created_at: STAMP,
      updated_at: STAMP,
    });
    return id;
  };

  // Orgs and people.
  const city = await org('示范市教育科学研究所', 'city', null, { code: 'CITY' });
  const cityAdmin = await person(city.id, ['语文'], 48);
  await grant(cityAdmin, 'research_admin', city.id);
  await account(cityAdmin, 'city');
  const experts: string[] = [];
  for (let i = 0; i < 20; i++) {
    const e = await person(city.id, [r.pick(['语文', '数学', '英语', '物理'])], r.int(45, 58));
    await grant(e, 'expert', city.id);
    if (i === 0) await account(e, 'expert');
    experts.push(e);
  }
  const schools: School[] = [];
  const districtIds: string[] = [];
  for (let d = 0; d < s.districts; d++) {
    const dName = DISTRICT_NAMES[d % DISTRICT_NAMES.length] + (d >= DISTRICT_NAMES.length ? String(d) : '');
    const district = await org(`${dName}区教师发展中心`, 'district', city, {
      code: `D${String(d + 1).padStart(2, '0')}`,
      sort: d,
    });
    districtIds.push(district.id);
    const admin = await person(district.id, ['数学'], 46);
    await grant(admin, 'research_admin', district.id);
    await account(admin, `d${String(d + 1).padStart(2, '0')}`);
    for (let k = 0; k < s.schoolsPerDistrict; k++) {
      const no = schools.length + 1;
      const primary = k % 3 !== 2;
      const plan = primary ? PRIMARY : MIDDLE;
      const school = await org(
        `${dName}区第${k + 1}${primary ? '小学' : '中学'}（${r.pick(SCHOOL_SUFFIX)}）`,
        'school',
        district,
        { code: `S${String(no).padStart(4, '0')}`, rural: r.next() < 0.3 ? 1 : 0, sort: k },
      );
      const subjectGroups = [];
      for (const [i, [name, subjects]] of plan.subjectGroups.entries())
        subjectGroups.push({
          ...(await org(name, 'group', school, { group_type: 'subject', sort: i })),
          subjects,
          teachers: [] as string[],
        });
      const gradeGroups = [];
      for (const [i, name] of plan.gradeGroups.entries())
        gradeGroups.push({
          ...(await org(name, 'group', school, { group_type: 'grade', sort: 10 + i })),
          teachers: [] as string[],
        });
      const sc: School = {
        id: school.id,
        path: school.path,
        districtIdx: d,
        districtId: district.id,
        teachers: [],
        subjectOf: new Map(),
        groups: [...subjectGroups, ...gradeGroups],
      };
      for (let i = 0; i < s.teachersPerSchool; i++) {
        const g = subjectGroups[i % subjectGroups.length];
        const subject = r.pick(g.subjects);
        const id = await person(school.id, [subject]);
        sc.teachers.push(id);
        sc.subjectOf.set(id, subject);
        g.teachers.push(id);
        const gg = gradeGroups[i % gradeGroups.length];
        gg.teachers.push(id);
        await add('person_groups', { person_id: id, group_id: g.id });
        await add('person_groups', { person_id: id, group_id: gg.id });
        await grant(id, 'teacher', school.id);
        // s001…: the school's 教科室主任 (its first teacher); t001002…: the other teachers.
        await account(
          id,
          i === 0
            ? `s${String(no).padStart(3, '0')}`
            : `t${String(no).padStart(3, '0')}${String(i + 1).padStart(3, '0')}`,
        );
        if (i === 0) await grant(id, 'school_director', school.id);
        if (i === 1) await grant(id, 'school_leader', school.id);
        if (i >= 2 && i < 2 + subjectGroups.length) await grant(id, 'group_leader', g.id);
      }
      schools.push(sc);
    }
  }
  log(`[gen] ${schools.length} schools, ${counts.people} people (${Date.now() - t0} ms)`);

  const pickSchool = () => schools[Math.floor(r.next() * schools.length)];
  const pickTeacher = (sc: School) => sc.teachers[Math.floor(r.next() * sc.teachers.length)];

  // Projects across plan periods and stages, with members, transitions and archive files.
  const PERIODS: { period: string; from: number; to: number; stages: [string, number][] }[] = [
    {
      period: '十三五',
      from: 2016,
      to: 2020,
      stages: [
        ['concluded', 80],
        ['not_passed', 6],
        ['terminated', 6],
        ['rejected', 8],
      ],
    },
    {
      period: '十四五',
      from: 2021,
      to: 2025,
      stages: [
        ['concluded', 40],
        ['in_progress', 18],
        ['midterm_passed', 14],
        ['conclusion_requested', 6],
        ['approved', 4],
        ['rejected', 8],
        ['terminated', 4],
        ['not_passed', 2],
        ['in_review', 2],
        ['district_recommended', 2],
      ],
    },
    {
      period: '十五五',
      from: 2026,
      to: 2026,
      stages: [
        ['draft', 20],
        ['submitted', 20],
        ['school_recommended', 15],
        ['district_recommended', 10],
        ['in_review', 10],
        ['approved', 10],
        ['in_progress', 15],
      ],
    },
  ];
  const LEVEL_WEIGHTS: [string, number][] = [
    ['school', 40],
    ['district', 35],
    ['city', 18],
    ['provincial', 6],
    ['national', 1],
  ];
  const PRE = new Set(['draft', 'submitted', 'school_recommended', 'district_recommended', 'in_review', 'rejected']);
  const seq = new Map<string, number>();
  const runningProjects: { id: string; school: School; host: string; startsOn: string | null }[] = [];
  const projectIds: { id: string; stage: string; school: School; host: string; year: number }[] = [];
  for (let i = 0; i < s.projects; i++) {
    const pp = weighted(r, [
      [PERIODS[0], 25],
      [PERIODS[1], 55],
      [PERIODS[2], 20],
    ]);
    const stage = weighted(r, pp.stages);
    const level = weighted(r, LEVEL_WEIGHTS);
    const sc = pickSchool();
    const host = pickTeacher(sc);
    const year = r.int(pp.from, pp.to);
    const manager = level === 'school' ? sc.id : level === 'district' ? sc.districtId : city.id;
    const holder =
      stage === 'draft' || stage === 'submitted'
        ? sc.id
        : stage === 'school_recommended' && level !== 'school'
          ? sc.districtId
          : stage === 'district_recommended'
            ? city.id
            : manager;
    const numbered = !PRE.has(stage);
    let number: string | null = null;
    if (numbered) {
      const key = `${year}-${level}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      number = `${year}-${{ school: 'XJ', district: 'QJ', city: 'SJ', provincial: 'SH', national: 'GJ' }[level]}-${String(n).padStart(5, '0')}`;
    }
    const id = nextId();
    const subject = sc.subjectOf.get(host) ?? '语文';
    const topic = r.pick(TOPICS);
    const startsOn = numbered ? `${year}-${r.pick(['03', '09'])}-01` : null;
    await add('projects', {
      id,
      call_id: null,
      title: `${topic}视角下${subject}${r.pick(['教学', '课堂', '作业', '评价', '校本课程'])}的${r.pick(['实践研究', '行动研究', '策略研究', '案例研究'])}（${i + 1}）`,
      level,
      kind: weighted(r, [
        ['key', 15],
        ['general', 55],
        ['youth', 20],
        ['micro', 10],
      ]),
      subject,
      plan_period: pp.period,
      org_id: sc.id,
      host_id: host,
      stage,
      holder_org_id: holder,
      manager_org_id: manager,
      number,
      rank: null,
      starts_on: startsOn,
      ends_on: numbered ? `${Math.min(year + 2, 2030)}-12-31` : null,
      grade:
        stage === 'concluded'
          ? weighted(r, [
              ['excellent', 25],
              ['good', 50],
              ['pass', 25],
            ])
          : null,
      sections: JSON.stringify({
        significance: prose(r, 2),
        goals: prose(r, 1),
        methods: '文献研究法、行动研究法',
        steps: '',
      }),
      expected_outcomes: '[{"kind":"研究报告","count":1},{"kind":"论文","count":2}]',
      historic: pp.period === '十三五' ? 1 : 0,
      version: 1,
      created_by: host,
      created_at: `${year}-02-20T08:00:00.000Z`,
      updated_at: `${year}-02-20T08:00:00.000Z`,
    });
    await add('project_members', { project_id: id, person_id: host, role: 'host', sort: 0 });
    const others = new Set<string>();
    const want = r.int(1, 3);
    for (let k = 0; k < want * 2 && others.size < want; k++) {
      const m = pickTeacher(sc);
      if (m !== host) others.add(m);
    }
    let sort = 1;
    for (const m of others)
      await add('project_members', {
        project_id: id,
        person_id: m,
        role: sort === 1 ? 'core' : 'member',
        sort: sort++,
      });
    // The stage history up to the project's stage, dated along its plan year, so the dashboards read
    // when it was approved, opened, passed mid-term or concluded (never after the generator's today).
    for (const step of stageHistory(stage, year)) {
      await add('project_transitions', {
        id: nextId(),
        project_id: id,
        action: step.action,
        from_stage: step.from,
        to_stage: step.to,
        actor_id: host,
        at: `${step.on}T08:00:00.000Z`,
        reason: step.action === 'reject' || step.action === 'terminate' ? '生成数据' : null,
        details: null,
      });
    }
    if (['in_progress', 'midterm_passed', 'conclusion_requested'].includes(stage))
      runningProjects.push({ id, school: sc, host, startsOn });
    projectIds.push({ id, stage, school: sc, host, year });
  }
  log(`[gen] ${counts.projects} projects (${Date.now() - t0} ms)`);

  // Monthly reports (月报) of the running projects over the two terms before the generator's today, as an office
  // sees them: most on time, some late, some missing; the last months not yet all checked (月查), a few returned.
  const REPORT_MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-09', '2026-10'];
  for (const p of runningProjects) {
    for (const month of REPORT_MONTHS) {
      if (p.startsOn && p.startsOn.slice(0, 7) > month) continue;
      const missing = r.next() < 0.12;
      if (missing) continue;
      const deadline = monthlyReportDue(month);
      const late = r.next() < 0.15;
      const day = late ? addDays(deadline, r.int(2, 20)) : addDays(deadline, -r.int(0, 6));
      const recent = month === '2026-10';
      const status = recent
        ? weighted(r, [
            ['submitted', 40],
            ['checked', 55],
            ['returned', 5],
          ])
        : 'checked';
      const at = `${day}T09:00:00.000Z`;
      await add('project_reports', {
        id: nextId(),
        project_id: p.id,
        kind: 'monthly',
        month,
        content: JSON.stringify({ done: prose(r, 1), next: prose(r, 1) }),
        status,
        opinion: null,
        grade: null,
        return_reason: status === 'returned' ? '过程性资料不全，请补充课堂记录' : null,
        author_id: p.host,
        checked_by: status === 'submitted' ? null : (p.school.teachers[0] ?? null),
        checked_at: status === 'submitted' ? null : `${addDays(day, 3)}T09:00:00.000Z`,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
  }
  log(`[gen] ${counts.project_reports ?? 0} monthly reports (${Date.now() - t0} ms)`);

  // Archive files: metadata for all, real bytes for a sample.
  const filesDir = path.join(opts.dataDir, 'files');
  const realEvery = Math.max(1, Math.floor(s.files / Math.max(1, s.realFiles)));
  for (let i = 0; i < s.files; i++) {
    const p = projectIds[Math.floor(r.next() * projectIds.length)];
    const id = nextId();
    const key = `${p.year}/${String(r.int(1, 12)).padStart(2, '0')}/${id}`;
    const category = r.pick(CATEGORIES);
    const ext = category === 'photo' ? 'jpg' : r.pick(['docx', 'pdf', 'docx', 'xlsx']);
    let size = r.int(20_000, 4_000_000);
    let digest = sha(id);
    if (i % realEvery === 0) {
      const body = Buffer.from(`研修 bench file ${id}\n${prose(r, 3)}\n`, 'utf8');
      size = body.length;
      digest = createHash('sha256').update(body).digest('hex');
      const target = path.join(filesDir, ...key.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, body);
    }
    await add('project_files', {
      id,
      project_id: p.id,
      category,
      stage: r.pick(ARCHIVE_STAGES),
      original_name: `${category}-${i + 1}.${ext}`,
      storage_key: key,
      mime: ext === 'jpg' ? 'image/jpeg' : ext === 'pdf' ? 'application/pdf' : 'application/octet-stream',
      size,
      sha256: digest,
      uploaded_by: p.host,
      created_at: `${p.year}-06-01T08:00:00.000Z`,
    });
  }
  log(`[gen] ${counts.project_files} archive files (${Date.now() - t0} ms)`);

  // Growth records.
  const GROWTH_WEIGHTS: [string, number][] = GROWTH_KINDS.map((k) => [
    k,
    {
      reading: 20,
      essay: 12,
      reflection: 18,
      case: 8,
      narrative: 6,
      lesson_plan: 14,
      lesson_example: 6,
      training: 10,
      study: 4,
      platform: 2,
    }[k],
  ]);
  for (let i = 0; i < s.growth; i++) {
    const sc = pickSchool();
    const who = pickTeacher(sc);
    const kind = weighted(r, GROWTH_WEIGHTS);
    const date = schoolDay(r);
    const text = kind === 'platform' ? '' : prose(r, r.int(1, 4));
    const at = stampOf(date, r);
    await add('growth_records', {
      id: nextId(),
      person_id: who,
      org_id: sc.id,
      kind,
      date,
      title:
        kind === 'reading'
          ? `读${r.pick(BOOKS)}有感`
          : `${r.pick(TOPICS)}${r.pick(['的思考', '实践记录', '一课', '培训心得'])}`,
      text,
      hours: kind === 'training' ? r.pick([2, 3, 4, 6, 8, 12]) : null,
      book_kind: kind === 'reading' ? r.pick(['required', 'optional']) : null,
      url: kind === 'platform' ? `https://blog.example.cn/${who.slice(-8)}` : null,
      report_back: kind === 'study' ? prose(r, 1) : null,
      text_hash: text ? sha(text) : null,
      version: 1,
      created_by: who,
      created_at: at,
      updated_at: at,
    });
  }
  log(`[gen] ${counts.growth_records} growth records (${Date.now() - t0} ms)`);

  // Activities with attendance.
  for (let i = 0; i < s.activities; i++) {
    const sc = pickSchool();
    const g = r.next() < 0.7 ? sc.groups[Math.floor(r.next() * sc.groups.length)] : null;
    const presenter =
      g && g.teachers.length > 0 ? g.teachers[Math.floor(r.next() * g.teachers.length)] : pickTeacher(sc);
    const kind = r.pick(ACTIVITY_KINDS);
    const date = schoolDay(r);
    const at = stampOf(date, r);
    const id = nextId();
    const running =
      kind === 'project_seminar' && runningProjects.length > 0
        ? runningProjects[Math.floor(r.next() * runningProjects.length)]
        : null;
    await add('activities', {
      id,
      org_id: running ? running.school.id : (g?.id ?? sc.id),
      kind,
      title: `${r.pick(TOPICS)}${r.pick(['研讨', '展示', '交流', '专题培训'])}`,
      topic: r.pick(TOPICS),
      date,
      starts_at: `${date}T06:30:00.000Z`,
      ends_at: `${date}T08:00:00.000Z`,
      place: r.pick(['录播教室', '会议室', '阶梯教室', '三楼多功能厅']),
      presenter_id: running ? running.host : presenter,
      project_id: running ? running.id : null,
      lesson_id: null,
      reviewed_activity_id: null,
      record: prose(r, r.int(1, 3)),
      prep: null,
      created_by: presenter,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    const pool = g && g.teachers.length > 0 ? g.teachers : sc.teachers;
    const seen = new Set<string>();
    for (let k = 0; k < 3; k++) {
      const pid = pool[Math.floor(r.next() * pool.length)];
      if (seen.has(pid)) continue;
      seen.add(pid);
      await add('activity_attendance', {
        activity_id: id,
        person_id: pid,
        status: weighted(r, [
          ['present', 90],
          ['leave', 7],
          ['absent', 3],
        ]),
      });
    }
  }
  log(`[gen] ${counts.activities} activities (${Date.now() - t0} ms)`);

  // Lesson observations.
  for (let i = 0; i < s.observations; i++) {
    const sc = pickSchool();
    const observer = pickTeacher(sc);
    let teacher = pickTeacher(sc);
    if (teacher === observer) teacher = sc.teachers[(sc.teachers.indexOf(observer) + 1) % sc.teachers.length];
    const date = schoolDay(r);
    const at = stampOf(date, r);
    const status = weighted(r, [
      ['submitted', 92],
      ['draft', 6],
      ['reopened', 2],
    ]);
    const notes = prose(r, r.int(1, 3));
    await add('observations', {
      id: nextId(),
      org_id: sc.id,
      observer_id: observer,
      teacher_id: teacher,
      date,
      period: String(r.int(1, 7)),
      class_name: `${r.int(1, 6)}（${r.int(1, 8)}）班`,
      subject: sc.subjectOf.get(teacher) ?? '语文',
      topic: r.pick(TOPICS),
      notes,
      scores: JSON.stringify({
        goals: r.int(12, 20),
        process: r.int(20, 30),
        students: r.int(18, 25),
        effect: r.int(15, 25),
      }),
      status,
      text_hash: status === 'submitted' ? sha(`${notes}${i}`) : null,
      version: 1,
      created_at: at,
      updated_at: at,
      submitted_at: status === 'draft' ? null : at,
    });
  }
  log(`[gen] ${counts.observations} observations (${Date.now() - t0} ms)`);

  if (hasWorks) {
    // Competitions catalogue: the city's and each district's, with editions per year.
    const comps: { id: string; editions: Map<number, string> }[] = [];
    const owners = [city.id, ...districtIds];
    for (const owner of owners) {
      for (const [name, level] of [
        ['优秀教育教学论文评比', owner === city.id ? 'city' : 'district'],
        ['优秀教学设计评比', owner === city.id ? 'city' : 'district'],
        ['优质课评比', owner === city.id ? 'city' : 'district'],
      ] as const) {
        const cid = nextId();
        await add('competitions', {
          id: cid,
          org_id: owner,
          name: `${owner === city.id ? '示范市' : '区'}${name}`,
          level,
          organiser: owner === city.id ? '示范市教育科学研究所' : '区教师发展中心',
          description: '',
          work_kinds: '[]',
          active: 1,
          version: 1,
          created_at: STAMP,
          updated_at: STAMP,
        });
        const editions = new Map<number, string>();
        for (let y = 2021; y <= 2026; y++) {
          const eid = nextId();
          editions.set(y, eid);
          await add('competition_editions', {
            id: eid,
            competition_id: cid,
            year: y,
            deadline: `${y}-10-31`,
            title: `${y}年度`,
            org_id: owner,
            version: 1,
            created_at: STAMP,
          });
        }
        comps.push({ id: cid, editions });
      }
    }
    const works: { id: string; sc: School; author: string; date: string; kind: string }[] = [];
    const WORK_KINDS: [string, number][] = [
      ['paper', 45],
      ['lesson_plan', 15],
      ['design', 12],
      ['case', 12],
      ['courseware', 8],
      ['lesson_example', 6],
      ['book', 2],
    ];
    for (let i = 0; i < s.works; i++) {
      const sc = pickSchool();
      const author = pickTeacher(sc);
      const kind = weighted(r, WORK_KINDS);
      const date = schoolDay(r);
      const id = nextId();
      await add('works', {
        id,
        org_id: sc.id,
        kind,
        title: `${r.pick(TOPICS)}的${r.pick(['实践与思考', '探索', '策略研究', '案例分析'])}（${i + 1}）`,
        subject: sc.subjectOf.get(author) ?? null,
        char_count: kind === 'paper' ? r.int(2000, 9000) : null,
        abstract: prose(r, 1),
        written_on: date,
        created_by: author,
        version: 1,
        created_at: stampOf(date, r),
        updated_at: stampOf(date, r),
      });
      await add('work_authors', { id: nextId(), work_id: id, position: 1, person_id: author, outside_name: null });
      if (r.next() < 0.35) {
        const co = pickTeacher(sc);
        if (co !== author)
          await add('work_authors', { id: nextId(), work_id: id, position: 2, person_id: co, outside_name: null });
      }
      works.push({ id, sc, author, date, kind });
    }
    for (let i = 0; i < s.entries; i++) {
      const w = works[Math.floor(r.next() * works.length)];
      const year = Number(w.date.slice(0, 4));
      const comp = comps[Math.floor(r.next() * comps.length)];
      const entered = schoolDay(r, Date.parse(w.date), Math.min(LAST_DAY, Date.parse(w.date) + 200 * DAY));
      const done = entered < '2026-09-01';
      const status = done
        ? weighted(r, [
            ['awarded', 55],
            ['not_awarded', 25],
            ['not_recommended', 20],
          ])
        : weighted(r, [
            ['prereview', 40],
            ['recommended', 20],
            ['submitted', 30],
            ['awarded', 10],
          ]);
      const resultOn =
        status === 'awarded' || status === 'not_awarded'
          ? schoolDay(r, Date.parse(entered), Math.min(LAST_DAY, Date.parse(entered) + 120 * DAY))
          : null;
      const at = stampOf(entered, r);
      await add('work_entries', {
        id: nextId(),
        work_id: w.id,
        competition_id: comp.id,
        edition_id: comp.editions.get(Math.min(2026, Math.max(2021, year))) ?? null,
        year,
        entered_on: entered,
        status,
        result:
          status === 'awarded'
            ? weighted(
                r,
                RESULTS.map((x, k) => [x, [3, 15, 30, 35, 17][k]] as [string, number]),
              )
            : null,
        result_on: resultOn,
        certificate_file: null,
        certificate_name: null,
        certificate_mime: null,
        certificate_size: null,
        decision_comment: null,
        decided_by: null,
        decided_at: null,
        entered_by: w.author,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
    const papers = works.filter((w) => w.kind === 'paper');
    for (let i = 0; i < s.publications && papers.length > 0; i++) {
      const w = papers[Math.floor(r.next() * papers.length)];
      const on = schoolDay(r, Date.parse(w.date), Math.min(LAST_DAY, Date.parse(w.date) + 300 * DAY));
      const at = stampOf(on, r);
      await add('publications', {
        id: nextId(),
        work_id: w.id,
        journal: r.pick(JOURNALS),
        level: weighted(r, [
          ['national', 10],
          ['provincial', 40],
          ['city', 35],
          ['district', 15],
        ]),
        issue: `${on.slice(0, 4)}年第${r.int(1, 12)}期`,
        published_on: on,
        pages: `${r.int(10, 80)}-${r.int(81, 90)}`,
        created_by: w.author,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
    for (let i = 0; i < s.studentAwards; i++) {
      const sc = pickSchool();
      const who = pickTeacher(sc);
      const on = schoolDay(r);
      const at = stampOf(on, r);
      await add('student_awards', {
        id: nextId(),
        person_id: who,
        org_id: sc.id,
        student_name: personName(r, r.next() < 0.5 ? 'female' : 'male'),
        class_name: `${r.int(1, 6)}（${r.int(1, 8)}）班`,
        competition: r.pick(['青少年科技创新大赛', '中小学生作文大赛', '数学思维挑战赛', '英语演讲比赛', '艺术展演']),
        title: '',
        level: weighted(r, [
          ['school', 30],
          ['district', 40],
          ['city', 22],
          ['provincial', 7],
          ['national', 1],
        ]),
        result: weighted(
          r,
          RESULTS.map((x, k) => [x, [3, 15, 30, 35, 17][k]] as [string, number]),
        ),
        awarded_on: on,
        created_by: who,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
    log(
      `[gen] ${counts.works} works, ${counts.work_entries} entries, ${counts.publications} publications, ${counts.student_awards} student awards (${Date.now() - t0} ms)`,
    );
  } else {
    log('[gen] no works tables yet (migration 007 not registered): works skipped');
  }

  await add('settings', { key: 'bench.generated', value: JSON.stringify({ seed: opts.seed, at: STAMP }) });
  await sink.finish();
  if (opts.searchIndex !== false) {
    // The server catches the full-text index up at start; doing it here keeps that out of the benchmark.
    const t1 = Date.now();
    const db2 = openDatabase(config);
    const n = await syncSearchIndex(db2.db, 2000);
    await db2.close();
    log(`[gen] search index: ${n} documents (${Date.now() - t1} ms)`);
  }
  const ms = Date.now() - t0;
  const usage = process.cpuUsage();
  const ownCpu = (usage.user + usage.system) / 1e6;
  const dbCpu = sink.serverCpu();
  log(
    `[gen] done in ${(ms / 1000).toFixed(1)} s wall; CPU: generator ${ownCpu.toFixed(1)} s${dbCpu === null ? '' : `, PostgreSQL backend ${dbCpu.toFixed(1)} s`}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  return { counts, ms, kind: config.kind };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main() {
  const scaleName = arg('scale') ?? 'city';
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(arg('seed') ?? 20261202);
  const dataDir = arg('data-dir') ?? process.env.YANXIU_DATA_DIR ?? `data/bench-${scaleName}`;
  const url = process.env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'yanxiu.db')}`;
  const { counts } = await generate({
    url,
    scale,
    seed,
    dataDir,
    reset: process.argv.includes('--reset'),
    searchIndex: !process.argv.includes('--no-search-index'),
  });
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [k, v] of Object.entries(counts))
    console.log(`  ${k.padEnd(width)}  ${v.toLocaleString('en-US').padStart(10)}`);
  const records = (counts.growth_records ?? 0) + (counts.observations ?? 0) + (counts.activities ?? 0);
  console.log(`  growth+observation+activity records: ${records.toLocaleString('en-US')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error('[gen] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
