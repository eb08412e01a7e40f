import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { resolveFigure } from '../../src/server/modules/summary/summary.writer.js';
import { docxXml } from '../docx.js';
import { type Journey, loginAs, startJourney } from './harness.js';

/** Waits until no antd spinner is running, so a screenshot shows the settled page. */
async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

describe('term plan and semester summary in the browser (计划 → 总结 → Word)', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(async () => j?.stop());

  it('the director ticks a plan item, edits the summary, saves, rewrites and downloads Word', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'director', DEMO_PASSWORD);

    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-page').waitFor();
    await page.getByTestId('plan-title').waitFor();
    const items = page.getByTestId('plan-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(10);
    const before = await page.getByTestId('plan-progress').innerText();
    // Tick the first open item.
    const open = items.filter({ hasNot: page.locator('.ant-checkbox-checked') }).first();
    await open.locator('input[type="checkbox"]').click();
    await expect.poll(() => page.getByTestId('plan-progress').innerText()).not.toBe(before);
    await expect.poll(() => page.getByTestId('plan-deadline').count()).toBeGreaterThan(0);
    await settled(page);
    await j.shot(page, 'plans-director');
    const planDoc = await page.request.get(
      `${j.baseUrl}${await page.getByTestId('plans-export').getAttribute('href')}`,
    );
    expect(planDoc.status()).toBe(200);
    const planXml = await docxXml(await planDoc.body());
    expect(planXml).toContain('二、月度工作安排');
    expect(planXml).toMatch(/\d+月份/);

    // A plan item's notice links to /plans/:id: it opens that plan's term, not the current one.
    const me0 = await (await page.request.get(`${j.baseUrl}/api/me`)).json();
    const allTerms = (await (await page.request.get(`${j.baseUrl}/api/terms`)).json()).items;
    const other = allTerms.find((x: { current: boolean }) => !x.current);
    const made = await page.request.post(`${j.baseUrl}/api/plans`, {
      data: { orgId: me0.orgId, termId: other.id },
      headers: { 'x-csrf-token': me0.csrfToken },
    });
    expect(made.status()).toBe(200);
    const otherPlan = await made.json();
    await page.goto(`${j.baseUrl}/plans/${otherPlan.id}`);
    await page.getByTestId('plans-page').waitFor();
    await expect.poll(() => page.getByTestId('plans-term').innerText()).toContain(other.name);
    await expect.poll(() => page.getByTestId('plan-title').innerText()).toBe(otherPlan.title);
    expect(new URL(page.url()).searchParams.get('termId')).toBe(other.id);
    await page.goto(`${j.baseUrl}/plans/no-such-plan`);
    await page.getByText('页面不存在').first().waitFor();

    await page.getByTestId('nav-summary').click();
    await page.getByTestId('summary-page').waitFor();
    await page.getByTestId('summary-text-problems').waitFor();
    await expect.poll(() => page.getByTestId('summary-status').innerText()).toContain('尚未保存');
    const figures = page.getByTestId('summary-figures').locator('tr');
    await expect.poll(() => figures.count()).toBeGreaterThan(5);

    // On the demo data too, every figure the text states is the dashboard's number.
    const me = await (await page.request.get(`${j.baseUrl}/api/me`)).json();
    const terms = await (await page.request.get(`${j.baseUrl}/api/terms`)).json();
    const current = terms.items.find((x: { current: boolean }) => x.current);
    const scope = `orgId=${me.orgId}&termId=${current.id}`;
    const stats = await (await page.request.get(`${j.baseUrl}/api/stats?${scope}`)).json();
    const draft = await (await page.request.get(`${j.baseUrl}/api/reports/semester-summary?${scope}`)).json();
    expect(draft.figures.length).toBeGreaterThan(5);
    for (const f of draft.figures) expect(resolveFigure(stats, f.key), f.key).toBe(f.value);

    const note = '（教科室补充：下学期重点解决月报迟交的问题。）';
    const problems = page.getByTestId('summary-text-problems');
    await problems.fill(`${await problems.inputValue()}\n${note}`);
    await page.getByTestId('summary-save').click();
    await expect.poll(() => page.getByTestId('summary-status').innerText()).toContain('第 1 版');

    await page.getByTestId('summary-regenerate').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('summary-status').innerText()).toContain('第 2 版');
    expect(await page.getByTestId('summary-text-problems').inputValue()).toContain(note);
    await settled(page);
    await j.shot(page, 'summary-director');

    const href = await page.getByTestId('summary-download').getAttribute('href');
    const doc = await page.request.get(`${j.baseUrl}${href}`);
    expect(doc.status()).toBe(200);
    expect(doc.headers()['content-type']).toContain('wordprocessingml');
    const xml = await docxXml(await doc.body());
    expect(xml).toContain(note);
    expect(xml).toContain('一、课题研究');
    expect(xml).toContain('六、下学期工作打算');
  }, 180_000);
});
