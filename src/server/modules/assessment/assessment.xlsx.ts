import ExcelJS from 'exceljs';
import { LEVEL_LABELS, RESULT_LABELS } from '../rules/rules.schema.js';
import type { RewardItem, TeacherScore } from './assessment.schema.js';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** The research assessment (教科研考核): ranking, every scored record, and the rewards list. */
export async function assessmentWorkbook(
  title: string,
  scores: readonly TeacherScore[],
  rewards: readonly RewardItem[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const rank = wb.addWorksheet('考核汇总');
  rank.columns = [
    { header: '名次', key: 'rank', width: 8 },
    { header: '教师', key: 'name', width: 12 },
    { header: '学校', key: 'org', width: 20 },
    { header: '教科研积分', key: 'total', width: 12 },
    { header: '计入业务考核', key: 'weighted', width: 14 },
    { header: '先进个人', key: 'advanced', width: 10 },
  ];
  for (const s of scores) {
    rank.addRow({
      rank: s.rank,
      name: s.name,
      org: s.orgName,
      total: s.total,
      weighted: s.weighted,
      advanced: s.advanced ? '是' : '',
    });
  }
  const detail = wb.addWorksheet('积分明细');
  detail.columns = [
    { header: '教师', key: 'name', width: 12 },
    { header: '日期', key: 'date', width: 12 },
    { header: '项目', key: 'label', width: 60 },
    { header: '积分', key: 'points', width: 8 },
  ];
  for (const s of scores) {
    for (const i of s.items) detail.addRow({ name: s.name, date: i.date ?? '', label: i.label, points: i.points });
  }
  const reward = wb.addWorksheet('奖励名单');
  reward.columns = [
    { header: '教师', key: 'name', width: 12 },
    { header: '奖励', key: 'reward', width: 14 },
    { header: '金额', key: 'amount', width: 10 },
    { header: '作品', key: 'title', width: 36 },
    { header: '评比', key: 'competition', width: 24 },
    { header: '级别', key: 'level', width: 8 },
    { header: '等级', key: 'result', width: 8 },
    { header: '获奖日期', key: 'resultOn', width: 12 },
  ];
  for (const r of rewards) {
    reward.addRow({
      name: r.name,
      reward: r.rewardLabel,
      amount: r.amount ?? '',
      title: r.title,
      competition: r.competition,
      level: label(LEVEL_LABELS, r.level),
      result: label(RESULT_LABELS, r.result),
      resultOn: r.resultOn ?? '',
    });
  }
  for (const ws of [rank, detail, reward]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  wb.title = `${title} 教科研考核`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
