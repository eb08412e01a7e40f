import { z } from 'zod';
import { pageQuery } from '../shared.schema.js';
import { DOC_TYPES } from './search.index.js';

/** GET /api/search: the query text, an optional type tab and the page. */
export const searchQuery = pageQuery.extend({
  q: z.string().trim().min(1, '请输入要搜索的内容').max(200, '搜索内容不能超过 200 个字符'),
  type: z.enum(DOC_TYPES).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchHit = z.object({
  type: z.enum(DOC_TYPES),
  id: z.string(),
  /** The record's title (reports and files: their project's title; files: the file name). */
  title: z.string(),
  /** HTML: the text around the first hit, hits inside <mark>…</mark>, everything else escaped. */
  snippet: z.string(),
  /** Where the record opens in the web app. */
  link: z.string(),
  orgName: z.string().optional(),
  /** A key of the record's own kind: project stage, report/activity/growth/work kind, file category. */
  kind: z.string().optional(),
  /** Report month, activity/record date, file upload date. */
  date: z.string().optional(),
  /** Reports and files: the file name or the project they belong to. */
  fileName: z.string().optional(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchResult = z.object({
  items: z.array(searchHit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Hits per type, for the tabs. */
  counts: z.record(z.string(), z.number().int()),
});
