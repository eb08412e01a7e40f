import type { OrgNode } from '../../api/types';
import { XlsxImportModal } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useImportStudentAwards } from './works.api';

/** 导入指导学生获奖: a school's past student-guidance awards from the template. */
export function StudentAwardImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const t = useT();
  const upload = useImportStudentAwards();
  return (
    <XlsxImportModal
      {...props}
      templateHref="/api/student-awards/import/template"
      testId="student-awards-import"
      upload={upload}
      text={{
        title: t('studentAwardImport.title'),
        step1: t('studentAwardImport.step1'),
        template: t('awardImport.template'),
        step2: t('studentAwardImport.step2'),
        orgPlaceholder: t('awardImport.orgPlaceholder'),
        step3: t('awardImport.step3'),
        drop: t('awardImport.drop'),
        chooseOrgFirst: t('awardImport.chooseOrgFirst'),
        dropHint: t('studentAwardImport.dropHint'),
        success: (n) => t('studentAwardImport.success', { n }),
        failed: (n) => t('studentAwardImport.failed', { n }),
      }}
    />
  );
}
