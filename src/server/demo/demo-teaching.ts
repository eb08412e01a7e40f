import type { Ctx } from '../access/principal.js';
import { AuthRepo } from '../auth/auth.repo.js';
import { addDays } from '../calendar.js';
import type { Database } from '../db/database.js';
import { ActivityService } from '../modules/activities/activities.service.js';
import { GrowthService } from '../modules/growth/growth.service.js';
import { MentorshipService } from '../modules/mentorships/mentorships.service.js';
import { ObservationService } from '../modules/observations/observations.service.js';
import { loadDemoRoutine } from './demo-routine.js';
import type { Random } from './names.js';

/** About 280 characters of a teaching case; six paragraphs of it make a case the 八个一 counts as a paper (≥ 1500 字). */
const CASE_TEXT =
  '【背景】四年级两个班的学生在同一份练习上差异很大：一部分学生十分钟做完无事可做，另一部分学生半节课还停在第一题。【做法】我把练习拆成基础、提高、挑战三层任务单，学生先独立完成基础题，再自选后两层；小组内由完成挑战题的同学讲解思路。每节课留五分钟，请不同层次的学生各说一种方法，教师只做追问和板书。【效果】三周后，课堂上无所事事的学生明显减少，原来不敢开口的学生也能用自己的话说出解题步骤；单元测验的基础题正确率由百分之七十八提高到百分之九十。【反思】分层不等于贴标签，任务单要允许学生随时向上选择，评价也要看每个学生自己的进步。';

const LESSON_TOPICS: Record<string, string[]> = {
  语文: ['《秋天的雨》第二课时', '习作：我的植物朋友', '《富饶的西沙群岛》', '古诗二首：山行、赠刘景文'],
  数学: ['两位数乘两位数', '认识周长', '分数的初步认识', '解决问题：归一问题'],
  英语: ['Unit 3 Look at me', "Unit 5 Let's eat", 'Story time: The lion and the mouse'],
};
const NOTES = [
  '导入贴近生活，学生兴趣高；小组合作分工明确，但汇报时间略紧，个别学生参与不足。建议设计分层练习，照顾学困生。',
  '目标清晰，板书条理；提问层次分明，能追问引发思考。练习量偏少，课堂生成的资源利用不够充分。',
  '教师语言亲切，评价及时具体；学生朗读形式多样。拓展环节与目标联系不紧，可适当删减。',
  '情境创设有趣，动手操作充分，学生在操作中理解算理。板演后的讨论可以更深入，注意倾听习惯的培养。',
  '课堂节奏把握较好，分层任务单设计用心，不同层次学生都有收获。小结环节可让学生自己梳理方法。',
];

/** Lesson topics of a subject; subjects without a list get generic but subject-true topics. */
const topicsFor = (subject: string) =>
  LESSON_TOPICS[subject] ?? [`${subject}：单元起始课`, `${subject}：单元复习课`, `${subject}：实践活动课`];

/** A teacher as the demo sees them: id, subject and subject group. */
interface DemoTeacher {
  id: string;
  subject: string;
  groupId: string;
  birth: string;
}

/**
 * A term of the demo school's teaching research: weekly activities with attendance, dozens of
 * observations (one copied, so 疑似雷同 shows), reading/writing/training records and two mentoring
 * pairs with monthly assessments — through the real services.
 */
