import {
  AlignmentType,
  Document,
  type ISectionOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * Building blocks of the office documents (学期工作计划, 学期工作总结): 宋体 body, 黑体 headings,
 * A4 with the default margins, paragraphs indented by two characters.
 */

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
const KAI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体', cs: 'Times New Roman' };

export const run = (text: string, opts: { bold?: boolean; size?: number; font?: 'song' | 'hei' | 'kai' } = {}) =>
  new TextRun({
    text,
    bold: opts.bold,
    size: opts.size,
    font: opts.font === 'hei' ? HEI : opts.font === 'kai' ? KAI : SONG,
  });

/** The document title (二号 黑体, centred). */
export const docTitle = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    children: [run(text, { size: 40, font: 'hei', bold: true })],
  });

/** A centred line under the title (the org and date, 楷体). */
export const subtitle = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(text, { font: 'kai' })] });

/** 一、… headings (三号 黑体). */
export const heading1 = (text: string) =>
  new Paragraph({ spacing: { before: 360, after: 160 }, children: [run(text, { size: 30, font: 'hei' })] });

/** （一）… or 9月份 headings (四号 楷体, bold). */
export const heading2 = (text: string) =>
  new Paragraph({
    spacing: { before: 240, after: 120 },
    indent: { firstLine: 480 },
    children: [run(text, { size: 28, font: 'kai', bold: true })],
  });

/** A text block: one paragraph per non-empty line, first line indented by two characters. */
export function paragraphs(text: string, empty = '（无）'): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [new Paragraph({ indent: { firstLine: 480 }, children: [run(empty)] })];
  return lines.map(
    (l) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 400 }, children: [run(l.trim())] }),
  );
}

/** A numbered line of a list ("1. …"), indented like the body. */
export const numbered = (n: number, text: string, note?: string) =>
  new Paragraph({
    indent: { firstLine: 480 },
    spacing: { line: 400 },
    children: [run(`${n}. ${text}`), ...(note ? [run(note, { font: 'kai' })] : [])],
  });

/** A right-aligned line (signature and date at the end). */
export const signature = (text: string) =>
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240 }, children: [run(text)] });

/** Text width of an A4 page with the default margins, in twips. */
const TEXT_WIDTH = 9026;

/** A form-like table of label and value pairs, `perRow` pairs to a row (labels bold and centred). */
export function factsTable(pairs: readonly [string, string][], perRow: 1 | 2 = 2): Table {
  const labelWidth = perRow === 2 ? 1400 : 1800;
  const valueWidth = Math.floor(TEXT_WIDTH / perRow) - labelWidth;
  const cell = (text: string, width: number, opts: { bold?: boolean; span?: number } = {}) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan: opts.span,
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: opts.bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text || '　', { bold: opts.bold })],
        }),
      ],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < pairs.length; i += perRow) {
    const chunk = pairs.slice(i, i + perRow);
    const cells = chunk.flatMap(([label, value], j) => {
      // A last pair alone on its row spans the rest of it.
      const span = j === chunk.length - 1 && chunk.length < perRow ? 1 + 2 * (perRow - chunk.length) : undefined;
      return [cell(label, labelWidth, { bold: true }), cell(value, valueWidth, { span })];
    });
    rows.push(new TableRow({ children: cells }));
  }
  const columns = Array.from({ length: perRow }, () => [labelWidth, valueWidth]).flat();
  return new Table({ rows, columnWidths: columns, width: { size: TEXT_WIDTH, type: WidthType.DXA } });
}

/** Packs the blocks into one A4 document. */
export async function packDocument(title: string, children: ISectionOptions['children']): Promise<Buffer> {
  const doc = new Document({
    creator: 'yanxiu',
    lastModifiedBy: 'yanxiu',
    title,
    styles: { default: { document: { run: { font: SONG, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
