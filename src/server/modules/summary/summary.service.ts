import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { SummaryDraftRow } from '../../db/types.js';
import { forbidden, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { Figures, StatsApi } from '../stats/stats.schema.js';
import { summaryDocx } from './summary.docx.js';
import { SummaryRepo, type TermWindow } from './summary.repo.js';
import {
  type SaveSummary,
  SECTION_KEYS,
  SECTION_TITLES,
  type SectionKey,
  type SummaryDto,
  type SummaryQuery,
  type UsedFigure,
} from './summary.schema.js';
import { type SummaryNames, writeSections } from './summary.text.js';
import { resolveFigure, Writer } from './summary.writer.js';

/** A section as stored: the text shown and the machine text it started from. */
interface StoredSection {
  key: SectionKey;
  title: string;
  text: string;
  generated: string;
}

interface Generated {
  title: string;
  sections: StoredSection[];
  figures: UsedFigure[];
  generatedAt: string;
}

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayEnd = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/**
 * The semester summary (学期教科研工作总结): written from the stats figures object and the named
 * records of the scope and term, kept as an editable draft per org and term, exported as Word.
 */
export class SummaryService {
  constructor(
    private readonly database: Database,
    private readonly stats: StatsApi,
  ) {}

  /** The saved draft, or a freshly written one when nothing is saved. */
  async get(ctx: Ctx, q: SummaryQuery): Promise<SummaryDto> {
    const figures = await this.stats.figures(ctx, q.orgId, q.termId);
    const draft = await new SummaryRepo(this.database.db).draft(q.orgId, q.termId);
    const update = await this.canEdit(ctx, q.orgId);
    if (draft) return present(figures, draft, update);
    return presentGenerated(figures, await this.generate(figures), update);
  }

  /** Whether the caller may keep the summary of the org (its path read once). */
  private async canEdit(ctx: Ctx, orgId: string): Promise<boolean> {
    const org = await new SummaryRepo(this.database.db).org(orgId);
    return org !== undefined && allows(ctx.principal, 'plan.manage', [org.path]);
  }

  /** Saves edits; with `regenerate` writes the text again, keeping edited sections unless `overwrite`. */
  async save(ctx: Ctx, q: SummaryQuery, body: SaveSummary): Promise<SummaryDto> {
    const figures = await this.stats.figures(ctx, q.orgId, q.termId);
    if (!(await this.canEdit(ctx, q.orgId))) throw forbidden('只有本单位教科室（或上级教研部门）可以修改工作总结');
    const existing = await new SummaryRepo(this.database.db).draft(q.orgId, q.termId);
    const fresh = !existing || body.regenerate ? await this.generate(figures) : null;
    return this.database.db.transaction().execute(async (trx) => {
      const repo = new SummaryRepo(trx);
      const draft = await repo.draft(q.orgId, q.termId);
      if (draft && body.version !== draft.version) throw staleVersion();
      if (!draft && existing) throw staleVersion();
      const now = nowIso();
      let sections = draft ? fromJson<StoredSection[]>(draft.sections, []) : (fresh?.sections ?? []);
      if (draft && fresh) sections = merge(sections, fresh.sections, body.overwrite === true);
      for (const s of body.sections ?? []) {
        sections = sections.map((x) => (x.key === s.key ? { ...x, text: s.text } : x));
      }
      const patch = {
        title: body.title ?? draft?.title ?? fresh?.title ?? '',
        sections: toJson(sections),
        figures: fresh ? toJson(fresh.figures) : (draft?.figures ?? '[]'),
        generated_at: fresh?.generatedAt ?? draft?.generated_at ?? now,
        updated_by: ctx.principal.personId,
        updated_at: now,
      };
      let row: SummaryDraftRow;
      if (draft) {
        if (!(await repo.updateDraft(draft.id, draft.version, patch))) throw staleVersion();
        row = { ...draft, ...patch, version: draft.version + 1 };
      } else {
        row = { id: newId(), org_id: q.orgId, term_id: q.termId, version: 1, created_at: now, ...patch };
        await repo.insertDraft(row);
      }
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: body.regenerate ? 'summary.regenerate' : 'summary.save',
        entity: 'summary_draft',
        entityId: row.id,
        orgId: q.orgId,
        before: draft ? { version: draft.version, sections: fromJson(draft.sections, []) } : undefined,
        after: { version: row.version, sections },
        ip: ctx.ip,
      });
      return present(figures, row, true);
    });
  }

  /** The summary as Word: the saved draft when there is one, else freshly written. */
  async docx(ctx: Ctx, q: SummaryQuery): Promise<{ filename: string; data: Buffer }> {
    const s = await this.get(ctx, q);
    return { filename: `${s.title}.docx`, data: await summaryDocx(s) };
  }

  /** Writes every section from the figures and the named records. */
  private async generate(figures: Figures): Promise<Generated> {
    const names = await this.names(figures);
    const w = new Writer(figures, `${figures.org.id}|${figures.term.id}`);
    const { texts, used } = writeSections(w, names);
    const sections = SECTION_KEYS.map((key) => ({
      key,
      title: SECTION_TITLES[key],
      text: texts[key],
      generated: texts[key],
    }));
    return {
      title: `${figures.org.name}${figures.term.name}教科研工作总结`,
      sections,
      figures: used,
      generatedAt: nowIso(),
    };
  }

  private async names(figures: Figures): Promise<SummaryNames> {
    const repo = new SummaryRepo(this.database.db);
    const org = await repo.org(figures.org.id);
    const path = org?.path ?? '/__none__/';
    const { startsOn, endsOn } = figures.term;
    const w: TermWindow = { from: startsOn, to: endsOn, fromInstant: dayStart(startsOn), toInstant: dayEnd(endsOn) };
    const [steps, lessons, awards, activities, items, next] = await Promise.all([
      repo.projectSteps(path, w),
      repo.researchLessons(path, w),
      repo.awards(path, w),
      repo.activities(path, w),
      repo.planItems(figures.org.id, figures.term.id),
      repo.nextTerm(endsOn),
    ]);
    const authors = await repo.authors([...new Set(awards.map((a) => a.work_id))]);
    const nextItems = next ? await repo.planItems(figures.org.id, next.id) : [];
    return {
      orgName: figures.org.name,
      orgKind: figures.org.kind,
      termName: figures.term.name,
      steps: steps.map((s) => ({ action: s.action, title: s.title, hostName: s.host_name })),
      lessons: lessons.map((l) => ({ teacherName: l.teacher_name, content: l.content })),
      awards: awards.map((a) => ({
        title: a.title,
        authors: authors.get(a.work_id) ?? [],
        competition: a.competition,
        result: a.result,
      })),
      activities: activities.map((a) => ({ kind: a.kind, title: a.title })),
      nextItems: nextItems.map((i) => i.title),
      openItems: items.filter((i) => Number(i.done) !== 1).map((i) => i.title),
    };
  }
}

