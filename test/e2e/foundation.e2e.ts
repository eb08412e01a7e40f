import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { clamdScanner } from '../../src/server/storage/scanner.js';
import { fakeClamd } from '../clamd.js';
import { xlsxOf } from '../xlsx.js';
import { type Journey, loginAs, startJourney } from './harness.js';

const HEADER = ['姓名*', '性别*', '出生日期*', '入职日期', '任教学科', '教研组/年级组', '职称'];

describe('foundation journey in the browser', () => {
  let j: Journey;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  beforeAll(async () => {
    clamd = await fakeClamd({ port: 0 });
    j = await startJourney({ scanner: clamdScanner({ host: '127.0.0.1', port: clamd.port }, 2000) });
  });
  afterAll(async () => {
    await j?.stop();
    await clamd?.close();
  });

  it('a director imports a roster (a bad row first), finds a teacher, opens the profile and switches to English', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'director', DEMO_PASSWORD);
    // The shot once the home page has drawn (straight after the login it was still blank).
    await page.getByTestId('home-quick-links').waitFor();
    await page.getByTestId('my-compliance-summary').waitFor();
    await j.shot(page, '01-home');
    expect(await page.getByTestId('nav-system').count()).toBe(0);

    await page.getByTestId('nav-people').click();
    await page.waitForURL(/\/people/);
    await page.getByText('语文教研组').first().waitFor();
    await j.shot(page, '02-people');

    const countBefore = Number(
      (
        await j.database.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bad = path.join(j.dir, 'roster-bad.xlsx');
    fs.writeFileSync(
      bad,
      await xlsxOf([
        HEADER,
        ['滕雨桐', '女', '1996-03-08', '2019-08-28', '语文', '语文教研组', '二级教师'],
        ['柏云舟', '男', '1993-02-30', '2016-08-28', '数学', '数学教研组', '一级教师'],
      ]),
    );
    await page.getByTestId('people-import-button').click();
    await page.getByTestId('import-upload').setInputFiles(bad);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await expect(errors.getByText('1993-02-30', { exact: false }).first().isVisible()).resolves.toBe(true);
    await j.shot(page, '03-import-errors');
    const countAfterBad = Number(
      (
        await j.database.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(countAfterBad).toBe(countBefore);

    const good = path.join(j.dir, 'roster-good.xlsx');
    fs.writeFileSync(
      good,
      await xlsxOf([
        HEADER,
        ['滕雨桐', '女', '1996-03-08', '2019-08-28', '语文', '语文教研组', '二级教师'],
        ['柏云舟', '男', '1993-02-28', '2016-08-28', '数学', '数学教研组', '一级教师'],
      ]),
    );
    await page.getByTestId('import-upload').setInputFiles(good);
    await page.getByTestId('import-success').waitFor();
    await j.shot(page, '04-import-success');
    const countAfterGood = Number(
      (
        await j.database.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(countAfterGood).toBe(countBefore + 2);
    await page.keyboard.press('Escape');

    await page.getByTestId('people-search').fill('柏云舟');
    await page.getByRole('link', { name: '柏云舟' }).click();
    await page.getByTestId('person-name').waitFor();
    expect(await page.getByTestId('person-name').textContent()).toContain('柏云舟');
    await page.getByText('数学教研组').first().waitFor();
    await j.shot(page, '05-profile');

    // The audit log says in words what the import did, and to which record.
    await page.getByTestId('nav-audit').click();
    const audit = page.getByTestId('audit-table');
    await audit.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-entity').click();
    await page.getByTestId('audit-entity').locator('input').fill('组织');
    await page.locator('.ant-select-item-option').filter({ hasText: '组织机构' }).first().click();
    const imported = audit.locator('.ant-table-row').filter({ hasText: '导入' }).first();
    await imported.waitFor();
    expect(await imported.innerText()).toContain('组织机构');
    expect(await imported.innerText()).not.toContain('person.import');
    await imported.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('audit-changes').waitFor();
    await j.shot(page, '05b-audit');

    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => (document.body.textContent ?? '').includes('Teachers'));
    await j.shot(page, '06-english');
    const english = (await page.locator('body').textContent()) ?? '';
    expect(english).toContain('Teachers');
    expect(english).not.toContain('教师名册');
  });

  it('the system admin sees the virus scanner checked live and when the last backup was made', async () => {
    const page = await j.newPage();
    await loginAs(j, page, 'admin', 'Admin12345');
    // The admin's home page leads with the system's status.
    await page.getByRole('link', { name: '系统状态与备份' }).click();
    await page.getByTestId('system-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/system');
    const scanner = page.getByTestId('system-scanner');
    await expect.poll(() => scanner.innerText()).toContain('测试病毒检出为 Eicar-Signature');
    expect(await scanner.innerText()).toContain(`clamd 127.0.0.1:${clamd.port}`);
    const backup = page.getByTestId('system-backup');
    expect(await backup.innerText()).toContain('尚无记录');
    expect(await backup.innerText()).toContain('还没有备份记录');
    await j.shot(page, '07-system');

    clamd.state.mode = 'error';
    await page.getByRole('button', { name: '重新检查' }).click();
    await expect.poll(() => scanner.innerText()).toContain('异常');
    expect(await scanner.innerText()).toContain('此时的上传都会被拒绝');
    await page.waitForTimeout(400); // the tag's colour eases from green to red
    await j.shot(page, '08-system-scanner-down');
    // In English the verdict is English too, the scanner's own error quoted inside it.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => scanner.innerText()).toContain('The scanner gave no answer:');
    expect(await scanner.innerText()).toContain('every upload is refused');
    expect(await scanner.innerText()).not.toContain('此时的上传都会被拒绝');
    await j.shot(page, '09-system-scanner-down-en');
    await page.getByTestId('lang-switch').click();
    clamd.state.mode = 'scan';
  });
});
