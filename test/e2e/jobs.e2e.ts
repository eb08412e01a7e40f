import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { readXlsx } from '../xlsx.js';
import { type Journey, loginAs, startJourney } from './harness.js';

describe('background jobs in the browser', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => j?.stop());

  it('a director exports the roster in the background, watches it finish and downloads it', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.getByTestId('nav-people').click();
    await page.waitForURL(/\/people/);
    await page.getByTestId('people-export-background').click();
    await page
      .getByText('已加入后台任务')
      .waitFor()
      .catch(async (e) => {
        await j.shot(page, 'jobs-00-failed');
        throw e;
      });
    await page.getByText('查看后台任务').click();
    await page.waitForURL(/\/jobs/);
    const download = page.locator('[data-testid^="job-download-"]').first();
    await download.waitFor({ timeout: 20_000 });
    await page.getByText('已完成').first().waitFor();
    await j.shot(page, 'jobs-01-done');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('教师名册.xlsx');
    const saved = await file.path();
    const fs = await import('node:fs');
    const rows = await readXlsx(fs.readFileSync(saved));
    expect(rows.length).toBeGreaterThan(30);
  }, 120_000);

  it('the district office makes its compliance sheet in the background and downloads it', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-compliance').click();
    await page.waitForURL(/\/compliance/);
    // An office starts at its district, school by school: the sheet is the district's whole.
    await page.getByTestId('compliance-schools').waitFor({ timeout: 60_000 });
    await j.shot(page, 'jobs-02a-compliance-page');
    await page.getByTestId('compliance-export-background').click();
    await page.getByText('已加入后台任务').waitFor();
    await page.getByText('查看后台任务').click();
    await page.waitForURL(/\/jobs/);
    const row = page.locator('tr', { hasText: '达标情况' }).first();
    const download = row.locator('[data-testid^="job-download-"]');
    await download.waitFor({ timeout: 60_000 });
    await j.shot(page, 'jobs-02b-compliance-done');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/-达标情况\.xlsx$/);
    // The row names its file (which district and term), not only the kind of export.
    expect(await row.getByTestId('job-file-name').innerText()).toBe(file.suggestedFilename());
    const fs = await import('node:fs');
    const [head, ...rows] = await readXlsx(fs.readFileSync(await file.path()));
    expect(head.slice(0, 3)).toEqual(['教师', '年龄', '项目']);
    expect(rows.length).toBeGreaterThan(30);
  }, 120_000);

  it('the district office makes its assessment workbook in the background and downloads it', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-assessment').click();
    await page.waitForURL(/\/assessment/);
    await page.getByTestId('assessment-schools').waitFor({ timeout: 60_000 });
    await page.getByTestId('assessment-export-background').click();
    await page.getByText('已加入后台任务').waitFor();
    await page.getByText('查看后台任务').click();
    await page.waitForURL(/\/jobs/);
    const download = page.locator('tr', { hasText: '教科研考核' }).first().locator('[data-testid^="job-download-"]');
    await download.waitFor({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/-教科研考核\.xlsx$/);
    const fs = await import('node:fs');
    const [head, ...rows] = await readXlsx(fs.readFileSync(await file.path()));
    expect(head).toEqual(['名次', '教师', '学校', '教科研积分', '计入业务考核', '先进个人']);
    expect(rows.length).toBeGreaterThan(30);
  }, 120_000);
});