/** New machine text in; sections the user edited keep their text unless `overwrite`. */
function merge(old: StoredSection[], fresh: StoredSection[], overwrite: boolean): StoredSection[] {
  return fresh.map((f) => {
    const o = old.find((x) => x.key === f.key);
    const edited = o !== undefined && o.text !== o.generated;
    return edited && !overwrite && o ? { ...f, text: o.text } : f;
  });
}

function present(figures: Figures, row: SummaryDraftRow, update: boolean): SummaryDto {
  const sections = fromJson<StoredSection[]>(row.sections, []);
  const used = fromJson<UsedFigure[]>(row.figures, []);
  return {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    orgName: figures.org.name,
    termId: row.term_id,
    termName: figures.term.name,
    title: row.title,
    sections: sections.map((s) => ({ key: s.key, title: s.title, text: s.text, edited: s.text !== s.generated })),
    figures: used,
    generatedAt: row.generated_at,
    stale: used.some((u) => resolveFigure(figures, u.key) !== u.value),
    updatedAt: row.updated_at,
    abilities: { update },
  };
}

function presentGenerated(figures: Figures, g: Generated, update: boolean): SummaryDto {
  return {
    id: null,
    version: null,
    orgId: figures.org.id,
    orgName: figures.org.name,
    termId: figures.term.id,
    termName: figures.term.name,
    title: g.title,
    sections: g.sections.map((s) => ({ key: s.key, title: s.title, text: s.text, edited: false })),
    figures: g.figures,
    generatedAt: g.generatedAt,
    stale: false,
    updatedAt: null,
    abilities: { update },
  };
}
