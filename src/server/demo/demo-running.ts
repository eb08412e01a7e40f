import { Readable } from 'node:stream';
import type { Ctx } from '../access/principal.js';
import type { Database } from '../db/database.js';
import { OutputService } from '../modules/conclusion/outputs.service.js';
import { FileService } from '../modules/files/files.service.js';
import { ReportService } from '../modules/reports/reports.service.js';
import { ReviewService } from '../modules/reviews/reviews.service.js';
import { localFileStore } from '../storage/file-store.js';
import { NO_SCAN } from '../storage/scanner.js';

/** A project of the demo as the running-phase loader needs it. */
export interface DemoRunning {
  id: string;
  title: string;
  stage: string;
  host: Ctx;
  director: Ctx;
}

/** The month after 'YYYY-MM'. */
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

const monthsBack = (on: string, n: number) => {
  const [y, m] = on.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

const DONE = [
  '组织课题组成员学习相关理论文献，完成读书笔记交流；确定本学期研究课安排。',
  '开展课题研究课一节，课后集体评课议课，整理课堂实录与学生作业样本。',
  '完成学生问卷调查与数据统计，形成阶段性调查分析报告初稿。',
];

/** A tiny but real PDF, so the archive bag and the dossier show real files. */
function pdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '');
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/**
 * The running side of the demo: monthly reports (some checked, one returned, last month missing
 * for one project so 月报缺交 shows), outputs, archive files, and a blind review round in progress.
 */
export async function loadDemoRunning(
  database: Database,
  on: string,
  projects: DemoRunning[],
  review: { manager: Ctx; experts: Ctx[] },
) {
  const reports = new ReportService(database);
  const outputs = new OutputService(database);
  const files = new FileService(database, { store: localFileStore(), scanner: NO_SCAN });
  const running = projects.filter((p) => ['in_progress', 'midterm_passed'].includes(p.stage));
  for (const [i, p] of running.entries()) {
    const months = i === 0 ? [3, 2] : [3, 2, 1];
    for (const [k, back] of months.entries()) {
      const r = await reports.create(p.host, p.id, {
        kind: 'monthly',
        month: monthsBack(on, back),
        content: {
          done: DONE[k % DONE.length],
          materials: '课堂实录 1 份、学生作业样本 12 份',
          next: '继续开展研究课并整理过程性资料',
          problems: k === 2 ? '部分成员参与不够，需要加强分工' : '',
        },
      });
      // Backdated to when it would have been handed in: by the 5th of the next month, except one late.
      const late = i === running.length - 1 && back === 2;
      const handedIn = `${nextMonth(monthsBack(on, back))}-${late ? '12' : `0${1 + ((i + k) % 4)}`}T09:30:00.000Z`;
      await database.db.updateTable('project_reports').set({ created_at: handedIn }).where('id', '=', r.id).execute();
      if (back === 1 && i === 1) {
        await reports.check(p.director, p.id, r.id, {
          decision: 'returned',
          reason: '“新增资料”过于笼统，请写明资料名称和数量',
        });
      } else if (back > 1) {
        await reports.check(p.director, p.id, r.id, { decision: 'checked' });
      }
    }
    await files.upload(
      p.host,
      p.id,
      { category: 'plan' },
      { filename: '课题研究方案.pdf', stream: Readable.from(pdf(p.title)), truncated: () => false },
    );
    await files.upload(
      p.host,
      p.id,
      { category: 'lesson_plan' },
      { filename: '研究课教学设计.pdf', stream: Readable.from(pdf('lesson')), truncated: () => false },
    );
  }
  for (const p of projects.filter((x) => x.stage === 'conclusion_requested' || x.stage === 'concluded')) {
    await outputs
      .create(p.host, p.id, {
        kind: 'publication',
        title: `${p.title.slice(0, 12)}的探索与思考`,
        level: 'district',
        journal: '示例区教育研究',
        charCount: 4600,
        onDate: `${on.slice(0, 4)}-05-20`,
        authorIds: [p.host.principal.personId],
      })
      .catch(() => undefined);
  }
  const inReview = projects.filter((p) => p.stage === 'in_review');
  if (inReview.length > 0 && review.experts.length > 0) {
    const reviews = new ReviewService(database);
    const round = await reviews.create(review.manager, {
      title: `${on.slice(0, 4)}年度区级课题立项评审`,
      kind: 'application',
      projectIds: inReview.map((p) => p.id),
      expertIds: review.experts.map((e) => e.principal.personId),
      expertsPerItem: Math.min(3, review.experts.length),
      blind: true,
    });
    await reviews.assignments.create(review.manager, round.id, { auto: true });
    const mine = await reviews.assignments.list(review.experts[0], round.id);
    if (mine[0]) {
      await reviews.scores.score(review.experts[0], round.id, {
        assignmentId: mine[0].id,
        scores: { value: 86, design: 80, feasibility: 78, outcomes: 82 },
        comment: '选题贴近教学实际，研究设计较完整；建议进一步明确实验班与对照班的比较方法。',
      });
    }
  }
}
