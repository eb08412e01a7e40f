import { describe, expect, it } from 'vitest';
import {
  attachmentHeader,
  extensionOf,
  fileTypeOf,
  headMatches,
  sanitizeFileName,
  servedMime,
  Utf8Check,
} from './files.types.js';

const head = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const ok = (ext: string, bytes: Buffer) => {
  const type = fileTypeOf(ext);
  return type !== null && headMatches(type, bytes);
};

describe('archive file types', () => {
  const samples: [string, Buffer][] = [
    ['pdf', head('%PDF-1.7\n')],
    ['docx', head('PK\x03\x04\x14\x00')],
    ['xlsx', head('PK\x03\x04\x14\x00')],
    ['doc', head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['wps', head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['jpg', head([0xff, 0xd8, 0xff, 0xe0])],
    ['png', head([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['gif', head('GIF89a')],
    ['webp', head('RIFF\x00\x00\x00\x00WEBPVP8 ')],
    ['wav', head('RIFF\x00\x00\x00\x00WAVEfmt ')],
    ['mp3', head('ID3\x04')],
    ['mp3', head([0xff, 0xfb, 0x90, 0x00])],
    ['mp4', head('\x00\x00\x00\x20ftypisom')],
    ['m4a', head('\x00\x00\x00\x20ftypM4A ')],
    ['mov', head('\x00\x00\x00\x14ftypqt  ')],
    ['zip', head('PK\x03\x04')],
    ['txt', Buffer.from('研修记录')],
  ];

  it.each(samples)('accepts a real .%s', (ext, bytes) => {
    expect(ok(ext, bytes)).toBe(true);
  });

  it('refuses bytes of another type behind an allowed extension', () => {
    expect(ok('pdf', head('<html><script>'))).toBe(false);
    expect(ok('png', head([0xff, 0xd8, 0xff]))).toBe(false);
    expect(ok('webp', head('RIFF\x00\x00\x00\x00WAVE'))).toBe(false);
    expect(ok('docx', head('%PDF-1.4'))).toBe(false);
    expect(ok('txt', head('MZ\x00\x00'))).toBe(false);
    expect(ok('mp4', head('<html>'))).toBe(false);
  });

  it('knows no type for other extensions', () => {
    for (const ext of ['html', 'svg', 'exe', 'js', '', 'constructor', '__proto__']) expect(fileTypeOf(ext)).toBeNull();
  });

  it('checks UTF-8 across chunk boundaries', () => {
    const bytes = Buffer.from('教研');
    const split = new Utf8Check();
    split.update(bytes.subarray(0, 2));
    split.update(bytes.subarray(2));
    expect(split.finish()).toBe(true);
    const cut = new Utf8Check();
    cut.update(bytes.subarray(0, 2));
    expect(cut.finish()).toBe(false);
    const nul = new Utf8Check();
    nul.update(Buffer.from([0x41, 0x00]));
    expect(nul.finish()).toBe(false);
  });

  it('keeps only a safe display name', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\t\\教案.docx')).toBe('教案.docx');
    expect(sanitizeFileName('..hidden.pdf')).toBe('hidden.pdf');
    expect(sanitizeFileName('a\u0000b\u202Ec.pdf')).toBe('abc.pdf');
    const long = sanitizeFileName(`${'长'.repeat(200)}.docx`);
    expect([...long]).toHaveLength(120);
    expect(extensionOf(long)).toBe('docx');
  });

  it('never serves active content types as such', () => {
    expect(servedMime('text/html')).toBe('application/octet-stream');
    expect(servedMime('image/svg+xml')).toBe('application/octet-stream');
    expect(servedMime('application/xml')).toBe('application/octet-stream');
    expect(servedMime('text/plain; charset=utf-8')).toBe('text/plain; charset=utf-8');
    expect(servedMime('application/pdf')).toBe('application/pdf');
  });

  it('names attachments with an ASCII fallback and RFC 5987', () => {
    expect(attachmentHeader('课题 "方案"(1).pdf')).toBe(
      `attachment; filename="__ ____(1).pdf"; filename*=UTF-8''%E8%AF%BE%E9%A2%98%20%22%E6%96%B9%E6%A1%88%22%281%29.pdf`,
    );
  });
});
