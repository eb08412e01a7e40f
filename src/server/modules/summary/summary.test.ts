import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';
import { addTerm, type Term } from '../plans/fixtures.js';
import { percent, quantity, resolveFigure } from './summary.writer.js';

interface Section {
  key: string;
  title: string;
  text: string;
  edited: boolean;
}
interface Used {
  key: string;
  label: string;
  value: number;
  display: string;
}

const PLAN_TITLES = ['第九届读书节（初定时间）', '迎接区教科研工作年检', '课题中期汇报准备'];

/** How the text must print a figure, by its kind (rates as percentages, hours with one decimal). */
function expectedDisplay(key: string, value: number): string {
  if (key.endsWith('rate') || key.endsWith('Rate')) return `${percent(value)}%`;
  if (key === 'growth.trainingHours') return quantity(value);
  return String(value);
}

/**
 * The numbers a text states, after taking out what is not a figure: quoted titles (《》“”), the term's
 * name and the plan items' titles.
 */
function numbersIn(text: string, termName: string): string[] {
  let t = text
    .replaceAll(termName, '')
    .replace(/《[^》]*》/g, '')
    .replace(/“[^”]*”/g, '');
  for (const title of PLAN_TITLES) t = t.replaceAll(title, '');
  return [...t.matchAll(/\d+(?:\.\d+)?%?/g)].map((m) => m[0]);
}

