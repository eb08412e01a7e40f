import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { NotificationRow } from '../../db/types.js';
import { buildDigest, digestText, runDigests } from './digest.js';
import { notice } from './notices.js';
import { NotificationRepo } from './notifications.repo.js';
import { runReminders } from './reminders.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  message: {
    key: string;
    params: Record<string, string>;
    body?: { key: string; params: Record<string, string> };
  } | null;
}

const row = (kind: string, title: string, body = ''): NotificationRow => ({
  id: newId(),
  person_id: 'x',
  kind,
  title,
  body,
  link: null,
  org_id: null,
  dedup_key: null,
  read_at: null,
  created_at: nowIso(),
  message: null,
});

describe('daily digest text', () => {
  it('groups the day by kind, says how many are unread, and is empty on a quiet day', () => {
    expect(digestText('2026-12-02', [], 0)).toBeNull();
    const text = digestText(
      '2026-12-02',
      [
        row('overdue', '2026-11 月报已逾期'),
        row('review_assigned', '新的评审任务：立项评审', '有 2 个课题'),
        row('other', '其他事'),
      ],
      5,
    );
    expect(text).toBe(
      [
        '研修每日摘要 2026-12-02',
        '新通知 3 条，未读共 5 条。',
        '',
        '【已逾期】',
        '· 2026-11 月报已逾期',
        '',
        '【评审任务】',
        '· 新的评审任务：立项评审：有 2 个课题',
        '',
        '【其他】',
        '· 其他事',
      ].join('\n'),
    );
    expect(digestText('2026-12-02', [], 2)).toBe('研修每日摘要 2026-12-02\n新通知 0 条，未读共 2 条。');
  });
});

