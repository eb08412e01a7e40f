import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ComplianceItem } from './compliance.evaluate.js';

const COLUMNS = [
  { header: '教师', key: 'name', width: 12 },
  { header: '年龄', key: 'age', width: 8 },
  { header: '项目', key: 'label', width: 18 },
  { header: '要求', key: 'required', width: 8 },
  { header: '完成', key: 'actual', width: 8 },
  { header: '达标', key: 'met', width: 8 },
  { header: '差额', key: 'behind', width: 8 },
  { header: '目前应完成', key: 'due', width: 12 },
  { header: '计入的记录', key: 'records', width: 80 },
];

/**
 * The compliance sheet (达标情况): one row per teacher and rule, with the records counted. Rows are written
 * as they are added (a streaming workbook), so only the file's bytes are held, not a model of every cell.
 */
export function complianceSheet() {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = finished(sink);
  // awaited by `finish`; a sheet given up half-way must not leave a rejection nobody handles
  ended.catch(() => undefined);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('达标情况', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map(({ key, width }) => ({ key, width }));
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return {
    add(items: readonly ComplianceItem[]): void {
      for (const i of items) {
        ws.addRow({
          name: i.personName,
          age: i.age ?? '',
          label: i.label,
          required: i.required,
          actual: i.actual,
          met: i.met ? '是' : '否',
          behind: i.behind,
          due: i.dueToDate,
          records: i.records.map((r) => `${r.date ?? ''} ${r.title}`.trim()).join('；'),
        }).commit();
      }
    },
    /** Ends the sheet and gives the file. */
    async finish(): Promise<Buffer> {
      ws.commit();
      await wb.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
