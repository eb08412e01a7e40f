/**
 * Memory and time of reading an import sheet: a 5,000-teacher roster read by the imports' reader (`readSheet`, the
 * light reader of src/server/xlsx-read.ts) and by ExcelJS's workbook model, which the imports used before the
 * twentieth round. Each in a fresh process, as the server reads one sheet at a time:
 *
 *   npx tsx bench/sheet-read.ts            # both, three times each, alternating
 *   npx tsx bench/sheet-read.ts light      # one run of one reader (what the above spawns)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS } from '../src/server/modules/people/people.xlsx.js';
import { readSheet } from '../src/server/sheet-import.js';

const SHEET = path.join(os.tmpdir(), 'yanxiu-bench-roster-5000.xlsx');
const rss = () => Number(fs.readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;

async function writeSheet() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  for (let i = 0; i < 5000; i++) {
    const values: Record<string, string | Date> = {
      name: `教师${i}`,
      gender: i % 3 ? '女' : '男',
      birthDate: new Date(Date.UTC(1965 + (i % 37), i % 12, 1 + (i % 28))),
      hireDate: `${1990 + (i % 30)}-09-01`,
      subjects: '语文',
      groups: '语文教研组',
      title: '一级教师',
      employeeNo: `B${String(i + 1).padStart(5, '0')}`,
    };
    ws.addRow(ROSTER_COLUMNS.map((c) => values[c.key] ?? ''));
  }
  fs.writeFileSync(SHEET, Buffer.from(await wb.xlsx.writeBuffer()));
}

async function read(which: string, data: Buffer) {
  const before = rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 2);
  const started = performance.now();
  let rows = 0;
  if (which === 'exceljs') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(data).buffer);
    wb.worksheets[0]?.eachRow(() => {
      rows++;
    });
  } else {
    rows = (await readSheet(data, ROSTER_COLUMNS)).length;
  }
  peak = Math.max(peak, rss());
  clearInterval(timer);
  return { rows, ms: Math.round(performance.now() - started), rise: peak - before };
}

/**
 * Two reads in one process: the first also grows the young generation to what the work needs (a serving process
 * has long done so), the second's rise is what the reader holds on to beyond that.
 */
async function once(which: string) {
  const data = fs.readFileSync(SHEET);
  const first = await read(which, data);
  const second = await read(which, data);
  console.log(JSON.stringify({ which, rows: first.rows, ms: first.ms, rise: first.rise, again: second.rise }));
}

const which = process.argv[2];
if (which) await once(which);
else {
  await writeSheet();
  const me = fileURLToPath(import.meta.url);
  console.log(
    `| reader | rows | ms | RSS rise MB, first read | RSS rise MB, second read |\n| --- | ---: | ---: | ---: | ---: |`,
  );
  for (let round = 0; round < 3; round++) {
    for (const reader of ['light', 'exceljs']) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', me, reader], { encoding: 'utf8' });
      const line = out.stdout.trim().split('\n').at(-1) ?? '';
      const r = JSON.parse(line) as { which: string; rows: number; ms: number; rise: number; again: number };
      console.log(`| ${r.which} | ${r.rows} | ${r.ms} | ${r.rise.toFixed(1)} | ${r.again.toFixed(1)} |`);
    }
  }
  fs.rmSync(SHEET, { force: true });
}