describe.each(DIALECTS)('notifications (通知) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const c: Record<string, Client> = {};
  const p: Record<string, { id: string; title: string }> = {};
  let expertId = '';

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const pf = projectFactory(t.database);
    w = await f.world();
    const { d1, s1, s2 } = w.orgs;
    expertId = (await f.person('外区专家', { org: w.orgs.s3, username: 'far_expert', roles: [['expert', w.orgs.d2]] }))
      .id;
    const host = await f.person('王明远', { org: s2 });
    p.running = await pf.project({
      title: '整本书阅读教学策略研究',
      school: s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      manager: d1,
      startsOn: '2026-09-01',
    });
    p.submitted = await pf.project({
      title: '作业分层设计研究',
      school: s1,
      hostId: w.users.teacher.id,
      stage: 'submitted',
      manager: d1,
      holder: s1,
    });
    p.blind = await pf.project({
      title: '项目式学习评价研究',
      school: s2,
      hostId: host.id,
      stage: 'in_review',
      manager: d1,
    });
    for (const u of ['teacher', 'research_admin', 'far_expert', 'school_director', 'group_leader']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  async function mine(who: Client, query = ''): Promise<{ items: Item[]; total: number; unread: number }> {
    const res = await who.get(`/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('requires authentication on every route', async () => {
    const routes = t.routes.filter((r) => r.url.startsWith('/api/notifications'));
    expect(routes.length).toBe(6);
    for (const r of routes) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it("tells an expert of a new assignment without naming a blind round's project or host", async () => {
    const round = await c.research_admin.post('/api/reviews', {
      title: '2026年度区级课题立项评审',
      kind: 'application',
      projectIds: [p.blind.id],
      expertIds: [expertId],
      expertsPerItem: 1,
      blind: true,
    });
    expect(round.statusCode, round.body).toBe(200);
    const a = await c.research_admin.post(`/api/reviews/${round.json().id}/assignments`, {
      projectId: p.blind.id,
      expertId,
    });
    expect(a.statusCode, a.body).toBe(200);
    const got = await mine(c.far_expert);
    expect(got.items).toEqual([
      expect.objectContaining({
        kind: 'review_assigned',
        title: '新的评审任务：2026年度区级课题立项评审',
        // The same words as a key and values, for a reader in another language.
        message: {
          key: 'review_assigned',
          params: { round: '2026年度区级课题立项评审' },
          body: { key: 'reviews_waiting', params: { n: '1' } },
        },
        body: '有 1 个课题等待您评审。',
        link: `/reviews/${round.json().id}/assignments/${a.json().id}`,
        readAt: null,
      }),
    ]);
    expect(JSON.stringify(got)).not.toMatch(/王明远|项目式学习|一区第二小学/);
    expect(got.unread).toBe(1);
  });

  it('tells the host when the school returns an application, with the reason', async () => {
    const res = await c.school_director.post(`/api/projects/${p.submitted.id}/transitions`, {
      action: 'return',
      reason: '研究目标过大，请聚焦',
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = await mine(c.teacher, '?unread=true');
    const n = got.items.find((i) => i.kind === 'project_returned');
    expect(n).toMatchObject({
      title: '课题申报被退回',
      message: { key: 'project_returned', params: { project: p.submitted.title } },
      link: `/projects/${p.submitted.id}`,
    });
    expect(n?.body).toContain('研究目标过大，请聚焦');
    expect(n?.body).toContain(p.submitted.title);
    // Nobody else hears of it.
    expect((await mine(c.group_leader)).total).toBe(0);
  });

  it('tells the author when a monthly report is returned in the monthly check (月查)', async () => {
    const report = await c.teacher.post(`/api/projects/${p.running.id}/reports`, {
      kind: 'monthly',
      month: '2026-10',
      content: { done: '开展课堂观察', next: '整理数据' },
    });
    expect(report.statusCode, report.body).toBe(200);
    const checked = await c.school_director.post(`/api/projects/${p.running.id}/reports/${report.json().id}/check`, {
      decision: 'returned',
      reason: '请补充课堂观察数据',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    const n = (await mine(c.teacher)).items.find((i) => i.kind === 'report_returned');
    expect(n).toMatchObject({
      title: '2026-10 月报被退回',
      link: `/projects/${p.running.id}?tab=reports&report=${report.json().id}`,
    });
    expect(n?.body).toContain('请补充课堂观察数据');
  });

  it('marks one or all read, only the caller’s own', async () => {
    const before = await mine(c.teacher);
    expect(before.unread).toBe(2);
    const [first] = before.items;
    expect((await c.far_expert.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    const read = await c.teacher.post(`/api/notifications/${first.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await mine(c.teacher)).unread).toBe(1);
    expect((await mine(c.teacher, '?unread=1')).items.map((i) => i.id)).not.toContain(first.id);
    const all = await c.teacher.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ ok: true, count: 1 });
    expect((await mine(c.teacher)).unread).toBe(0);
    expect((await mine(c.far_expert)).unread).toBe(1);
  });

  it('keeps the digest settings per person with a version check', async () => {
    expect((await c.teacher.get('/api/notifications/settings')).json()).toEqual({
      digest: false,
      digestHour: 8,
      version: 0,
    });
    const saved = await c.teacher.put('/api/notifications/settings', { digest: true, digestHour: 7, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ digest: true, digestHour: 7, version: 1 });
    expect(
      (await c.teacher.put('/api/notifications/settings', { digest: false, digestHour: 7, version: 0 })).statusCode,
    ).toBe(409);
    expect((await c.teacher.put('/api/notifications/settings', { digest: true, digestHour: 24 })).statusCode).toBe(400);
    expect((await c.far_expert.get('/api/notifications/settings')).json().digest).toBe(false);
  });

  it('sends due-soon and overdue reminders once per item however often the job runs', async () => {
    const { db } = t.database;
    // A competition entry whose deadline is near (评比截止).
    const now = nowIso();
    const workId = newId();
    const compId = newId();
    const editionId = newId();
    await db
      .insertInto('works')
      .values({
        id: workId,
        org_id: w.orgs.s1.id,
        kind: 'paper',
        title: '整本书阅读的评价设计',
        subject: null,
        char_count: 4000,
        abstract: '',
        written_on: null,
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('work_authors')
      .values({ id: newId(), work_id: workId, position: 1, person_id: w.users.teacher.id, outside_name: null })
      .execute();
    await db
      .insertInto('competitions')
      .values({
        id: compId,
        org_id: null,
        name: '区教学论文评比',
        level: 'district',
        organiser: '',
        description: '',
        work_kinds: '[]',
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('competition_editions')
      .values({
        id: editionId,
        competition_id: compId,
        year: 2026,
        deadline: '2026-11-30',
        title: '2026年',
        org_id: null,
        version: 1,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('work_entries')
      .values({
        id: newId(),
        work_id: workId,
        competition_id: compId,
        edition_id: editionId,
        year: 2026,
        entered_on: '2026-11-01',
        status: 'prereview',
        result: null,
        result_on: null,
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

    // 2026-11-27 (China time): November's report is due soon, the competition closes on the 30th;
    // October's report exists (returned), so nothing is overdue yet.
    const nov27 = new Date('2026-11-27T02:00:00Z');
    const first = await runReminders(db, nov27);
    expect(first).toBe(2);
    expect(await runReminders(db, nov27)).toBe(0);
    expect(await runReminders(db, new Date('2026-11-28T02:00:00Z'))).toBe(0);
    const items = (await mine(c.teacher, '?unread=true')).items;
    expect(items.map((i) => i.title).sort()).toEqual(['2026-11 月报即将到期', '评比「区教学论文评比」即将截止']);
    expect(items.map((i) => i.message).sort((a, b) => (a?.key ?? '').localeCompare(b?.key ?? ''))).toMatchObject([
      {
        key: 'competition_due_soon',
        params: { name: '区教学论文评比' },
        body: { key: 'competition_deadline', params: { deadline: '2026-11-30' } },
      },
      {
        key: 'report_due_soon',
        params: { month: '2026-11' },
        body: { key: 'report_due_soon', params: { month: '2026-11', due: '2026-12-05' } },
      },
    ]);
    // December 2: the competition's deadline has passed; November's report is due on the 5th, not overdue yet.
    const dec2 = new Date('2026-12-02T02:00:00Z');
    expect(await runReminders(db, dec2)).toBe(1);
    expect((await mine(c.teacher, '?unread=true')).items.map((i) => i.title)).not.toContain('2026-11 月报已逾期');
    // December 5 is the last day; on the 6th it is overdue — once.
    expect(await runReminders(db, new Date('2026-12-05T02:00:00Z'))).toBe(0);
    const dec6 = new Date('2026-12-06T02:00:00Z');
    expect(await runReminders(db, dec6)).toBe(1);
    expect(await runReminders(db, dec6)).toBe(0);
    const titles = (await mine(c.teacher, '?unread=true')).items.map((i) => i.title);
    expect(titles).toContain('2026-11 月报已逾期');
    expect(titles).toContain('评比「区教学论文评比」已过截止日期');
    expect(titles.filter((x) => x === '2026-11 月报已逾期')).toHaveLength(1);
    // The body is written from a template too: its key and values travel with it for the reader's language.
    const overdue = (await mine(c.teacher, '?unread=true')).items.find((i) => i.title === '2026-11 月报已逾期');
    expect(overdue?.message?.body).toMatchObject({
      key: 'report_overdue',
      params: { month: '2026-11', due: '2026-12-05' },
    });
    expect(overdue?.body).toBe(
      `课题${overdue?.message?.body?.params.title}2026-11 的月报尚未提交（截止 2026-12-05）。`,
    );
  });

  it('writes a large batch of reminders once each, repeats within and across statements included', async () => {
    const repo = new NotificationRepo(t.database.db);
    const person = w.users.teacher.id;
    const item = (k: number) => ({
      personId: person,
      kind: 'due_soon',
      ...notice('report_due_soon', { month: `批量${k}` }),
      body: '',
      link: null,
      orgId: null,
      dedupKey: `batch-test:${k}`,
    });
    // 250 offers of 240 reminders: one repeat inside the first hundred, one in a later hundred.
    const offers = Array.from({ length: 248 }, (_, k) => item(k % 240));
    offers.splice(10, 0, item(5));
    offers.push(item(150));
    expect(offers).toHaveLength(250);
    expect(await repo.insertOnce(offers)).toBe(240);
    expect(await repo.insertOnce(offers)).toBe(0);
    const rows = await t.database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', person)
      .where('dedup_key', 'like', 'batch-test:%')
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(240);
    await t.database.db.deleteFrom('notifications').where('dedup_key', 'like', 'batch-test:%').execute();
  });

  it('builds and sends the daily digest at the chosen hour, once a day', async () => {
    // The teacher chose 07:00 (China time) above.
    const at7 = new Date(Date.now() - (Date.now() % 3_600_000));
    const hour = (at7.getUTCHours() + 8) % 24;
    await c.teacher.put('/api/notifications/settings', { digest: true, digestHour: hour });
    const text = await buildDigest(t.database.db, w.users.teacher.id, new Date(at7.getTime() + 3_600_000));
    expect(text).toContain('研修每日摘要');
    expect(text).toContain('【被退回】');
    expect(text).toContain('课题申报被退回');
    expect(await runDigests(t.database.db, at7)).toBe(1);
    expect(await runDigests(t.database.db, at7)).toBe(0);
    const digest = (await mine(c.teacher)).items.find((i) => i.kind === 'digest');
    expect(digest?.body).toContain('研修每日摘要');
    const preview = await c.teacher.get('/api/notifications/digest');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().text).toContain('研修每日摘要');
  });

  it('settles an expert’s assignment notice once the sheet is scored (it stays in the list, read)', async () => {
    const before = await mine(c.far_expert, '?unread=true');
    const notice = before.items.find((i) => i.kind === 'review_assigned');
    expect(notice?.link).toMatch(/^\/reviews\/[^/]+\/assignments\/[^/]+$/);
    const [, , roundId, , assignmentId] = (notice?.link ?? '').split('/');
    const scored = await c.far_expert.post(`/api/reviews/${roundId}/scores`, {
      assignmentId,
      scores: { value: 90, design: 80, feasibility: 70, outcomes: 60 },
      comment: '选题有价值',
    });
    expect(scored.statusCode, scored.body).toBe(200);
    const after = await mine(c.far_expert);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((i) => i.id === notice?.id)?.readAt).not.toBeNull();
  });

  it('settles a returned report’s notice once the author has written it again', async () => {
    const report = await c.teacher.post(`/api/projects/${p.running.id}/reports`, {
      kind: 'monthly',
      month: '2026-09',
      content: { done: '开展前测', next: '分析数据' },
    });
    expect(report.statusCode, report.body).toBe(200);
    const returned = await c.school_director.post(`/api/projects/${p.running.id}/reports/${report.json().id}/check`, {
      decision: 'returned',
      reason: '请附前测问卷',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const notice = (await mine(c.teacher, '?unread=true')).items.find(
      (i) => i.kind === 'report_returned' && i.title.startsWith('2026-09'),
    );
    expect(notice?.readAt).toBeNull();
    const again = await c.teacher.patch(`/api/projects/${p.running.id}/reports/${report.json().id}`, {
      version: returned.json().version,
      content: { done: '开展前测，附问卷 40 份', next: '分析数据' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const after = (await mine(c.teacher)).items.find((i) => i.id === notice?.id);
    expect(after?.readAt).not.toBeNull();
  });
});
