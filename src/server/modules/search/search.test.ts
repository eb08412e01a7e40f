import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';
import { hitSnippet, plainText, queryTerms, snippet } from './search.text.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
interface Hit {
  type: string;
  id: string;
  title: string;
  snippet: string;
  link: string;
  orgName?: string;
  fileName?: string;
}
interface Result {
  items: Hit[];
  total: number;
  counts: Record<string, number>;
}

describe('search text helpers', () => {
  it('splits terms, keeps JSON strings only and escapes everything but the marks', () => {
    expect(queryTerms('  阅读   教学 阅读 ')).toEqual(['阅读', '教学']);
    expect(plainText('{"goals":"提升<b>阅读</b>","steps":["一","二"],"n":3}')).toBe('提升<b>阅读</b>\n一\n二\n3');
    expect(plainText('not json')).toBe('not json');
    expect(snippet('a <b>阅读</b> & 写作', ['阅读'])).toBe('a &lt;b&gt;<mark>阅读</mark>&lt;/b&gt; &amp; 写作');
    expect(snippet('Reading CLUB', ['club'])).toBe('Reading <mark>CLUB</mark>');
    expect(snippet('无关', ['阅读'])).toBeNull();
    const long = `${'前'.repeat(100)}关键词${'后'.repeat(100)}`;
    const s = snippet(long, ['关键词']) ?? '';
    expect(s.startsWith('…') && s.endsWith('…') && s.includes('<mark>关键词</mark>')).toBe(true);
    expect(hitSnippet('<i>标题</i>', '正文', ['标题'])).toBe('&lt;i&gt;<mark>标题</mark>&lt;/i&gt;');
  });
});

