import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { streamedWorkbook } from './xlsx.js';

const read = async (data: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
};
const values = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push(Array.isArray(row.values) ? row.values.slice(1) : []));
  return out;
};

describe('a streamed workbook', () => {
  it('writes each sheet’s header (bold, frozen), widths, rows and the title, sheets in the order opened', async () => {
    const wb = streamedWorkbook('一区 2025学年第一学期 达标情况');
    const a = wb.sheet('汇总', [
      { header: '教师', key: 'name', width: 12 },
      { header: '积分', key: 'points', width: 8 },
    ]);
    const b = wb.sheet('明细', [{ header: '项目', key: 'label', width: 60 }]);
    a.add({ name: '王晓燕', points: 12.5 });
    // a later sheet's rows may come before the earlier sheet ends
    b.add({ label: '区级研究课：《我的植物朋友》' });
    a.add({ name: '李明', points: 0 });
    a.end();
    for (let i = 0; i < 3000; i++) b.add({ label: `记录 ${i}` });
    const back = await read(await wb.finish());
    expect(back.title).toBe('一区 2025学年第一学期 达标情况');
    expect(back.worksheets.map((ws) => ws.name)).toEqual(['汇总', '明细']);
    const [sum, detail] = back.worksheets;
    expect(values(sum)).toEqual([
      ['教师', '积分'],
      ['王晓燕', 12.5],
      ['李明', 0],
    ]);
    expect(sum.getRow(1).font?.bold).toBe(true);
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sum.getColumn(1).width).toBe(12);
    expect(detail.getColumn(1).width).toBe(60);
    const rows = values(detail);
    expect(rows).toHaveLength(3002);
    expect(rows[1]).toEqual(['区级研究课：《我的植物朋友》']);
    expect(rows.at(-1)).toEqual(['记录 2999']);
  });

  it('gives a workbook with a header alone when no row is added', async () => {
    const wb = streamedWorkbook();
    wb.sheet('空', [{ header: '姓名', key: 'name', width: 10 }]);
    const back = await read(await wb.finish());
    expect(values(back.worksheets[0])).toEqual([['姓名']]);
  });
});
