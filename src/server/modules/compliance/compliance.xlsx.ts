import ExcelJS from 'exceljs';
import type { ComplianceItem } from './compliance.evaluate.js';

/** The compliance sheet (达标情况): one row per teacher and rule, with the records counted. */
export async function complianceWorkbook(title: string, items: readonly ComplianceItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('达标情况');
  ws.columns = [
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
  ws.getRow(1).font = { bold: true };
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
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  wb.title = `${title} 达标情况`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