export async function loadDemoTeaching(
  database: Database,
  r: Random,
  schoolId: string,
  directorId: string,
  termStart: string,
  today: string,
) {
  const auth = new AuthRepo(database.db);
  const ctxOf = async (id: string): Promise<Ctx> => {
    const p = await auth.loadPrincipal(id);
    if (!p) throw new Error(`demo principal ${id} missing`);
    return { principal: { ...p, via: 'session' }, ip: null };
  };
  const director = await ctxOf(directorId);
  const rows = await database.db
    .selectFrom('people')
    .innerJoin('person_groups', 'person_groups.person_id', 'people.id')
    .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
    .select(['people.id', 'people.subjects', 'people.birth_date', 'orgs.id as group_id'])
    .where('people.org_id', '=', schoolId)
    .where('orgs.group_type', '=', 'subject')
    .orderBy('people.name_key')
    .execute();
  const teachers: DemoTeacher[] = rows.map((t) => ({
    id: t.id,
    subject: (JSON.parse(t.subjects) as string[])[0] ?? '语文',
    groupId: t.group_id,
    birth: t.birth_date ?? '1990-01-01',
  }));
  const byGroup = new Map<string, DemoTeacher[]>();
  for (const t of teachers) byGroup.set(t.groupId, [...(byGroup.get(t.groupId) ?? []), t]);
  const groups = [...byGroup.keys()];

  // 教研活动: one a week, rotating over the subject groups and kinds.
  const activities = new ActivityService(database);
  const kinds = ['collective_prep', 'research_lesson', 'lesson_review', 'open_lesson', 'lecture'] as const;
  let week = 0;
  for (let day = termStart; day <= today; day = addDays(day, 7), week++) {
    const date = addDays(day, 2);
    if (date > today) break;
    const groupId = groups[week % groups.length];
    const members = byGroup.get(groupId) ?? [];
    const presenter = members[week % members.length];
    const kind = kinds[week % kinds.length];
    const topics = topicsFor(presenter.subject);
    const topic = kind === 'lecture' ? '把教学中的真问题提炼为研究课题' : topics[week % topics.length];
    const made = await activities.create(director, {
      kind,
      orgId: groupId,
      title:
        kind === 'collective_prep'
          ? `第${week + 1}周集体备课`
          : kind === 'lecture'
            ? '教科研讲坛：如何把教学问题变成研究课题'
            : topic,
      date,
      place: kind === 'lecture' ? '学校报告厅' : '教研组办公室',
      topic,
      presenterId: presenter.id,
      record:
        kind === 'lesson_review'
          ? '执教老师说课，组内老师围绕“学生参与度”和“目标达成度”逐项评议，形成改进建议三条。'
          : '按计划完成，记录与资料已归档。',
      prep:
        kind === 'collective_prep'
          ? {
              progress: `第${week + 1}—${week + 2}周教学进度`,
              goals: `落实${presenter.subject}本单元的核心目标`,
              homework: '基础题+分层拓展题，书面作业不超过 20 分钟',
              exams: '单元练习统一命题，错题集中讲评',
              lessonPlans: topic,
            }
          : undefined,
      attendeeIds: members.map((m) => m.id),
    });
    if (members.length > 3) {
      await activities.setAttendance(director, made.id, [
        { personId: members[members.length - 1].id, status: 'leave' },
        ...members.slice(0, -1).map((m) => ({ personId: m.id, status: 'present' as const })),
      ]);
    }
  }

  // 听课记录: each of the first twelve teachers observes three colleagues of their group this term.
  const observations = new ObservationService(database);
  const observers = teachers.slice(0, 12);
  let n = 0;
  for (const observer of observers) {
    const ctx = await ctxOf(observer.id);
    const colleagues = (byGroup.get(observer.groupId) ?? []).filter((t) => t.id !== observer.id);
    for (let k = 0; k < 3 && colleagues.length > 0; k++, n++) {
      const teacher = colleagues[(k + n) % colleagues.length];
      const topics = topicsFor(teacher.subject);
      const date = addDays(termStart, 10 + ((n * 5) % 70));
      if (date > today) continue;
      const o = await observations.create(ctx, {
        teacherId: teacher.id,
        date,
        subject: teacher.subject,
        topic: topics[n % topics.length],
        className: `${1 + (n % 6)}(${1 + (n % 3)})班`,
        period: `第${1 + (n % 6)}节`,
        notes: NOTES[n % NOTES.length] + (n % 4 === 3 ? '' : `（第${n + 1}次听课记录）`),
        scores: { layering: r.int(3, 5), participation: r.int(3, 5), strategy: r.int(3, 5), goals: r.int(3, 5) },
        draft: true,
      });
      await observations.submit(ctx, o.id, o.version);
    }
  }

  // 专业成长: reading, reflections, essays, cases, lesson plans and examples, training and platforms.
  const growth = new GrowthService(database);
  for (const [i, t] of teachers.slice(0, 16).entries()) {
    const ctx = await ctxOf(t.id);
    await growth.create(ctx, {
      kind: 'reading',
      date: addDays(termStart, 20 + i),
      title: i % 2 ? '《给教师的建议》' : '《学习共同体》',
      bookKind: i % 3 === 0 ? 'optional' : 'required',
      text: '书中关于倾听与对话的论述让我反思自己的课堂：学生真正的学习发生在相互倾听之中。我尝试在小组活动前先约定倾听规则，两周下来，发言的质量明显提高，也更愿意补充同伴的观点。'.repeat(
        3,
      ),
    });
    await growth.create(ctx, {
      kind: i % 3 === 0 ? 'narrative' : 'reflection',
      date: addDays(termStart, 35 + i),
      title: i % 3 === 0 ? '那个总在课上走神的孩子' : '一节研究课后的反思',
      text: '这节课的目标定得过多，导致后半程匆忙。下次应聚焦一个核心问题，用分层任务让不同程度的学生都有事可做。',
    });
    if (i % 2 === 0)
      await growth.create(ctx, {
        kind: 'training',
        date: addDays(termStart, 45 + i),
        title: '区级新课标专题培训',
        hours: 6 + (i % 3) * 2,
      });
    if (i % 4 === 0)
      await growth.create(ctx, {
        kind: 'platform',
        date: addDays(termStart, 5),
        title: '个人教育博客',
        url: 'https://example.org/blog',
      });
    if (i % 3 === 1 || i % 6 === 0)
      await growth.create(ctx, {
        kind: 'lesson_plan',
        date: addDays(termStart, 50 + i),
        title: `${LESSON_TOPICS[t.subject]?.[0] ?? '单元'}教学设计`,
      });
    // Every sixth teacher keeps the whole 八个一: a 课例, a case of some length and a platform besides.
    if (i % 6 === 0) {
      await growth.create(ctx, {
        kind: 'lesson_example',
        date: addDays(termStart, 55 + i),
        title: `${LESSON_TOPICS[t.subject]?.[0] ?? '单元'}课例（含课堂实录与评析）`,
        text: '课堂实录一节，附组内评课意见和教学反思。',
      });
      await growth.create(ctx, {
        kind: 'case',
        date: addDays(termStart, 60 + i),
        title: '分层任务单让每个学生都有事可做——一则教学案例',
        text: `${CASE_TEXT}\n`.repeat(6),
      });
      if (i % 4 !== 0)
        await growth.create(ctx, {
          kind: 'platform',
          date: addDays(termStart, 5),
          title: '个人教育博客',
          url: 'https://example.org/blog',
        });
    }
  }

  // 青蓝工程: the two youngest teachers with two experienced colleagues of their group.
  const mentorships = new MentorshipService(database);
  const young = [...teachers].sort((a, b) => b.birth.localeCompare(a.birth)).slice(0, 2);
  const months = [termStart.slice(0, 7), addDays(termStart, 31).slice(0, 7), addDays(termStart, 61).slice(0, 7)].filter(
    (m) => m <= today.slice(0, 7),
  );
  for (const mentee of young) {
    const mentor = [...(byGroup.get(mentee.groupId) ?? teachers)]
      .sort((a, b) => a.birth.localeCompare(b.birth))
      .find((t) => t.id !== mentee.id);
    if (!mentor) continue;
    const pair = await mentorships.create(director, {
      mentorId: mentor.id,
      menteeId: mentee.id,
      startsOn: termStart,
      goals: '一学期内过好教学常规关，能独立上好一节组内研究课。',
      agreement: '师傅每周听徒弟课不少于 1 节，徒弟每周听师傅课不少于 2 节；共同备课、共同反思。',
    });
    for (const [k, month] of months.entries()) {
      await mentorships.assess(director, pair.id, {
        month,
        score: 82 + k * 4,
        comment: k === 0 ? '结对起步顺利，听课记录齐全。' : '徒弟课堂组织能力明显提升，需加强作业设计。',
      });
    }
  }
  await loadDemoRoutine(database, r, teachers, ctxOf, termStart, today);
}
