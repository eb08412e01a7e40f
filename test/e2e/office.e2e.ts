import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { type Journey, loginAs, SHOTS, startJourney } from './harness.js';

/** Waits until no antd spinner or fade is running, so a screenshot shows the settled page. */
async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(350);
}

/** The observation cell of the first teacher behind on observations: their id and how far behind. */
async function firstBehind(page: Page): Promise<{ personId: string; behind: number; actual: number }> {
  const cell = page
    .locator('[data-testid^="compliance-cell-"][data-testid$="-observations"][data-met="false"]')
    .first();
  await cell.waitFor();
  const testId = (await cell.getAttribute('data-testid')) ?? '';
  const personId = testId.replace(/^compliance-cell-/, '').replace(/-observations$/, '');
  const behind = Number(await cell.getAttribute('data-behind'));
  const actual = Number(await cell.getAttribute('data-actual'));
  return { personId, behind, actual };
}

describe('rules, compliance and assessment in the browser (制度 → 达标 → 考核)', () => {
  let j: Journey;

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
  const track = (page: Page) => {
    pages.push(page);
    return page;
  };
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const [n, page] of pages.entries()) {
      if (failed) await j.shot(page, `fail-o${ctx.task.name.slice(0, 1)}-${n}`).catch(() => undefined);
      await page.context().close();
    }
    pages.length = 0;
  });

  it('1. the director lowers the observation quota and the compliance matrix follows', async () => {
    const page = track(await j.newPage({ width: 1440, height: 900 }));
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    // The director's home leads first to the statistics and the projects.
    const quick = page.getByTestId('home-quick-links');
    await quick.waitFor();
    expect(await quick.locator('a').first().getAttribute('href')).toBe('/dashboard');
    expect(await quick.locator('a[href="/projects"]').count()).toBe(1);
    await page.getByTestId('nav-compliance').click();
    await page.waitForURL(/\/compliance/);
    await page.getByTestId('compliance-matrix').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 90_000 });
    const before = await firstBehind(page);
    expect(before.behind).toBeGreaterThan(0);
    await shot(page, 'o01-compliance-matrix');

    // the records counted for that cell
    await page.getByTestId(`compliance-cell-${before.personId}-observations`).click();
    await page.getByTestId('compliance-records').waitFor();
    await expect(page.getByTestId('compliance-records').innerText()).resolves.toContain('听课');
    await settled(page);
    await page.screenshot({ path: path.join(SHOTS, 'o02-compliance-records.png') });
    await page.keyboard.press('Escape');

    // only those behind, filtered to one rule
    await page.getByTestId('compliance-only-behind').click();
    await page.getByTestId('compliance-matrix').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'o03-compliance-only-behind');

    // 制度设置: set both observation quotas to what that teacher has done
    await page.getByTestId('nav-rules').click();
    await page.waitForURL(/\/rules/);
    await page.getByTestId('rules-editing').waitFor();
    await expect(page.getByTestId('rules-editing').innerText()).resolves.toContain('学期');
    // a clear zh-CN message for a value out of range, and nothing saved
    await page.getByTestId('rules-obs-younger').fill('501');
    await page.getByTestId('rules-save').click();
    await page.getByText('须在 0 至 500 之间').first().waitFor();
    await shot(page, 'o04-rules-invalid');

    const target = String(before.actual);
    await page.getByTestId('rules-obs-younger').fill(target);
    await page.getByTestId('rules-obs-older').fill(target);
    await page.getByTestId('rules-save').click();
    await page.getByText('制度已保存').first().waitFor();
    await page.getByTestId('rules-version').filter({ hasText: '第 1 版' }).waitFor();
    await shot(page, 'o05-rules-saved');

    await page.getByTestId('rules-tabs').getByText('考核积分表').click();
    await page.getByTestId('rules-points-awards').waitFor();
    await shot(page, 'o06-rules-points');

    await page.getByTestId('nav-compliance').click();
    await page.waitForURL(/\/compliance/);
    const cell = page.getByTestId(`compliance-cell-${before.personId}-observations`);
    await cell.waitFor({ timeout: 90_000 });
    // the matrix is recomputed under the saved rules (the cached one may show first)
    await expect.poll(() => cell.getAttribute('data-met'), { timeout: 60_000 }).toBe('true');
    await shot(page, 'o07-compliance-after');
  }, 300_000);

  it('2. the assessment ranking traces every point to its record', async () => {
    const page = track(await j.newPage({ width: 1440, height: 900 }));
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.getByTestId('nav-assessment').click();
    await page.waitForURL(/\/assessment/);
    const table = page.getByTestId('assessment-table');
    const firstRow = table.locator('[data-testid^="assessment-row-"]').first();
    await firstRow.waitFor({ timeout: 90_000 });
    const total = Number(await firstRow.getByTestId('assessment-total').innerText());
    expect(total).toBeGreaterThan(0);
    await shot(page, 'o08-assessment');

    await firstRow.locator('.ant-table-row-expand-icon').click();
    const items = table.getByTestId('assessment-items').first();
    await items.waitFor();
    const points = await items.locator('tbody tr td:last-child').allInnerTexts();
    const sum = points.reduce((acc, text) => acc + Number(text.replace(/[^\d.]/g, '')), 0);
    expect(sum).toBeCloseTo(total, 5);
    await shot(page, 'o09-assessment-items');

    await page.getByText('奖励名单').click();
    await page.getByTestId('rewards-table').waitFor();
    await shot(page, 'o10-assessment-rewards');
  }, 300_000);

  it('3. a teacher sees their own compliance card and score', async () => {
    const page = track(await j.newPage({ width: 1280, height: 860 }));
    await loginAs(j, page, 'teacher', DEMO_PASSWORD);
    // The home page carries the teacher's own 达标情况 of the current term, and the latest notifications.
    const onHome = page.getByTestId('my-compliance-summary');
    await onHome.waitFor({ timeout: 90_000 });
    const homeSummary = await onHome.textContent();
    expect(homeSummary).toMatch(/\d+/);
    expect(await page.getByTestId('my-compliance').textContent()).toContain('学期');
    await page.getByTestId('home-latest').waitFor();
    expect(await page.getByText('即将上线').count()).toBe(0);
    // Quick links lead to the teacher's own work; the statistics are not theirs to open.
    const quick = page.getByTestId('home-quick-links');
    expect(await quick.locator('a[href="/projects"]').count()).toBe(1);
    expect(await quick.locator('a[href="/growth"]').count()).toBe(1);
    expect(await quick.locator('a[href="/dashboard"]').count()).toBe(0);
    await shot(page, 'o11a-teacher-home');
    await page.getByTestId('nav-compliance').click();
    await page.getByTestId('my-compliance-summary').waitFor({ timeout: 90_000 });
    // The same figures as on the compliance page (the current term is that page's default too).
    expect(await page.getByTestId('my-compliance-summary').textContent()).toBe(homeSummary);
    await settled(page);
    await shot(page, 'o11-teacher-compliance');
    await page.getByTestId('nav-assessment').click();
    await page.getByTestId('assessment-total').first().waitFor();
    await shot(page, 'o12-teacher-assessment');

    // The roster and the org tree the menu offers a teacher open read-only (no add, import, export or edit).
    await page.getByTestId('nav-people').click();
    await page.getByTestId('people-table').getByTestId('people-row-name').first().waitFor();
    for (const id of ['people-add', 'people-import-button', 'people-export']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('org-tree').waitFor();
    for (const id of ['org-edit', 'org-add-child', 'org-delete'])
      expect(await page.getByTestId(id).count(), id).toBe(0);
    await shot(page, 'o12b-teacher-orgs');

    // In English, the notifications' titles read in English (the records they quote stay as written).
    await page.goto(`${j.baseUrl}/`);
    const latest = page.getByTestId('home-latest-item');
    await latest.first().waitFor();
    const zh = await latest.allInnerTexts();
    expect(zh.some((x) => x.includes('月报已逾期') || x.includes('请初审'))).toBe(true);
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(async () => (await latest.allInnerTexts()).join('\n'))
      .toMatch(/Monthly report .* overdue|Please pre-review/);
    const en = (await latest.allInnerTexts()).join('\n');
    expect(en).not.toMatch(/月报已逾期|请初审/);
    await shot(page, 'o13-teacher-home-english');
    // Bodies written from a template read in English too (the titles they quote stay as written).
    await page.goto(`${j.baseUrl}/notifications`);
    await expect
      .poll(async () => (await page.locator('main').innerText()).replace(/\s+/g, ' '))
      .toMatch(/monthly report of project .* (is due by|has not been submitted)|entry deadline for/);
    expect(await page.locator('main').innerText()).not.toMatch(/的月报请在|的月报尚未提交|的报送截止日期为/);
    await shot(page, 'o13b-teacher-notifications-english');
    await page.getByTestId('lang-switch').click();
  }, 300_000);
  it('4. the district office compares its schools, then opens one school’s matrix', async () => {
    const page = track(await j.newPage({ width: 1440, height: 900 }));
    await loginAs(j, page, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-compliance').click();
    await page.waitForURL(/\/compliance/);
    // An office starts at its own district, school by school (各校汇总), not at a school's 200 teachers.
    const rows = page.getByTestId('compliance-schools').locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('office-school').innerText()).toContain('各校汇总');
    const total = Number((await page.getByTestId('compliance-total-teachers').innerText()).replace(/\D/g, ''));
    const perSchool = (await rows.locator('td:nth-child(2)').allInnerTexts()).map(Number);
    expect(perSchool.length).toBeGreaterThan(0);
    expect(perSchool.reduce((a, n) => a + n, 0)).toBe(total);
    await shot(page, 'o14-district-schools');

    // A school opens to its teacher × rule matrix, the picker now on that school.
    const first = rows.first().locator('[data-testid^="compliance-school-"]').first();
    const schoolId = ((await first.getAttribute('data-testid')) ?? '').replace('compliance-school-', '');
    const schoolName = await first.innerText();
    await first.click();
    await page.waitForURL(new RegExp(`orgId=${schoolId}`));
    await page.getByTestId('compliance-matrix').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('office-school').innerText()).toContain(schoolName.trim());
    await shot(page, 'o15-district-opens-school');

    // The same on 教科研考核: the schools' averages side by side, each opening to its ranking.
    await page.getByTestId('nav-assessment').click();
    await page.waitForURL(/\/assessment/);
    // An office's staff start at their own office again.
    const schools = page.getByTestId('assessment-schools').locator('tbody tr.ant-table-row');
    await schools.first().waitFor({ timeout: 90_000 });
    const teachers = Number((await page.getByTestId('assessment-total-teachers').innerText()).replace(/\D/g, ''));
    const bySchool = (await schools.locator('td:nth-child(2)').allInnerTexts()).map((x) =>
      Number(x.replace(/\D/g, '')),
    );
    expect(bySchool.reduce((a, n) => a + n, 0)).toBe(teachers);
    await shot(page, 'o16-district-assessment-schools');
    await schools.first().locator('[data-testid^="assessment-school-"]').first().click();
    await page
      .getByTestId('assessment-table')
      .locator('[data-testid^="assessment-row-"]')
      .first()
      .waitFor({ timeout: 90_000 });
  }, 300_000);
});
