import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { type Journey, loginAs, startJourney } from './harness.js';

/** Waits until no antd spinner is running and charts have drawn. */
async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 8000 })
    .catch(() => undefined);
  await page.waitForTimeout(800);
}

/** The count in the records drawer's title (“…：共 N 条记录”). */
async function drawerCount(page: Page): Promise<number> {
  const title = page.locator('.ant-drawer-title');
  await expect.poll(async () => /共 \d+ 条/.test(await title.innerText()), { timeout: 8000 }).toBe(true);
  const text = await title.innerText();
  return Number(/共 (\d+) 条/.exec(text)?.[1] ?? -1);
}

const started = Date.now();
/** Logs how long the journey took to reach a step (the machine is shared; this shows where time goes). */
const step = (name: string) => console.log(`[dashboard e2e] ${name} at ${Math.round((Date.now() - started) / 1000)}s`);

/** Closes the records drawer and waits until its mask is gone. */
async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-drawer-title').waitFor({ state: 'hidden', timeout: 10_000 });
  await page
    .locator('.ant-drawer-mask')
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

describe('dashboards in the browser (统计看板)', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(async () => j?.stop());

  it('a district office sees its figures, charts and schools, and every number opens its records', async () => {
    const page = await j.newPage({ width: 1440, height: 900 });
    // The machine is shared and often loaded: give each step room.
    page.setDefaultTimeout(90_000);
    await loginAs(j, page, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByTestId('kpi-active-projects').waitFor({ timeout: 90_000 });
    await expect
      .poll(() => page.locator('[data-testid="chart-by-level"] canvas').count(), { timeout: 8000 })
      .toBeGreaterThan(0);
    await settled(page);
    await j.shot(page, 'dashboard-district');
    step('district shot');

    // The page's scope is the district; its numbers are the API's numbers.
    await page.getByTestId('dashboard-term').waitFor();
    const shown = await page.getByTestId('kpi-active-projects').locator('.ant-statistic-content').innerText();
    const scopeSelect = page.getByTestId('dashboard-scope');
    expect(await scopeSelect.count()).toBe(1);
    // The page defaults to the office's district and the current term; compare with the API.
    const api = await page.evaluate(async () => {
      const me = await (await fetch('/api/me')).json();
      const grant = me.roles.find((g: { role: string }) => g.role === 'research_admin');
      const terms = await (await fetch('/api/terms?pageSize=200')).json();
      const term = terms.items.find((x: { current: boolean }) => x.current) ?? terms.items[0];
      const res = await fetch(`/api/stats?orgId=${grant.orgId}&termId=${term.id}`);
      return { orgId: grant.orgId, termId: term.id, figures: await res.json() };
    });
    expect(Number(shown)).toBe(api.figures.projects.active);
    expect(api.figures.org.kind).toBe('district');
    // The figures say when they were computed; 刷新数据 recomputes them now.
    const asOf = page.getByTestId('dashboard-as-of');
    await expect.poll(() => asOf.innerText()).toMatch(/^数据截至 \d{1,2}:\d{2}:\d{2}$/);
    const before = await asOf.innerText();
    await page.waitForTimeout(1100);
    await page.getByTestId('dashboard-refresh').click();
    await expect.poll(() => asOf.innerText(), { timeout: 30_000 }).not.toBe(before);
    expect(api.figures.schools.length).toBeGreaterThan(1);

    // KPI → records drawer with exactly that many records.
    await page.getByTestId('kpi-active-projects').click();
    expect(await drawerCount(page)).toBe(api.figures.projects.active);
    await settled(page);
    await j.shot(page, 'dashboard-records');
    step('records drawer');
    if (api.figures.projects.active > 0) {
      await page.getByTestId('stats-record-link').first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/projects/'));
      await page.goBack();
      await page.getByTestId('kpi-coverage').waitFor();
      await page
        .locator('.ant-drawer-mask')
        .waitFor({ state: 'detached', timeout: 5000 })
        .catch(() => undefined);
    } else {
      await closeDrawer(page);
    }

    step('record link and back');
    // Coverage KPI → teachers in projects.
    await page.getByTestId('kpi-coverage').click();
    expect(await drawerCount(page)).toBe(api.figures.coverage.inProjects);
    await closeDrawer(page);

    step('coverage');
    // A per-school cell → that school's records.
    const first = api.figures.schools[0];
    const cell = page.getByTestId('table-schools').getByTestId('cell-coverage.teachers').first();
    await cell.click();
    expect(await drawerCount(page)).toBe(first.teachers);
    await closeDrawer(page);

    step('school cell');
    // A chart element → its records: the pyramid's base (narratives and cases).
    const canvas = page.locator('[data-testid="chart-pyramid"] canvas').first();
    // Charts below still settle their heights while this one is measured: click again until the
    // drawer that opens is the pyramid's (its title names the chart), at most three times.
    const title = page.locator('.ant-drawer-title');
    for (let attempt = 0; attempt < 3; attempt++) {
      await canvas.scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      const box = await canvas.boundingBox();
      if (!box) throw new Error('pyramid not drawn');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.86);
      const opened = await title.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (opened && (await title.innerText()).includes('金字塔')) break;
      if (opened) await closeDrawer(page);
    }
    await expect(title.innerText()).resolves.toContain('金字塔');
    const base = api.figures.pyramid.find((l: { layer: string }) => l.layer === 'narrative_case');
    expect(await drawerCount(page)).toBe(base.count);
    await closeDrawer(page);

    step('pyramid');
    // The export answers an .xlsx.
    const href = await page.getByTestId('dashboard-export').getAttribute('href');
    expect(href).toContain('/api/stats/export.xlsx');
    const xlsx = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') };
    }, href ?? '');
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');

    step('activities');
    // The office's activity list starts at its whole area, named as such (it once showed the office's raw id).
    await page.goto(`${j.baseUrl}/activities`);
    const orgFilter = page.getByTestId('activities-filter-org');
    await orgFilter.filter({ hasText: '全部学校' }).waitFor();
    expect(await orgFilter.innerText()).toContain('示例区教师发展中心');
    await page.getByTestId('activity-row-title').first().waitFor();
    await page.context().close();
  }, 300_000);

  it('a school director sees the school dashboard and cannot read another school', async () => {
    const page = await j.newPage({ width: 1440, height: 900 });
    // The machine is shared and often loaded: give each step room.
    page.setDefaultTimeout(90_000);
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/dashboard`);
    await page.getByTestId('kpi-active-projects').waitFor({ timeout: 90_000 });
    await settled(page);
    // 考核分布: the research-assessment spread of the school is drawn.
    await expect
      .poll(() => page.locator('[data-testid="chart-assessment"] canvas').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await j.shot(page, 'dashboard-school');
    // The school's own figures are readable; the district above it answers 404.
    const answers = await page.evaluate(async () => {
      type Node = { id: string; kind: string; children: Node[] };
      const me = await (await fetch('/api/me')).json();
      const terms = await (await fetch('/api/terms?pageSize=200')).json();
      const term = terms.items.find((x: { current: boolean }) => x.current) ?? terms.items[0];
      const tree: Node[] = (await (await fetch('/api/orgs/tree')).json()).items;
      const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
      const district = flat(tree).find((n) => n.kind === 'district');
      const own = await fetch(`/api/stats?orgId=${me.orgId}&termId=${term.id}`);
      const above = await fetch(`/api/stats?orgId=${district?.id ?? 'none'}&termId=${term.id}`);
      return { own: own.status, above: above.status, kind: (await own.json()).org?.kind };
    });
    expect(answers).toEqual({ own: 200, above: 404, kind: 'school' });
    expect(await page.getByTestId('table-schools').count()).toBe(0);
    await page.context().close();
  }, 300_000);
});
