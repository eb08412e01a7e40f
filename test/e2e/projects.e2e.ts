import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { docxText } from '../docx.js';
import { choose, type Journey, loginAs, startJourney } from './harness.js';

/** The app's API as one demo login, straight from Node (for setting up state a journey starts from). */
async function apiAs(j: Journey, username: string) {
  const login = await fetch(`${j.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string; orgId: string } };
  // biome-ignore lint/suspicious/noExplicitAny: test helper over a JSON API
  const call = async (method: string, url: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${j.baseUrl}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    user,
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown) => call('POST', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
  };
}
type Api = Awaited<ReturnType<typeof apiAs>>;

async function projectByTitle(api: Api, q: string) {
  const list = await api.get(`/api/projects?q=${encodeURIComponent(q)}&pageSize=20`);
  const found = list.items.find((p: { title: string }) => p.title.includes(q));
  if (!found) throw new Error(`no project like ${q}`);
  return found;
}

/** The input of a rubric criterion (antd puts the test id on the input or on its wrapper). */
const scoreInput = (page: Page, key: string) =>
  page.locator(`input[data-testid="score-${key}"], [data-testid="score-${key}"] input`).first();

/** Waits until no antd spinner or fade is running, so a screenshot shows the settled page. */
async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(350);
}

const bodyText = async (page: Page) => (await page.locator('body').innerText()) ?? '';

describe('research projects in the browser (申报 → 推荐 → 评审 → 立项 → 过程管理 → 结题 → 档案)', () => {
  let j: Journey;
  let district: Api;
  const year = new Date().getFullYear();

  beforeAll(async () => {
    j = await startJourney();
    district = await apiAs(j, 'district');
  });
  afterAll(async () => j?.stop());
  const shot = async (page: Page, name: string) => {
    await settled(page);
    await j.shot(page, name);
  };

  // every page a journey opens; on a failure each is photographed (fail-<test>-<n>.png), then closed
  const pages: Page[] = [];
  const newPage = async () => {
    const page = await j.newPage();
    pages.push(page);
    return page;
  };
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const [n, page] of pages.entries()) {
      if (failed) await j.shot(page, `fail-${ctx.task.name.slice(0, 2).replace('.', '')}-${n}`).catch(() => undefined);
      await page.context().close();
    }
    pages.length = 0;
  });

  it('1. a teacher writes an application for an open call, saves the draft, submits it along the route and sees 已提交', async () => {
    // 孟琳思 (teacher) already hosts a project under the demo's general call (one per host), so the
    // district issues a 青年教师专项 call she can apply to.
    const schools = (await district.get('/api/calls?status=open')).items[0].quotas.map(
      (q: { orgId: string; count: number }) => ({ orgId: q.orgId, count: 2 }),
    );
    const call = await district.post('/api/calls', {
      title: `示例区${year}年度青年教师专项课题申报通知`,
      orgId: district.user.orgId,
      levels: ['district'],
      opensOn: `${year}-01-01`,
      closesOn: `${year + 1}-03-31`,
      closesAt: '17:00',
      quotas: schools,
      kinds: [{ kind: 'youth', bornOnOrAfter: '1990-01-01' }],
      guide: ['青年教师课堂教学改进', '作业设计与学业评价'],
      planPeriod: '十五五',
      numberFormat: `${year}-QN-{seq:3}`,
      description: '面向 36 周岁以下青年教师，每校推荐不超过 2 项。',
    });

    const page = await newPage();
    await loginAs(j, page, 'teacher', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/calls`);
    await page.getByRole('link', { name: call.title }).click();
    await page.getByTestId('call-title').waitFor();
    await shot(page, 'p01-teacher-call');
    await page.getByTestId('call-apply').click();
    await page.waitForURL(/\/projects\/new\?callId=/);
    await page.getByTestId('project-form').waitFor();

    const title = '“教—学—评”一致的小学语文单元作业设计研究';
    await page.getByTestId('project-form-title').fill(title);
    await choose(page, 'project-form-kind', '青年');
    await page.getByLabel('学科').fill('语文');
    await page
      .getByTestId('project-form-significance')
      .fill('“双减”要求作业提质增效。本校语文作业仍以抄写为主，与单元目标脱节，需要以单元为整体重新设计作业与评价。');
    await page
      .getByTestId('project-form-goals')
      .fill('1. 调查三至六年级语文作业现状；2. 形成与单元目标一致的作业设计框架；3. 编写 8 个单元的作业设计案例。');
    await page.getByTestId('project-form-methods').fill('行动研究法为主，辅以问卷调查法与个案研究法。');
    await page
      .getByTestId('project-form-steps')
      .fill(
        '准备阶段（第一学期）：调查与方案；实施阶段（第二、三学期）：设计与课堂实践；总结阶段（第四学期）：提炼成果。',
      );
    // 预期成果: the two defaults (论文, 研究报告) plus 4 研究课
    await page.getByTestId('project-form-add-outcome').click();
    const outcomes = page.getByTestId('project-form-outcomes');
    await choose(page, outcomes.locator('.ant-select').nth(2), '研究课');
    await outcomes.getByRole('spinbutton').nth(2).fill('4');
    await shot(page, 'p02-application-form');

    await page.getByTestId('project-form-save').click();
    await page.waitForURL(/\/projects\/(?!new)[^/]+$/);
    await page.getByTestId('project-title').waitFor();
    expect(await page.getByTestId('project-title').textContent()).toBe(title);
    expect(await page.getByTestId('project-stage').first().textContent()).toBe('草稿');
    await shot(page, 'p03-draft-saved');

    await page.getByTestId('project-action-submit').click();
    const route = page.getByTestId('project-route');
    await route.waitFor();
    await expect(route.innerText()).resolves.toContain('示例区实验小学');
    await expect(route.innerText()).resolves.toContain('示例区教师发展中心');
    await shot(page, 'p04-submit-route-preview');
    await page.getByTestId('project-action-confirm').click();
    await page.getByTestId('project-stage').first().filter({ hasText: '已提交' }).waitFor();
    await shot(page, 'p05-submitted');

    const id = page.url().split('/').pop() ?? '';
    const saved = await (await apiAs(j, 'teacher')).get(`/api/projects/${id}`);
    expect(saved.stage).toBe('submitted');
    expect(saved.kind).toBe('youth');
    expect(saved.expectedOutcomes).toEqual(
      expect.arrayContaining([
        { kind: 'paper', count: 1 },
        { kind: 'report', count: 1 },
        { kind: 'lesson', count: 4 },
      ]),
    );
  });

  it('2. the school director recommends within the quota and sees the server refuse one beyond it', async () => {
    const demoCall = (await district.get('/api/calls?status=open')).items.find((c: { title: string }) =>
      c.title.includes('教育科学规划课题'),
    );
    const school = demoCall.quotas.find((q: { orgName: string }) => q.orgName.includes('实验小学'));
    // one more place for 实验小学 (the demo has used all 5), so exactly one recommendation fits
    await district.patch(`/api/calls/${demoCall.id}`, {
      version: demoCall.version,
      quotas: demoCall.quotas.map((q: { orgId: string; count: number }) => ({
        orgId: q.orgId,
        count: q.orgId === school.orgId ? school.used + 1 : q.count,
      })),
    });
    // the 语文 group leader (not young, so a 一般课题) applies to the same call
    const zuzhang = await apiAs(j, 'zuzhang');
    const other = await zuzhang.post('/api/projects', {
      title: '小学语文整本书阅读课型的实践研究',
      callId: demoCall.id,
      level: 'district',
      kind: 'general',
      orgId: school.orgId,
      hostId: zuzhang.user.id,
      subject: '语文',
      members: [],
      expectedOutcomes: [{ kind: 'paper', count: 1 }],
      sections: {
        significance: '整本书阅读是新课标的学习任务群。',
        goals: '形成课型。',
        methods: '行动研究。',
        steps: '三阶段。',
      },
    });
    await zuzhang.post(`/api/projects/${other.id}/transitions`, { action: 'submit' });

    const page = await newPage();
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    // 待我处理 on the home page: both new applications wait for the director's recommendation, and open from there
    const todo = page.getByTestId('home-todo');
    const waiting = todo.getByTestId('home-todo-item').filter({ hasText: '分层作业' });
    await waiting.waitFor();
    await expect(waiting.innerText()).resolves.toContain('待推荐');
    await todo.getByTestId('home-todo-item').filter({ hasText: '整本书阅读' }).waitFor();
    await shot(page, 'p05b-director-todo');
    await waiting.getByRole('link').click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    await page.getByTestId('project-action-recommend').waitFor();
    await page.goto(`${j.baseUrl}/calls`);
    await page.getByRole('link', { name: demoCall.title }).click();
    const panel = page.getByTestId('call-recommend-panel');
    await panel.waitFor();
    const quota = panel.getByTestId('call-my-quota');
    await quota.filter({ hasText: `已推荐 ${school.used} 个，剩余 1 个` }).waitFor();
    await panel.getByText('小学语文整本书阅读课型的实践研究').waitFor();
    await shot(page, 'p06-director-desk-quota');

    const rowOf = (text: string) => panel.locator('tr', { hasText: text });
    // 一般课题 first: the last place must go to a 青年专项 (≥ 20%), so the server refuses
    await rowOf('整本书阅读').getByTestId('call-recommend').click();
    const refusal = page.locator('.ant-notification-notice').filter({ hasText: '无法推荐' });
    await refusal.waitFor();
    await page.waitForTimeout(500);
    await expect(refusal.innerText()).resolves.toContain('青年教师专项');
    await shot(page, 'p07-refused-share');
    await refusal.locator('.ant-notification-notice-close').click();

    // the 青年专项 application fits the last place
    await rowOf('分层作业').getByTestId('call-recommend').click();
    await page.locator('.ant-message').getByText('已推荐').waitFor();
    await quota.filter({ hasText: `已推荐 ${school.used + 1} 个，剩余 0 个` }).waitFor();
    await expect(rowOf('分层作业').innerText()).resolves.toContain('学校已推荐');

    // and with no place left the 推荐 button of the other one is disabled, its tooltip saying why
    const more = rowOf('整本书阅读').getByTestId('call-recommend');
    await expect.poll(() => more.isDisabled()).toBe(true);
    await more.hover({ force: true });
    await page.locator('.ant-tooltip').filter({ hasText: '名额已用完' }).waitFor();
    await page.waitForTimeout(300); // let the tooltip finish fading in
    await shot(page, 'p08-refused-quota-full');
    const still = await zuzhang.get(`/api/projects/${other.id}`);
    expect(still.stage).toBe('submitted');
  });

  it('3. an expert scores a blind application without ever seeing the host or the school', async () => {
    // set-up: the district sends the 青年专项 application at its desk to a new blind round
    const project = await projectByTitle(district, '绘本阅读');
    await district.post(`/api/projects/${project.id}/transitions`, { action: 'send_to_review' });
    const demoRound = (await district.get('/api/reviews')).items[0];
    const experts = (await district.get(`/api/reviews/${demoRound.id}`)).experts as { id: string }[];
    const round = await district.post('/api/reviews', {
      title: `${year}年度青年专项课题立项评审（补充）`,
      kind: 'application',
      projectIds: [project.id],
      expertIds: experts.map((e) => e.id),
      expertsPerItem: 3,
      blind: true,
    });
    await district.post(`/api/reviews/${round.id}/assignments`, { auto: true });
    const hidden = [
      project.hostName,
      ...project.members.map((m: { name: string }) => m.name),
      project.orgName,
      '示例区',
      '实验小学',
    ];

    const page = await newPage();
    await loginAs(j, page, 'expert', DEMO_PASSWORD);
    // 待我处理 on the home page: the new score sheet, under its code, blind like every other surface
    const waiting = page.getByTestId('home-todo').getByTestId('home-todo-item').filter({ hasText: '绘本阅读' });
    await waiting.waitFor();
    await expect(waiting.innerText()).resolves.toContain('待评审');
    await expect(waiting.innerText()).resolves.toMatch(/A-\d{3}/);
    await shot(page, 'p08b-expert-todo');
    for (const name of hidden) expect(await bodyText(page), `the home page shows ${name}`).not.toContain(name);
    await page.goto(`${j.baseUrl}/reviews`);
    const tasks = page.getByTestId('my-tasks');
    const row = tasks.locator('tr', { hasText: '绘本阅读' });
    await row.waitFor();
    await shot(page, 'p09-expert-tasks');
    for (const name of hidden) expect(await bodyText(page)).not.toContain(name);

    await row.getByTestId('task-score').click();
    await page.getByTestId('review-application').waitFor();
    await page.getByTestId('score-card').waitFor();
    const text = await bodyText(page);
    expect(text).toContain('绘本阅读提升小学英语学困生学习兴趣的行动研究');
    for (const name of hidden) expect(text, `the blind page shows ${name}`).not.toContain(name);
    const html = await page.content();
    for (const name of hidden) expect(html, `the blind page's HTML holds ${name}`).not.toContain(name);

    // the anonymous 评审活页 (Word) hides them too
    const sheet = await page.request.get(`${j.baseUrl}${await page.getByTestId('review-sheet').getAttribute('href')}`);
    expect(sheet.status()).toBe(200);
    const docx = await JSZip.loadAsync(await sheet.body());
    const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('绘本阅读');
    for (const name of hidden) expect(xml, `the review sheet holds ${name}`).not.toContain(name);

    await scoreInput(page, 'value').fill('88');
    await scoreInput(page, 'design').fill('84');
    await scoreInput(page, 'feasibility').fill('80');
    await scoreInput(page, 'outcomes').fill('76');
    await page
      .getByTestId('score-comment')
      .fill('选题切口小、针对学困生的真实问题；建议明确学困生的界定标准，并设计前后测以检验兴趣变化。');
    await expect(page.getByTestId('score-total').innerText()).resolves.toContain('82.8');
    await shot(page, 'p10-expert-scoring-blind');
    await page.getByTestId('score-submit').click();
    await page.locator('.ant-message').getByText('评分已提交').waitFor();
    await page.waitForURL(/\/reviews$/);
    const doneRow = page.getByTestId('my-tasks').locator('tr', { hasText: '绘本阅读' });
    await doneRow.filter({ hasText: '已评分' }).waitFor();
    await expect(doneRow.innerText()).resolves.toContain('82.8');
    await shot(page, 'p11-expert-task-saved');

    // nor does the project list give the identities away
    await page.goto(`${j.baseUrl}/projects`);
    await settled(page);
    for (const name of [project.hostName, project.title]) expect(await bodyText(page)).not.toContain(name);

    const expert = await apiAs(j, 'expert');
    const mine = (await expert.get(`/api/reviews/${round.id}/assignments`)).items;
    expect(mine).toHaveLength(1);
    expect(mine[0].submitted).toBe(true);
    expect(mine[0].scores).toEqual({ value: 88, design: 84, feasibility: 80, outcomes: 76 });
  });

  it('4. the district admin approves from the ranked round results and the project gets its 立项编号', async () => {
    const page = await newPage();
    await loginAs(j, page, 'district', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/reviews`);
    await page
      .getByTestId('rounds-table')
      .getByRole('link', { name: `${year}年度区级课题立项评审` })
      .click();
    await page.getByTestId('round-title-heading').waitFor();
    await page.getByRole('tab', { name: '评审结果' }).click();
    const results = page.getByTestId('results-table');
    const row = results.locator('tr', { hasText: '初中物理实验探究能力' });
    await row.getByTestId('project-action-approve').waitFor();
    await expect(row.innerText()).resolves.toContain('81.80');
    await page.waitForTimeout(400); // the tab's fade-in
    await shot(page, 'p12-round-results');

    await row.getByTestId('project-action-approve').click();
    await page.getByTestId('project-action-confirm').click();
    await page.locator('.ant-message').getByText('已立项').waitFor();
    // once approved, the row shows the decision with the 立项编号 instead of any further action
    await row.getByTestId('result-decided').filter({ hasText: '已立项' }).waitFor();
    expect(await row.getByTestId('project-action-open').count()).toBe(0);
    await shot(page, 'p13-approved-in-results');

    await row.getByTestId('result-project-link').click();
    await page.getByTestId('project-title').waitFor();
    const approved = await projectByTitle(district, '初中物理实验探究能力');
    expect(approved.stage).toBe('approved');
    expect(approved.number).toMatch(new RegExp(`^${year}-QJ-\\d{3}$`));
    await page.getByTestId('project-facts').getByText(approved.number).waitFor();
    expect(await page.getByTestId('project-stage').first().textContent()).toBe('已立项');
    await shot(page, 'p14-project-number');
  });

  it('5. a monthly report is returned with a reason, edited and resubmitted by the host, then checked (审核通过)', async () => {
    const project = await projectByTitle(district, '生态课堂');
    // the month the form proposes: this month, in the browser's (= this machine's) time zone
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const openReports = async (page: Page) => {
      await page.goto(`${j.baseUrl}/projects/${project.id}`);
      await page.getByRole('tab', { name: '月报 / 报告' }).click();
      await page.getByTestId('reports-table').waitFor();
    };
    const rowOf = (page: Page) =>
      page.getByTestId('reports-table').getByRole('row', { name: new RegExp(`^月报 ${month}`) });

    // the host writes this month's report
    const host = await newPage();
    await loginAs(j, host, 'teacher', DEMO_PASSWORD);
    await openReports(host);
    await host.getByTestId('report-new-monthly').click();
    await host
      .getByTestId('report-done')
      .fill('开展课题研究课《慢性子裁缝和急性子顾客》一节，组内评课议课，整理课堂实录。');
    await host.getByTestId('report-materials').fill('资料若干');
    await host.getByTestId('report-next').fill('围绕“生态课堂”评价量表修订，开展第二轮研究课。');
    await shot(host, 'p15-monthly-form');
    await host.getByTestId('report-submit').click();
    await rowOf(host).filter({ hasText: '已提交' }).waitFor();

    // the director returns it
    const director = await newPage();
    await loginAs(j, director, 'director', DEMO_PASSWORD);
    await openReports(director);
    await rowOf(director).getByTestId('report-return').click();
    await director
      .getByTestId('report-return-reason')
      .fill('“新增资料”请写明资料名称和数量，如：课堂实录 1 份、评课记录 3 份。');
    await shot(director, 'p16-director-returns');
    await director.getByTestId('report-return-confirm').click();
    await rowOf(director).filter({ hasText: '已退回' }).waitFor();

    // the bell's notice of the return opens that very report
    const hostApi = await apiAs(j, 'teacher');
    const notice = (await hostApi.get('/api/notifications?unread=true')).items.find(
      (n: { kind: string }) => n.kind === 'report_returned',
    );
    expect(notice.link).toContain('report=');
    await host.goto(`${j.baseUrl}${notice.link}`);
    await host.locator('.ant-drawer').getByText('请写明资料名称和数量', { exact: false }).waitFor();
    await host.keyboard.press('Escape');

    // the host sees why, edits and resubmits
    await openReports(host);
    const returned = rowOf(host);
    await returned.filter({ hasText: '已退回' }).waitFor();
    await expect(returned.innerText()).resolves.toContain('请写明资料名称和数量');
    await shot(host, 'p17-host-sees-returned');
    await returned.getByTestId('report-resubmit').click();
    await expect(host.getByTestId('report-materials').inputValue()).resolves.toBe('资料若干');
    await host.getByTestId('report-materials').fill('课堂实录 1 份、评课记录 3 份、学生阅读单 40 份');
    await host.getByTestId('report-submit').click();
    await rowOf(host).filter({ hasText: '已提交' }).waitFor();
    await shot(host, 'p18-host-resubmitted');
    // written again: the notice is settled (read), still in the list
    const settled = (await hostApi.get('/api/notifications')).items.find((n: { id: string }) => n.id === notice.id);
    expect(settled.readAt).not.toBeNull();

    // the director checks it
    await openReports(director);
    await rowOf(director).getByTestId('report-approve').click();
    await director.locator('.ant-message').getByText('已审核通过').waitFor();
    await rowOf(director).filter({ hasText: '已审核' }).waitFor();
    await shot(director, 'p19-director-checked');

    const teacher = await apiAs(j, 'teacher');
    const report = (await teacher.get(`/api/projects/${project.id}/reports?kind=monthly`)).items.find(
      (r: { month: string }) => r.month === month,
    );
    expect(report.status).toBe('checked');
    expect(report.content.materials).toContain('评课记录 3 份');

    // the months as the school files them: the 课题研究月汇报表 in Word, with this month's check
    const [download] = await Promise.all([
      director.waitForEvent('download'),
      director.getByTestId('report-export-monthly').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/课题研究月汇报表\.docx$/);
    const text = await docxText(fs.readFileSync(await download.path()));
    expect(text).toContain(`${now.getFullYear()}年${now.getMonth() + 1}月`);
    expect(text).toContain('课堂实录 1 份、评课记录 3 份、学生阅读单 40 份');
    expect(text).toMatch(/已审核（/);
  });

  it('6. the conclusion check on 成果与结题 shows the unmet rule (✗) and the promise met, with the records behind them', async () => {
    const project = await projectByTitle(district, '生态课堂');
    const page = await newPage();
    await loginAs(j, page, 'teacher', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/projects/${project.id}`);
    await page.getByRole('tab', { name: '成果与结题' }).click();
    await page.getByTestId('conclusion-check').waitFor();
    await shot(page, 'p20-check-before');

    // the host records the stage report (研究报告) the application promised
    await page.getByTestId('output-add').click();
    await choose(page, 'output-kind', '研究报告');
    await page.getByTestId('output-title').fill('“生态课堂”阅读教学现状调查分析报告');
    await choose(page, 'output-level', '校级');
    await page.getByTestId('output-submit').click();
    await page.getByTestId('outputs-table').getByText('现状调查分析报告').waitFor();

    const check = page.getByTestId('conclusion-check');
    const rule = check.getByTestId('check-rule-district_publication_or_award');
    const promise = check.getByTestId('check-promise-report');
    await check.locator('[data-testid="check-promise-report"][data-passed="true"]').waitFor();
    await expect(rule.getAttribute('data-passed')).resolves.toBe('false');
    await expect(rule.getByLabel('✗').count()).resolves.toBe(1);
    await expect(rule.innerText()).resolves.toContain('区级及以上刊物');
    await expect(promise.getByLabel('✓').count()).resolves.toBe(1);
    await expect(promise.innerText()).resolves.toContain('“生态课堂”阅读教学现状调查分析报告');
    await check.getByTestId('conclusion-failed').waitFor();
    await check.scrollIntoViewIfNeeded();
    await shot(page, 'p21-conclusion-check');

    const api = await apiAs(j, 'teacher');
    const data = await api.get(`/api/projects/${project.id}/conclusion-check`);
    expect(data.passed).toBe(false);
    expect(data.rules.filter((r: { passed: boolean }) => !r.passed)).toHaveLength(1);
    expect(data.promises.find((p: { kind: string }) => p.kind === 'report').passed).toBe(true);
  });

  it('7. 下载完整档案 downloads the dossier as a zip with a table of contents', async () => {
    const project = await projectByTitle(district, '生态课堂');
    const page = await newPage();
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/projects/${project.id}`);
    await page.getByRole('tab', { name: '档案袋' }).click();
    await page.getByTestId('archive-groups').waitFor();
    await shot(page, 'p22-archive');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-zip').click()]);
    const file = path.join(j.dir, download.suggestedFilename() || 'archive.zip');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names).toContain('index.html');
    const index = (await zip.file('index.html')?.async('string')) ?? '';
    expect(index).toContain('基于“生态课堂”理念的小学语文阅读教学实践研究');
    expect(names.some((n) => n.includes('课题研究方案'))).toBe(true);
    // the reports written in the app are in it too, in Word
    expect(names).toContain('03-研究过程/月报/课题研究月汇报表（在线填报）.docx');
    expect(index).toContain('课题研究月汇报表（在线填报）.docx');
  });
});
