import type { Principal } from '../../access/principal.js';
import { fromJson, toBool } from '../../db/dialect.js';
import type { ProjectRow } from '../../db/types.js';
import { assignmentAbilities, type RoundRights, roundAbilities } from './reviews.policy.js';
import type { AssignmentRow, RoundRow } from './reviews.repo.js';
import {
  type AssignmentDto,
  CONFLICT_KINDS,
  type ConflictDto,
  type Criterion,
  type ReviewProjectDto,
  ROUND_KINDS,
  type RoundDto,
} from './reviews.schema.js';

const oneOf = <T extends string>(values: readonly T[], v: string, fallback: T): T =>
  values.find((x) => x === v) ?? fallback;

export const rubricOf = (row: RoundRow): Criterion[] => fromJson<Criterion[]>(row.rubric, []);

/** Round row → API shape; the managing side also gets the projects and experts. */
export function presentRound(
  row: RoundRow,
  rights: RoundRights,
  extra: Pick<RoundDto, 'projectCount' | 'expertCount' | 'projects' | 'experts'>,
): RoundDto {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    kind: oneOf(ROUND_KINDS, row.kind, 'application'),
    blind: toBool(row.blind),
    expertsPerItem: row.experts_per_item,
    rubric: rubricOf(row),
    orgId: row.org_id,
    status: row.status === 'closed' ? 'closed' : 'open',
    projectCount: extra.projectCount,
    expertCount: extra.expertCount,
    createdAt: row.created_at,
    ...(rights.manage ? { projects: extra.projects, experts: extra.experts } : {}),
    abilities: roundAbilities(rights, row.status),
  };
}

const SCHOOL_ENDING = /(学校|小学|中学|高中|初中|幼儿园|学院|中心|分校|校区)$/;
const PERSON_NAME = /^\p{Script=Han}{2,4}$/u;

/**
 * The ways an applicant writes a name besides in full: a school without its bracketed note (示例区实验小学（示例）)
 * and without the city or district before it (实验小学), a person as 邱老师 or by the given name (毅梦).
 */
export function identityVariants(term: string): string[] {
  const name = term.trim();
  const out = [name];
  const base = name.replace(/[（(][^（）()]*[）)]$/u, '').trim();
  if (base !== name) out.push(base);
  if (SCHOOL_ENDING.test(base)) {
    const cut = Math.max(base.lastIndexOf('市'), base.lastIndexOf('区'), base.lastIndexOf('县'));
    const local = cut >= 0 ? base.slice(cut + 1) : '';
    if (local.length >= 4) out.push(local);
  } else if (PERSON_NAME.test(base)) {
    out.push(`${base[0]}老师`);
    if (base.length >= 3) out.push(base.slice(1));
  }
  return out;
}

/**
 * Blanks out identities (host's and members' names, the school's name, and the short ways they are written: see
 * identityVariants) in text and inside any JSON value: every string is scanned, longest term first, HotCRP-style.
 */
export function identityRedactor(terms: readonly string[]) {
  const list = [...new Set(terms.flatMap(identityVariants).filter((t) => t.trim().length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (s: string) => list.reduce((out, term) => out.split(term).join('***'), s);
  const json = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(json);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
    return v;
  };
  return { text, json };
}

/** Assignment row → API shape; in a blind round an expert sees the title with identities blanked. */
export function presentAssignment(
  row: AssignmentRow,
  round: RoundRow,
  rights: RoundRights,
  principal: Principal,
  identityTerms: readonly string[],
): AssignmentDto {
  const blindFor = toBool(round.blind) && !rights.manage;
  return {
    id: row.id,
    version: row.version,
    roundId: row.round_id,
    projectId: row.project_id,
    expertId: row.expert_id,
    expertName: row.expert_name,
    code: row.code,
    title: blindFor ? identityRedactor(identityTerms).text(row.title) : row.title,
    submitted: row.submitted_at !== null,
    submittedAt: row.submitted_at,
    total: row.total === null ? null : Number(row.total),
    scores: row.scores === null ? null : fromJson<Record<string, number>>(row.scores, {}),
    comment: row.comment,
    abilities: assignmentAbilities(principal, rights, row, round.status),
  };
}

/** A file's anonymous name in a blind round: `<code>-<category>-<n>.<ext>`. */
export function blindFileName(code: string, category: string, n: number, original: string): string {
  const dot = original.lastIndexOf('.');
  const ext = dot > 0 ? original.slice(dot + 1).toLowerCase() : '';
  const safeExt = /^[a-z0-9]{1,10}$/.test(ext) ? `.${ext}` : '';
  return `${code}-${category}-${n}${safeExt}`;
}

/**
 * The files of a project as a reviewer sees them, in the repository's order (category, upload
 * time): blind, each gets `<code>-<category>-<n>.<ext>`, numbered within its category.
 * The listing and the download both name files through this, so they always agree.
 */
export function reviewFileNames(
  code: string,
  files: readonly { id: string; category: string; original_name: string }[],
  blind: boolean,
): { id: string; category: string; name: string }[] {
  const counters = new Map<string, number>();
  return files.map((f) => {
    const n = (counters.get(f.category) ?? 0) + 1;
    counters.set(f.category, n);
    return {
      id: f.id,
      category: f.category,
      name: blind ? blindFileName(code, f.category, n, f.original_name) : f.original_name,
    };
  });
}

export interface ProjectIdentity {
  hostName: string;
  schoolName: string;
  members: { name: string; role: string }[];
}

/**
 * The project as the reviewer sees it. Blind: no host, members, school or original file names,
 * and those names are blanked out of the text; otherwise they are shown.
 */
export function presentReviewProject(
  assignmentId: string,
  code: string,
  project: ProjectRow,
  files: { id: string; category: string; original_name: string }[],
  who: ProjectIdentity,
  blind: boolean,
): ReviewProjectDto {
  const sections = fromJson<Record<string, unknown>>(project.sections, {});
  const expectedOutcomes = fromJson<unknown[]>(project.expected_outcomes, []);
  const shownFiles = reviewFileNames(code, files, blind);
  const base = {
    assignmentId,
    code,
    blind,
    level: project.level,
    kind: project.kind,
    files: shownFiles,
  };
  if (blind) {
    const r = identityRedactor([who.hostName, who.schoolName, ...who.members.map((m) => m.name)]);
    return {
      ...base,
      title: r.text(project.title),
      subject: project.subject === null ? null : r.text(project.subject),
      sections: Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, r.json(v)])),
      expectedOutcomes: expectedOutcomes.map(r.json),
    };
  }
  return {
    ...base,
    title: project.title,
    subject: project.subject,
    sections,
    expectedOutcomes,
    hostName: who.hostName,
    members: who.members,
    schoolName: who.schoolName,
  };
}

/** Conflict row → API shape. */
export function presentConflict(
  row: {
    id: string;
    expert_id: string;
    expert_name: string;
    person_id: string | null;
    person_name: string | null;
    org_id: string | null;
    org_name: string | null;
    kind: string;
    note: string | null;
    created_at: string;
  },
  mayDelete: boolean,
): ConflictDto {
  return {
    id: row.id,
    expertId: row.expert_id,
    expertName: row.expert_name,
    personId: row.person_id,
    personName: row.person_name,
    orgId: row.org_id,
    orgName: row.org_name,
    kind: oneOf(CONFLICT_KINDS, row.kind, 'other'),
    note: row.note,
    createdAt: row.created_at,
    abilities: { delete: mayDelete },
  };
}
