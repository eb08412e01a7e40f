import { bookTitle } from '../../book-title.js';
import type { Figures } from '../stats/stats.schema.js';
import type { UsedFigure } from './summary.schema.js';

/**
 * The pen of the semester summary: every number it writes is read from the stats figures object by
 * path and recorded, so the text can state nothing the dashboard does not show. Wording variants are
 * picked by a hash of the scope, the term and the sentence, so the same scope and term always read
 * the same and different schools do not read alike.
 */

/** FNV-1a, 32 bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The value at a path of the figures object: 'awards.byLevel.city'; inside arrays a segment names
 * the element by its id (`competitionId`, `rule`, `layer`, `orgId`): 'awards.byCompetition.<id>.awards'.
 */
export function resolveFigure(figures: unknown, key: string): number | undefined {
  let cur: unknown = figures;
  for (const seg of key.split('.')) {
    if (Array.isArray(cur)) {
      cur = cur.find(
        (x) => isRecord(x) && (x.competitionId === seg || x.rule === seg || x.layer === seg || x.orgId === seg),
      );
    } else if (isRecord(cur)) {
      cur = cur[seg];
    } else {
      return undefined;
    }
  }
  return typeof cur === 'number' ? cur : undefined;
}

/** A rate 0..1 as the summary and the dashboard print it: one decimal ('42.9', '100.0'). */
export const percent = (rate: number) => (rate * 100).toFixed(1);

/** A quantity (training hours) with at most one decimal. */
export const quantity = (v: number) => String(Math.round(v * 10) / 10);

export class Writer {
  readonly used: UsedFigure[] = [];

  constructor(
    private readonly figures: Figures,
    private readonly seed: string,
  ) {}

  /** Reads a figure without stating it (for decisions: is there anything to say?). */
  get(key: string): number {
    return resolveFigure(this.figures, key) ?? 0;
  }

  private record(key: string, label: string, display: string): string {
    const value = this.get(key);
    if (!this.used.some((u) => u.key === key)) this.used.push({ key, label, value, display });
    return display;
  }

  /** States a count: '12'. */
  n(key: string, label: string): string {
    return this.record(key, label, String(this.get(key)));
  }

  /** States a rate as a percentage: '42.9%'. */
  pct(key: string, label: string): string {
    return `${this.record(key, label, `${percent(this.get(key))}%`)}`;
  }

  /** States a quantity with one decimal at most: '12.5'. */
  qty(key: string, label: string): string {
    return this.record(key, label, quantity(this.get(key)));
  }

  /** The competitions with awards in the term, in the figures' order. */
  competitions() {
    return this.figures.awards.byCompetition.filter((c) => c.awards > 0);
  }

  /** The compliance rules of the term (none when the rules module gave nothing). */
  complianceRules() {
    return this.figures.compliance?.rules ?? [];
  }

  /** One of the variants, the same one every time for this scope, term and sentence. */
  pick<T>(sentence: string, variants: readonly T[]): T {
    return variants[hash(`${this.seed}|${sentence}`) % variants.length];
  }
}

/** Chinese ordinals for 一是……二是…… and （一）（二）. */
export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 'A、B和C'. */
export function joinList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('、')}和${parts[parts.length - 1]}`;
}

/** 《A》《B》等 (at most `max`, with 等 when some are left out). */
export function titles(list: readonly string[], max = 3): string {
  const unique = [...new Set(list)];
  const shown = unique.slice(0, max).map((t) => bookTitle(t));
  return `${shown.join('')}${unique.length > max ? '等' : ''}`;
}

/** 全校 / 全区 / 全市: how the text names the scope. */
export const scopeWord = (kind: string) =>
  kind === 'school' ? '全校' : kind === 'district' ? '全区' : kind === 'province' ? '全省' : '全市';
