import { fromJson } from '../../db/dialect.js';
import { KIND_LABELS } from '../calls/calls.schema.js';
import { TITLE_LABELS } from '../people/people.schema.js';
import { LEVEL_LABELS } from '../projects/projects.workflow.js';
import type { ExportMemberRow, ExportPersonRow, ExportProjectRow } from './exports.repo.js';

/**
 * The 申报书 as plain data with every label resolved, and its anonymous twin, the 评审活页.
 * The Word layout (exports.docx.ts) only prints what these objects hold, so what the review
 * sheet cannot contain is decided here, once.
 */

export interface FormSections {
  /** 选题意义 */
  significance: string;
  /** 研究目标与内容 */
  goals: string;
  /** 研究方法 */
  methods: string;
  /** 研究步骤 */
  steps: string;
  /** 经费预算 (optional) */
  budget: string;
}

/** What both documents print about the research itself. */
export interface ResearchPart {
  title: string;
  levelLabel: string;
  kindLabel: string;
  subject: string;
  period: string;
  outcomes: { kind: string; count: number }[];
  sections: FormSections;
}

export interface ApplicationForm extends ResearchPart {
  /** e.g. 测试市教育科学规划课题申报书 */
  heading: string;
  callTitle: string | null;
  number: string | null;
  school: string;
  filledOn: string;
  host: { name: string; gender: string; birthDate: string; title: string; phone: string; unit: string };
  members: { name: string; unit: string; title: string; role: string }[];
}

export interface ReviewSheet extends ResearchPart {
  /** The project number, or a short code when there is none: never a name. */
  code: string;
}

const ROLE_LABELS: Record<string, string> = { host: '主持人', core: '核心成员', member: '成员' };
const OUTCOME_LABELS: Record<string, string> = {
  paper: '论文',
  lesson: '研究课',
  report: '研究报告',
  case: '案例',
  courseware: '课件',
  lesson_plan: '教案',
  book: '专著',
  video: '课堂实录',
  other: '其他',
};
const GENDER_LABELS: Record<string, string> = { male: '男', female: '女' };

const labelOf = (labels: Readonly<Record<string, string>>, key: string | null) =>
  key ? (Object.hasOwn(labels, key) ? labels[key] : key) : '';
const text = (v: unknown) => (typeof v === 'string' ? v : '');

function sectionsOf(json: string): FormSections {
  const raw = fromJson<Record<string, unknown>>(json, {});
  return {
    significance: text(raw.significance),
    goals: text(raw.goals),
    methods: text(raw.methods),
    steps: text(raw.steps),
    budget: text(raw.budget),
  };
}

function outcomesOf(json: string): { kind: string; count: number }[] {
  const raw = fromJson<unknown>(json, []);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((o: unknown) => {
    if (!o || typeof o !== 'object' || !('kind' in o) || !('count' in o)) return [];
    return [{ kind: labelOf(OUTCOME_LABELS, String(o.kind)), count: Number(o.count) || 0 }];
  });
}

function researchPart(p: ExportProjectRow): ResearchPart {
  return {
    title: p.title,
    levelLabel: labelOf(LEVEL_LABELS, p.level),
    kindLabel: labelOf(KIND_LABELS, p.kind),
    subject: p.subject ?? '',
    period: p.starts_on || p.ends_on ? `${p.starts_on ?? '—'} 至 ${p.ends_on ?? '—'}` : '',
    outcomes: outcomesOf(p.expected_outcomes),
    sections: sectionsOf(p.sections),
  };
}

/** The form's heading: the issuing (or managing) office's name, else the level. */
function headingOf(p: ExportProjectRow): string {
  const office = p.issuer_name ?? p.manager_name;
  return office ? `${office}教育科学规划课题申报书` : `${labelOf(LEVEL_LABELS, p.level)}教育科学规划课题申报书`;
}

/** The 申报书 with its people. */
export function applicationForm(
  p: ExportProjectRow,
  host: ExportPersonRow,
  members: ExportMemberRow[],
  filledOn: string,
): ApplicationForm {
  return {
    ...researchPart(p),
    heading: headingOf(p),
    callTitle: p.call_title,
    number: p.number,
    school: p.school_name,
    filledOn,
    host: {
      name: host.name,
      gender: labelOf(GENDER_LABELS, host.gender),
      birthDate: host.birth_date ?? '',
      title: labelOf(TITLE_LABELS, host.title),
      phone: host.phone ?? '',
      unit: host.unit ?? p.school_name,
    },
    members: members.map((m) => ({
      name: m.name,
      unit: m.unit ?? '',
      title: labelOf(TITLE_LABELS, m.title),
      role: labelOf(ROLE_LABELS, m.role),
    })),
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every given name (longest first, two characters or more) by ***. */
export function redactor(names: readonly string[]): (s: string) => string {
  const list = [...new Set(names.map((n) => n.trim()).filter((n) => [...n].length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return (s) => s;
  const pattern = new RegExp(list.map(escapeRegExp).join('|'), 'g');
  return (s) => s.replace(pattern, '***');
}

/**
 * The anonymous review sheet (评审活页): the research part only, with the names of the host, the
 * members, their units and the school removed from every text, the title included.
 */
export function reviewSheet(p: ExportProjectRow, host: ExportPersonRow, members: ExportMemberRow[]): ReviewSheet {
  const names = [host.name, host.unit ?? '', p.school_name, ...members.flatMap((m) => [m.name, m.unit ?? ''])];
  const redact = redactor(names);
  const research = researchPart(p);
  const s = research.sections;
  return {
    ...research,
    title: redact(research.title),
    subject: redact(research.subject),
    code: p.number ?? p.id.slice(0, 10),
    sections: {
      significance: redact(s.significance),
      goals: redact(s.goals),
      methods: redact(s.methods),
      steps: redact(s.steps),
      budget: redact(s.budget),
    },
  };
}
