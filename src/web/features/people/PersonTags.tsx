import { Tag } from 'antd';
import type { BackboneLevel } from '../../api/types';
import { useT } from '../../i18n';

const backboneColors: Record<BackboneLevel, string> = {
  none: 'default',
  school: 'cyan',
  district: 'blue',
  city: 'geekblue',
  province: 'purple',
  leader: 'magenta',
  master: 'volcano',
};

/** The backbone level (骨干级别) as a coloured tag; nothing for `none`. */
export function BackboneTag({ level }: { level: BackboneLevel }) {
  const t = useT();
  if (level === 'none') return <span style={{ color: '#bfbfbf' }}>{t('backbone.none')}</span>;
  return <Tag color={backboneColors[level]}>{t(`backbone.${level}`)}</Tag>;
}

/** A list of short strings as tags, or a dash when empty. */
export function TagList({ values }: { values: string[] }) {
  const t = useT();
  if (values.length === 0) return <span style={{ color: '#bfbfbf' }}>{t('common.none')}</span>;
  return (
    <>
      {values.map((value) => (
        <Tag key={value} style={{ marginBottom: 2 }}>
          {value}
        </Tag>
      ))}
    </>
  );
}
