import { Tag } from 'antd';
import dayjs from 'dayjs';
import { type Translate, useT } from '../../i18n';
import { type ActivityKind, type AttendanceStatus, isActivityKind } from './activities.api';

const kindColours: Record<ActivityKind, string> = {
  research_lesson: 'blue',
  open_lesson: 'geekblue',
  demo_lesson: 'cyan',
  contest_lesson: 'volcano',
  model_lesson: 'purple',
  collective_prep: 'green',
  lesson_review: 'gold',
  lecture: 'magenta',
  training: 'lime',
  salon: 'orange',
  project_seminar: 'processing',
  study_report: 'default',
};

/** The colour of an activity kind (tags and calendar dots). */
export function kindColour(kind: string): string {
  return isActivityKind(kind) ? kindColours[kind] : 'default';
}

/** The label of a kind, or the stored text for an unknown one. */
export function activityKindLabel(t: Translate, kind: string): string {
  return isActivityKind(kind) ? t(`activityKind.${kind}`) : kind;
}

/** The coloured tag of an activity kind. */
export function ActivityKindTag({ kind }: { kind: string }) {
  const t = useT();
  return (
    <Tag color={kindColour(kind)} style={{ marginInlineEnd: 0 }} data-testid="activity-kind">
      {activityKindLabel(t, kind)}
    </Tag>
  );
}

/** The colours of attendance statuses. */
export const statusColours: Record<AttendanceStatus, string> = {
  present: 'success',
  leave: 'warning',
  absent: 'error',
};

/** The local `HH:mm` of an instant (or of a bare `HH:mm[:ss]`). */
export function clock(value?: string | null): string {
  if (!value) return '';
  if (/^\d{2}:\d{2}/.test(value)) return value.slice(0, 5);
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('HH:mm') : '';
}

/** `08:30–09:15`, `08:30`, or empty. */
export function timeRange(startsAt?: string | null, endsAt?: string | null): string {
  const short = clock;
  if (startsAt && endsAt) return `${short(startsAt)}–${short(endsAt)}`;
  return short(startsAt) || short(endsAt);
}
