import { streamedWorkbook } from '../../xlsx.js';
import { LEVEL_LABELS, RESULT_LABELS } from '../rules/rules.schema.js';
import type { RewardItem, TeacherScore } from './assessment.schema.js';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** The research assessment (教科研考核): ranking, every scored record, and the rewards list. */
export async function assessmentWorkbook(
  title: string,
  scores: readonly TeacherScore[],
  rewards: readonly RewardItem[],
): Promise<Buffer> {
  const wb = streamedWorkbook(`${title} 教科研考核`);
  const rank = wb.sheet('考核汇总', [
    { header: '名次', key: 'rank', width: 8 },
    { header: '教师', key: 'name', width: 12 },
    { header: '学校', key: 'org', width: 20 },
    { header: '教科研积分', key: 'total', width: 12 },
    { header: '计入业务考核', key: 'weighted', width: 14 },
    { header: '先进个人', key: 'advanced', width: 10 },
  ]);
  for (const s of scores) {
    rank.add({
      rank: s.rank,
      name: s.name,
      org: s.orgName,
      total: s.total,
      weighted: s.weighted,
      advanced: s.advanced ? '是' : '',
    });
  }
  rank.end();
  const detail = wb.sheet('积分明细', [
    { header: '教师', key: 'name', width: 12 },
    { header: '日期', key: 'date', width: 12 },
    { header: '项目', key: 'label', width: 60 },
    { header: '积分', key: 'points', width: 8 },
  ]);
  for (const s of scores) {
    for (const i of s.items) detail.add({ name: s.name, date: i.date ?? '', label: i.label, points: i.points });
  }
  detail.end();
  const reward = wb.sheet('奖励名单', [
    { header: '教师', key: 'name', width: 12 },
    { header: '奖励', key: 'reward', width: 14 },
    { header: '金额', key: 'amount', width: 10 },
    { header: '作品', key: 'title', width: 36 },
    { header: '评比', key: 'competition', width: 24 },
    { header: '级别', key: 'level', width: 8 },
    { header: '等级', key: 'result', width: 8 },
    { header: '获奖日期', key: 'resultOn', width: 12 },
  ]);
  for (const r of rewards) {
    reward.add({
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
  return wb.finish();
}
