import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

const FULL = { layering: 4, participation: 5, strategy: 4, goals: 3 };
const NOTES = '导入环节用图片激发兴趣，小组合作朗读分工明确；后进生参与不足，建议分层设问。';
/** Notes unlike any other record's (random CJK characters), so only the copy test's notes are copies. */
const uniqueNotes = () =>
  Array.from({ length: 30 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))).join('');

describe.each(DIALECTS)('lesson observations (听课记录) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let observed: { id: string; name: string };
  let otherObserved: { id: string; name: string };
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    observed = await f.person('被听课教师', {
      org: w.orgs.s1,
      groups: [w.orgs.g1],
      username: 'observed',
      roles: [['teacher', w.orgs.s1]],
    });
    otherObserved = await f.person('数学组教师', { org: w.orgs.s1, groups: [w.orgs.g1b] });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['observed', 'outsider', 'teacher', 'group_leader', 'school_director', 'school_leader']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  async function observe(who: Client, body: Record<string, unknown> = {}) {
    const res = await who.post('/api/observations', {
      teacherId: observed.id,
      date: '2026-03-10',
      subject: '语文',
      topic: '《荷花》',
      notes: uniqueNotes(),
      scores: FULL,
      className: '三(2)班',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) => r.url.startsWith('/api/observations') || r.url.startsWith('/api/rubrics'));
    expect(mine.length).toBe(13);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('keeps a draft, submits it, refuses edits until the director reopens it, with history', async () => {
    const draft = await observe(c.teacher, { draft: true, notes: '导入', scores: { layering: 3 } });
    expect(draft).toMatchObject({ status: 'draft', version: 1, observerId: w.users.teacher.id, submittedAt: null });
    expect(draft.abilities).toEqual({ edit: true, submit: true, reopen: false, delete: true });
    // A draft is the observer's alone.
    expect((await c.observed.get(`/api/observations/${draft.id}`)).statusCode).toBe(404);
    expect((await c.school_director.get(`/api/observations/${draft.id}`)).statusCode).toBe(404);
    const typed = await c.teacher.patch(`/api/observations/${draft.id}`, {
      version: 1,
      notes: uniqueNotes(),
      scores: FULL,
    });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json()).toMatchObject({ version: 2, scores: FULL });
    expect((await c.teacher.patch(`/api/observations/${draft.id}`, { version: 1, topic: '旧' })).statusCode).toBe(409);
    const submitted = await c.teacher.post(`/api/observations/${draft.id}/submit`, { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 3 });
    expect(submitted.json().submittedAt).toBeTruthy();
    const refused = await c.teacher.patch(`/api/observations/${draft.id}`, { version: 3, topic: '改' });
    expect(refused.statusCode).toBe(409);
    expect((await c.teacher.post(`/api/observations/${draft.id}/reopen`, { reason: '想改' })).statusCode).toBe(403);
    expect((await c.group_leader.post(`/api/observations/${draft.id}/reopen`, { reason: '想改' })).statusCode).toBe(
      403,
    );
    expect((await c.school_director.post(`/api/observations/${draft.id}/reopen`, {})).statusCode).toBe(400);
    const reopened = await c.school_director.post(`/api/observations/${draft.id}/reopen`, { reason: '评分与记录不符' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'reopened', version: 4 });
    expect((await c.school_director.post(`/api/observations/${draft.id}/reopen`, { reason: '再退' })).statusCode).toBe(
      409,
    );
    // Only the observer edits, even after a reopen.
    expect(
      (await c.school_director.patch(`/api/observations/${draft.id}`, { version: 4, topic: '改' })).statusCode,
    ).toBe(403);
    const edited = await c.teacher.patch(`/api/observations/${draft.id}`, {
      version: 4,
      scores: { ...FULL, goals: 4 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = await c.teacher.post(`/api/observations/${draft.id}/submit`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', version: 6, scores: { goals: 4 } });
    const history = (await c.school_director.get(`/api/observations/${draft.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['submit', 'reopen', 'edit', 'submit']);
    expect(history[1]).toMatchObject({ actorId: w.users.school_director.id, reason: '评分与记录不符' });
    expect(history[0]).toMatchObject({ actorId: w.users.teacher.id, actorName: w.users.teacher.name });
  });

  it('lets the observer delete a draft never submitted, and nothing else', async () => {
    const draft = await observe(c.teacher, { draft: true, notes: '选错了教师', scores: {} });
    // Someone else's draft is not found; the director may not delete it either.
    expect((await c.observed.delete(`/api/observations/${draft.id}`)).statusCode).toBe(404);
    expect((await c.school_director.delete(`/api/observations/${draft.id}`)).statusCode).toBe(404);
    const gone = await c.teacher.delete(`/api/observations/${draft.id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await c.teacher.get(`/api/observations/${draft.id}`)).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'observation.delete')
      .where('entity_id', '=', draft.id)
      .execute();
    expect(audit).toHaveLength(1);

    // A submitted record stays, and so does one reopened after it was submitted.
    const kept = await observe(c.teacher);
    expect(kept.abilities.delete).toBe(false);
    expect((await c.teacher.delete(`/api/observations/${kept.id}`)).statusCode).toBe(409);
    const reopened = await c.school_director.post(`/api/observations/${kept.id}/reopen`, { reason: '补充记录' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', abilities: { edit: false, delete: false } });
    const refused = await c.teacher.delete(`/api/observations/${kept.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('只有从未提交过的草稿可以删除');
    expect((await c.teacher.get(`/api/observations/${kept.id}`)).statusCode).toBe(200);
  });

  it('validates the scores against the school rubric, which the director may change', async () => {
    const rubric = await c.teacher.get(`/api/rubrics?kind=observation&orgId=${w.orgs.s1.id}`);
    expect(rubric.statusCode, rubric.body).toBe(200);
    expect(rubric.json()).toMatchObject({ version: 0, isDefault: true, abilities: { update: false } });
    expect(rubric.json().items.map((i: { label: string; max: number }) => [i.label, i.max])).toEqual([
      ['教学分层度', 5],
      ['学生参与度', 5],
      ['教学策略有效度', 5],
      ['目标达成度', 5],
    ]);
    expect((await c.teacher.get('/api/rubrics?kind=observation')).json().orgId).toBe(w.orgs.s1.id);
    expect((await c.outsider.get(`/api/rubrics?kind=observation&orgId=${w.orgs.s1.id}`)).statusCode).toBe(404);
    const post = (scores: Record<string, number>, draft = false) =>
      c.teacher.post('/api/observations', {
        teacherId: observed.id,
        date: '2026-03-11',
        subject: '语文',
        topic: '课',
        notes: 'x',
        scores,
        draft,
      });
    const missing = await post({ layering: 4, participation: 5, strategy: 4 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].field).toBe('scores.goals');
    expect((await post({ ...FULL, goals: 6 })).statusCode).toBe(400);
    expect((await post({ ...FULL, goals: 0 })).statusCode).toBe(400);
    expect((await post({ ...FULL, humour: 3 })).statusCode).toBe(400);
    expect((await post({ layering: 2 }, true)).statusCode).toBe(200);
    const items = [
      { key: 'layering', label: '教学分层度', max: 10, descriptor: '' },
      { key: 'feedback', label: '课堂反馈', max: 3, descriptor: '及时、具体' },
    ];
    expect(
      (await c.teacher.put('/api/rubrics', { kind: 'observation', orgId: w.orgs.s1.id, items, version: 0 })).statusCode,
    ).toBe(403);
    const put = await c.school_director.put('/api/rubrics', {
      kind: 'observation',
      orgId: w.orgs.s1.id,
      items,
      version: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, isDefault: false, items });
    expect(
      (await c.school_director.put('/api/rubrics', { kind: 'observation', orgId: w.orgs.s1.id, items, version: 0 }))
        .statusCode,
    ).toBe(409);
    expect((await post({ layering: 9, feedback: 3 })).statusCode).toBe(200);
    expect((await post(FULL)).statusCode).toBe(400);
    const back = await c.school_director.put('/api/rubrics', {
      kind: 'observation',
      orgId: w.orgs.s1.id,
      items: rubric.json().items,
      version: 1,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('flags a submitted record whose notes copy another, for the director only', async () => {
    const original = await observe(c.teacher, { notes: NOTES });
    const copy = await observe(c.teacher, {
      notes: `  ${NOTES.replace(/，/g, ',').replace('。', '!')}\n`,
      date: '2026-03-17',
    });
    const near = await observe(c.teacher, { notes: NOTES.replace('分层设问', '分层提问'), date: '2026-03-18' });
    const fresh = await observe(c.teacher, {
      notes: '识字环节扎实，随文识字与写字指导结合紧密，学生书写姿势规范。',
      date: '2026-03-19',
    });
    const flags = await c.school_director.get(`/api/observations/flags?orgId=${w.orgs.s1.id}`);
    expect(flags.statusCode, flags.body).toBe(200);
    const pairs = flags.json().items as { observationId: string; copyOfId: string; similarity: number }[];
    expect(pairs).toContainEqual(
      expect.objectContaining({ observationId: copy.id, copyOfId: original.id, similarity: 1 }),
    );
    const nearPair = pairs.find((p) => p.observationId === near.id && p.copyOfId === original.id);
    expect(nearPair?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(nearPair?.similarity).toBeLessThan(1);
    expect(pairs.some((p) => p.observationId === fresh.id || p.observationId === original.id)).toBe(false);
    expect((await c.school_director.get(`/api/observations/${copy.id}`)).json().flagged).toBe(true);
    expect((await c.school_director.get(`/api/observations/${fresh.id}`)).json().flagged).toBe(false);
    expect((await c.teacher.get(`/api/observations/${copy.id}`)).json().flagged).toBeUndefined();
    expect((await c.teacher.get(`/api/observations/flags?orgId=${w.orgs.s1.id}`)).statusCode).toBe(404);
    expect((await c.school_leader.get(`/api/observations/flags?orgId=${w.orgs.s1.id}`)).statusCode).toBe(403);
    // The same text by someone else in the school is a copy too.
    const other = await observe(c.group_leader, { notes: NOTES, date: '2026-03-20' });
    expect((await c.school_director.get(`/api/observations/${other.id}`)).json().flagged).toBe(true);
  });

  it("shows the observed teacher their observations, without the observer's name when the school hides it", async () => {
    const o = await observe(c.teacher, { date: '2026-04-01' });
    const mine = (
      await c.observed.get(`/api/observations?teacherId=${observed.id}&from=2026-04-01&to=2026-04-01`)
    ).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([o.id]);
    expect(mine.items[0]).toMatchObject({ observerId: w.users.teacher.id, observerName: w.users.teacher.name });
    expect(mine.items[0].abilities).toEqual({ edit: false, submit: false, reopen: false, delete: false });
    expect(
      (await c.teacher.put('/api/observations/settings', { orgId: w.orgs.s1.id, showObserver: false })).statusCode,
    ).toBe(403);
    const off = await c.school_director.put('/api/observations/settings', { orgId: w.orgs.s1.id, showObserver: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ showObserver: false, abilities: { update: true } });
    const hidden = (await c.observed.get(`/api/observations/${o.id}`)).json();
    expect(hidden).toMatchObject({ observerId: null, observerName: null, teacherId: observed.id });
    const history = (await c.observed.get(`/api/observations/${o.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'submit', actorId: null, actorName: null });
    const byObserver = (await c.observed.get(`/api/observations?observerId=${w.users.teacher.id}`)).json();
    expect(byObserver.items).toEqual([]);
    // The observer, the group leader and the director still see who observed.
    expect((await c.teacher.get(`/api/observations/${o.id}`)).json().observerName).toBe(w.users.teacher.name);
    expect((await c.group_leader.get(`/api/observations/${o.id}`)).json().observerName).toBe(w.users.teacher.name);
    expect((await c.school_director.get(`/api/observations/${o.id}`)).json().observerName).toBe(w.users.teacher.name);
    await c.school_director.put('/api/observations/settings', { orgId: w.orgs.s1.id, showObserver: true });
    expect((await c.observed.get(`/api/observations/${o.id}`)).json().observerName).toBe(w.users.teacher.name);
  });

  it('lets a group leader see the group, the director the school, and nobody outside', async () => {
    const inGroup = await observe(c.teacher, { date: '2026-05-06' });
    const otherGroup = await observe(c.school_director, { teacherId: otherObserved.id, date: '2026-05-06' });
    const ids = async (who: Client) =>
      ((await who.get('/api/observations?from=2026-05-06&to=2026-05-06')).json().items as { id: string }[]).map(
        (x) => x.id,
      );
    expect(await ids(c.group_leader)).toEqual([inGroup.id]);
    expect((await ids(c.school_director)).sort()).toEqual([inGroup.id, otherGroup.id].sort());
    expect((await ids(c.school_leader)).sort()).toEqual([inGroup.id, otherGroup.id].sort());
    expect(await ids(c.teacher)).toEqual([inGroup.id]);
    expect(await ids(c.observed)).toEqual([inGroup.id]);
    expect(await ids(c.outsider)).toEqual([]);
    expect((await c.outsider.get(`/api/observations/${inGroup.id}`)).statusCode).toBe(404);
    expect((await c.group_leader.get(`/api/observations/${otherGroup.id}`)).statusCode).toBe(404);
    const groupList = (
      await c.school_director.get(`/api/observations?orgId=${w.orgs.g1.id}&from=2026-05-06&to=2026-05-06`)
    ).json();
    expect(groupList.items.map((x: { id: string }) => x.id)).toEqual([inGroup.id]);
    // Observing a teacher of another school, or oneself, is refused.
    const outside = await c.outsider.post('/api/observations', {
      teacherId: observed.id,
      date: '2026-05-06',
      subject: '语文',
      topic: '课',
      notes: '',
      scores: FULL,
    });
    expect(outside.statusCode).toBe(404);
    const self = await c.observed.post('/api/observations', {
      teacherId: observed.id,
      date: '2026-05-06',
      subject: '语文',
      topic: '课',
      notes: '',
      scores: FULL,
    });
    expect(self.statusCode).toBe(400);
    // Someone else's name as observer: only the director, recording on their behalf.
    const onBehalf = await c.teacher.post('/api/observations', {
      teacherId: observed.id,
      observerId: w.users.school_leader.id,
      date: '2026-05-06',
      subject: '语文',
      topic: '课',
      notes: '',
      scores: FULL,
    });
    expect(onBehalf.statusCode).toBe(403);
  });
});
