import { Tag } from 'antd';
import type { MessageKey, Translate } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';
import type { AwardResult, EntryStatus, WorkKind } from './works.api';

function isKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** The label of a value under a catalogue prefix, or the raw value. */
export function worksLabel(t: Translate, prefix: string, value: string | null | undefined): string {
  if (!value) return t('common.none');
  const key = `${prefix}.${value}`;
  return isKey(key) ? t(key) : value;
}

const kindColors: Record<WorkKind, string> = {
  paper: 'blue',
  lesson_plan: 'cyan',
  design: 'cyan',
  case: 'purple',
  courseware: 'geekblue',
  lesson_example: 'green',
  book: 'gold',
};

/** A coloured tag with the kind of a work. */
export function WorkKindTag({ kind, t }: { kind: WorkKind; t: Translate }) {
  return <Tag color={kindColors[kind] ?? 'default'}>{worksLabel(t, 'workKind', kind)}</Tag>;
}

const statusColors: Record<EntryStatus, string> = {
  prereview: 'processing',
  recommended: 'cyan',
  not_recommended: 'default',
  submitted: 'blue',
  awarded: 'success',
  not_awarded: 'default',
};

/** A tag with the status of a competition entry. */
export function EntryStatusTag({ status, t }: { status: EntryStatus; t: Translate }) {
  return (
    <Tag color={statusColors[status] ?? 'default'} data-testid="entry-status">
      {worksLabel(t, 'entryStatus', status)}
    </Tag>
  );
}

const resultColors: Record<AwardResult, string> = {
  special: 'magenta',
  first: 'red',
  second: 'volcano',
  third: 'orange',
  merit: 'gold',
  shortlisted: 'default',
};

/** A tag with an award result (特等奖 … 入围). */
export function ResultTag({ result, t }: { result: AwardResult | null; t: Translate }) {
  if (!result) return <>{t('common.none')}</>;
  return (
    <Tag color={resultColors[result] ?? 'default'} data-testid="entry-result">
      {worksLabel(t, 'awardResult', result)}
    </Tag>
  );
}

/** The label of a level (国家级 … 校级), shared with projects. */
export function levelLabel(t: Translate, level: string | null | undefined): string {
  return worksLabel(t, 'level', level);
}
