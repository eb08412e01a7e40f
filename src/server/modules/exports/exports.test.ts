import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { redactor } from './exports.model.js';

const SIGNIFICANCE = '王晓明老师在一区第一小学长期开展整本书阅读教学，课题组成员李红梅参与了前期调查。';
const GOALS = '构建小学中高年级整本书阅读的课型与评价体系。';
const METHODS = '行动研究法、案例研究法、问卷调查法。';
const STEPS = '准备阶段（2026年9月—12月）：文献梳理与问卷调查。';
const BUDGET = '资料费 2000 元，调研费 1000 元。';

/** The text of a docx's main part and its core properties. */
async function docxText(data: Buffer) {
  const zip = await JSZip.loadAsync(data);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  return { document, core };
}

describe.each(DIALECTS)('Word exports on %s', (dialect) => {
  let t: TestApp;
  let director: Client;
  let host: Client;
  let outsider: Client;
  let projectId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    const hostP = await f.person('王晓明', {
      org: w.orgs.s1,
      username: 'host1',
      roles: [['teacher', w.orgs.s1]],
      gender: 'male',
      birthDate: '1985-03-12',
      title: 'senior',
    });
    await t.database.db.updateTable('people').set({ phone: '13800001111' }).where('id', '=', hostP.id).execute();
    const memberP = await f.person('李红梅', { org: w.orgs.s1, title: 'level1' });
    await f.person('赵外校', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    projectId = (
      await projectFactory(t.database).project({
        title: '小学整本书阅读策略研究',
        school: w.orgs.s1,
        hostId: hostP.id,
        stage: 'submitted',
        level: 'district',
        kind: 'key',
        subject: '语文',
        manager: w.orgs.d1,
        holder: w.orgs.s1,
        members: [{ personId: memberP.id, role: 'core' }],
        sections: { significance: SIGNIFICANCE, goals: GOALS, methods: METHODS, steps: STEPS, budget: BUDGET },
        expectedOutcomes: [
          { kind: 'paper', count: 2 },
          { kind: 'lesson', count: 4 },
        ],
        startsOn: '2026-09-01',
      })
    ).id;
    director = await t.login('school_director', PASSWORD);
    host = await t.login('host1', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('requires authentication', async () => {
    for (const doc of ['application.docx', 'review-sheet.docx']) {
      expect((await t.anonymous.get(`/api/projects/${projectId}/export/${doc}`)).statusCode).toBe(401);
    }
  });

  it('exports the application laid out like the form, with people and every section', async () => {
    const res = await host.get(`/api/projects/${projectId}/export/application.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('申报书-小学整本书阅读策略研究.docx')}`,
    );
    const { document } = await docxText(res.rawPayload);
    for (const text of [
      '一区教育科学规划课题申报书',
      '王晓明',
      '李红梅',
      '核心成员',
      '一区第一小学',
      '高级教师',
      '13800001111',
      '1985-03-12',
      '区级',
      '重点课题',
      '2026-09-01 至 —',
      '一、选题意义',
      SIGNIFICANCE,
      '二、研究目标与内容',
      GOALS,
      '三、研究方法',
      METHODS,
      '四、研究步骤',
      STEPS,
      '五、预期成果',
      '论文：2',
      '六、经费预算',
      BUDGET,
    ]) {
      expect(document, text).toContain(text);
    }
  });

  it('exports the anonymous review sheet without names, school or phone', async () => {
    const res = await director.get(`/api/projects/${projectId}/export/review-sheet.docx`);
    expect(res.statusCode).toBe(200);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`评审活页-${projectId.slice(0, 10)}.docx`)}`);
    expect(decodeURIComponent(disposition)).not.toContain('小学整本书');
    const { document, core } = await docxText(res.rawPayload);
    for (const text of [
      GOALS,
      METHODS,
      STEPS,
      '小学整本书阅读策略研究',
      '一、选题意义',
      '***老师在***长期开展整本书阅读教学',
    ]) {
      expect(document, text).toContain(text);
    }
    for (const secret of ['王晓明', '李红梅', '一区第一小学', '13800001111', '1985-03-12', '一区教育科学']) {
      expect(document, secret).not.toContain(secret);
      expect(core, secret).not.toContain(secret);
    }
  });

  it('hides both documents from a teacher who cannot read the project (404)', async () => {
    expect((await outsider.get(`/api/projects/${projectId}/export/application.docx`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/projects/${projectId}/export/review-sheet.docx`)).statusCode).toBe(404);
    expect((await director.get('/api/projects/nope/export/application.docx')).statusCode).toBe(404);
  });

  it('redacts the longest names first and leaves one-character names alone', () => {
    const redact = redactor(['王晓', '王晓明', '李', '一区第一小学']);
    expect(redact('王晓明、王晓与李老师在一区第一小学')).toBe('***、***与李老师在***');
  });
});
