import { invalid, tooLarge } from '../errors.js';

/** Limits for an uploaded Office file (a zip) before any library inflates it. */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Largest inflation of one big entry (uncompressed / compressed) before it counts as a bomb. */
  maxRatio: number;
}

export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 500,
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const BIG_ENTRY = 10 * 1024 * 1024;

/**
 * Reads a zip's central directory and refuses archives that would inflate beyond the limits (zip
 * bombs), use ZIP64 sizes, or are not zips at all — before exceljs or anything else unpacks them.
 */
export function assertSafeZip(data: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): void {
  const notZip = () =>
    invalid('无法读取该文件：它不是有效的 Office 文件（.xlsx/.docx），请用 Excel 或 WPS 另存后再上传', { rows: [] });
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  const entries = data.readUInt16LE(eocd + 10);
  const dirOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw tooLarge('文件结构过大，无法安全读取');
  if (entries > limits.maxEntries) throw tooLarge(`文件包含的部件过多（${entries} 个），无法安全读取`);
  let at = dirOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw notZip();
    const compressed = data.readUInt32LE(at + 20);
    const uncompressed = data.readUInt32LE(at + 24);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw tooLarge('文件中的部件过大，无法安全读取');
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) throw tooLarge('文件解压后过大，疑似压缩炸弹，已拒绝');
    if (uncompressed > BIG_ENTRY && uncompressed > compressed * limits.maxRatio)
      throw tooLarge('文件压缩比异常，疑似压缩炸弹，已拒绝');
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
}
