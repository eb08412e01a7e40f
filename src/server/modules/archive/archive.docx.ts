import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/** One section of the archive: a heading and a table (or a sentence when it is empty). */
export interface ArchiveSection {
  title: string;
  columns: string[];
  rows: string[][];
  empty: string;
  summary?: string;
}

/** The whole growth archive (专业发展档案) of one teacher, ready to lay out. */
export interface GrowthArchive {
  name: string;
  period: string;
  facts: [string, string][];
  sections: ArchiveSection[];
  generatedOn: string;
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

function table(columns: string[], rows: string[][]) {
  return new Table({
    width: { size: 9026, type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/** Lays the archive out as a Word document: title, profile, then one section per kind of record. */
export async function growthArchiveDocx(a: GrowthArchive): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `${a.name} 专业发展档案` })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: a.period, size: 22 })] }),
    new Paragraph({ text: '' }),
    new Table({
      width: { size: 9026, type: WidthType.DXA },
      rows: a.facts.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
    }),
  ];
  for (const s of a.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 300 },
        children: [new TextRun({ text: s.title })],
      }),
    );
    if (s.summary) children.push(new Paragraph({ children: [new TextRun({ text: s.summary, size: 21 })] }));
    children.push(
      s.rows.length > 0
        ? table(s.columns, s.rows)
        : new Paragraph({ children: [new TextRun({ text: s.empty, italics: true, size: 21 })] }),
    );
  }
  children.push(
    new Paragraph({
      spacing: { before: 400 },
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: `生成日期：${a.generatedOn}`, size: 18 })],
    }),
  );
  const doc = new Document({
    creator: 'yanxiu',
    title: `${a.name} 专业发展档案`,
    styles: { default: { document: { run: { font: 'SimSun', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
