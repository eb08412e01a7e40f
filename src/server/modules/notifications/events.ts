import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { notify } from './notify.js';

/** What the research team is told about each project decision (结果 / 退回); other actions say nothing. */
const PROJECT_NOTICES: Readonly<Record<string, { kind: string; title: string; everyone: boolean }>> = {
  return: { kind: 'project_returned', title: '课题申报被退回', everyone: false },
  approve: { kind: 'result', title: '课题已立项', everyone: true },
  reject: { kind: 'result', title: '课题未获立项', everyone: true },
  conclude: { kind: 'result', title: '课题已结题', everyone: true },
  fail: { kind: 'result', title: '课题结题未通过', everyone: true },
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
  const notice = PROJECT_NOTICES[action];
  if (!notice) return;
  const parts = [`《${p.title}》`];
  if (action === 'approve' && detail.number) parts.push(`立项编号 ${detail.number}`);
  if (action === 'conclude' && detail.grade) parts.push(`结题等级：${GRADES[detail.grade] ?? detail.grade}`);
  if (detail.reason) parts.push(`原因：${detail.reason}`);
  await notify(trx, {
    personIds: notice.everyone ? [p.facts.hostId, ...p.facts.memberIds] : [p.facts.hostId],
    kind: notice.kind,
    title: notice.title,
    body: parts.join('；'),
    link: `/projects/${p.id}`,
    orgId: p.org_id,
  });
}

/** 月查退回: the report's author and the project's host learn why. */
export async function notifyReportReturned(
  trx: Kysely<DB>,
  p: NoticeProject,
  report: { author_id: string | null; month: string | null },
  reason: string,
): Promise<void> {
  await notify(trx, {
    personIds: [report.author_id, p.facts.hostId],
    kind: 'report_returned',
    title: `${report.month ?? ''} 月报被退回`.trim(),
    body: `《${p.title}》；原因：${reason}`,
    link: `/projects/${p.id}?tab=reports`,
    orgId: p.org_id,
  });
}
