import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../db/dialect.js';
import type { FileScanner } from './scanner.js';

/**
 * Where uploaded files live. Keys are chosen by the server (`newStorageKey`), never derived from
 * user input; an implementation may be a local folder (the embedded default) or a shared store.
 */
export interface FileStore {
  /** Stores the bytes under the key; on failure nothing is left under the key. */
  put(key: string, data: Readable | Buffer): Promise<void>;
  /** The stored bytes; the stream fails if the object is missing (check with `exists` first). */
  get(key: string): Readable;
  /** Removes the object; removing a missing object is not an error. */
  remove(key: string): Promise<void>;
  /** Whether an object is stored under the key. */
  exists(key: string): Promise<boolean>;
}

const KEY_PATTERN = /^[0-9]{4}\/[0-9]{2}\/[0-9a-z]{10,64}$/;

/** A fresh key `<yyyy>/<mm>/<id>` (UTC month of the upload). */
export function newStorageKey(now = new Date()): string {
  const yyyy = String(now.getUTCFullYear()).padStart(4, '0');
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${newId()}`;
}

/** Reads a file only when the consumer starts reading (so a zip of many files holds one descriptor at a time). */
async function* lazyRead(file: string): AsyncGenerator<Buffer> {
  yield* fs.createReadStream(file);
}

/** A folder on the local disk; every resolved path is checked to stay inside the root. */
export class LocalFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a key, refusing anything that is not a server-made key or leaves the root. */
  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const full = path.resolve(this.root, ...key.split('/'));
    if (!full.startsWith(this.root + path.sep)) throw new Error('storage key escapes the store root');
    return full;
  }

  async put(key: string, data: Readable | Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed at the end: a failed or refused upload leaves nothing behind.
    const partial = `${target}.${newId()}.part`;
    try {
      await pipeline(
        Buffer.isBuffer(data) ? Readable.from([data]) : data,
        fs.createWriteStream(partial, { flags: 'wx' }),
      );
      await fs.promises.rename(partial, target);
    } catch (err) {
      await fs.promises.rm(partial, { force: true });
      throw err;
    }
  }

  get(key: string): Readable {
    return Readable.from(lazyRead(this.pathOf(key)), { objectMode: false });
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }
}

/** The deployment's store: `<YANXIU_DATA_DIR>/files` (tests point YANXIU_DATA_DIR at a temp folder). */
export function localFileStore(env: NodeJS.ProcessEnv = process.env): LocalFileStore {
  return new LocalFileStore(path.join(env.YANXIU_DATA_DIR ?? 'data', 'files'));
}

/** Where user uploads go: the store, and the virus-scan hook each upload passes before it is recorded. */
export interface Uploads {
  store: FileStore;
  scanner: FileScanner;
}
