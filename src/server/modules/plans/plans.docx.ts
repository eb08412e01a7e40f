import type { Paragraph } from 'docx';
import { today } from '../../calendar.js';
import { dayLabel, monthLabel } from './months.js';
import type { CalendarEntry, PlanDto, PlanItemDto } from './plans.schema.js';
import { docTitle, heading1, heading2, numbered, packDocument, paragraphs, signature, subtitle } from './word.js';

/** "（负责人：…；完成时限：10月20日）" — what the office writes after an arrangement. */
function itemNote(i: PlanItemDto): string {
  const parts: string[] = [];
  const owner = i.ownerName ?? i.ownerText;
  if (owner) parts.push(`负责人：${owner}`);
  if (i.dueOn) parts.push(`完成时限：${dayLabel(i.dueOn)}`);
  const note = parts.length > 0 ? `（${parts.join('；')}）` : '';
  return i.done ? `${note}【已完成】` : note;
}

/** One month: the plan's items first, then the deadlines that fall in it. */
function monthBlock(month: string, items: PlanItemDto[], deadlines: CalendarEntry[]): Paragraph[] {
  if (items.length === 0 && deadlines.length === 0) return [];
  let n = 0;
  return [
    heading2(`${monthLabel(month, true)}份`),
    ...items.map((i) => numbered(++n, i.title, itemNote(i))),
    ...deadlines.map((d) => numbered(++n, d.title, d.date ? `（${dayLabel(d.date)}）` : undefined)),
  ];
}

/**
 * The 学期工作计划 as Word: title, 指导思想与工作目标 from the plan's text, then 月度工作安排 with the
 * months as headings and numbered items (deadlines of calls, 月报 and competitions listed with them).
 */
export async function planDocx(plan: PlanDto, orgName: string, deadlines: CalendarEntry[]): Promise<Buffer> {
  const months = plan.months.flatMap((m) =>
    monthBlock(
      m,
      plan.items.filter((i) => i.month === m),
      deadlines.filter((d) => d.month === m),
    ),
  );
  return packDocument(plan.title, [
    docTitle(plan.title),
    subtitle(`${orgName}　${plan.termName}`),
    heading1('一、指导思想与工作目标'),
    ...paragraphs(plan.goals, '（未填写）'),
    heading1('二、月度工作安排'),
    ...(months.length > 0 ? months : paragraphs('', '（尚未安排）')),
    signature(orgName),
    signature(dayLabelWithYear(today())),
  ]);
}

const dayLabelWithYear = (date: string) => `${date.slice(0, 4)}年${dayLabel(date)}`;
