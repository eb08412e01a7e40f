import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { applicationDocx, reviewSheetDocx } from './exports.docx.js';
import { applicationForm, reviewSheet } from './exports.model.js';
import { ExportRepo } from './exports.repo.js';

/** A finished document to send as an attachment. */
export interface ExportedDocument {
  filename: string;
  data: Buffer;
}

/** Word exports of a project: the 申报书 and the anonymous 评审活页. */
export class ExportService {
  constructor(private readonly database: Database) {}

  /** Project, host and members, for a caller who may read the project. */
  private async load(ctx: Ctx, projectId: string) {
    await requireReadableProject(this.database.db, ctx.principal, projectId);
    const repo = new ExportRepo(this.database.db);
    const project = await repo.project(projectId);
    const host = project ? await repo.person(project.host_id) : undefined;
    if (!project || !host) throw notFound('课题');
    return { project, host, members: await repo.members(projectId) };
  }

  /** The 申报书 laid out like the paper form. */
  async application(ctx: Ctx, projectId: string): Promise<ExportedDocument> {
    const { project, host, members } = await this.load(ctx, projectId);
    const form = applicationForm(project, host, members, today());
    return { filename: `申报书-${form.title}.docx`, data: await applicationDocx(form) };
  }

  /** The 评审活页: no name, school or phone, names inside the texts replaced by ***. */
  async reviewSheet(ctx: Ctx, projectId: string): Promise<ExportedDocument> {
    const { project, host, members } = await this.load(ctx, projectId);
    const sheet = reviewSheet(project, host, members);
    return { filename: `评审活页-${sheet.code}.docx`, data: await reviewSheetDocx(sheet) };
  }
}
