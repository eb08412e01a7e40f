import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';
import { newStorageKey } from '../../storage/file-store.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.4\n% second file\n%%EOF\n');

interface Assignment {
  id: string;
  projectId: string;
  expertId: string;
  code: string;
}

/**
 * Experts reach a project's files and its anonymous 评审活页 only through their assignment:
 * a district office (D1) runs a blind round over P1 (S1) and P2 (S2) with experts A and B (S3).
 */
describe.each(DIALECTS)('review files and review sheet on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let admin: Client;
  let expertA: Client;
  let expertB: Client;
  let teacher: Client;
  let roundId = '';
  let assignmentA: Assignment;
  let assignmentB: Assignment;
  const files: Record<string, string> = {};
  const projects: Record<string, string> = {};

  /** Stores bytes in the app's own store and records them as an archive file of the project. */
  async function storedFile(projectId: string, category: string, originalName: string, bytes: Buffer) {
    const id = newId();
    const key = newStorageKey();
    await t.services.files.store.put(key, bytes);
    await t.database.db
      .insertInto('project_files')
      .values({
        id,
        project_id: projectId,
        category,
        stage: 'application',
        original_name: originalName,
        storage_key: key,
        mime: 'application/pdf',
        size: bytes.length,
        sha256: '0'.repeat(64),
        uploaded_by: null,
        created_at: nowIso(),
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-review-files-'));
    process.env.YANXIU_DATA_DIR = dataDir;
    t = await testApp(dialect);
    const f = factory(t.database);
    const pf = projectFactory(t.database);
    const w = await f.world();
    const { d1, d2, s1, s2, s3 } = w.orgs;
    const host = await f.person('王立新', { org: s1 });
    const member = await f.person('李明华', { org: s1 });
    const host2 = await f.person('赵晓燕', { org: s2 });
    await f.person('钱学思', { org: s3, username: 'exp_a', roles: [['expert', d2]] });
    await f.person('孙启明', { org: s3, username: 'exp_b', roles: [['expert', d2]] });
    projects.P1 = (
      await pf.project({
        title: '一区第一小学语文作业分层设计研究',
        school: s1,
        hostId: host.id,
        manager: d1,
        stage: 'in_review',
        subject: '语文',
        number: 'QJ2026-017',
        members: [{ personId: member.id, role: 'core' }],
        sections: {
          significance: '王立新老师在一区第一小学长期从事作业研究，李明华参与了前期调查。',
          goals: '建立分层作业体系',
          methods: '行动研究',
          steps: '三个阶段',
        },
        expectedOutcomes: [{ kind: 'paper', count: 2 }],
      })
    ).id;
    projects.P2 = (
      await pf.project({ title: '小学数学说理课堂研究', school: s2, hostId: host2.id, manager: d1, stage: 'in_review' })
    ).id;
    files.plan = await storedFile(projects.P1, 'plan', '王立新-研究方案.pdf', PDF);
    files.first = await storedFile(projects.P1, 'application', '王立新-申报书.pdf', PDF);
    files.second = await storedFile(projects.P1, 'application', '一区第一小学-附件.PDF', PDF2);
    files.other = await storedFile(projects.P2, 'application', '赵晓燕-申报书.pdf', PDF);

    admin = await t.login('research_admin', PASSWORD);
    expertA = await t.login('exp_a', PASSWORD);
    expertB = await t.login('exp_b', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    const expertIds = (
      await t.database.db.selectFrom('people').select('id').where('name', 'in', ['钱学思', '孙启明']).execute()
    ).map((p) => p.id);
    const round = await admin.post('/api/reviews', {
      title: '2026年度区级课题立项评审',
      kind: 'application',
      projectIds: [projects.P1, projects.P2],
      expertIds,
      expertsPerItem: 1,
      blind: true,
    });
    expect(round.statusCode, round.body).toBe(200);
    roundId = round.json().id;
    const [a, b] = await t.database.db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('name', 'in', ['钱学思', '孙启明'])
      .orderBy('name_key')
      .execute();
    const expertOf = (name: string) => (a.name === name ? a.id : b.id);
    const assign = async (projectId: string, expertId: string) => {
      const res = await admin.post(`/api/reviews/${roundId}/assignments`, { projectId, expertId });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Assignment;
    };
    assignmentA = await assign(projects.P1, expertOf('钱学思'));
    assignmentB = await assign(projects.P2, expertOf('孙启明'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const fileUrl = (assignmentId: string, fileId: string) =>
    `/api/reviews/${roundId}/assignments/${assignmentId}/files/${fileId}`;
  const sheetUrl = (assignmentId: string) => `/api/reviews/${roundId}/assignments/${assignmentId}/review-sheet.docx`;

  it('requires authentication', async () => {
    expect((await t.anonymous.get(fileUrl(assignmentA.id, files.first))).statusCode).toBe(401);
    expect((await t.anonymous.get(sheetUrl(assignmentA.id))).statusCode).toBe(401);
  });

  it('gives the assigned blind expert the exact bytes under the blind name the project view lists', async () => {
    const view = await expertA.get(`/api/reviews/${roundId}/assignments/${assignmentA.id}/project`);
    expect(view.statusCode, view.body).toBe(200);
    const listed: { id: string; name: string }[] = view.json().files;
    const code = assignmentA.code;
    expect(listed.find((x) => x.id === files.second)?.name).toBe(`${code}-application-2.pdf`);

    for (const [id, bytes] of [
      [files.first, PDF],
      [files.second, PDF2],
      [files.plan, PDF],
    ] as const) {
      const res = await expertA.get(fileUrl(assignmentA.id, id));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.rawPayload.equals(bytes)).toBe(true);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const disposition = String(res.headers['content-disposition']);
      const name = listed.find((x) => x.id === id)?.name ?? '';
      expect(disposition.startsWith('attachment;')).toBe(true);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(disposition).toContain(`filename="${name}"`);
      // Neither the original name nor the host's or school's name, in any encoding.
      for (const secret of ['王立新', '一区第一小学', '研究方案', '附件', '申报书']) {
        expect(disposition).not.toContain(secret);
        expect(disposition).not.toContain(encodeURIComponent(secret));
      }
    }
    const raw = await expertA.get(fileUrl(assignmentA.id, files.second));
    expect(raw.headers['content-disposition']).toBe(
      `attachment; filename="${code}-application-2.pdf"; filename*=UTF-8''${code}-application-2.pdf`,
    );
    expect(raw.headers['content-type']).toBe('application/pdf');
  });

  it('refuses a file of another project through the assignment', async () => {
    expect((await expertA.get(fileUrl(assignmentA.id, files.other))).statusCode).toBe(404);
    expect((await expertA.get(fileUrl(assignmentA.id, 'nope'))).statusCode).toBe(404);
  });

  it('refuses another expert of the round (403) and anyone outside it (404)', async () => {
    expect((await expertB.get(fileUrl(assignmentA.id, files.first))).statusCode).toBe(403);
    expect((await expertB.get(sheetUrl(assignmentA.id))).statusCode).toBe(403);
    expect((await teacher.get(fileUrl(assignmentA.id, files.first))).statusCode).toBe(404);
    expect((await teacher.get(sheetUrl(assignmentA.id))).statusCode).toBe(404);
    // The expert's own assignment still works for B.
    expect((await expertB.get(fileUrl(assignmentB.id, files.other))).statusCode).toBe(200);
  });

  it("lets the round's manager download, still under the blind name", async () => {
    const res = await admin.get(fileUrl(assignmentA.id, files.first));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(String(res.headers['content-disposition'])).toContain(`${assignmentA.code}-application-1.pdf`);
  });

  it('exports the anonymous review sheet under the round code, with the sections and no names', async () => {
    const res = await expertA.get(sheetUrl(assignmentA.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const filename = `评审活页-${assignmentA.code}.docx`;
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(filename)}`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('建立分层作业体系');
    expect(xml).toContain('行动研究');
    expect(xml).toContain(assignmentA.code);
    expect(xml).not.toContain('QJ2026-017');
    for (const name of ['王立新', '李明华', '一区第一小学']) expect(xml).not.toContain(name);
    const manager = await admin.get(sheetUrl(assignmentA.id));
    expect(manager.statusCode).toBe(200);
  });
});
