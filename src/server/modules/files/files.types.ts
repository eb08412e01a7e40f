/**
 * What may be uploaded to the archive bag: each allowed extension with the signatures its bytes
 * must carry. A file is accepted only when its name's extension AND its first bytes agree, and
 * the stored mime comes from that table, never from the client.
 */

/** A family of byte signatures. */
type Signature =
  | 'pdf'
  | 'ole'
  | 'zip'
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'wav'
  | 'mp3'
  | 'isobmff'
  | 'quicktime'
  | 'text';

export interface FileType {
  signatures: readonly Signature[];
  mime: string;
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
/** A Word document's type: what every .docx the app writes is served as. */
export const DOCX_MIME = `${OOXML}.wordprocessingml.document`;
export const XLSX_MIME = `${OOXML}.spreadsheetml.sheet`;
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  pdf: { signatures: ['pdf'], mime: 'application/pdf' },
  doc: { signatures: ['ole'], mime: 'application/msword' },
  docx: { signatures: ['zip'], mime: DOCX_MIME },
  xls: { signatures: ['ole'], mime: 'application/vnd.ms-excel' },
  xlsx: { signatures: ['zip'], mime: XLSX_MIME },
  ppt: { signatures: ['ole'], mime: 'application/vnd.ms-powerpoint' },
  pptx: { signatures: ['zip'], mime: `${OOXML}.presentationml.presentation` },
  // WPS 文字: the classic format is an OLE compound file; newer versions may write a zip container.
  wps: { signatures: ['ole', 'zip'], mime: 'application/vnd.ms-works' },
  txt: { signatures: ['text'], mime: 'text/plain; charset=utf-8' },
  jpg: { signatures: ['jpeg'], mime: 'image/jpeg' },
  jpeg: { signatures: ['jpeg'], mime: 'image/jpeg' },
  png: { signatures: ['png'], mime: 'image/png' },
  gif: { signatures: ['gif'], mime: 'image/gif' },
  webp: { signatures: ['webp'], mime: 'image/webp' },
  mp3: { signatures: ['mp3'], mime: 'audio/mpeg' },
  m4a: { signatures: ['isobmff'], mime: 'audio/mp4' },
  wav: { signatures: ['wav'], mime: 'audio/wav' },
  mp4: { signatures: ['isobmff'], mime: 'video/mp4' },
  mov: { signatures: ['isobmff', 'quicktime'], mime: 'video/quicktime' },
  zip: { signatures: ['zip'], mime: 'application/zip' },
};

/** Bytes of the head the checks look at. */
export const SNIFF_BYTES = 4096;

const ascii = (b: Buffer, at: number, text: string) => b.subarray(at, at + text.length).toString('latin1') === text;
const bytes = (b: Buffer, at: number, sig: readonly number[]) => sig.every((v, i) => b[at + i] === v);

const MATCHERS: Record<Signature, (b: Buffer) => boolean> = {
  pdf: (b) => ascii(b, 0, '%PDF-'),
  ole: (b) => bytes(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  zip: (b) => ascii(b, 0, 'PK\x03\x04') || ascii(b, 0, 'PK\x05\x06'),
  jpeg: (b) => bytes(b, 0, [0xff, 0xd8, 0xff]),
  png: (b) => bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  gif: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  webp: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  wav: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'),
  // An ID3 tag, or an MPEG audio frame header (sync bits, layer III).
  mp3: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && [0xfb, 0xfa, 0xf3, 0xf2, 0xe3, 0xe2].includes(b[1] ?? 0)),
  isobmff: (b) => ascii(b, 4, 'ftyp'),
  // Old QuickTime files may open with another atom than ftyp.
  quicktime: (b) => ['moov', 'mdat', 'wide', 'free', 'skip'].some((atom) => ascii(b, 4, atom)),
  // Text must be UTF-8 without NUL; the head is checked here, the rest while it streams (`Utf8Check`).
  text: (b) => !b.includes(0),
};

/** The lower-case extension of a (sanitised) name, '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The type of an allowed extension, or null. */
export function fileTypeOf(ext: string): FileType | null {
  return Object.hasOwn(FILE_TYPES, ext) ? FILE_TYPES[ext] : null;
}

/** Whether the first bytes carry one of the type's signatures. */
export function headMatches(type: FileType, head: Buffer): boolean {
  return type.signatures.some((s) => MATCHERS[s](head));
}

export const isTextType = (type: FileType) => type.signatures.includes('text');

/** Validates a stream of bytes as UTF-8 without NUL, chunk by chunk (a character may span chunks). */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  update(chunk: Buffer): void {
    if (!this.ok) return;
    try {
      if (chunk.includes(0)) this.ok = false;
      else this.decoder.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
    }
  }

  /** True when everything seen was valid UTF-8 (no character left unfinished). */
  finish(): boolean {
    if (!this.ok) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

const MAX_NAME = 120;
/** Control characters, and the bidirectional marks used to disguise an extension (…fdp.exe). */
function isUnsafeChar(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return (
    n < 0x20 ||
    (n >= 0x7f && n <= 0x9f) ||
    n === 0x200e ||
    n === 0x200f ||
    (n >= 0x202a && n <= 0x202e) ||
    (n >= 0x2066 && n <= 0x2069)
  );
}

/**
 * The display name kept for an upload: no path components, no control characters, no leading
 * dots, at most 120 characters with the extension kept. Never used to build a storage path.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const base = [...last]
    .filter((c) => !isUnsafeChar(c))
    .join('')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const chars = [...base];
  if (chars.length <= MAX_NAME) return base;
  const ext = extensionOf(base);
  const tail = ext && ext.length < 16 ? `.${ext}` : '';
  return chars.slice(0, MAX_NAME - tail.length).join('') + tail;
}

/** Content types a browser could render as active content: always served as a plain download. */
const ACTIVE_TYPES = /(html|svg|xml|javascript|ecmascript)/i;

/** The content-type to send for a stored mime. */
export function servedMime(mime: string): string {
  return ACTIVE_TYPES.test(mime) || !/^[\w.+-]+\/[\w.+-]+(;\s*charset=[\w-]+)?$/i.test(mime)
    ? 'application/octet-stream'
    : mime;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function attachmentHeader(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
