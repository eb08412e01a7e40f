import type { OrgNode } from '../../api/types';
import { XlsxImportModal } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useImportPublications } from './works.api';

/** 导入论文发表: a school's past publications (论文发表登记表) from the template. */
export function PublicationImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const t = useT();
  const upload = useImportPublications();
  return (
    <XlsxImportModal
      {...props}
      templateHref="/api/publications/import/template"
      testId="publications-import"
      upload={upload}
      text={{
        title: t('publicationImport.title'),
        step1: t('publicationImport.step1'),
        template: t('awardImport.template'),
        step2: t('publicationImport.step2'),
        orgPlaceholder: t('awardImport.orgPlaceholder'),
        step3: t('awardImport.step3'),
        drop: t('awardImport.drop'),
        chooseOrgFirst: t('awardImport.chooseOrgFirst'),
        dropHint: t('publicationImport.dropHint'),
        success: (n, answer) => t('publicationImport.success', { n, works: Number(answer.works ?? 0) }),
        failed: (n) => t('publicationImport.failed', { n }),
      }}
    />
  );
}
