import { streamedWorkbook } from '../../xlsx.js';
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

/** The compliance sheet (达标情况): one row per teacher and rule, with the records counted, written as added. */
export function complianceSheet(title: string) {
  const wb = streamedWorkbook(`${title} 达标情况`);
  const sheet = wb.sheet('达标情况', COLUMNS);
  return {
    add(items: readonly ComplianceItem[]): void {
      for (const i of items) {
        sheet.add({
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
    },
    /** Ends the sheet and gives the file. */
    finish: () => wb.finish(),
  };
}
