import type { SummaryNames } from './summary.text.js';
import { ORDINALS, scopeWord, type Writer } from './summary.writer.js';

/** Coverage below this share of teachers is a problem worth naming. */
const LOW_COVERAGE = 0.6;

const RULE_WORDS: Record<string, string> = {
  observations: '听课',
  writing: '随笔反思',
  competition: '参加区级以上论文评比',
  one_lesson: '一人一课',
  eight_ones: '八个一',
};

/** A problem: what the figures show, and what next term does about it. */
interface Finding {
  text: string;
  remedy: string;
}

function findings(w: Writer, scope: string): Finding[] {
  const out: Finding[] = [];
  if (w.get('coverage.teachers') > 0 && w.get('coverage.rate') < LOW_COVERAGE) {
    out.push({
      text: `课题研究的参与面还不够广，${scope}${w.n('coverage.teachers', '教师人数')}名教师中只有${w.n('coverage.inProjects', '参与课题的教师')}人参与课题，覆盖率仅${w.pct('coverage.rate', '课题覆盖率')}`,
      remedy: '扩大课题研究的参与面，鼓励青年教师申报个人课题和微型课题，让更多教师在研究中成长',
    });
  }
  if (w.get('punctuality.missing') > 0 || w.get('punctuality.late') > 0) {
    const parts = [
      ...(w.get('punctuality.missing') > 0 ? [`缺交${w.n('punctuality.missing', '月报缺交')}份`] : []),
      ...(w.get('punctuality.late') > 0 ? [`迟交${w.n('punctuality.late', '月报迟交')}份`] : []),
    ];
    out.push({
      text: `课题过程管理仍有薄弱环节，本学期月报${parts.join('、')}`,
      remedy: '严格执行月报和月查制度，每月初提醒、月中检查，缺交情况在教研组内通报',
    });
  }
  const behind = w.complianceRules().filter((r) => r.required > 0 && r.met < r.required);
  if (behind.length > 0) {
    const parts = behind.map((r) => {
      const word = RULE_WORDS[r.rule] ?? '其他考核要求';
      return `${word}应达标${w.n(`compliance.rules.${r.rule}.required`, `${word}应达标`)}人、实际达标${w.n(`compliance.rules.${r.rule}.met`, `${word}达标`)}人`;
    });
    out.push({
      text: `部分常规要求落实不到位：${parts.join('；')}`,
      remedy: '把听课、写作和参评等要求纳入教研组的月度检查，对未达标的教师及时提醒',
    });
  }
  if (w.get('awards.count') === 0) {
    out.push({
      text: `研究成果的提炼和转化偏弱，本学期送评作品${w.n('works.entries', '参评作品')}篇（次），获奖${w.n('awards.count', '获奖')}项`,
      remedy: '加强论文写作指导和校内初审，组织教师参加区级以上论文评比',
    });
  }
  if (w.get('publications.count') === 0) {
    out.push({
      text: `高质量的成果仍然偏少，本学期在报刊发表论文${w.n('publications.count', '发表论文')}篇`,
      remedy: '结合课题研究提炼经验，推荐优秀论文向各级报刊投稿',
    });
  }
  return out;
}

/** 五、存在的问题: each problem stated with its number. */
export function problemsSection(w: Writer, n: SummaryNames): string {
  const found = findings(w, scopeWord(n.orgKind));
  if (found.length === 0) {
    return '从本学期的统计看，各项常规指标总体达到要求；但研究成果的提炼、推广和转化还可以做得更细、更实。';
  }
  const lead = w.pick('problems.lead', [
    '对照本学期的统计数据，工作中还存在以下问题：',
    '回顾一学期的工作，从数据上看还有一些不足：',
  ]);
  return [lead, ...found.map((f, i) => `${ORDINALS[i]}是${f.text}。`)].join('\n');
}

/** 六、下学期工作打算: next term's plan items when made, otherwise the open items and the remedies. */
export function nextSection(w: Writer, n: SummaryNames): string {
  const lines: string[] = [];
  const scope = scopeWord(n.orgKind);
  const remedies = findings(w, scope).map((f) => f.remedy);
  if (n.nextItems.length > 0) {
    lines.push(
      w.pick('next.lead', [
        '下学期将按照已制订的工作计划，重点做好以下工作：',
        '下学期的工作计划已经制订，主要安排如下：',
      ]),
    );
    lines.push(...n.nextItems.slice(0, 10).map((t, i) => `（${ORDINALS[i]}）${t}。`));
  } else {
    lines.push('下学期将在总结本学期经验的基础上，着重做好以下几项工作：');
    const items = [...remedies, '做好在研课题的中期汇报和结题准备，及早谋划新一轮课题申报'];
    lines.push(...items.slice(0, 10).map((t, i) => `（${ORDINALS[i]}）${t}。`));
  }
  if (n.openItems.length > 0) {
    const shown = n.openItems.slice(0, 4).join('、');
    lines.push(`本学期计划中的${shown}${n.openItems.length > 4 ? '等' : ''}工作尚未完成，下学期继续推进。`);
  }
  return lines.join('\n');
}
