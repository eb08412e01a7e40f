import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, GlobalOutlined, TeamOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Org, OrgKind } from '../../api/types';
import { type Translate, useT } from '../../i18n';

const kindIcons: Record<OrgKind, ReactNode> = {
  province: <GlobalOutlined />,
  city: <EnvironmentOutlined />,
  district: <ApartmentOutlined />,
  school: <BankOutlined />,
  group: <TeamOutlined />,
};

const kindColors: Record<OrgKind, string> = {
  province: 'purple',
  city: 'geekblue',
  district: 'blue',
  school: 'green',
  group: 'gold',
};

/** The Chinese (or English) name of an org's kind, telling subject and grade groups apart. */
export function orgKindLabel(t: Translate, org: Pick<Org, 'kind' | 'groupType'>): string {
  if (org.kind === 'group' && org.groupType) return t(`groupType.${org.groupType}`);
  return t(`orgKind.${org.kind}`);
}

/** The icon of an org kind. */
export function OrgKindIcon({ kind }: { kind: OrgKind }) {
  return <>{kindIcons[kind]}</>;
}

/** A coloured tag naming an org's kind. */
export function OrgKindTag({ org }: { org: Pick<Org, 'kind' | 'groupType'> }) {
  const t = useT();
  return (
    <Tag color={kindColors[org.kind]} variant="filled">
      {orgKindLabel(t, org)}
    </Tag>
  );
}
