import type { TabsProps } from 'antd';
import type { Project } from '../projects/projects.api';
import { ArchiveTab } from './ArchiveTab';
import { LessonsTab } from './LessonsTab';
import { OutcomesTab } from './OutcomesTab';
import { ReportsTab } from './ReportsTab';
import { TabLabel } from './TabLabel';

/** Stages in which a project is being run (after 立项). */
const runningStages = new Set([
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
  'terminated',
]);

/** The extra tabs of the project page: reports, research lessons, archive bag, outputs and conclusion. */
export function projectRunningTabs(project: Project): TabsProps['items'] {
  if (!runningStages.has(project.stage)) {
    return [
      { key: 'archive', label: <TabLabel id="running.tab.archive" />, children: <ArchiveTab project={project} /> },
    ];
  }
  return [
    { key: 'reports', label: <TabLabel id="running.tab.reports" />, children: <ReportsTab project={project} /> },
    { key: 'lessons', label: <TabLabel id="running.tab.lessons" />, children: <LessonsTab project={project} /> },
    { key: 'archive', label: <TabLabel id="running.tab.archive" />, children: <ArchiveTab project={project} /> },
    { key: 'outcomes', label: <TabLabel id="running.tab.outcomes" />, children: <OutcomesTab project={project} /> },
  ];
}
