import { excel } from '../../xlsx.js';
import { countAttendance, kindOf } from './activities.presenter.js';
import type { ActivityWithNames, AttendanceRow } from './activities.repo.js';
import { ACTIVITY_KIND_LABELS } from './activities.schema.js';

/** The export's columns, in order. */
export const EXPORT_COLUMNS = [
  { key: 'date', header: '日期', width: 12 },
  { key: 'time', header: '时间', width: 13 },
  { key: 'kind', header: '类型', width: 12 },
  { key: 'title', header: '活动名称', width: 30 },
  { key: 'topic', header: '主题', width: 30 },
  { key: 'org', header: '组织者', width: 18 },
  { key: 'place', header: '地点', width: 16 },
  { key: 'presenter', header: '主讲/执教', width: 12 },
  { key: 'project', header: '关联课题', width: 28 },
  { key: 'present', header: '出席', width: 8 },
  { key: 'leave', header: '请假', width: 8 },
  { key: 'absent', header: '缺席', width: 8 },
  { key: 'total', header: '应到', width: 8 },
] as const;

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 'HH:mm–HH:mm' in Beijing time, or '' when no time was recorded. */
function timeSpan(startsAt: string | null, endsAt: string | null): string {
  const fmt = (iso: string | null) => (iso ? clock.format(new Date(iso)) : '');
  return [fmt(startsAt), fmt(endsAt)].filter(Boolean).join('–');
}

/** The term's activity list (教研活动一览) with attendance counts, one activity per row. */
export async function activitiesWorkbook(
  orgName: string,
  rows: readonly ActivityWithNames[],
  sheet: readonly AttendanceRow[],
): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet('教研活动');
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const counts = countAttendance(sheet.filter((a) => a.activity_id === r.id));
    ws.addRow({
      date: r.date,
      time: timeSpan(r.starts_at, r.ends_at),
      kind: ACTIVITY_KIND_LABELS[kindOf(r.kind)],
      title: r.title,
      topic: r.topic,
      org: r.org_name,
      place: r.place,
      presenter: r.presenter_name ?? '',
      project: r.project_title ?? '',
      ...counts,
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  wb.title = `${orgName} 教研活动一览`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
