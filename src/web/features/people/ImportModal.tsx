import type { OrgNode } from '../../api/types';
import { XlsxImportModal } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useImportRoster } from './people.api';

/** 导入名册: the roster import of one school. */
export function ImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const t = useT();
  const upload = useImportRoster();
  return (
    <XlsxImportModal
      {...props}
      templateHref="/api/people/import/template"
      testId="import"
      upload={upload}
      text={{
        title: t('import.title'),
        step1: t('import.step1'),
        template: t('import.template'),
        step2: t('import.step2'),
        orgPlaceholder: t('import.orgPlaceholder'),
        step3: t('import.step3'),
        drop: t('import.drop'),
        chooseOrgFirst: t('import.chooseOrgFirst'),
        dropHint: t('import.dropHint'),
        success: (n) => t('import.success', { n }),
        failed: (n) => t('import.failed', { n }),
      }}
    />
  );
}
