import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { today } from '../../calendar.js';

async function documentText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

describe.each(DIALECTS)('the growth archive on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    await f.person('外校教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    await projectFactory(t.database).project({
      title: '整本书阅读的实践研究',
      school: w.orgs.s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      manager: w.orgs.d1,
    });
    const teacher = await t.login('teacher', PASSWORD);
    const res = await teacher.post('/api/growth', {
      kind: 'reflection',
      date: today(),
      title: '一节识字课的反思',
      text: '课堂上学生参与度不高，原因在于任务设计单一。',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('exports a teacher archive with their projects and records, for the director and the teacher', async () => {
    for (const who of ['school_director', 'teacher']) {
      const c = await t.login(who, PASSWORD);
      const res = await c.get(`/api/people/${w.users.teacher.id}/growth-archive.docx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const text = await documentText(res.rawPayload);
      expect(text).toContain('普通教师 专业发展档案');
      expect(text).toContain('整本书阅读的实践研究');
      expect(text).toContain('一节识字课的反思');
      expect(text).toContain('八个一');
    }
  });

  it('hides the archive from a teacher of another school', async () => {
    const outsider = await t.login('outsider', PASSWORD);
    expect((await outsider.get(`/api/people/${w.users.teacher.id}/growth-archive.docx`)).statusCode).toBe(404);
  });
});