describe.each(DIALECTS)('full-text search (全文检索) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const c: Record<string, Client> = {};
  const p: Record<string, { id: string; title: string }> = {};
  let fileId = '';

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const pf = projectFactory(t.database);
    w = await f.world();
    const { d1, s1, s2 } = w.orgs;
    const s2teacher = await f.person('二校教师', { org: s2, username: 's2teacher', roles: [['teacher', s2]] });
    const blindHost = await f.person('王明远', { org: s2 });
    // An expert from another district (the same district must recuse itself, 回避).
    const expert = await f.person('外区专家', {
      org: w.orgs.s3,
      username: 'far_expert',
      roles: [['expert', w.orgs.d2]],
    });
    p.mine = await pf.project({
      title: '整本书阅读教学策略研究',
      school: s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      manager: d1,
      sections: { goals: '<script>alert(1)</script> 提高学生的阅读兴趣 & 能力', methods: '行动研究' },
    });
    p.other = await pf.project({
      title: '整本书阅读与写作融合研究',
      school: s2,
      hostId: s2teacher.id,
      stage: 'in_progress',
      manager: d1,
    });
    p.blind = await pf.project({
      title: '项目式学习评价研究',
      school: s2,
      hostId: blindHost.id,
      stage: 'in_review',
      manager: d1,
      sections: { significance: '王明远老师在一区第二小学开展项目式学习多年。' },
    });
    fileId = (await pf.file(p.mine.id, '课堂实录', '整本书阅读课堂实录.mp4')).id;
    // Rows written straight into the database are found once the index catches up (startup does this).
    expect(await t.services.search.sync()).toBeGreaterThanOrEqual(4);
    for (const u of ['teacher', 's2teacher', 'research_admin', 'far_expert', 'school_director']) {
      c[u] = await t.login(u, PASSWORD);
    }
    const round = await c.research_admin.post('/api/reviews', {
      title: '2026年度区级课题立项评审',
      kind: 'application',
      projectIds: [p.blind.id],
      expertIds: [expert.id],
      expertsPerItem: 1,
      blind: true,
    });
    expect(round.statusCode, round.body).toBe(200);
    const assigned = await c.research_admin.post(`/api/reviews/${round.json().id}/assignments`, {
      projectId: p.blind.id,
      expertId: expert.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });
  afterAll(async () => t?.close());

  async function search(who: Client, q: string, extra = ''): Promise<Result> {
    const res = await who.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const idsOf = (r: Result) => r.items.map((i) => i.id);

  it('requires authentication and a query', async () => {
    expect((await t.anonymous.get('/api/search?q=阅读')).statusCode).toBe(401);
    expect((await c.teacher.get('/api/search?q=')).statusCode).toBe(400);
    expect((await c.teacher.get('/api/search?q=%20%20')).statusCode).toBe(400);
    expect((await c.teacher.get('/api/search?q=x&type=secret')).statusCode).toBe(400);
  });

  it("finds the caller's own school's projects and archive file names, never another school's", async () => {
    const mine = await search(c.teacher, '整本书阅读');
    expect(idsOf(mine)).toContain(p.mine.id);
    expect(idsOf(mine)).toContain(fileId);
    expect(idsOf(mine)).not.toContain(p.other.id);
    const file = mine.items.find((i) => i.id === fileId);
    expect(file).toMatchObject({
      type: 'file',
      title: p.mine.title,
      fileName: '整本书阅读课堂实录.mp4',
      link: `/projects/${p.mine.id}?tab=archive`,
      orgName: '一区第一小学',
    });
    // The other school's exact title answers as if it did not exist.
    expect((await search(c.teacher, p.other.title)).total).toBe(0);
    const theirs = await search(c.s2teacher, '整本书阅读');
    expect(idsOf(theirs)).toEqual([p.other.id]);
    const office = await search(c.research_admin, '整本书阅读');
    expect(idsOf(office)).toEqual(expect.arrayContaining([p.mine.id, p.other.id, fileId]));
  });

  it('answers one- and two-character queries (Chinese words are often that short)', async () => {
    expect(idsOf(await search(c.teacher, '阅读'))).toContain(p.mine.id);
    expect(idsOf(await search(c.teacher, '书'))).toContain(p.mine.id);
    expect(idsOf(await search(c.teacher, '策略 书'))).toContain(p.mine.id);
    expect((await search(c.teacher, '策略 火星')).total).toBe(0);
    // Search syntax and LIKE wildcards are plain text.
    for (const q of ['"*-:()', 'NEAR(阅读', '%', '_读', 'a"b"c', '\\']) {
      expect((await search(c.teacher, q)).total, q).toBe(0);
    }
  });

  it('highlights hits in an escaped snippet', async () => {
    const r = await search(c.teacher, '阅读兴趣');
    const hit = r.items.find((i) => i.id === p.mine.id);
    expect(hit?.snippet).toContain('<mark>阅读兴趣</mark>');
    expect(hit?.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit?.snippet).not.toContain('<script>');
    const tagged = await search(c.teacher, '<script>');
    expect(tagged.items[0]?.snippet).toContain('<mark>&lt;script&gt;</mark>');
  });

  it("never shows an expert a blind round's project, its host's name or its school", async () => {
    expect((await search(c.research_admin, '项目式学习')).total).toBeGreaterThan(0);
    for (const q of ['王明远', '项目式学习', '一区第二小学', '项目']) {
      const r = await search(c.far_expert, q);
      expect(r.total, q).toBe(0);
      expect(JSON.stringify(r)).not.toContain('王明远');
    }
  });

  it('keeps the index in step with records written through the API (create, update, delete)', async () => {
    const created = await c.teacher.post('/api/growth', {
      kind: 'reflection',
      date: '2026-11-10',
      title: '一次失败的公开课',
      text: '课堂提问的梯度设计需要改进',
    });
    expect(created.statusCode, created.body).toBe(200);
    const g = created.json();
    expect(idsOf(await search(c.teacher, '提问的梯度'))).toEqual([g.id]);
    expect((await search(c.s2teacher, '提问的梯度')).total).toBe(0);
    const renamed = await c.teacher.patch(`/api/growth/${g.id}`, { version: g.version, title: '追问与等待时间' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(idsOf(await search(c.teacher, '等待时间'))).toEqual([g.id]);
    expect((await search(c.teacher, '失败的公开课')).total).toBe(0);
    expect((await c.teacher.delete(`/api/growth/${g.id}`)).statusCode).toBeLessThan(300);
    expect((await search(c.teacher, '等待时间')).total).toBe(0);

    const report = await c.teacher.post(`/api/projects/${p.mine.id}/reports`, {
      kind: 'monthly',
      month: '2026-10',
      content: { done: '完成了课堂观察量表的修订', next: '下月开展第二轮观察' },
    });
    expect(report.statusCode, report.body).toBe(200);
    const hits = await search(c.teacher, '观察量表');
    expect(hits.items).toEqual([
      expect.objectContaining({
        type: 'report',
        id: report.json().id,
        title: p.mine.title,
        link: `/projects/${p.mine.id}?tab=reports`,
      }),
    ]);
    expect((await search(c.s2teacher, '观察量表')).total).toBe(0);

    const activity = await c.school_director.post('/api/activities', {
      kind: 'collective_prep',
      title: '三年级整本书共读集体备课',
      date: '2026-11-12',
      orgId: w.orgs.s1.id,
    });
    expect(activity.statusCode, activity.body).toBe(200);
    expect(idsOf(await search(c.teacher, '共读集体备课'))).toEqual([activity.json().id]);
  });

  it("finds works (成果) by title and abstract for their authors and the school, not another school's teacher", async () => {
    const id = newId();
    const now = nowIso();
    await t.database.db
      .insertInto('works')
      .values({
        id,
        org_id: w.orgs.s1.id,
        kind: 'paper',
        title: '让阅读真实发生',
        subject: null,
        char_count: 5000,
        abstract: '本文讨论整本书共读中的追问策略',
        written_on: '2026-10-01',
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.database.db
      .insertInto('work_authors')
      .values({ id: newId(), work_id: id, position: 1, person_id: w.users.teacher.id, outside_name: null })
      .execute();
    await t.services.search.sync();
    const hits = await search(c.teacher, '追问策略');
    expect(hits.items).toEqual([
      expect.objectContaining({ type: 'work', id, title: '让阅读真实发生', link: `/works/${id}` }),
    ]);
    expect(idsOf(await search(c.school_director, '追问策略'))).toEqual([id]);
    expect((await search(c.s2teacher, '追问策略')).total).toBe(0);

    // A teacher's name finds the projects they host and the works they wrote, within the caller's scope.
    const byName = idsOf(await search(c.school_director, w.users.teacher.name));
    expect(byName).toEqual(expect.arrayContaining([p.mine.id, id]));
    expect(byName).not.toContain(p.other.id);
    expect((await search(c.s2teacher, w.users.teacher.name)).total).toBe(0);
  });

  it('filters by type and counts hits per type for the tabs', async () => {
    const all = await search(c.teacher, '整本书');
    expect(all.counts.project).toBe(1);
    expect(all.counts.file).toBe(1);
    expect(all.total).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    const files = await search(c.teacher, '整本书', '&type=file');
    expect(files.items.map((i) => i.type)).toEqual(['file']);
    expect(files.total).toBe(1);
    const paged = await search(c.teacher, '整本书', '&pageSize=1&page=2');
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(all.total);
  });
});
