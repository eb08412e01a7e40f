import {
  AlignmentType,
  Document,
  type ISectionOptions,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ApplicationForm, FormSections, ResearchPart, ReviewSheet } from './exports.model.js';

/**
 * Word layouts of the 申报书 and the 评审活页 (docx). They print the form objects of
 * exports.model.ts and nothing else.
 */

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
/** Text width of an A4 page with 2.54 cm margins, in twips, split into six columns. */
const COLUMNS = [1500, 1500, 1500, 1500, 1500, 1526];

const run = (text: string, opts: { bold?: boolean; size?: number; underline?: boolean; hei?: boolean } = {}) =>
  new TextRun({
    text,
    bold: opts.bold,
    size: opts.size,
    font: opts.hei ? HEI : FONT,
    underline: opts.underline ? {} : undefined,
  });

const centered = (text: string, size: number, hei = true) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [run(text, { size, hei, bold: true })],
  });

const heading = (text: string) =>
  new Paragraph({ spacing: { before: 360, after: 160 }, children: [run(text, { bold: true, size: 28, hei: true })] });

/** A text block: one paragraph per line, first line indented by two characters. */
function body(text: string): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [new Paragraph({ children: [run('（未填写）')] })];
  return lines.map(
    (l) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(l.trim())] }),
  );
}

function cell(text: string, span = 1, opts: { bold?: boolean; center?: boolean } = {}) {
  const width = COLUMNS.slice(0, span).reduce((a, b) => a + b, 0);
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: opts.center || opts.bold ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { bold: opts.bold })],
      }),
    ],
  });
}

const label = (text: string, span = 1) => cell(text, span, { bold: true });
const row = (cells: TableCell[]) => new TableRow({ children: cells });
const table = (rows: TableRow[]) =>
  new Table({ rows, columnWidths: COLUMNS, width: { size: 9026, type: WidthType.DXA } });

/** The rows every document shows about the research (level, kind, subject, period). */
function researchRows(r: ResearchPart): TableRow[] {
  return [
    row([label('课题名称'), cell(r.title, 5)]),
    row([label('课题级别'), cell(r.levelLabel), label('课题类别'), cell(r.kindLabel), label('学科'), cell(r.subject)]),
    row([label('起止时间'), cell(r.period, 5)]),
  ];
}

function outcomeRows(r: ResearchPart): TableRow[] {
  const rows = r.outcomes.map((o) =>
    row([cell(o.kind, 3, { center: true }), cell(String(o.count), 3, { center: true })]),
  );
  return [
    row([label('预期成果', 6)]),
    row([label('成果形式', 3), label('数量', 3)]),
    ...(rows.length ? rows : [row([cell('（未填写）', 6, { center: true })])]),
  ];
}

/** 一、选题意义 … 六、经费预算 (the budget only when written). */
function sectionBlocks(s: FormSections, outcomes: ResearchPart['outcomes']): Paragraph[] {
  const outcomeText = outcomes.map((o) => `${o.kind}：${o.count}`).join('\n');
  const blocks: [string, string][] = [
    ['一、选题意义', s.significance],
    ['二、研究目标与内容', s.goals],
    ['三、研究方法', s.methods],
    ['四、研究步骤', s.steps],
    ['五、预期成果', outcomeText],
  ];
  if (s.budget.trim()) blocks.push(['六、经费预算', s.budget]);
  return blocks.flatMap(([title, text]) => [heading(title), ...body(text)]);
}

function coverLine(name: string, value: string) {
  return new Paragraph({
    indent: { left: 1200 },
    spacing: { after: 320 },
    children: [
      run(`${name}：`, { bold: true, size: 30, hei: true }),
      run(value || '　　　　', { size: 30, underline: true }),
    ],
  });
}

function coverPage(f: ApplicationForm): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`课题编号：${f.number ?? '　　　　　　'}`)] }),
    new Paragraph({ spacing: { before: 1800 }, children: [] }),
    centered(f.heading, 44),
    ...(f.callTitle ? [centered(f.callTitle, 28, false)] : []),
    new Paragraph({ spacing: { before: 1200 }, children: [] }),
    coverLine('课题名称', f.title),
    coverLine('课题类别', `${f.levelLabel}${f.kindLabel}`),
    coverLine('主 持 人', f.host.name),
    coverLine('所在单位', f.school),
    coverLine('填表日期', f.filledOn),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function basicInfo(f: ApplicationForm): Table {
  const h = f.host;
  const members = f.members.map((m) =>
    row([cell(m.name, 1, { center: true }), cell(m.unit, 2), cell(m.title), cell(m.role, 2)]),
  );
  return table([
    ...researchRows(f),
    row([label('主持人'), cell(h.name), label('性别'), cell(h.gender), label('出生年月'), cell(h.birthDate)]),
    row([label('职称'), cell(h.title), label('联系电话'), cell(h.phone), label('所在单位'), cell(h.unit)]),
    row([label('课题组成员', 6)]),
    row([label('姓名'), label('工作单位', 2), label('职称'), label('分工', 2)]),
    ...(members.length ? members : [row([cell('（无）', 6, { center: true })])]),
    ...outcomeRows(f),
  ]);
}

async function pack(title: string, children: ISectionOptions['children']): Promise<Buffer> {
  const doc = new Document({
    creator: 'yanxiu',
    lastModifiedBy: 'yanxiu',
    title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** The 申报书: cover page, basic-information table, then the written sections. */
export async function applicationDocx(f: ApplicationForm): Promise<Buffer> {
  return pack(f.title, [
    ...coverPage(f),
    centered('课题基本信息', 32),
    basicInfo(f),
    ...sectionBlocks(f.sections, f.outcomes),
  ]);
}

/** The anonymous 评审活页: code, research facts and sections, no person or school anywhere. */
export async function reviewSheetDocx(r: ReviewSheet): Promise<Buffer> {
  return pack('评审活页', [
    centered('课题评审活页', 40),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run(`评审编号：${r.code}`)] }),
    table([...researchRows(r), ...outcomeRows(r)]),
    ...sectionBlocks(r.sections, r.outcomes),
  ]);
}
