import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../../test/zip.js';
import { AppError } from '../errors.js';
import { assertSafeZip, OFFICE_ZIP_LIMITS } from './zip-guard.js';

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
}

describe('zip guard', () => {
  it('lets a real workbook through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名', '性别']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(codeOf(() => assertSafeZip(data))).toBeNull();
  });

  it('refuses a zip bomb: parts that add up beyond the limit though the file is small', () => {
    const part = Buffer.alloc(9 * 1024 * 1024);
    const bomb = buildZip(Array.from({ length: 6 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: part })));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const limits = { ...OFFICE_ZIP_LIMITS, maxUncompressedBytes: 50 * 1024 * 1024 };
    expect(codeOf(() => assertSafeZip(bomb, limits))).toBe('too_large');
    expect(codeOf(() => assertSafeZip(bomb.subarray(0, bomb.length)))).toBeNull();
  });

  it('refuses one big entry that inflates far beyond any real sheet', () => {
    const bomb = buildZip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) }]);
    expect(codeOf(() => assertSafeZip(bomb))).toBe('too_large');
  });

  it('refuses bytes that are not a zip at all, and a directory that claims too many parts', () => {
    expect(codeOf(() => assertSafeZip(Buffer.from('<html>not a workbook</html>')))).toBe('invalid');
    const many = buildZip(Array.from({ length: 5001 }, (_, i) => ({ name: `p${i}`, data: Buffer.from('x') })));
    expect(codeOf(() => assertSafeZip(many))).toBe('too_large');
  });
});
