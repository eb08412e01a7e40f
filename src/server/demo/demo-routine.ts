import type { Ctx } from '../access/principal.js';
import { addDays, ageOn } from '../calendar.js';
import type { Database } from '../db/database.js';
import { GrowthService } from '../modules/growth/growth.service.js';
import { ObservationService } from '../modules/observations/observations.service.js';
import type { Random } from './names.js';

/** A teacher as the routine sees them. */
export interface RoutineTeacher {
  id: string;
  subject: string;
  groupId: string;
  birth: string;
}

// Observation notes are put together from parts, so no two of one observer read alike (only the
// deliberate copies in demo-teaching are flagged as 疑似雷同).
const OPENINGS = [
  '导入从学生生活经验出发，很快进入学习状态。',
  '课始复习旧知，为新课的学习做了铺垫。',
  '以问题情境导入，激发了学生的好奇心。',
  '开门见山揭示课题，目标明确。',
  '借助图片和视频导入，学生兴趣浓厚。',
  '从上节课的作业反馈切入，针对性强。',
  '用一个小游戏导入，气氛活跃。',
  '以学生的质疑为起点展开教学。',
];
const STRENGTHS = [
  '小组合作分工明确，汇报环节条理清楚。',
  '教师追问有层次，学生的思维被一步步打开。',
  '板书简洁，重点突出，便于学生梳理。',
  '练习设计有梯度，兼顾了不同层次的学生。',
  '评价语言具体及时，学生参与积极。',
  '动手操作充分，学生在操作中理解了算理。',
  '朗读形式多样，读中感悟，读中积累。',
  '课堂生成处理得当，能抓住学生的错误资源展开讨论。',
];
const SUGGESTIONS = [
  '建议留给学生更多独立思考的时间。',
  '拓展环节与目标联系不紧，可适当删减。',
  '个别学生参与不足，可设计分层任务。',
  '小结环节可以让学生自己梳理方法。',
  '练习量偏少，当堂反馈不够充分。',
  '教师讲解偏多，可放手让学生先说。',
  '注意倾听习惯的培养，避免抢答。',
  '课堂时间分配前松后紧，结尾略显仓促。',
];
/** The weekly writing of the under-30s, by kind: a title and what it says, so a 读书 record is about a book. */
const BOOKS = ['《给教师的建议》', '《学习共同体》', '《课堂观察》', '《第56号教室的奇迹》', '《教学勇气》'];
const READING_THOUGHTS = [
  '书中说学生真正的学习发生在相互倾听之中。',
  '作者提醒我们，课堂的主角是学生的思考而不是教师的讲解。',
  '书里“慢下来”的建议让我重新看待课堂上的沉默。',
  '书中关于评价的章节让我意识到，及时具体的反馈比分数更有力量。',
];
const REFLECTION_TITLES = ['一次作业批改后的反思', '课堂上那个意外的问题', '从一道错题说起', '一节研究课后的反思'];
const ESSAY_TITLES = ['如何让小组合作不流于形式', '家访路上的思考', '让每个孩子都举起手', '课后服务中的小故事'];

/** The w-th weekly piece of teacher i: reading notes, a reflection on a lesson, or an essay. */
function weeklyWriting(w: number, i: number) {
  const week = `（第${w + 1}周）`;
  const tip = SUGGESTIONS[(w * 7 + i) % SUGGESTIONS.length];
  if (w % 3 === 0) {
    const book = BOOKS[(w + i) % BOOKS.length];
    return {
      kind: 'reading' as const,
      title: `读${book}札记${week}`,
      bookKind: (w + i) % 2 === 0 ? ('required' as const) : ('optional' as const),
      text: `本周读${book}。${READING_THOUGHTS[(w + i) % READING_THOUGHTS.length]}对照自己的课堂：${tip}`,
    };
  }
  if (w % 3 === 1) {
    return {
      kind: 'reflection' as const,
      title: `${REFLECTION_TITLES[(w + i) % REFLECTION_TITLES.length]}${week}`,
      text: `${OPENINGS[(w + i) % OPENINGS.length]}${STRENGTHS[(w * 3 + i) % STRENGTHS.length]}不足之处：${tip}`,
    };
  }
  return {
    kind: 'essay' as const,
    title: `${ESSAY_TITLES[(w + i) % ESSAY_TITLES.length]}${week}`,
    text: `这周的一件小事让我想了很久。${STRENGTHS[(w * 5 + i) % STRENGTHS.length]}以后我想试试：${tip}`,
  };
}

/**
 * The everyday routine of a term up to today, at the rates a real school shows: each teacher
 * observes colleagues weekly (some ahead of the 听课 quota, most on track, a few behind), and the
 * under-30s write their weekly reflection (most every week, some missing weeks).
 */
export async function loadDemoRoutine(
  database: Database,
  r: Random,
  teachers: RoutineTeacher[],
  ctxOf: (id: string) => Promise<Ctx>,
  termStart: string,
  today: string,
) {
  const weeks = Math.max(0, Math.floor((Date.parse(today) - Date.parse(termStart)) / (7 * 86400_000)));
  const byGroup = new Map<string, RoutineTeacher[]>();
  for (const t of teachers) byGroup.set(t.groupId, [...(byGroup.get(t.groupId) ?? []), t]);
  const observations = new ObservationService(database);
  const growth = new GrowthService(database);
  for (const [i, t] of teachers.entries()) {
    const ctx = await ctxOf(t.id);
    // Three kinds of observer: ahead (about 1.6 a week), on track (1.1), behind (0.5).
    const rate = i % 5 === 0 ? 1.6 : i % 5 === 4 ? 0.5 : 1.1;
    const count = Math.round(weeks * rate);
    const colleagues = (byGroup.get(t.groupId) ?? []).filter((c) => c.id !== t.id);
    const pool = colleagues.length > 0 ? colleagues : teachers.filter((c) => c.id !== t.id);
    for (let k = 0; k < count; k++) {
      const observed = pool[(k + i) % pool.length];
      const date = addDays(termStart, 3 + Math.floor((k * weeks * 7) / Math.max(count, 1)) + r.int(0, 2));
      if (date > today) break;
      await observations.create(ctx, {
        teacherId: observed.id,
        date,
        subject: observed.subject,
        topic: `${observed.subject}：第${k + 1}周组内听课`,
        className: `${1 + ((k + i) % 6)}(${1 + (k % 4)})班`,
        notes: `${OPENINGS[(k + i) % OPENINGS.length]}${STRENGTHS[(k * 3 + i) % STRENGTHS.length]}${SUGGESTIONS[(k * 5 + i) % SUGGESTIONS.length]}`,
        scores: { layering: r.int(3, 5), participation: r.int(3, 5), strategy: r.int(3, 5), goals: r.int(3, 5) },
      });
    }
    if (ageOn(t.birth, termStart) >= 30) continue;
    // 每周一篇随笔: most weeks; every third young teacher skips one week in four.
    for (let w = 0; w < weeks; w++) {
      if (i % 3 === 0 && w % 4 === 3) continue;
      const date = addDays(termStart, w * 7 + r.int(2, 5));
      if (date > today) break;
      await growth.create(ctx, { date, ...weeklyWriting(w, i) });
    }
  }
}
