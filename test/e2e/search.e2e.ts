import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { notify } from '../../src/server/modules/notifications/notify.js';
import { type Journey, loginAs, startJourney } from './harness.js';

/** The demo teacher's id and one project title they may read, straight from the API. */
async function teacherFacts(j: Journey) {
  const login = await fetch(`${j.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'teacher', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { user } = (await login.json()) as { user: { id: string } };
  const projects = (await (await fetch(`${j.baseUrl}/api/projects?pageSize=20`, { headers: { cookie } })).json()) as {
    items: { id: string; title: string }[];
  };
  return { userId: user.id, projects: projects.items };
}

async function settled(page: Page) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(350);
}

describe('search and notifications in the browser (全文检索 · 通知)', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(async () => j?.stop());

  it('searches from the header, shows highlighted hits, opens one; the bell shows a notification', async () => {
    const { userId, projects } = await teacherFacts(j);
    const target = projects[0];
    expect(target, 'the demo teacher reads at least one project').toBeDefined();
    // A two-character word from the title: short Chinese queries must work.
    const word = [...target.title].slice(0, 2).join('');
    await j.database.db.transaction().execute((trx) =>
      notify(trx, {
        personIds: [userId],
        kind: 'report_returned',
        title: '2026-11 月报被退回',
        body: `《${target.title}》；原因：请补充课堂观察数据`,
        link: `/projects/${target.id}`,
      }),
    );

    const page = await j.newPage();
    await loginAs(j, page, 'teacher', DEMO_PASSWORD);
    // antd puts the test id on the <input> itself (or on its wrapper, with a prefix icon).
    const box = page.locator('input[data-testid="header-search"], [data-testid="header-search"] input').first();
    await box.fill(word);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search');
    await page.getByTestId('search-hit').first().waitFor();
    await settled(page);
    const marks = page.locator('[data-testid="search-hit-snippet"] mark');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await marks.first().innerText()).toBe(word);
    await j.shot(page, 'search-results');

    const first = page.getByTestId('search-hit-link').first();
    const href = (await first.getAttribute('href')) ?? '';
    await first.click();
    await page.waitForURL((url) => href.startsWith(url.pathname));
    await settled(page);
    await j.shot(page, 'search-opened');

    const count = page.getByTestId('bell-count').locator('.ant-badge-count');
    await count.waitFor();
    expect(Number(await count.innerText())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').waitFor();
    await expect.poll(() => page.getByTestId('bell-item').filter({ hasText: '月报被退回' }).count()).toBe(1);
    await settled(page);
    await j.shot(page, 'bell-open');
    await page.getByTestId('bell-view-all').click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    await page.getByTestId('notification-item').first().waitFor();
    await settled(page);
    await j.shot(page, 'notifications-page');
  }, 120_000);
});
