import type { Kysely } from 'kysely';
import { bookTitle } from '../../book-title.js';
import type { DB } from '../../db/types.js';
import { type NoticeKey, notice, noticeWithBody } from './notices.js';
import { notify } from './notify.js';

/** What the research team is told about each project decision (结果 / 退回); other actions say nothing. */
const PROJECT_NOTICES: Readonly<Record<string, { kind: string; title: NoticeKey; everyone: boolean }>> = {
  return: { kind: 'project_returned', title: 'project_returned', everyone: false },
  approve: { kind: 'result', title: 'project_approved', everyone: true },
  reject: { kind: 'result', title: 'project_rejected', everyone: true },
  conclude: { kind: 'result', title: 'project_concluded', everyone: true },
  fail: { kind: 'result', title: 'project_failed', everyone: true },
};

const GRADES: Readonly<Record<string, string>> = { excellent: '优秀', good: '良好', pass: '合格' };

/** The project facts a notice needs. */
export interface NoticeProject {
  id: string;
  title: string;
  org_id: string;
  number: string | null;
  facts: { hostId: string; memberIds: readonly string[] };
}

/** Tells the host (and, for results, the members) about a project transition that concerns them. */
export async function notifyProjectTransition(
  trx: Kysely<DB>,
  p: NoticeProject,
  action: string,
  detail: { reason?: string | null; grade?: string | null; number?: string | null },
): Promise<void> {
  const what = PROJECT_NOTICES[action];
  if (!what) return;
  const parts = [bookTitle(p.title)];
  if (action === 'approve' && detail.number) parts.push(`立项编号 ${detail.number}`);
  if (action === 'conclude' && detail.grade) parts.push(`结题等级：${GRADES[detail.grade] ?? detail.grade}`);
  if (detail.reason) parts.push(`原因：${detail.reason}`);
  await notify(trx, {
    personIds: what.everyone ? [p.facts.hostId, ...p.facts.memberIds] : [p.facts.hostId],
    kind: what.kind,
    ...notice(what.title, { project: p.title }),
    body: parts.join('；'),
    link: `/projects/${p.id}`,
    orgId: p.org_id,
  });
}

/** 月查退回: the report's author and the project's host learn why. */
/** Where a returned report's notice leads: the project's reports, naming the report so its notice can settle alone. */
export const returnedReportLink = (projectId: string, reportId: string) =>
  `/projects/${projectId}?tab=reports&report=${reportId}`;

export async function notifyReportReturned(
  trx: Kysely<DB>,
  p: NoticeProject,
  report: { id: string; author_id: string | null; month: string | null },
  reason: string,
): Promise<void> {
  await notify(trx, {
    personIds: [report.author_id, p.facts.hostId],
    kind: 'report_returned',
    ...noticeWithBody('report_returned', { month: report.month ?? '', project: p.title }, 'project_returned_reason', {
      title: bookTitle(p.title),
      reason,
    }),
    link: returnedReportLink(p.id, report.id),
    orgId: p.org_id,
  });
}
