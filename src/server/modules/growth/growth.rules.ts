import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../errors.js';
import type { GrowthKind } from './growth.schema.js';

/** The kind-dependent fields of a record, as they will be stored. */
export interface KindFields {
  kind: GrowthKind;
  hours: number | null;
  bookKind: string | null;
  url: string | null;
}

/**
 * What each kind requires: training its hours (学时 > 0), a platform its link; a link is http or
 * https only; 必读/选读 belongs to reading.
 */
export function kindFieldProblems(r: KindFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (r.kind === 'training' && !(r.hours !== null && r.hours > 0)) {
    out.push({ field: 'hours', message: '培训须填写大于 0 的学时' });
  }
  if (r.kind === 'platform' && !r.url) out.push({ field: 'url', message: '个人平台须填写链接' });
  if (r.url && !isWebLink(r.url)) out.push({ field: 'url', message: '链接须以 http:// 或 https:// 开头' });
  if (r.bookKind !== null && r.kind !== 'reading') {
    out.push({ field: 'bookKind', message: '只有读书记录可以标注必读/选读' });
  }
  return out;
}

function isWebLink(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Hash of the text with whitespace removed, so a copy of another record is found; null for no text. */
export function textHash(text: string): string | null {
  const normalised = text.replace(/\s+/g, '');
  return normalised ? createHash('sha256').update(normalised).digest('hex') : null;
}
