import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStore, localFileStore, newStorageKey } from './file-store.js';

describe('local file store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-store-'));
  const store = new LocalFileStore(path.join(dir, 'files'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const allFiles = (d: string): string[] =>
    fs.existsSync(d)
      ? fs
          .readdirSync(d, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? allFiles(path.join(d, e.name)) : [e.name]))
      : [];

  it('makes keys of year, month and a fresh id', () => {
    expect(newStorageKey(new Date('2026-03-05T00:00:00Z'))).toMatch(/^2026\/03\/[0-9a-z]{24}$/);
    expect(newStorageKey()).not.toBe(newStorageKey());
  });

  it('stores, reads and removes bytes and streams', async () => {
    const a = newStorageKey();
    const b = newStorageKey();
    await store.put(a, Buffer.from('甲乙丙'));
    await store.put(b, Readable.from([Buffer.from('one '), Buffer.from('two')]));
    expect(await text(store.get(a))).toBe('甲乙丙');
    expect(await text(store.get(b))).toBe('one two');
    expect(await store.exists(a)).toBe(true);
    await store.remove(a);
    await store.remove(a);
    expect(await store.exists(a)).toBe(false);
  });

  it('leaves nothing behind when the stream fails half-way', async () => {
    const key = newStorageKey();
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('client went away');
    }
    await expect(store.put(key, Readable.from(failing()))).rejects.toThrow('client went away');
    expect(await store.exists(key)).toBe(false);
    expect(allFiles(store.root).some((f) => f.endsWith('.part'))).toBe(false);
  });

  it('refuses keys that are not server-made or would leave the root', async () => {
    for (const key of ['../outside', '2026/01/../../../etc/passwd', '/etc/passwd', '2026/01/', 'a/b/c']) {
      expect(() => store.pathOf(key)).toThrow();
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow();
    }
    expect(fs.existsSync(path.join(dir, 'outside'))).toBe(false);
    expect(await store.exists('../outside')).toBe(false);
  });

  it('roots the deployment store at <YANXIU_DATA_DIR>/files', () => {
    expect(localFileStore({ YANXIU_DATA_DIR: '/srv/yanxiu' }).root).toBe(path.resolve('/srv/yanxiu/files'));
    expect(localFileStore({}).root).toBe(path.resolve('data/files'));
  });
});
