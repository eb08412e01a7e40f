import type { Database } from '../db/database.js';
import { newId, nowIso } from '../db/dialect.js';
import type { PlanItemRow } from '../db/types.js';
import { lastDayOf, monthsBetween } from '../modules/plans/months.js';

/** Who the demo plan's items belong to. */
export interface DemoPlanPeople {
  schoolId: string;
  director: string;
  leader: string;
  zuzhang: string;
}

/** The demo arrangement: [month of the term (0 = first), title, owner, due day (0 = month end)]. */
const ITEMS: [number, string, keyof Omit<DemoPlanPeople, 'schoolId'> | string, number][] = [
  [0, '制订本学期教科研工作计划并在行政会上讨论', 'director', 10],
  [0, '召开课题主持人工作会议，布置学期研究任务', 'director', 18],
  [0, '发放必读书目，启动教师读书活动', 'zuzhang', 28],
  [1, '课题研究月报检查（月查）并反馈', 'director', 0],
  [1, '青年教师“一人一课”汇报课', 'zuzhang', 25],
  [1, '组织报送区级以上论文评比作品', 'director', 20],
  [2, '在研课题中期汇报交流会', 'director', 16],
  [2, '师徒结对月度考核', '教导处', 0],
  [3, '校内论文评比与初审', 'director', 12],
  [3, '各教研组课题研讨课展示', 'zuzhang', 0],
  [4, '整理教师专业发展档案', '各教研组', 15],
  [4, '学期教科研工作总结与考核', 'leader', 0],
];

/**
 * A semester plan (学期工作计划) of the demo school for the current term: twelve items over the months,
 * those already due marked done except one left open, so the plan page shows progress and an overdue item.
 */
export async function loadDemoPlans(database: Database, people: DemoPlanPeople, on: string): Promise<void> {
  const { db } = database;
  const term = await db
    .selectFrom('terms')
    .selectAll()
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .executeTakeFirst();
  const school = await db.selectFrom('orgs').select('name').where('id', '=', people.schoolId).executeTakeFirst();
  if (!term || !school) return;
  const months = monthsBetween(term.starts_on, term.ends_on);
  const now = nowIso();
  const planId = newId();
  await db
    .insertInto('plans')
    .values({
      id: planId,
      org_id: people.schoolId,
      term_id: term.id,
      title: `${school.name}${term.name}教科研工作计划`,
      goals: [
        '以课题研究为牵引，把研究落在课堂上、落在教师的日常工作里。',
        '抓实课题过程管理：月报按时、月查有反馈、研究课有记录。',
        '推动教师读书、写作和听课评课，提高区级以上评比的参与面和获奖层次。',
      ].join('\n'),
      version: 1,
      created_by: people.director,
      created_at: now,
      updated_at: now,
    })
    .execute();
  let leftOpen = false;
  const rows: PlanItemRow[] = ITEMS.filter(([m]) => m < months.length).map(([m, title, owner, day], i) => {
    const month = months[m];
    const dueOn = day === 0 ? lastDayOf(month) : `${month}-${String(day).padStart(2, '0')}`;
    const past = dueOn < on;
    // One past item stays open, so the plan shows what is overdue.
    const open = past && !leftOpen && m === 1;
    if (open) leftOpen = true;
    const person = owner === 'director' || owner === 'leader' || owner === 'zuzhang' ? people[owner] : null;
    return {
      id: newId(),
      plan_id: planId,
      month,
      title,
      owner_id: person,
      owner_text: person ? null : owner,
      due_on: dueOn,
      done: past && !open ? 1 : 0,
      done_on: past && !open ? dueOn : null,
      note: '',
      sort: i,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  await db.insertInto('plan_items').values(rows).execute();
}
