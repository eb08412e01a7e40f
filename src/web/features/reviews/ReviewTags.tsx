import { Tag } from 'antd';
import { useT } from '../../i18n';
import type { RoundKind, RoundStatus } from './reviews.types';

const kindColors: Record<RoundKind, string> = { application: 'blue', midterm: 'purple', conclusion: 'cyan' };

/** 立项评审 / 中期评审 / 结题评审. */
export function RoundKindTag({ kind }: { kind: RoundKind }) {
  const t = useT();
  return <Tag color={kindColors[kind]}>{t(`reviews.roundKind.${kind}`)}</Tag>;
}

/** 进行中 / 已结束. */
export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const t = useT();
  return <Tag color={status === 'open' ? 'processing' : 'default'}>{t(`reviews.status.${status}`)}</Tag>;
}

/** 盲评 / 实名. */
export function BlindTag({ blind }: { blind: boolean }) {
  const t = useT();
  return <Tag color={blind ? 'gold' : 'default'}>{blind ? t('reviews.blindOn') : t('reviews.blindOff')}</Tag>;
}
