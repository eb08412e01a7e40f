import { today } from '../../calendar.js';
import { dayLabel } from '../plans/months.js';
import { docTitle, heading1, packDocument, paragraphs, signature, subtitle } from '../plans/word.js';
import type { SummaryDto } from './summary.schema.js';

/**
 * The 学期教科研工作总结 as Word: title, the opening paragraph, then 一、… 六、 with the (possibly
 * edited) text of each section, one paragraph per line; signed with the org and the date.
 */
export async function summaryDocx(s: SummaryDto): Promise<Buffer> {
  const on = today();
  return packDocument(s.title, [
    docTitle(s.title),
    subtitle(s.termName),
    ...s.sections.flatMap((x) => [...(x.title ? [heading1(x.title)] : []), ...paragraphs(x.text, '（略）')]),
    signature(s.orgName),
    signature(`${on.slice(0, 4)}年${dayLabel(on)}`),
  ]);
}
