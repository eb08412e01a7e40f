import { inflateRawSync } from 'node:zlib';

/**
 * A reader of the first sheet of an .xlsx as text, for the imports: the cells' values only, no styles kept, no
 * workbook model. ExcelJS builds an object per cell: a fresh process reading a 5,000-teacher roster rose 47–52 MB
 * in 0.4–0.6 s with it, 27–31 MB in 0.17–0.28 s with this (`bench/sheet-read.ts`, twentieth round). Call it after
 * `assertSafeZip`, which has checked the archive's sizes.
 *
 * What a cell becomes, as `cellText` made of ExcelJS's values: text trimmed, rich text joined, a number as JavaScript
 * writes it, a number in a date format as YYYY-MM-DD, a formula as its cached result, TRUE/FALSE as true/false, an
 * error as ''.
 */

const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** The named entries of a zip, inflated on demand. */
function zipEntries(data: Buffer): Map<string, () => string> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip');
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const out = new Map<string, () => string>();
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error('bad central directory');
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    out.set(name, () => {
      if (data.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error('bad local header');
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const bytes = data.subarray(start, start + compressed);
      if (method === 0) return bytes.toString('utf8');
      if (method === 8) return inflateRawSync(bytes).toString('utf8');
      throw new Error(`zip method ${method}`);
    });
  }
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute of a start tag's text. */
function attr(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    ATTRIBUTES.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlText(m[1]) : undefined;
}

/** The text of every <t> in a piece of XML (phonetic runs left out), as a shared string or inline string reads. */
function runsText(xml: string): string {
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const m of plain.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += xmlText(m[1]);
  return text;
}

// Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ones).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
]);
for (let id = 50; id <= 58; id++) DATE_FORMAT_IDS.add(id);

/** Whether a format code shows a date or time (quoted text, [colours] and escapes aside). */
function isDateCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare);
}

/** For each cell style index (the `s` of a cell), whether its number format is a date. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, attr(m[0], 'formatCode') ?? '');
  }
  const xfs = stylesXml.match(/<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/);
  if (!xfs) return [];
  return [...xfs[1].matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateCode(code) : DATE_FORMAT_IDS.has(id);
  });
}

/** An Excel serial day as YYYY-MM-DD (as ExcelJS turns it into a Date, UTC). */
function serialDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/** Column letters of a cell reference (B12 → 2). */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

/** The part a relationship points to, as a zip entry name (targets are relative to xl/ or absolute). */
function partName(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/**
 * The first sheet (the first tab, in the workbook's order) as rows of cell texts: `rows.get(rowNumber)` maps a
 * column number (1 = A) to the cell's text; empty cells are absent.
 */
export function readFirstSheet(data: Buffer): Map<number, Map<number, string>> {
  const zip = zipEntries(data);
  const read = (name: string) => zip.get(name)?.();
  const workbook = read('xl/workbook.xml');
  if (!workbook) throw new Error('no workbook');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904="(1|true)"/.test(workbook);
  const firstSheet = workbook.match(/<(?:\w+:)?sheet\s[^>]*>/);
  const rows = new Map<number, Map<number, string>>();
  if (!firstSheet) return rows;
  const relId = firstSheet[0].match(/\s(?:\w+:)?id="([^"]*)"/)?.[1];
  const rels = read('xl/_rels/workbook.xml.rels') ?? '';
  const rel = [...rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)].find((m) => attr(m[0], 'Id') === relId);
  const target = rel ? attr(rel[0], 'Target') : undefined;
  const sheet = target ? read(partName(target)) : undefined;
  if (!sheet) throw new Error('no first sheet');

  const shared: string[] = [];
  const sst = read('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)) shared.push(runsText(m[1]));
  const dates = dateStyles(read('xl/styles.xml'));

  let rowNumber = 0;
  for (const row of sheet.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = row[1].match(/\sr="(\d+)"/);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const cells = new Map<number, string>();
    let column = 0;
    for (const cell of (row[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const tag = ` ${cell[1]}`;
      const ref = attr(tag, 'r');
      column = ref ? columnOf(ref) : column + 1;
      const body = cell[2] ?? '';
      const type = attr(tag, 't') ?? 'n';
      const v = body.match(/<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/)?.[1];
      let text = '';
      if (type === 'inlineStr') text = runsText(body.match(/<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/)?.[1] ?? '');
      else if (v === undefined) text = '';
      else if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'str') text = xmlText(v);
      else if (type === 'b') text = v === '1' ? 'true' : 'false';
      else if (type === 'e') text = '';
      else if (type === 'd') text = xmlText(v).slice(0, 10);
      else {
        const n = Number(v);
        const style = Number(attr(tag, 's') ?? 0);
        text = Number.isNaN(n) ? xmlText(v) : dates[style] ? serialDate(n, date1904) : String(n);
      }
      text = text.trim();
      if (text) cells.set(column, text);
    }
    rows.set(rowNumber, cells);
  }
  return rows;
}
