import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/database.js';
import { loadDemo } from '../../src/server/demo/demo.js';

export const SHOTS = path.resolve('.screenshots');
const WEB_DIR = path.resolve('dist/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app on a fresh SQLite file with the demo loaded, listening on a free port, plus a browser. */
export async function startJourney(opts: Pick<AppOptions, 'scanner'> = {}) {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-e2e-'));
  const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'e2e.db') });
  await migrateToLatest(database);
  await bootstrap(database, 'Admin12345');
  await loadDemo(database);
  const { app, jobs } = await buildApp({ database, webDir: WEB_DIR, strict: true, ...opts });
  jobs.start(300);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    dir,
    browser,
    async newPage(viewport = { width: 1366, height: 860 }): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      return context.newPage();
    },
    /** A full-page screenshot, taken from the top: scrolled, the sticky menu was drawn halfway down the page. */
    async shot(page: Page, name: string) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    async stop() {
      jobs.stop();
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Journey = Awaited<ReturnType<typeof startJourney>>;

/** Logs in through the login page. */
export async function loginAs(j: Journey, page: Page, username: string, password: string) {
  await page.goto(`${j.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Picks an option of an antd Select (the select found by its test id or a locator) and waits until the select
 * shows it. A click on an option of a dropdown still opening (or on the one before it, still closing) can miss
 * under a loaded CI machine; the select then kept its default and a later step waited on the wrong record.
 */
export async function choose(page: Page, select: string | Locator, label: string | RegExp) {
  const target = typeof select === 'string' ? page.getByTestId(select) : select;
  // What the select shows as chosen (antd 6: a single select's content with its value, a multiple one's items).
  const root = target.locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const shown = root.locator('.ant-select-content-has-value, .ant-select-selection-item').filter({ hasText: label });
  for (let attempt = 1; ; attempt++) {
    try {
      await target.click();
      // The dropdown can close under the click (a re-render while it animates): then the option is never visible
      // again. A short wait, and the next attempt opens it afresh.
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: label })
        .first()
        .click({ timeout: 5000 });
      await shown.first().waitFor({ timeout: 3000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
