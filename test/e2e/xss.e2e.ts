import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { type Journey, loginAs, startJourney } from './harness.js';

/**
 * Hostile text stored through the API renders as text: no script runs, no dialog opens, and the payload is
 * visible literally on every page that shows it.
 */
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const JS_URL = 'javascript:alert(1)';

type Api = (method: string, url: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>;

async function apiAs(j: Journey, username: string): Promise<{ call: Api; userId: string; orgId: string }> {
  const login = await fetch(`${j.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { user, csrfToken } = (await login.json()) as { user: { id: string; orgId: string }; csrfToken: string };
  const call: Api = async (method, url, body) => {
    const res = await fetch(`${j.baseUrl}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return { call, userId: user.id, orgId: user.orgId };
}

type Item = { id: string; version: number; title?: string; name?: string };
const items = (r: { json: Record<string, unknown> }) => (r.json.items ?? []) as Item[];

async function settled(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 8000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

describe('stored XSS payloads render as text (存储型 XSS)', () => {
  let j: Journey;
  let page: Page;
  const dialogs: string[] = [];
  const ids: Record<string, string> = {};
  /** What each stored field holds, to look for on the pages. */
  const stored: Record<string, string> = {};

  beforeAll(async () => {
    j = await startJourney();
    const { call, userId, orgId } = await apiAs(j, 'director');
    const ok = (what: string, r: { status: number; json: Record<string, unknown> }) => {
      if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };

    // A person's name.
    const person = items(await call('GET', '/api/people?pageSize=5'))[0];
    if (!person) throw new Error('no people in the demo');
    stored.person = `甲${IMG}`;
    ok('person', await call('PATCH', `/api/people/${person.id}`, { version: person.version, name: stored.person }));
    ids.person = person.id;

    // A project title (a fresh draft, so no stage rule refuses the edit).
    // A project title: the first demo project whose stage still allows editing it.
    stored.project = `乙${SCRIPT}`;
    for (const p of items(await call('GET', '/api/projects?pageSize=100'))) {
      const r = await call('PATCH', `/api/projects/${p.id}`, { version: p.version, title: stored.project });
      if (r.status === 200) {
        ids.project = p.id;
        break;
      }
    }
    if (!ids.project) throw new Error('no editable project in the demo');

    // An activity title and record.
    stored.activity = `丙${IMG}`;
    stored.activityRecord = `记录${SCRIPT}${JS_URL}`;
    const activity = ok(
      'activity',
      await call('POST', '/api/activities', { kind: 'open_lesson', title: stored.activity, date: '2026-11-20', orgId }),
    );
    ids.activity = String(activity.id);
    ok(
      'activity record',
      await call('PATCH', `/api/activities/${ids.activity}`, {
        version: activity.version,
        record: stored.activityRecord,
      }),
    );

    // A growth record title and text.
    stored.growth = `丁${IMG}`;
    stored.growthText = `正文${SCRIPT}`;
    const growth = ok(
      'growth',
      await call('POST', '/api/growth', {
        kind: 'essay',
        date: '2026-11-18',
        title: stored.growth,
        text: stored.growthText,
      }),
    );
    ids.growth = String(growth.id);

    // Observation notes.
    const rubric = await call('GET', `/api/rubrics?kind=observation&orgId=${orgId}`);
    const scores = Object.fromEntries(((rubric.json.items ?? []) as { key: string }[]).map((r) => [r.key, 4]));
    const teachers = items(await call('GET', '/api/people?pageSize=20')).filter((p) => p.id !== userId);
    stored.observation = `戊${IMG}${JS_URL}`;
    const observation = ok(
      'observation',
      await call('POST', '/api/observations', {
        teacherId: teachers[1]?.id ?? teachers[0]?.id,
        date: '2026-11-19',
        subject: '语文',
        topic: `课题${SCRIPT}`,
        notes: stored.observation,
        scores,
      }),
    );
    ids.observation = String(observation.id);

    // A work title.
    stored.work = `己${SCRIPT}`;
    const work = ok(
      'work',
      await call('POST', '/api/works', { kind: 'paper', title: stored.work, authorIds: [userId], charCount: 3000 }),
    );
    ids.work = String(work.id);

    // A plan item title (the plan of the current term, created when the demo has none).
    const terms = items(await call('GET', '/api/terms')) as (Item & { current?: boolean })[];
    const termId = (terms.find((t) => t.current) ?? terms[0])?.id ?? '';
    let plan = items(await call('GET', `/api/plans?orgId=${orgId}&termId=${termId}`))[0];
    if (!plan) plan = ok('plan', await call('POST', '/api/plans', { orgId, termId })) as unknown as Item;
    stored.plan = `庚${IMG}`;
    ok('plan item', await call('POST', `/api/plans/${plan.id}/items`, { title: stored.plan, month: '2026-11' }));
    ids.plan = plan.id;

    page = await j.newPage();
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await loginAs(j, page, 'director', DEMO_PASSWORD);
  }, 240_000);
  afterAll(async () => j?.stop());

  async function visit(path: string, expected: string[]) {
    await page.goto(`${j.baseUrl}${path}`);
    await settled(page);
    await page
      .waitForFunction((es) => es.every((e) => document.body.innerText.includes(e)), expected, { timeout: 15_000 })
      .catch(() => undefined);
    const text = await page.evaluate(() => document.body.innerText);
    const fired = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    expect(fired, `script ran on ${path}`).toBeUndefined();
    expect(dialogs, `dialog on ${path}`).toEqual([]);
    for (const e of expected) expect(text, `${path} shows ${e}`).toContain(e);
    // No element grew an event handler or a javascript: link from the stored text.
    const injected = await page.evaluate(
      () => document.querySelectorAll('img[onerror], [onerror], a[href^="javascript:"], script:not([src])').length,
    );
    expect(injected, `injected markup on ${path}`).toBe(0);
  }

  it('the people list and the person page show the name as text', async () => {
    await visit(`/people/${ids.person}`, [stored.person]);
    await page.goto(`${j.baseUrl}/people`);
    await settled(page);
    await visit('/people', []);
  });

  it('the project page shows the title as text', async () => {
    await visit(`/projects/${ids.project}`, [stored.project]);
    await j.shot(page, 'xss-project');
    await visit('/projects', []);
  });

  it('the activity page shows title and record as text', async () => {
    await visit(`/activities/${ids.activity}`, [stored.activity, stored.activityRecord]);
  });

  it('the growth pages show title and text as text', async () => {
    await visit(`/growth/${ids.growth}`, [stored.growth, stored.growthText]);
    await visit('/growth', [stored.growth]);
  });

  it('the observation page shows the notes as text', async () => {
    await visit(`/observations/${ids.observation}`, [stored.observation]);
  });

  it('the works list and work page show the title as text', async () => {
    await visit('/works', [stored.work]);
    await visit(`/works/${ids.work}`, [stored.work]);
  });

  it('the plans page shows the item as text', async () => {
    await visit('/plans', [stored.plan]);
  });

  it('search results and the dashboard show the payloads as text', async () => {
    await visit(`/search?q=${encodeURIComponent('己')}`, [stored.work]);
    await j.shot(page, 'xss-search');
    await visit(`/search?q=${encodeURIComponent('<script>')}`, []);
    await visit(`/search?q=${encodeURIComponent(IMG)}`, []);
    await visit('/dashboard', []);
  });
});
