import JSZip from 'jszip';

/** The main part of a .docx (word/document.xml), as written. */
export async function docxXml(data: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(data)).file('word/document.xml')?.async('string')) ?? '';
}

/** The visible text of a .docx: its runs' text, joined (a phrase split across runs reads whole). */
export async function docxText(data: Buffer): Promise<string> {
  return [...(await docxXml(data)).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}
