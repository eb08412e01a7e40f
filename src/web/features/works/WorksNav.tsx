import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { type MessageKey, useT } from '../../i18n';

const sections: { path: string; label: MessageKey }[] = [
  { path: '/works', label: 'worksNav.works' },
  { path: '/works/prereview', label: 'worksNav.prereview' },
  { path: '/works/awards', label: 'worksNav.awards' },
  { path: '/works/student-awards', label: 'worksNav.studentAwards' },
  { path: '/works/competitions', label: 'worksNav.competitions' },
];

/** The sections of 论文与获奖, one click apart (the side menu has a single entry for them). */
export function WorksNav() {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const current =
    sections
      .slice(1)
      .map((section) => section.path)
      .find((path) => location.pathname.startsWith(path)) ?? '/works';
  return (
    <Segmented
      value={current}
      onChange={(path: string) => navigate(path)}
      options={sections.map((section) => ({
        value: section.path,
        label: <span data-testid={`works-nav-${section.path.split('/').at(-1)}`}>{t(section.label)}</span>,
      }))}
      style={{ marginBottom: 16 }}
    />
  );
}
