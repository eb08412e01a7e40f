import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { xlsxOf } from '../xlsx.js';
import { choose, type Journey, loginAs, startJourney } from './harness.js';

/** The app's API as one demo login, straight from Node (to find the records a journey starts from). */
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
  const { user } = (await login.json()) as { user: { id: string; name: string; orgId: string } };
  // biome-ignore lint/suspicious/noExplicitAny: test helper over a JSON API
  const get = async (url: string): Promise<any> => {
    const res = await fetch(`${j.baseUrl}${url}`, { headers: { cookie } });
    const json = await res.json().catch(() => null);
    if (res.status >= 400) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { user, get };
}

/** The text input of a field by test id, whether antd put the id on the input or on its wrapper. */
function inputOf(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** Waits until no antd spinner or fade is running, so a screenshot shows the settled page. */
async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(350);
}

/** The teacher's assessment total of the current term, asked by the page with its own session. */
async function assessmentTotal(
  base: string,
  page: Page,
  orgId: string,
  termId: string,
  personId: string,
): Promise<number> {
  const res = await page.request.get(`${base}/api/assessment?orgId=${orgId}&termId=${termId}&personId=${personId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { personId: string; total: number }[] };
  return body.items.find((row) => row.personId === personId)?.total ?? 0;
}

describe('papers and awards in the browser (登记 → 报名 → 初审 → 定质 → 获奖 → 考核)', () => {
  let j: Journey;
  const title = `“双减”背景下小学语文分层作业设计的实践研究（e2e ${Date.now() % 10000}）`;
  let workUrl = '';
  /** The teacher's assessment total of the current term before the journey. */
  let before = 0;

  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => j?.stop());
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await settled(page);
    await j.shot(page, name);
  };

  const pages: Page[] = [];
  const open = async (username: string) => {
    const page = await j.newPage({ width: 1366, height: 860 });
    pages.push(page);
    await loginAs(j, page, username, DEMO_PASSWORD);
    return page;
  };
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const [n, page] of pages.entries()) {
      if (failed) await j.shot(page, `fail-w${ctx.task.name.slice(0, 1)}-${n}`).catch(() => undefined);
      await page.context().close();
    }
    pages.length = 0;
  });

  it('1. a teacher records a paper with an outside co-author and enters it in 行知杯', async () => {
    const teacher = await apiAs(j, 'teacher');
    const page = await open('teacher');
    const terms = await teacher.get('/api/terms?pageSize=200');
    const term = terms.items.find((x: { current: boolean }) => x.current);
    before = await assessmentTotal(j.baseUrl, page, teacher.user.orgId, term.id, teacher.user.id);
    await page.goto(`${j.baseUrl}/works`);
    await page.getByTestId('works-mine-table').waitFor();
    await shot(page, 'w01-works-mine');

    await page.getByTestId('works-add').click();
    await page.getByTestId('work-form').waitFor();
    await page.getByTestId('work-title').fill(title);
    await inputOf(page, 'work-subject').fill('语文');
    await page.keyboard.press('Escape');
    await inputOf(page, 'work-chars').fill('5200');
    // the teacher is the first author already; a colleague from another school joins as outside co-author
    await expect(page.getByTestId('work-author-0').innerText()).resolves.toContain(teacher.user.name);
    await page.getByTestId('work-author-add-outside').click();
    await inputOf(page, 'work-author-outside-1').fill('李敏（城南中学）');
    await page
      .getByTestId('work-abstract')
      .fill('以三年级为例，设计基础、拓展、挑战三层作业，跟踪一学期的完成质量与学生负担。');
    await shot(page, 'w02-work-form');
    await page.getByTestId('work-save').click();
    await page.waitForURL(/\/works\/(?!new$)[^/]+$/);
    workUrl = page.url();
    await page.getByTestId('work-title-heading').filter({ hasText: title }).waitFor();
    const byline = await page.getByTestId('work-authors-list').innerText();
    expect(byline).toContain(teacher.user.name);
    expect(byline).toContain('李敏（城南中学）');

    await page.getByTestId('entry-add').click();
    await choose(page, 'entry-competition', '行知杯');
    await page.getByTestId('entry-submit').click();
    const row = page.getByTestId('entries-table').locator('tr', { hasText: '行知杯' });
    await row.waitFor();
    await expect(row.getByTestId('entry-status').innerText()).resolves.toBe('校内初审中');
    await shot(page, 'w03-work-entered');
  }, 240_000);

  it('2. the director assigns the 语文 group leader as pre-reviewer', async () => {
    const reviewer = await apiAs(j, 'zuzhang');
    const page = await open('director');
    await page.goto(`${j.baseUrl}/works/prereview?tab=queue`);
    const row = page.getByTestId('prereview-queue-table').locator('tr', { hasText: title });
    await row.waitFor();
    await row.getByTestId('prereview-assign').click();
    await page.getByTestId('assign-reviewers').click();
    await page.getByTestId('assign-reviewers').locator('input').fill(reviewer.user.name);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: reviewer.user.name })
      .first()
      .click();
    // close the multiple select's dropdown (it covers the modal's buttons)
    await page.locator('.ant-modal-title').click();
    await j.shot(page, 'w04-assign');
    await page.getByTestId('assign-submit').click();
    await row.locator('.ant-tag', { hasText: reviewer.user.name }).waitFor();
    await shot(page, 'w05-queue-assigned');
  }, 240_000);

  it('3. the reviewer sees only the assigned work in 我的初审 and scores it', async () => {
    const reviewer = await apiAs(j, 'zuzhang');
    const page = await open('zuzhang');
    await page.goto(`${j.baseUrl}/works/prereview`);
    const table = page.getByTestId('prereview-mine-table');
    const row = table.locator('tr', { hasText: title });
    await row.waitFor();
    // nothing but what was assigned to this reviewer
    const mine = await reviewer.get('/api/prereviews?state=all&pageSize=200');
    for (const item of mine.items) {
      expect(item.entry.prereviews.map((p: { reviewerId: string }) => p.reviewerId)).toContain(reviewer.user.id);
    }
    await expect(table.locator('tbody tr.ant-table-row').count()).resolves.toBe(
      mine.items.filter((i: { entry: { prereviews: { reviewerId: string; submittedAt: string | null }[] } }) =>
        i.entry.prereviews.some((p) => p.reviewerId === reviewer.user.id && !p.submittedAt),
      ).length,
    );
    await shot(page, 'w06-my-prereviews');
    await row.getByTestId('prereview-score').click();
    const form = page.getByTestId('prereview-score-form');
    await form.waitFor();
    const inputs = form.locator(
      'input[data-testid^="prereview-criterion-"], [data-testid^="prereview-criterion-"] input',
    );
    const values = ['22', '30', '17', '18'];
    const n = await inputs.count();
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(values[i % values.length]);
    await page.getByTestId('prereview-comment').fill('选题切口小，数据扎实；建议补充分层标准的依据，结论部分再凝练。');
    await page
      .getByTestId('prereview-score-total')
      .filter({ hasText: /总分 87\// })
      .waitFor();
    await j.shot(page, 'w07-score-modal');
    await page.getByTestId('prereview-score-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
  }, 240_000);

  it('4. the director recommends the paper, records 一等奖 with the certificate', async () => {
    const page = await open('director');
    await page.goto(workUrl);
    const row = page.getByTestId('entries-table').locator('tr', { hasText: '行知杯' });
    await row.waitFor();
    await expect(row.getByTestId('entry-reviewer').first().innerText()).resolves.toContain('87');
    await row.getByTestId('entry-decide').click();
    await page.getByTestId('decide-scores').waitFor();
    await page.getByTestId('decide-comment').fill('定质：优秀，推荐参评。');
    await j.shot(page, 'w08-decide');
    await page.getByTestId('decide-submit').click();
    await row.getByTestId('entry-status').filter({ hasText: '初审推荐' }).waitFor();

    await row.getByTestId('entry-result-btn').click();
    await choose(page, 'result-select', '一等奖');
    const certificate = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 400, height: 280 } });
    await page
      .getByTestId('result-form')
      .locator('input[type=file]')
      .setInputFiles({ name: '行知杯一等奖证书.png', mimeType: 'image/png', buffer: certificate });
    await j.shot(page, 'w09-result');
    await page.getByTestId('result-submit').click();
    await row.getByTestId('entry-status').filter({ hasText: '已获奖' }).waitFor();
    await expect(row.getByTestId('entry-result').innerText()).resolves.toBe('一等奖');
    await row.getByTestId('entry-certificate').waitFor();
    await shot(page, 'w10-work-awarded');

    // the certificate downloads
    const href = (await row.getByTestId('entry-certificate').getAttribute('href')) ?? '';
    const download = await page.request.get(`${j.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).length).toBe(certificate.length);

    // and the award shows in 获奖与发表 of the term
    await page.goto(`${j.baseUrl}/works/awards`);
    await page.getByTestId('awards-table').locator('tr', { hasText: title }).waitFor();
    await shot(page, 'w11-awards');
  }, 300_000);

  it('5. the teacher’s research-assessment score counts the 一等奖', async () => {
    const teacher = await apiAs(j, 'teacher');
    const terms = await teacher.get('/api/terms?pageSize=200');
    const term = terms.items.find((x: { current: boolean }) => x.current);
    expect(term).toBeTruthy();
    const page = await open('teacher');
    const total = await assessmentTotal(j.baseUrl, page, teacher.user.orgId, term.id, teacher.user.id);
    const res = await page.request.get(
      `${j.baseUrl}/api/assessment?orgId=${teacher.user.orgId}&termId=${term.id}&personId=${teacher.user.id}`,
    );
    const body = await res.json();
    const row = body.items.find((r: { personId: string }) => r.personId === teacher.user.id);
    const work = await teacher.get(`/api/works/${workUrl.split('/').at(-1)}`);
    const entryId: string = work.entries[0].id;
    const award = row.items.find(
      (item: { source: string; sourceId: string }) => item.source === 'award' && item.sourceId === entryId,
    );
    expect(award?.points).toBeGreaterThan(0);
    // the score rose by at least the award's points (the entry itself may also meet a quota)
    expect(total).toBeGreaterThan(before);
    expect(total - before).toBeGreaterThanOrEqual(award.points);

    await page.goto(`${j.baseUrl}/assessment`);
    await page.getByTestId('assessment-total').waitFor();
    await page.getByTestId(`assessment-item-award-${entryId}`).waitFor();
    const shown = Number((await page.getByTestId('assessment-total').innerText()).replace(/[^\d.]/g, ''));
    expect(shown).toBe(total);
    await shot(page, 'w12-assessment');
  }, 240_000);

  it('6. the director keeps the competitions catalogue and sees student awards', async () => {
    const page = await open('director');
    await page.goto(`${j.baseUrl}/works/competitions`);
    await page.getByTestId('competition-row-name').filter({ hasText: '行知杯' }).waitFor();
    await page.getByTestId('competition-add-edition').first().waitFor();
    // The demo's competitions carry this year's edition and its deadline (行知杯 has results, so it has closed).
    const row = page
      .locator('tr')
      .filter({ has: page.getByTestId('competition-row-name').filter({ hasText: /^行知杯/ }) });
    expect(await row.innerText()).toMatch(/\d{4}年行知杯\s*·\s*截止 \d{4}-\d{2}-\d{2}/);
    await shot(page, 'w13-competitions');
    await page.goto(`${j.baseUrl}/works/student-awards`);
    await page.getByTestId('student-awards-table').waitFor();
    await shot(page, 'w14-student-awards');
  }, 240_000);

  it("7. the director imports the school's past awards (获奖登记表): a wrong name first, then the sheet", async () => {
    const teacherName = (await apiAs(j, 'teacher')).user.name;
    const header = [
      '作品题目*',
      '作品类型*',
      '作者*',
      '校外作者',
      '学科',
      '字数',
      '评比名称*',
      '评比级别*',
      '主办单位',
      '年度',
      '获奖等第*',
      '获奖日期*',
    ];
    const today = new Date().toISOString().slice(0, 10);
    const pastTitle = `低年级识字游戏化教学案例（导入 ${Date.now() % 10000}）`;
    const row = (author: string) => [
      pastTitle,
      '案例',
      author,
      '',
      '语文',
      '2800',
      '蓝天杯',
      '市级',
      '市教育学会',
      '',
      '二等奖',
      today,
    ];
    const bad = path.join(j.dir, 'awards-bad.xlsx');
    fs.writeFileSync(bad, await xlsxOf([header, row('查无此人')]));
    const good = path.join(j.dir, 'awards-good.xlsx');
    fs.writeFileSync(good, await xlsxOf([header, row(teacherName)]));

    const page = await open('director');
    await page.goto(`${j.baseUrl}/works/awards`);
    await page.getByTestId('awards-table').waitFor();
    await page.getByTestId('awards-import-button').click();
    await page.getByTestId('awards-import-awards').click();
    await page.getByTestId('awards-import-upload').setInputFiles(bad);
    const errors = page.getByTestId('awards-import-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('本校没有名为「查无此人」的教师');
    await shot(page, 'w15-awards-import-errors');

    await page.getByTestId('awards-import-upload').setInputFiles(good);
    const success = page.getByTestId('awards-import-success');
    await success.waitFor();
    // The demo's 蓝天杯 is provincial: the city-level one is new, and the message names it.
    expect(await success.innerText()).toContain('已导入 1 个奖项：新建作品 1 件，新建评比 1 个（蓝天杯（市级））');
    await shot(page, 'w16-awards-import-success');
    await page.keyboard.press('Escape');
    // The award is this term's: the table behind the dialog lists it with its level and grade.
    const imported = page.getByTestId('awards-table').locator('tr').filter({ hasText: pastTitle });
    await imported.waitFor();
    expect(await imported.innerText()).toMatch(/蓝天杯[\s\S]*市级[\s\S]*二等奖/);

    // The same work was also published: the publication sheet records it on the work the award made.
    const published = path.join(j.dir, 'publications.xlsx');
    fs.writeFileSync(
      published,
      await xlsxOf([
        [
          '论文题目*',
          '作品类型',
          '作者*',
          '校外作者',
          '学科',
          '字数',
          '刊物名称*',
          '刊物级别*',
          '期号',
          '发表日期*',
          '页码',
        ],
        [pastTitle, '案例', teacherName, '', '', '', '江苏教育', '省级', '2026年第3期', today, '21-23'],
      ]),
    );
    await page.getByTestId('awards-import-button').click();
    await page.getByTestId('awards-import-publications').click();
    await page.getByTestId('publications-import-upload').setInputFiles(published);
    const done = page.getByTestId('publications-import-success');
    await done.waitFor();
    expect(await done.innerText()).toContain('已导入 1 次发表：新建作品 0 件');
    await shot(page, 'w17-publications-import-success');
    await page.locator('.ant-modal-close').last().click();
    await done.waitFor({ state: 'hidden' });
    await page.getByTestId('awards-tab-publications').click();
    const listed = page.getByTestId('publications-table').locator('tr').filter({ hasText: pastTitle });
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(/江苏教育[\s\S]*省级/);
    await shot(page, 'w18-publications-imported');

    // And the students the school's teachers guided to awards (指导学生获奖登记表).
    const guided = path.join(j.dir, 'student-awards.xlsx');
    const student = `导入学生${Date.now() % 1000}`;
    fs.writeFileSync(
      guided,
      await xlsxOf([
        ['指导教师*', '学生姓名*', '班级', '比赛名称*', '作品或项目', '级别*', '获奖等第*', '获奖日期*'],
        [teacherName, student, '三（1）班', '区中小学生书法比赛', '', '区级', '一等奖', today],
      ]),
    );
    await page.goto(`${j.baseUrl}/works/student-awards`);
    await page.getByTestId('student-awards-table').waitFor();
    await page.getByTestId('student-awards-import-button').click();
    await page.getByTestId('student-awards-import-upload').setInputFiles(guided);
    const imported2 = page.getByTestId('student-awards-import-success');
    await imported2.waitFor();
    expect(await imported2.innerText()).toContain('已导入 1 个指导学生获奖');
    await page.locator('.ant-modal-close').last().click();
    await imported2.waitFor({ state: 'hidden' });
    const guidedRow = page.getByTestId('student-awards-table').locator('tr').filter({ hasText: student });
    await guidedRow.waitFor();
    expect(await guidedRow.innerText()).toMatch(/区中小学生书法比赛[\s\S]*区级/);
    await shot(page, 'w19-student-awards-imported');
  }, 240_000);
});
