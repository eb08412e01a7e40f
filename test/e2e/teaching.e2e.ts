import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { choose, type Journey, loginAs, SHOTS, startJourney } from './harness.js';

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
  const { user } = (await login.json()) as { user: { id: string; orgId: string } };
  // biome-ignore lint/suspicious/noExplicitAny: test helper over a JSON API
  const get = async (url: string): Promise<any> => {
    const res = await fetch(`${j.baseUrl}${url}`, { headers: { cookie } });
    const json = await res.json().catch(() => null);
    if (res.status >= 400) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { user, get };
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

/** The number on an attendance count tag (“请假 2” → 2). */
async function countOf(page: Page, status: 'present' | 'leave' | 'absent') {
  const text = (await page.getByTestId(`attendance-count-${status}`).innerText()) ?? '';
  return Number(text.replace(/\D+/g, ''));
}

describe('teaching research in the browser (听课 → 考勤 → 成长档案)', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => j?.stop());
  const shot = async (page: Page, name: string) => {
    // from the top, so the sticky side menu sits where it belongs in the full-page picture
    await page.evaluate(() => window.scrollTo(0, 0));
    await settled(page);
    await j.shot(page, name);
  };
  /** What a phone's screen shows (a full-page shot smears the sticky header and the fixed action bar). */
  const screen = async (page: Page, name: string) => {
    await settled(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  // every page a journey opens; on a failure each is photographed (fail-<test>-<n>.png), then closed
  const pages: Page[] = [];
  const track = (page: Page) => {
    pages.push(page);
    return page;
  };
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const [n, page] of pages.entries()) {
      if (failed) await j.shot(page, `fail-t${ctx.task.name.slice(0, 1)}-${n}`).catch(() => undefined);
      await page.context().close();
    }
    pages.length = 0;
  });

  it('1. on a phone a teacher records an observation: picks a colleague, autosaves, scores, submits, sees it in 我听的课', async () => {
    const teacherApi = await apiAs(j, 'teacher');
    const context = await j.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = track(await context.newPage());
    await loginAs(j, page, 'teacher', DEMO_PASSWORD);

    // a colleague of the same school to observe (not the teacher herself)
    const people = await teacherApi.get(`/api/people?orgId=${teacherApi.user.orgId}&pageSize=30`);
    type Colleague = { id: string; name: string; subjects: string[] };
    const others = (people.items as Colleague[]).filter((p) => p.id !== teacherApi.user.id && p.subjects.length > 0);
    const colleague = others.find((p) => p.subjects[0] === '语文') ?? others[0];
    expect(colleague).toBeTruthy();

    /** Searches a colleague by name, as one would on the phone, and taps the match. */
    const pickTeacher = async (name: string) => {
      await page.getByTestId('obs-teacher').click();
      await page.getByTestId('obs-teacher').locator('input').fill(name);
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: name })
        .first()
        .tap();
    };

    await page.goto(`${j.baseUrl}/observations/new`);
    await page.getByTestId('obs-entry').waitFor();
    await page
      .getByTestId('obs-rubric')
      .getByTestId(/^obs-score-/)
      .first()
      .waitFor();
    await screen(page, 't01-phone-entry-empty');

    // Submitting an empty form says what is missing, without first asking to confirm.
    await page.getByTestId('obs-submit').tap();
    await page.locator('.ant-message').filter({ hasText: '提交前请填写：' }).waitFor();
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);

    // A colleague picked by mistake: the draft is saved at once, its teacher fixed; the observer deletes it.
    const wrong = others.find((p) => p.id !== colleague.id) ?? colleague;
    await pickTeacher(wrong.name);
    await page.waitForURL(/\/observations\/[^/]+\/edit$/);
    const mistaken = page.url().split('/').at(-2) ?? '';
    await page.getByTestId('obs-delete-draft').tap();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').tap();
    await page.waitForURL((url) => url.pathname === '/observations');
    const after = await page.evaluate(
      async (draftId) => (await fetch(`/api/observations/${draftId}`, { credentials: 'include' })).status,
      mistaken,
    );
    expect(after).toBe(404);
    await page.goto(`${j.baseUrl}/observations/new`);
    await page.getByTestId('obs-entry').waitFor();

    await pickTeacher(colleague.name);
    // the draft exists on the server from the moment a teacher is chosen
    await page.getByTestId('obs-save-status').filter({ hasText: '已自动保存' }).waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/observations\/[^/]+\/edit$/);
    const id = page.url().split('/').at(-2) ?? '';
    // the subject comes from the colleague's first subject
    await expect(page.getByTestId('obs-subject').inputValue()).resolves.toBe(colleague.subjects[0]);

    await choose(page, 'obs-period', '第3节');
    await page.getByTestId('obs-class').fill('四(2)班');
    const topic = '习作：我的植物朋友（e2e）';
    await page.getByTestId('obs-topic').fill(topic);
    const rubric = await teacherApi.get(`/api/rubrics?kind=observation&orgId=${teacherApi.user.orgId}`);
    const keys: string[] = rubric.items.map((item: { key: string }) => item.key);
    expect(keys).toHaveLength(4);
    const scores = [5, 4, 4, 3];
    for (const [n, key] of keys.entries()) {
      // antd puts the test id on the hidden radio input: tap its button
      await page.locator(`.ant-radio-button-wrapper:has([data-testid="obs-score-${key}-${scores[n]}"])`).tap();
    }
    const notes = '导入从学生带来的植物入手，观察任务单分层清楚；小组交流时个别学生没有发言机会，建议轮流汇报。';
    await page.getByTestId('obs-notes').fill(notes);
    await page.getByText(/总分 16\/\d+/).waitFor();
    await page.getByTestId('obs-save-status').filter({ hasText: '已自动保存' }).waitFor({ timeout: 15_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screen(page, 't02a-phone-entry-top');
    await page.getByTestId('obs-notes').scrollIntoViewIfNeeded();
    await screen(page, 't02b-phone-entry-scored');

    await page.getByTestId('obs-submit').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    // the submit request itself is awaited, so a slow or refused submit says so instead of a missing mark
    const submitted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/observations/${id}/submit`),
    );
    await confirm.locator('.ant-btn-primary').click();
    const answer = await submitted.catch(async (error: unknown) => {
      const shown = await page.locator('.ant-message').allInnerTexts();
      throw new Error(`no submit request after the confirm (messages shown: ${shown.join(' / ') || 'none'}): ${error}`);
    });
    expect(answer.status()).toBe(200);
    await page.getByTestId('obs-done').waitFor();
    await expect(page.getByTestId('obs-done').innerText()).resolves.toContain(colleague.name);
    await screen(page, 't03-phone-submitted');

    await page.goto(`${j.baseUrl}/observations?tab=mine`);
    const row = page.getByTestId('observations-table').locator('tr', { hasText: topic });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('已提交');
    await expect(page.locator('.ant-tabs-tab-active').innerText()).resolves.toBe('我听的课');
    await screen(page, 't04-phone-mine');

    // and the server agrees, asked from the page with its own session
    const listed = await page.evaluate(async (observerId) => {
      const res = await fetch(`/api/observations?observerId=${observerId}&pageSize=100`, { credentials: 'include' });
      return { status: res.status, body: await res.json() };
    }, teacherApi.user.id);
    expect(listed.status).toBe(200);
    const saved = listed.body.items.find((o: { id: string }) => o.id === id);
    expect(saved).toMatchObject({
      status: 'submitted',
      teacherId: colleague.id,
      observerId: teacherApi.user.id,
      topic,
      notes,
      className: '四(2)班',
    });
    expect(Object.values(saved.scores).sort()).toEqual([3, 4, 4, 5]);
  });

  it('2. the director marks one member of a weekly activity 请假; the counts follow and survive a reload', async () => {
    const page = track(await j.newPage({ width: 1366, height: 860 }));
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/activities`);
    await page.getByTestId('activity-row-title').first().waitFor();
    await shot(page, 't05-activities');

    // an activity of this term whose sheet has been taken
    await page.getByTestId('activity-row-title').filter({ hasText: '集体备课' }).first().click();
    await page.waitForURL(/\/activities\/[^/]+$/);
    await page.getByTestId('activity-title-heading').waitFor();
    const sheet = page.getByTestId('attendance-sheet');
    await sheet.locator('.ant-radio-group').first().waitFor();
    await expect(page.getByTestId('attendance-unsaved').count()).resolves.toBe(0);
    const before = { present: await countOf(page, 'present'), leave: await countOf(page, 'leave') };
    expect(before.present).toBeGreaterThan(0);

    // the first member still marked 出席
    const groups = sheet.locator('.ant-radio-group');
    let target = -1;
    for (let n = 0; n < (await groups.count()); n++) {
      const checked = await groups.nth(n).locator('.ant-radio-button-wrapper-checked').innerText();
      if (checked.trim() === '出席') {
        target = n;
        break;
      }
    }
    expect(target).toBeGreaterThanOrEqual(0);
    const group = groups.nth(target);
    const testId = (await group.getAttribute('data-testid')) ?? '';
    await group.locator('.ant-radio-button-wrapper', { hasText: '请假' }).click();
    await page.getByTestId('attendance-unsaved').waitFor();
    await expect(countOf(page, 'present')).resolves.toBe(before.present - 1);
    await expect(countOf(page, 'leave')).resolves.toBe(before.leave + 1);
    await page.getByTestId('attendance-save').click();
    await page.locator('.ant-message-notice', { hasText: /保存/ }).waitFor();
    await page.getByTestId('attendance-unsaved').waitFor({ state: 'detached' });
    await shot(page, 't06-attendance-saved');

    await page.reload();
    await page.getByTestId(testId).waitFor();
    await expect(page.getByTestId(testId).locator('.ant-radio-button-wrapper-checked').innerText()).resolves.toBe(
      '请假',
    );
    await expect(countOf(page, 'present')).resolves.toBe(before.present - 1);
    await expect(countOf(page, 'leave')).resolves.toBe(before.leave + 1);
    await expect(page.getByTestId('attendance-unsaved').count()).resolves.toBe(0);
    await shot(page, 't07-attendance-reloaded');
  });

  it('3. the director opens a teacher’s growth archive: a timeline of several kinds, 八个一, and the Word export', async () => {
    const director = await apiAs(j, 'director');
    // the teacher of the school with the most kinds of growth record
    const records = await director.get('/api/growth?pageSize=200');
    const kindsOf = new Map<string, Set<string>>();
    for (const r of records.items as { personId: string; kind: string }[]) {
      kindsOf.set(r.personId, (kindsOf.get(r.personId) ?? new Set()).add(r.kind));
    }
    const [personId, kinds] = [...kindsOf.entries()].sort((a, b) => b[1].size - a[1].size)[0];
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    const person = await director.get(`/api/people/${personId}`);

    const page = track(await j.newPage({ width: 1366, height: 860 }));
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/people/${personId}/growth`);
    await page.getByTestId('archive-title').waitFor();
    await expect(page.getByTestId('archive-title').innerText()).resolves.toContain(person.name);
    const timeline = page.getByTestId('archive-timeline');
    await timeline.waitFor();
    await page.getByTestId('eight-ones-progress').waitFor();
    await settled(page);

    // growth records of several kinds, and entries from more than one source
    const growthEntries = timeline.getByTestId('archive-entry-growth');
    expect(await growthEntries.count()).toBeGreaterThanOrEqual(kinds.size);
    const tags = new Set(
      (await growthEntries.locator('.ant-tag').allInnerTexts()).filter((text) => text.trim() !== '成长记录'),
    );
    expect(tags.size).toBeGreaterThanOrEqual(3);
    const types = new Set(
      await timeline
        .locator('[data-testid^="archive-entry-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))),
    );
    expect(types.size).toBeGreaterThanOrEqual(2);

    const eight = page.getByTestId('eight-ones');
    await expect(eight.locator('[data-testid^="eight-one-"][data-met]').count()).resolves.toBe(8);
    await expect(page.getByTestId('eight-ones-progress').innerText()).resolves.toMatch(/\d+\s*\/\s*8/);
    await shot(page, 't08-growth-archive');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    expect(head).toBe('PK');
  });
});