describe.each(DIALECTS)('semester summary on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let director: Client;
  let leader: Client;
  let teacher: Client;
  let admin: Client;
  let outsider: Client;
  let term: Term;
  let q: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    await f.person('外校教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    const more = [];
    for (const name of ['王晓明', '李红梅', '陈静', '赵磊']) more.push(await f.person(name, { org: w.orgs.s1 }));
    director = await t.login('school_director', PASSWORD);
    leader = await t.login('school_leader', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    admin = await t.login('research_admin', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
    term = await addTerm(t, 2026, 1, '2026-09-01', '2027-01-31');
    const next = await addTerm(t, 2026, 2, '2027-02-01', '2027-07-31');
    q = `orgId=${w.orgs.s1.id}&termId=${term.id}`;
    await termRecords(t, w, more, next, director);
  });
  afterAll(async () => t?.close());

  it('states only numbers that equal the dashboard figures they name', async () => {
    for (const [client, orgId] of [
      [director, w.orgs.s1.id],
      [admin, w.orgs.d1.id],
    ] as const) {
      const scope = `orgId=${orgId}&termId=${term.id}`;
      const res = await client.get(`/api/reports/semester-summary?${scope}`);
      expect(res.statusCode).toBe(200);
      const summary = res.json();
      const stats = (await client.get(`/api/stats?${scope}`)).json();
      const used: Used[] = summary.figures;
      for (const u of used) {
        expect(resolveFigure(stats, u.key), u.key).toBe(u.value);
        expect(u.display, u.key).toBe(expectedDisplay(u.key, u.value));
      }
      const displays = new Set(used.map((u) => u.display));
      for (const s of summary.sections as Section[]) {
        for (const number of numbersIn(s.text, summary.termName)) {
          expect(displays.has(number) || displays.has(`${number}%`), `${s.key}: ${number} in ${s.text}`).toBe(true);
        }
      }
      const keys = used.map((u) => u.key);
      for (const k of ['projects.active', 'coverage.rate', 'awards.count', 'activities.count', 'punctuality.missing']) {
        expect(keys).toContain(k);
      }
    }
  });

  it('names projects, lessons, winners and titles, and derives the problems from the figures', async () => {
    const summary = (await director.get(`/api/reports/semester-summary?${q}`)).json();
    const stats = (await director.get(`/api/stats?${q}`)).json();
    const text = (key: string) => (summary.sections as Section[]).find((s) => s.key === key)?.text ?? '';
    expect(summary.title).toBe(`一区第一小学${term.name}教科研工作总结`);
    expect(text('projects')).toContain('《小学整本书阅读策略研究》');
    expect(text('awards')).toContain('王晓明、李红梅老师的《整本书阅读中的提问设计》获师陶杯一等奖');
    expect(text('awards')).toContain(`获奖${stats.awards.count}项`);
    expect(text('activities')).toContain('“整本书阅读推进课”');
    expect(stats.punctuality.missing).toBeGreaterThan(0);
    expect(text('problems')).toContain(`缺交${stats.punctuality.missing}份`);
    expect(text('problems')).toContain(`覆盖率仅${percent(stats.coverage.rate)}%`);
    for (const title of PLAN_TITLES) expect(text('next')).toContain(title);
    expect(text('next')).toContain('课题中期汇报准备');
    // Stable wording for the same scope and term.
    const again = (await director.get(`/api/reports/semester-summary?${q}`)).json();
    expect(again.sections).toEqual(summary.sections);
  });

  it('lets the office read it, the leader read it only, and nobody else', async () => {
    const lead = await leader.get(`/api/reports/semester-summary?${q}`);
    expect(lead.statusCode).toBe(200);
    expect(lead.json().abilities).toEqual({ update: false });
    expect((await leader.put(`/api/reports/semester-summary?${q}`, { sections: [] })).statusCode).toBe(403);
    expect((await teacher.get(`/api/reports/semester-summary?${q}`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/reports/semester-summary?${q}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/reports/semester-summary.docx?${q}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/reports/semester-summary?${q}`)).json().abilities).toEqual({ update: true });
  });

  it('saves edits, and a regeneration keeps them unless asked to overwrite', async () => {
    const first = (await director.get(`/api/reports/semester-summary?${q}`)).json();
    expect(first.id).toBeNull();
    const edited = '本学期我们重点抓了课题过程管理（手工修改）。';
    const saved = await director.put(`/api/reports/semester-summary?${q}`, {
      sections: [{ key: 'projects', text: edited }],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1 });
    const projects = (saved.json().sections as Section[]).find((s) => s.key === 'projects');
    expect(projects).toMatchObject({ text: edited, edited: true });
    expect((await director.put(`/api/reports/semester-summary?${q}`, { sections: [] })).statusCode).toBe(409);
    expect((await director.put(`/api/reports/semester-summary?${q}`, { version: 5 })).statusCode).toBe(409);

    const kept = (await director.put(`/api/reports/semester-summary?${q}`, { version: 1, regenerate: true })).json();
    expect(kept.version).toBe(2);
    expect((kept.sections as Section[]).find((s) => s.key === 'projects')?.text).toBe(edited);
    expect((kept.sections as Section[]).find((s) => s.key === 'awards')?.edited).toBe(false);
    const read = (await leader.get(`/api/reports/semester-summary?${q}`)).json();
    expect(read.version).toBe(2);

    const docx = await leader.get(`/api/reports/semester-summary.docx?${q}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(edited);
    expect(xml).toContain('五、存在的问题');

    const over = (
      await director.put(`/api/reports/semester-summary?${q}`, { version: 2, regenerate: true, overwrite: true })
    ).json();
    const projectsNow = (over.sections as Section[]).find((s) => s.key === 'projects');
    expect(projectsNow?.edited).toBe(false);
    expect(projectsNow?.text).not.toBe(edited);
    expect(over.stale).toBe(false);
    const added = await director.post('/api/activities', {
      kind: 'open_lesson',
      title: '新增公开课',
      date: '2026-12-01',
      orgId: w.orgs.s1.id,
    });
    expect(added.statusCode).toBe(200);
    expect((await director.get(`/api/reports/semester-summary?${q}`)).json().stale).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'summary_draft')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['summary.regenerate', 'summary.regenerate', 'summary.save']);
  });

  it('writes the Word document from the records when no draft is saved', async () => {
    const scope = `orgId=${w.orgs.s2.id}&termId=${term.id}`;
    const res = await admin.get(`/api/reports/semester-summary.docx?${scope}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const xml = (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('一区第二小学');
    expect(xml).toContain('六、下学期工作打算');
  });
});

/** A term of records of school S1 (and one outside record in S3 that must not count). */
async function termRecords(
  t: TestApp,
  w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>,
  more: { id: string; name: string }[],
  next: Term,
  director: Client,
) {
  const db = t.database.db;
  const now = nowIso();
  const p = projectFactory(t.database);
  const [wang, li, chen] = more;
  const running = await p.project({
    title: '小学整本书阅读策略研究',
    school: w.orgs.s1,
    hostId: wang.id,
    stage: 'in_progress',
    level: 'city',
    members: [{ personId: li.id }],
    startsOn: '2026-03-01',
  });
  const done = await p.project({
    title: '低年级识字教学研究',
    school: w.orgs.s1,
    hostId: chen.id,
    stage: 'concluded',
    level: 'district',
  });
  await db.updateTable('projects').set({ grade: 'excellent' }).where('id', '=', done.id).execute();
  await p.project({ title: '外区课题', school: w.orgs.s3, hostId: w.at.s3.id, stage: 'in_progress' });
  const step = (projectId: string, action: string, from: string, to: string, at: string) =>
    db
      .insertInto('project_transitions')
      .values({
        id: newId(),
        project_id: projectId,
        action,
        from_stage: from,
        to_stage: to,
        actor_id: null,
        at,
        reason: null,
        details: null,
      })
      .execute();
  await step(running.id, 'approve', 'in_review', 'approved', '2026-06-10T02:00:00.000Z');
  await step(running.id, 'open', 'approved', 'in_progress', '2026-09-20T02:00:00.000Z');
  await step(done.id, 'request_conclusion', 'midterm_passed', 'conclusion_requested', '2026-10-08T02:00:00.000Z');
  await step(done.id, 'conclude', 'conclusion_requested', 'concluded', '2026-11-02T02:00:00.000Z');
  await db
    .insertInto('project_reports')
    .values({
      id: newId(),
      project_id: running.id,
      kind: 'monthly',
      month: '2026-09',
      content: '{}',
      status: 'submitted',
      opinion: null,
      grade: null,
      return_reason: null,
      author_id: wang.id,
      checked_by: null,
      checked_at: null,
      version: 1,
      created_at: '2026-10-03T02:00:00.000Z',
      updated_at: '2026-10-03T02:00:00.000Z',
    })
    .execute();

  for (const [kind, title, date] of [
    ['research_lesson', '整本书阅读推进课', '2026-10-12'],
    ['collective_prep', '三年级语文集体备课', '2026-09-15'],
    ['lecture', '课题研究方法讲座', '2026-11-05'],
  ] as const) {
    const res = await director.post('/api/activities', { kind, title, date, orgId: w.orgs.s1.id });
    if (res.statusCode !== 200) throw new Error(`activity: ${res.body}`);
  }
  for (const [kind, title, hours] of [
    ['reading', '《给教师的建议》读书笔记', undefined],
    ['essay', '秋天的第一堂课', undefined],
    ['training', '信息技术应用能力提升培训', 3.5],
  ] as const) {
    const res = await director.post('/api/growth', { kind, title, date: '2026-10-20', hours, personId: wang.id });
    if (res.statusCode !== 200) throw new Error(`growth: ${res.body}`);
  }

  const workId = newId();
  await db
    .insertInto('works')
    .values({
      id: workId,
      org_id: w.orgs.s1.id,
      kind: 'paper',
      title: '整本书阅读中的提问设计',
      subject: '语文',
      char_count: 4200,
      abstract: '',
      written_on: '2026-09-28',
      created_by: null,
      version: 1,
      created_at: '2026-09-28T02:00:00.000Z',
      updated_at: '2026-09-28T02:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('work_authors')
    .values([
      { id: newId(), work_id: workId, position: 1, person_id: wang.id, outside_name: null },
      { id: newId(), work_id: workId, position: 2, person_id: li.id, outside_name: null },
    ])
    .execute();
  const competitionId = newId();
  await db
    .insertInto('competitions')
    .values({
      id: competitionId,
      org_id: null,
      name: '师陶杯',
      level: 'provincial',
      organiser: '省陶行知研究会',
      description: '',
      work_kinds: '[]',
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('work_entries')
    .values({
      id: newId(),
      work_id: workId,
      competition_id: competitionId,
      edition_id: null,
      year: 2026,
      entered_on: '2026-09-30',
      status: 'awarded',
      result: 'first',
      result_on: '2026-11-20',
      certificate_file: null,
      certificate_name: null,
      certificate_mime: null,
      certificate_size: null,
      decision_comment: null,
      decided_by: null,
      decided_at: null,
      entered_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const plan = (await director.post('/api/plans', { orgId: w.orgs.s1.id, termId: next.id })).json();
  for (const [i, title] of PLAN_TITLES.entries()) {
    await director.post(`/api/plans/${plan.id}/items`, { title, month: `2027-0${i + 2}` });
  }
}
