import type { Readable } from 'node:stream';
import archiver from 'archiver';
import { today } from '../../calendar.js';
import type { FileStore } from '../../storage/file-store.js';
import { excel } from '../../xlsx.js';
import type { ProjectDocumentHeader } from '../projects/projects.repo.js';
import { LEVEL_LABELS, STAGE_LABELS } from '../projects/projects.workflow.js';
import { archiveStageOf, categoryOf } from './files.presenter.js';
import type { FileRow } from './files.repo.js';
import {
  ARCHIVE_STAGE_LABELS,
  ARCHIVE_STAGES,
  type ArchiveStage,
  CATEGORIES,
  CATEGORY_LABELS,
  type Category,
} from './files.schema.js';
import { DOCX_MIME, extensionOf } from './files.types.js';

/**
 * The dossier (课题档案): every archive file in folders by phase then category
 * (`01-申报/申报书/…`), with a table of contents as `index.html` and `目录.xlsx`.
 */

/** One file of the dossier with its place in the zip. */
export interface DossierEntry {
  folder: string;
  name: string;
  size: number;
  /** Upload date, China time, YYYY-MM-DD. */
  date: string;
  storageKey: string;
  mime: string;
  /** The record exists but its bytes are not in the store (listed, not packed). */
  missing: boolean;
  /** The bytes of a document the system wrote (a report in Word), packed instead of a stored file. */
  content?: Buffer;
}

/** A document the system writes into the dossier (the project's reports), placed like an upload of its category. */
export interface GeneratedDoc {
  stage: ArchiveStage;
  /** The category whose folder it joins; null for a folder of its own (`folder`) after the stage's categories. */
  category: Category | null;
  folder: string;
  name: string;
  content: Buffer;
  /** YYYY-MM-DD, China time. */
  date: string;
}

/** What the table of contents says about the project. */
export type DossierHeader = ProjectDocumentHeader;

const UNFILED = `${String(ARCHIVE_STAGES.length + 1).padStart(2, '0')}-未分阶段`;
/** Characters that some unzip tools refuse in a name. */
const zipSafe = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_') || '未命名';

function folderOf(row: FileRow): { folder: string; order: number } {
  const stage = archiveStageOf(row.stage);
  const category = categoryOf(row.category);
  const stageIndex = stage ? ARCHIVE_STAGES.indexOf(stage) : ARCHIVE_STAGES.length;
  const stageFolder = stage ? `${String(stageIndex + 1).padStart(2, '0')}-${ARCHIVE_STAGE_LABELS[stage]}` : UNFILED;
  return {
    folder: `${stageFolder}/${CATEGORY_LABELS[category]}`,
    order: stageIndex * 100 + CATEGORIES.indexOf(category),
  };
}

