import type { Ctx } from '../../access/principal.js';
import { ageOn, schoolYearOf, today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import { notFound } from '../../errors.js';
import { canReadGrowth } from '../growth/growth.policy.js';
import type { GrowthService } from '../growth/growth.service.js';
import { BACKBONE_LABELS, TITLE_LABELS } from '../people/people.schema.js';
import { LEVEL_LABELS, type Level, STAGE_LABELS, type Stage } from '../projects/projects.workflow.js';
import type { ArchiveSection, GrowthArchive } from './archive.docx.js';
import { GrowthArchiveRepo } from './archive.repo.js';

const GROWTH_KINDS: Record<string, string> = {
  reading: '读书',
  essay: '随笔',
  reflection: '教学反思',
  case: '教学案例',
  narrative: '教育叙事',
  lesson_plan: '教案/教学设计',
  lesson_example: '课例',
  training: '培训',
  study: '外出学习',
  platform: '个人平台',
};
const ACTIVITY_KINDS: Record<string, string> = {
  research_lesson: '研究课',
  open_lesson: '公开课',
  demo_lesson: '展示课',
  contest_lesson: '评优课',
  model_lesson: '示范课',
  collective_prep: '集体备课',
  lesson_review: '评课议课',
  lecture: '讲座',
  training: '培训',
  salon: '沙龙',
  project_seminar: '课题研讨',
  study_report: '外出学习汇报',
};
const ROLE = { host: '主持人', core: '核心成员', member: '成员' } as const;
const label = <T extends string>(map: Record<string, string>, key: T) => map[key] ?? key;

/** 专业发展档案: one teacher's records of a period, gathered for the page and the Word export. */
export class GrowthArchiveService {
  constructor(
    private readonly database: Database,
    private readonly growth: GrowthService,
  ) {}

  async build(ctx: Ctx, personId: string, from?: string, to?: string): Promise<GrowthArchive> {
    const repo = new GrowthArchiveRepo(this.database.db);
    const person = await repo.person(personId);
    if (!person) throw notFound('人员');
    const groups = await repo.groupPaths(personId);
    const paths = [...(person.org_path ? [person.org_path] : []), ...groups.map((g) => g.path)];
    if (!canReadGrowth(ctx.principal, { personId, paths })) throw notFound('人员');
    const end = to ?? today();
    const start = from ?? `${schoolYearOf(end)}-08-01`;
    const [projects, growth, activities, observations, pairs, eight] = await Promise.all([
      repo.projects(personId),
      repo.growth(personId, start, end),
      repo.activities(personId, start, end),
      repo.observations(personId, start, end),
      repo.mentorships(personId),
      this.growth.eightOnes(ctx, personId, schoolYearOf(end)),
    ]);
    const given = observations.filter((o) => o.observer_id === personId);
    const received = observations.filter((o) => o.teacher_id === personId);
    const hours = growth.filter((g) => g.kind === 'training').reduce((n, g) => n + (g.hours ?? 0), 0);
    const sections: ArchiveSection[] = [
      {
        title: '一、参与课题',
        columns: ['课题名称', '级别', '立项编号', '角色', '阶段'],
        rows: projects.map((p) => [
          p.title,
          label(LEVEL_LABELS, p.level as Level),
          p.number ?? '—',
          label(ROLE, p.role),
          label(STAGE_LABELS, p.stage as Stage),
        ]),
        empty: '暂无参与的课题。',
      },
      {
        title: '二、教研活动',
        columns: ['日期', '类型', '活动', '参与方式'],
        rows: activities.map((a) => [
          a.date,
          label(ACTIVITY_KINDS, a.kind),
          a.title,
          a.presenter_id === personId ? '主讲/执教' : '参加',
        ]),
        empty: '本期暂无教研活动记录。',
      },
      {
        title: '三、听课记录',
        summary: `本期听课 ${given.length} 节，被听课 ${received.length} 节。`,
        columns: ['日期', '学科', '课题', '执教'],
        rows: given.map((o) => [o.date, o.subject, o.topic, o.teacher_name]),
        empty: '本期暂无听课记录。',
      },
      {
        title: '四、专业成长记录',
        summary: `共 ${growth.length} 条${hours > 0 ? `，培训 ${hours} 学时` : ''}。`,
        columns: ['日期', '类别', '题目'],
        rows: growth.map((g) => [g.date, label(GROWTH_KINDS, g.kind), g.title]),
        empty: '本期暂无读书、写作、培训等记录。',
      },
      {
        title: '五、师徒结对（青蓝工程）',
        columns: ['师傅', '徒弟', '结对日期', '状态'],
        rows: pairs.map((m) => [
          m.mentor_name,
          m.mentee_name,
          m.starts_on,
          m.status === 'active' ? '结对中' : '已结束',
        ]),
        empty: '暂无师徒结对。',
      },
      {
        title: `六、“八个一”完成情况（${eight.schoolYear}—${eight.schoolYear + 1}学年）`,
        columns: ['项目', '完成', '依据'],
        rows: eight.items.map((i) => [i.label, i.met ? '已完成' : '未完成', `${i.records.length} 条记录`]),
        empty: '',
      },
    ];
    return {
      name: person.name,
      period: `${start} 至 ${end}`,
      facts: [
        ['姓名', person.name],
        ['单位', person.org_name ?? '—'],
        ['性别', person.gender === 'female' ? '女' : '男'],
        ['年龄', person.birth_date ? String(ageOn(person.birth_date, end)) : '—'],
        ['任教学科', fromJson<string[]>(person.subjects, []).join('、') || '—'],
        ['所在组', groups.map((g) => g.name).join('、') || '—'],
        ['职称', TITLE_LABELS[person.title as keyof typeof TITLE_LABELS] ?? person.title],
        ['骨干级别', BACKBONE_LABELS[person.backbone_level as keyof typeof BACKBONE_LABELS] ?? person.backbone_level],
      ],
      sections,
      generatedOn: today(),
    };
  }
}
