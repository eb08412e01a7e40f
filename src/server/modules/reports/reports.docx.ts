import { Paragraph } from 'docx';
import { today } from '../../calendar.js';
import { fromJson } from '../../db/dialect.js';
import { docTitle, factsTable, heading1, heading2, packDocument, paragraphs, subtitle } from '../plans/word.js';
import type { ProjectDocumentHeader } from '../projects/projects.repo.js';
import { LEVEL_LABELS, type Level, STAGE_LABELS, type Stage } from '../projects/projects.workflow.js';
import type { ReportRow } from './reports.repo.js';
import { OPINION_GRADE_LABELS, REPORT_KIND_LABELS, type ReportKind } from './reports.schema.js';

/**
 * Word layouts of what a project reports in the system: one 开题/中期/结题报告 with the experts' opinion,
 * and the 课题研究月汇报表 (every month's report with its 月查) as schools file them in the archive bag.
 */

/** The project a document is about. */
export type ReportHeader = ProjectDocumentHeader;

/** A report with the names a document prints. */
export type NamedReport = ReportRow & { author_name: string | null; checker_name: string | null };

const STATUS_LABELS: Record<string, string> = { submitted: '已提交，待审核', checked: '已审核', returned: '已退回' };
const KNOWN = ['done', 'materials', 'next', 'problems'];
const label = <K extends string>(labels: Record<K, string>, key: string) =>
  (labels as Record<string, string>)[key] ?? key;

/** China-time date of a stored timestamp. */
const dateOf = (at: string | null) => (at ? today(new Date(at)) : '');

function projectFacts(h: ReportHeader): [string, string][] {
  return [
    ['课题名称', h.title],
    ['立项编号', h.number ?? '（未立项）'],
    ['课题级别', label(LEVEL_LABELS as Record<Level, string>, h.level)],
    ['当前阶段', label(STAGE_LABELS as Record<Stage, string>, h.stage)],
    ['主持人', h.host_name],
    ['所在单位', h.school_name],
  ];
}

/** The sections of a report in the order its page shows them, then any other section the API was given. */
function sections(r: NamedReport): [string, string][] {
  const c = fromJson<Record<string, string>>(r.content, { done: '', next: '' });
  const monthly = r.kind === 'monthly';
  const out: [string, string][] = monthly
    ? [
        ['本月完成的研究工作', c.done ?? ''],
        ['新增过程性资料', c.materials ?? ''],
        ['下月计划', c.next ?? ''],
        ['存在问题', c.problems ?? ''],
      ]
    : [
        ['报告正文', c.done ?? ''],
        ['下一步计划', c.next ?? ''],
        ['存在问题', c.problems ?? ''],
      ];
  for (const [key, text] of Object.entries(c)) if (!KNOWN.includes(key)) out.push([key, String(text)]);
  return out;
}

/** 2026-03 → 2026年3月. */
const monthName = (month: string | null) =>
  month ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : '（未填月份）';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i: number) => NUMERALS[i] ?? String(i + 1);

/** One 开题报告 / 中期报告 / 结题报告 (or a single 月报): the project, the report's sections, the experts' opinion. */
export function reportDocx(h: ReportHeader, r: NamedReport): Promise<Buffer> {
  const kind = label(REPORT_KIND_LABELS, r.kind as ReportKind);
  const title = r.kind === 'monthly' ? `课题研究月汇报表（${monthName(r.month)}）` : `课题${kind}`;
  const blocks = sections(r);
  const opinion = r.opinion
    ? [
        heading1(`${numeral(blocks.length)}、专家意见`),
        ...(r.grade ? [heading2(`评定等级：${label(OPINION_GRADE_LABELS, r.grade)}`)] : []),
        ...paragraphs(r.opinion),
      ]
    : [];
  return packDocument(title, [
    docTitle(title),
    subtitle(`${h.school_name}　${dateOf(r.created_at)}`),
    factsTable([
      ...projectFacts(h),
      ['报告人', r.author_name ?? ''],
      ['提交日期', dateOf(r.created_at)],
      ...(r.kind === 'monthly' ? ([['月查', monthlyCheck(r)]] as [string, string][]) : []),
    ]),
    ...blocks.flatMap(([name, text], i) => [heading1(`${numeral(i)}、${name}`), ...paragraphs(text)]),
    ...opinion,
  ]);
}

/** What the 月查 said: checked by whom and when, or returned with the reason. */
function monthlyCheck(r: NamedReport): string {
  if (r.status === 'checked') {
    const who = [r.checker_name, dateOf(r.checked_at)].filter(Boolean).join(' ');
    return who ? `已审核（${who}）` : '已审核';
  }
  if (r.status === 'returned') return `已退回：${r.return_reason ?? ''}`;
  return label(STATUS_LABELS, r.status);
}

/** The 课题研究月汇报表: every month's report, oldest first, each a form of its four parts and its 月查. */
export function monthlyReportsDocx(h: ReportHeader, reports: readonly NamedReport[]): Promise<Buffer> {
  const months = [...reports]
    .filter((r) => r.kind === 'monthly')
    .sort((a, b) => (a.month ?? '').localeCompare(b.month ?? '') || a.created_at.localeCompare(b.created_at));
  const body = months.flatMap((r) => [
    heading1(monthName(r.month)),
    factsTable(
      [
        ['填报人', r.author_name ?? ''],
        ['填报日期', dateOf(r.created_at)],
        ['月查', monthlyCheck(r)],
      ],
      1,
    ),
    ...sections(r).flatMap(([name, text]) => [heading2(name), ...paragraphs(text)]),
  ]);
  return packDocument(`课题研究月汇报表 — ${h.title}`, [
    docTitle('课题研究月汇报表'),
    subtitle(`${h.school_name}　共 ${months.length} 个月`),
    factsTable(projectFacts(h)),
    ...(body.length > 0 ? body : [new Paragraph({ children: [] }), ...paragraphs('', '（尚无月报）')]),
  ]);
}