/** `name (2).ext`, `name (3).ext`, … until the name is free in its folder (case-insensitively). */
function uniqueName(name: string, taken: Set<string>): string {
  const ext = extensionOf(name);
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${ext ? `.${ext}` : ''}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function generatedFolder(doc: GeneratedDoc): { folder: string; order: number } {
  const stageIndex = ARCHIVE_STAGES.indexOf(doc.stage);
  const stageFolder = `${String(stageIndex + 1).padStart(2, '0')}-${ARCHIVE_STAGE_LABELS[doc.stage]}`;
  return {
    folder: `${stageFolder}/${doc.category ? CATEGORY_LABELS[doc.category] : doc.folder}`,
    order: stageIndex * 100 + (doc.category ? CATEGORIES.indexOf(doc.category) : 99),
  };
}

/**
 * Places the files: folders in phase then category order, the system's documents first in their folder, then
 * uploads by upload time; duplicate names suffixed.
 */
export function planDossier(rows: (FileRow & { missing: boolean })[], generated: GeneratedDoc[] = []): DossierEntry[] {
  const docs = generated.map((doc, i) => ({ i: i - generated.length, ...generatedFolder(doc), make: () => doc }));
  const uploads = rows.map((row, i) => ({ i, ...folderOf(row), make: () => row }));
  const placed = [...docs, ...uploads].sort((a, b) => a.order - b.order || a.i - b.i);
  const taken = new Map<string, Set<string>>();
  return placed.map((p) => {
    const names = taken.get(p.folder) ?? new Set<string>();
    taken.set(p.folder, names);
    const item = p.make();
    if ('content' in item) {
      return {
        folder: p.folder,
        name: uniqueName(zipSafe(item.name), names),
        size: item.content.length,
        date: item.date,
        storageKey: '',
        mime: DOCX_MIME,
        missing: false,
        content: item.content,
      };
    }
    return {
      folder: p.folder,
      name: uniqueName(zipSafe(item.original_name), names),
      size: Number(item.size),
      date: today(new Date(item.created_at)),
      storageKey: item.storage_key,
      mime: item.mime,
      missing: item.missing,
    };
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const hrefOf = (e: DossierEntry) => [...e.folder.split('/'), e.name].map(encodeURIComponent).join('/');

/** A readable size: 1.2 MB, 35 KB, 120 B. */
export function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const labelOf = <K extends string>(labels: Record<K, string>, key: string) =>
  Object.entries<string>(labels).find(([k]) => k === key)?.[1] ?? key;

/** The facts printed above the table: label and value. */
function headerLines(h: DossierHeader): [string, string][] {
  return [
    ['课题名称', h.title],
    ['立项编号', h.number ?? '（未立项）'],
    ['主持人', h.host_name],
    ['所在单位', h.school_name],
    ['课题级别', labelOf(LEVEL_LABELS, h.level)],
    ['当前阶段', labelOf(STAGE_LABELS, h.stage)],
  ];
}

/** The table of contents as a standalone HTML page (every value escaped; links open the packed files). */
export function indexHtml(h: DossierHeader, entries: DossierEntry[]): string {
  const facts = headerLines(h)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  const rows = entries
    .map((e, i) => {
      const name = e.missing
        ? `${escapeHtml(e.name)}（文件缺失）`
        : `<a href="${escapeHtml(hrefOf(e))}">${escapeHtml(e.name)}</a>`;
      return `<tr><td>${i + 1}</td><td>${escapeHtml(e.folder)}</td><td>${name}</td><td>${humanSize(e.size)}</td><td>${e.date}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(h.title)} — 课题档案目录</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #999;padding:4px 8px;text-align:left}</style>
</head><body>
<h1>课题档案目录</h1>
<table>
${facts}
</table>
<table>
<thead><tr><th>序号</th><th>目录</th><th>文件名</th><th>大小</th><th>上传日期</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>共 ${entries.length} 个文件。</p>
</body></html>
`;
}

/** The same table of contents as a workbook. */
export async function indexXlsx(h: DossierHeader, entries: DossierEntry[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet('目录');
  for (const line of headerLines(h)) ws.addRow(line);
  ws.addRow([]);
  const head = ws.addRow(['序号', '目录', '文件名', '大小', '上传日期']);
  head.font = { bold: true };
  for (const [i, e] of entries.entries()) {
    ws.addRow([i + 1, e.folder, e.missing ? `${e.name}（文件缺失）` : e.name, humanSize(e.size), e.date]);
  }
  ws.columns.forEach((c, i) => {
    c.width = [8, 28, 48, 12, 14][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Already-compressed types are stored as they are, everything else deflated. */
const COMPRESSED = /^(image\/(jpeg|png|gif|webp)|audio\/|video\/|application\/(zip|vnd\.openxmlformats))/;

/**
 * The zip as a stream: the two tables of contents first, then every stored file, each read from
 * the store only when the archiver reaches it.
 */
export async function dossierStream(store: FileStore, h: DossierHeader, entries: DossierEntry[]): Promise<Readable> {
  const xlsx = await indexXlsx(h, entries);
  const archive = archiver('zip', { zlib: { level: 6 } });
  archive.append(indexHtml(h, entries), { name: 'index.html' });
  archive.append(xlsx, { name: '目录.xlsx' });
  for (const e of entries) {
    if (e.missing) continue;
    archive.append(e.content ?? store.get(e.storageKey), {
      name: `${e.folder}/${e.name}`,
      date: new Date(`${e.date}T00:00:00+08:00`),
      store: COMPRESSED.test(e.mime),
    });
  }
  archive.finalize().catch((err: unknown) => archive.destroy(err instanceof Error ? err : new Error(String(err))));
  return archive;
}
