/**
 * Pure text helpers of full-text search (全文检索): query terms, the plain text of JSON fields and
 * highlighted snippets. Snippets are HTML-escaped except for the <mark> tags around hits.
 */

/** The search terms of a query: whitespace-separated, de-duplicated, at most 5, each at most 50 characters. */
export function queryTerms(q: string): string[] {
  const terms = q
    .trim()
    .split(/\s+/u)
    .filter((t) => t !== '')
    .map((t) => [...t].slice(0, 50).join(''));
  return [...new Set(terms)].slice(0, 5);
}

/** Every string value inside a JSON text (objects and arrays walked), joined by newlines. */
export function plainText(json: string | null | undefined): string {
  if (json == null || json === '') return '';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.trim() !== '') out.push(v.trim());
    } else if (typeof v === 'number') {
      out.push(String(v));
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(value);
  return out.join('\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Lower-cases ASCII only, so string offsets stay the same (as SQLite LIKE and the trigram index fold case). */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** [start, end) ranges of every term's occurrences, merged. */
function hitRanges(text: string, terms: readonly string[]): [number, number][] {
  const hay = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = fold(term);
    if (needle === '') continue;
    for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) {
      ranges.push([i, i + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped text with <mark>…</mark> around each range. */
function markRanges(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * A window of about `width` characters around the first hit in `text`, hits wrapped in <mark> and
 * everything else HTML-escaped; null when the text has no hit.
 */
export function snippet(text: string, terms: readonly string[], width = 80): string | null {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const ranges = hitRanges(flat, terms);
  const first = ranges[0];
  if (!first) return null;
  const start = Math.max(0, Math.min(first[0] - Math.floor(width / 3), flat.length - width));
  const end = Math.min(flat.length, start + width);
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  const body = markRanges(flat.slice(start, end), inside);
  return `${start > 0 ? '…' : ''}${body}${end < flat.length ? '…' : ''}`;
}

/** The snippet of a hit: from the body when it matches there, else the title highlighted, else the body's start. */
export function hitSnippet(title: string, body: string, terms: readonly string[]): string {
  const fromBody = snippet(body, terms);
  if (fromBody !== null) return fromBody;
  const fromTitle = snippet(title, terms);
  if (fromTitle !== null) return fromTitle;
  const flat = body.replace(/\s+/gu, ' ').trim();
  return escapeHtml(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
