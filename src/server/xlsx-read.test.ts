import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../test/zip.js';
import { readFirstSheet } from './xlsx-read.js';

/** What the imports made of an ExcelJS cell value before: the reference the light reader must match. */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

/** The first sheet as ExcelJS's workbook model reads it, in readFirstSheet's shape. */
async function viaExcelJs(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer);
  const rows = new Map<number, Map<number, string>>();
  wb.worksheets[0]?.eachRow((row, n) => {
    const cells = new Map<number, string>();
    row.eachCell((cell, col) => {
      const text = cellText(cell.value);
      if (text) cells.set(col, text);
    });
    rows.set(n, cells);
  });
  return rows;
}

/** Rows without their empty ones, as plain objects for a readable comparison. */
const plain = (rows: Map<number, Map<number, string>>) =>
  Object.fromEntries(
    [...rows].filter(([, cells]) => cells.size > 0).map(([n, cells]) => [n, Object.fromEntries(cells)]),
  );

describe('the light .xlsx reader of the imports', () => {
  it('reads every kind of cell exactly as the ExcelJS workbook model did', async () => {
    const wb = new ExcelJS.Workbook();
    // The first tab is the one read, whatever was added first.
    const later = wb.addWorksheet('说明');
    later.getCell('A1').value = '不是这张表';
    const ws = wb.addWorksheet('名册');
    (wb.worksheets[1] as unknown as { orderNo: number }).orderNo = 0;
    ws.addRow(['姓名*', '出生日期*', '字数', '备注']);
    ws.addRow(['  王晓燕 ', new Date(Date.UTC(1990, 1, 3)), 4200, 'A & B <c> "d" \'e\'']);
    ws.addRow(['李明', new Date(Date.UTC(2023, 11, 31, 23, 0)), 1234.5, '😀 𠀋 第二行\n换行']);
    ws.addRow(['', null, -0.000125, true]);
    ws.getCell('A5').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] };
    ws.getCell('B5').value = { formula: 'DATE(2024,5,20)', result: new Date(Date.UTC(2024, 4, 20)) };
    ws.getCell('C5').value = { formula: '1+1', result: 2 };
    ws.getCell('D5').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('A6').value = { formula: 'A1&""', result: '公式文本' };
    ws.getCell('B6').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('C6').value = 13800138000;
    ws.getCell('D6').value = false;
    // A date written as a number with custom formats, and numbers in formats that are not dates.
    ws.getCell('B7').value = 45000;
    ws.getCell('B7').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('C7').value = 0.25;
    ws.getCell('C7').numFmt = '0%';
    ws.getCell('D7').value = 1234567;
    ws.getCell('D7').numFmt = '#,##0';
    ws.getCell('B8').value = 45000.5;
    ws.getCell('B8').numFmt = '[$-409]yyyy-mm-dd hh:mm;@';
    ws.getCell('C8').value = 3;
    ws.getCell('C8').numFmt = '[Red]0.00';
    // A gap of empty rows, then a row with only a far column.
    ws.getCell('AB20').value = '远处';
    for (const useSharedStrings of [true, false]) {
      const data = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings }));
      const light = readFirstSheet(data);
      expect(plain(light), `shared strings: ${useSharedStrings}`).toEqual(plain(await viaExcelJs(data)));
      expect(light.get(2)?.get(1)).toBe('王晓燕');
      expect(light.get(7)?.get(2)).toBe('2023-03-15');
      expect(light.get(20)?.get(28)).toBe('远处');
    }
  });

  it('reads what other programs write: prefixed XML, inline strings, 1904 dates, absolute part names', () => {
    const part = (xml: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`);
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const data = buildZip([
      {
        name: 'xl/workbook.xml',
        data: part(
          `<x:workbook ${ns} ${rel}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="数据" sheetId="7" r:id="rId3"/><x:sheet name="另一张" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: part(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
        ),
      },
      {
        name: 'xl/styles.xml',
        data: part(
          `<x:styleSheet ${ns}><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
        ),
      },
      {
        name: 'xl/sharedStrings.xml',
        data: part(
          `<x:sst ${ns}><x:si><x:t>姓名</x:t></x:si><x:si><x:r><x:t xml:space="preserve">张 </x:t></x:r><x:r><x:t>三</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ちょう</x:t></x:rPh></x:si></x:sst>`,
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', data: part(`<x:worksheet ${ns}><x:sheetData/></x:worksheet>`) },
      {
        name: 'xl/worksheets/data.xml',
        data: part(
          `<x:worksheet ${ns}><x:sheetData>` +
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>出生日期</x:t></x:is></x:c></x:row>' +
            '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="1"><x:v>31811</x:v></x:c><x:c r="C3" t="str"><x:f>X</x:f><x:v>&#x4E00;&amp;二</x:v></x:c><x:c r="D3" t="d"><x:v>2024-05-20T00:00:00</x:v></x:c></x:row>' +
            '<x:row r="4"><x:c t="inlineStr"><x:is><x:t>无位置</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row>' +
            '</x:sheetData></x:worksheet>',
        ),
      },
    ]);
    const rows = readFirstSheet(data);
    expect(plain(rows)).toEqual({
      1: { 1: '姓名', 2: '出生日期' },
      // 31811 in the 1904 system is 1991-02-04 (day 0 is 1904-01-01); the phonetic run is not part of the name.
      3: { 1: '张 三', 2: '1991-02-04', 3: '一&二', 4: '2024-05-20' },
      4: { 1: '无位置', 2: '7' },
    });
  });

  it('refuses what is not a workbook', () => {
    expect(() => readFirstSheet(Buffer.from('not a zip at all, just text'))).toThrow();
    expect(() => readFirstSheet(buildZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]))).toThrow(
      /no workbook/,
    );
  });
});
