import type { OrgNode } from '../../api/types';
import { XlsxImportModal } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useImportProjects } from './projects.api';

/** 导入历史课题: a school's past projects from the template. */
export function ProjectImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const t = useT();
  const upload = useImportProjects();
  return (
    <XlsxImportModal
      {...props}
      templateHref="/api/projects/import/template"
      testId="projects-import"
      upload={upload}
      text={{
        title: t('projectImport.title'),
        step1: t('projectImport.step1'),
        template: t('projectImport.template'),
        step2: t('projectImport.step2'),
        orgPlaceholder: t('projectImport.orgPlaceholder'),
        step3: t('projectImport.step3'),
        drop: t('projectImport.drop'),
        chooseOrgFirst: t('projectImport.chooseOrgFirst'),
        dropHint: t('projectImport.dropHint'),
        success: (n) => t('projectImport.success', { n }),
        failed: (n) => t('projectImport.failed', { n }),
      }}
    />
  );
}
