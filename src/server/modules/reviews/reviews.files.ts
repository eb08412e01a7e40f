import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { toBool } from '../../db/dialect.js';
import { notFound } from '../../errors.js';
import type { FileStore } from '../../storage/file-store.js';
import { reviewSheetDocx } from '../exports/exports.docx.js';
import { reviewSheet } from '../exports/exports.model.js';
import { ExportRepo } from '../exports/exports.repo.js';
import type { Download } from '../files/files.service.js';
import { attachmentHeader, DOCX_MIME, servedMime } from '../files/files.types.js';
import { requireAssignment } from './reviews.access.js';
import { reviewFileNames } from './reviews.presenter.js';
import { ReviewRepo } from './reviews.repo.js';

/**
 * What an expert takes home from an assignment: the project's files and the anonymous 评审活页.
 * Experts never reach /api/projects/:id/…; they come through the assignment, and in a blind
 * round every file is named by the round's code, never by its original name.
 */
export class ReviewFileService {
  constructor(
    private readonly database: Database,
    private readonly store: FileStore,
  ) {}

  /** One file of the assignment's project, named as the assignment's project view lists it. */
  async file(ctx: Ctx, roundId: string, assignmentId: string, fileId: string): Promise<Download> {
    const db = this.database.db;
    const { round, assignment } = await requireAssignment(db, ctx.principal, roundId, assignmentId);
    const repo = new ReviewRepo(db);
    const row = await repo.projectFile(assignment.project_id, fileId);
    if (!row || !(await this.store.exists(row.storage_key))) throw notFound('文件');
    // Blind for everyone who downloads through the round: the name is the round's, not the author's.
    const names = reviewFileNames(assignment.code, await repo.projectFiles(assignment.project_id), toBool(round.blind));
    const name = names.find((f) => f.id === row.id)?.name;
    if (!name) throw notFound('文件');
    return {
      contentType: servedMime(row.mime),
      disposition: attachmentHeader(name),
      size: Number(row.size),
      body: this.store.get(row.storage_key),
    };
  }

  /** The anonymous 评审活页 of the assignment's project, under the round's code. */
  async reviewSheet(ctx: Ctx, roundId: string, assignmentId: string): Promise<Download> {
    const db = this.database.db;
    const { assignment } = await requireAssignment(db, ctx.principal, roundId, assignmentId);
    const repo = new ExportRepo(db);
    const project = await repo.project(assignment.project_id);
    const host = project ? await repo.person(project.host_id) : undefined;
    if (!project || !host) throw notFound('课题');
    const sheet = { ...reviewSheet(project, host, await repo.members(project.id)), code: assignment.code };
    const data = await reviewSheetDocx(sheet);
    return {
      contentType: DOCX_MIME,
      disposition: attachmentHeader(`评审活页-${sheet.code}.docx`),
      size: data.length,
      body: data,
    };
  }
}
