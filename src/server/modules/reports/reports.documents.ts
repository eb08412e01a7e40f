import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { notFound } from '../../errors.js';
import type { GeneratedDoc } from '../files/files.archive.js';
import type { Download } from '../files/files.service.js';
import { attachmentHeader, DOCX_MIME } from '../files/files.types.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { ProjectRepo } from '../projects/projects.repo.js';
import { monthlyReportsDocx, type NamedReport, type ReportHeader, reportDocx } from './reports.docx.js';
import { ReportRepo } from './reports.repo.js';
import { REPORT_KIND_LABELS, type ReportKind } from './reports.schema.js';

/** The project (readable by the caller) and every report of it, named. */
async function readable(db: Kysely<DB>, ctx: Ctx, projectId: string) {
  await requireReadableProject(db, ctx.principal, projectId);
  const header = await new ProjectRepo(db).documentHeader(projectId);
  if (!header) throw notFound('课题');
  return { header, reports: await new ReportRepo(db).allNamed(projectId) };
}

const asDownload = (name: string, body: Buffer): Download => ({
  contentType: DOCX_MIME,
  disposition: attachmentHeader(name),
  size: body.length,
  body,
});

/** One report in Word, for whoever may read the project. */
export async function reportDownload(database: Database, ctx: Ctx, projectId: string, reportId: string) {
  const { header, reports } = await readable(database.db, ctx, projectId);
  const report = reports.find((r) => r.id === reportId);
  if (!report) throw notFound('报告');
  const kind = REPORT_KIND_LABELS[report.kind as ReportKind] ?? report.kind;
  const name =
    report.kind === 'monthly' ? `${header.title}-月报-${report.month ?? ''}.docx` : `${header.title}-${kind}.docx`;
  return asDownload(name, await reportDocx(header, report));
}

/** The 课题研究月汇报表: every month's report in one document. */
export async function monthlyDownload(database: Database, ctx: Ctx, projectId: string) {
  const { header, reports } = await readable(database.db, ctx, projectId);
  return asDownload(`${header.title}-课题研究月汇报表.docx`, await monthlyReportsDocx(header, reports));
}

const PLACES = {
  opening: { stage: 'opening', category: 'opening_report' },
  midterm: { stage: 'midterm', category: 'midterm_report' },
  conclusion: { stage: 'conclusion', category: 'conclusion_report' },
} as const;

/**
 * The reports written here, as the dossier files them: each 开题/中期/结题报告 beside the uploaded ones of its
 * category, the months' reports as one 课题研究月汇报表 in 研究过程/月报. The caller has checked the project's access.
 */
export async function dossierReports(db: Kysely<DB>, header: ReportHeader, projectId: string): Promise<GeneratedDoc[]> {
  const reports: NamedReport[] = await new ReportRepo(db).allNamed(projectId);
  const docs: GeneratedDoc[] = [];
  for (const r of reports) {
    if (r.kind === 'monthly') continue;
    const place = PLACES[r.kind as keyof typeof PLACES];
    if (!place) continue;
    const kind = REPORT_KIND_LABELS[r.kind as ReportKind];
    docs.push({
      ...place,
      folder: kind,
      name: `${kind}（在线填报）.docx`,
      content: await reportDocx(header, r),
      date: today(new Date(r.updated_at)),
    });
  }
  const months = reports.filter((r) => r.kind === 'monthly');
  if (months.length > 0) {
    docs.push({
      stage: 'process',
      category: null,
      folder: '月报',
      name: '课题研究月汇报表（在线填报）.docx',
      content: await monthlyReportsDocx(header, months),
      date: today(new Date(months.reduce((a, r) => (r.updated_at > a ? r.updated_at : a), months[0].updated_at))),
    });
  }
  return docs;
}
