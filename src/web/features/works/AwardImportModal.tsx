import type { OrgNode } from '../../api/types';
import { XlsxImportModal } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useImportAwards } from './works.api';

/** 导入历史获奖: a school's past awards (获奖登记表) from the template. */
export function AwardImportModal(props: { schools: OrgNode[]; onClose: () => void }) {
  const t = useT();
  const upload = useImportAwards();
  return (
    <XlsxImportModal
      {...props}
      templateHref="/api/works/import/template"
      testId="awards-import"
      upload={upload}
      text={{
        title: t('awardImport.title'),
        step1: t('awardImport.step1'),
        template: t('awardImport.template'),
        step2: t('awardImport.step2'),
        orgPlaceholder: t('awardImport.orgPlaceholder'),
        step3: t('awardImport.step3'),
        drop: t('awardImport.drop'),
        chooseOrgFirst: t('awardImport.chooseOrgFirst'),
        dropHint: t('awardImport.dropHint'),
        success: (n, answer) => {
          const created = Array.isArray(answer.newCompetitions) ? answer.newCompetitions.map(String) : [];
          const counts = t('awardImport.success', {
            n,
            works: Number(answer.works ?? 0),
            competitions: created.length,
          });
          return created.length > 0 ? counts + t('awardImport.newCompetitions', { names: created.join('、') }) : counts;
        },
        failed: (n) => t('awardImport.failed', { n }),
      }}
    />
  );
}
