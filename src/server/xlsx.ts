import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);
let loaded: typeof ExcelJS | undefined;

/**
 * ExcelJS, loaded by the first workbook a process reads or writes: it holds 18 MB of a process's memory, which a
 * process that never makes one (most of a cluster's workers, most of the time) need not hold.
 */
export function excel(): typeof ExcelJS {
  loaded ??= require('exceljs') as typeof ExcelJS;
  return loaded;
}

/** A column of a written sheet: its header, the key rows name it by, and its width. */
export interface SheetColumn {
  header: string;
  key: string;
  width: number;
}

/** A sheet being written: rows go out as they are added. */
export interface StreamedSheet {
  add(row: Record<string, unknown>): void;
  /** No more rows (a sheet not ended is ended by `finish`). */
  end(): void;
}

/**
 * A workbook written as its rows are added (ExcelJS's streaming writer): only the file's bytes are held, never a
 * model of every cell. A city's compliance sheet (194,000 rows) took 1.3 GB of heap as a model, 155 MB so.
 * Sheets are stored in the order they are opened; rows of a later sheet wait, as text, for the earlier to end.
 * Each sheet's header row is bold and frozen.
 */
export function streamedWorkbook(title?: string) {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = finished(sink);
  // awaited by `finish`; a workbook given up half-way must not leave a rejection nobody handles
  ended.catch(() => undefined);
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: sink, useStyles: true, useSharedStrings: false });
  if (title) wb.title = title;
  const open: ExcelJS.Worksheet[] = [];
  return {
    sheet(name: string, columns: readonly SheetColumn[]): StreamedSheet {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = columns.map(({ key, width }) => ({ key, width }));
      const header = ws.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      open.push(ws);
      return {
        add: (row) => ws.addRow(row).commit(),
        end: () => {
          const i = open.indexOf(ws);
          if (i >= 0) {
            open.splice(i, 1);
            ws.commit();
          }
        },
      };
    },
    /** Ends every sheet still open and gives the file. */
    async finish(): Promise<Buffer> {
      for (const ws of open.splice(0)) ws.commit();
      await wb.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
