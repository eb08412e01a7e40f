import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR, fakeClamd } from '../../../test/clamd.js';
import { loadConfig } from '../config.js';
import {
  clamdScanner,
  commandScanner,
  NO_SCAN,
  parseClamdReply,
  ScanUnavailable,
  scannerFromSetting,
} from './scanner.js';

const bytes = (...parts: Buffer[]) => Readable.from(parts);

describe('clamd replies', () => {
  it('reads OK, a finding and an error', () => {
    expect(parseClamdReply('stream: OK')).toEqual({ clean: true });
    expect(parseClamdReply('stream: Win.Test.EICAR_HDB-1 FOUND')).toEqual({
      clean: false,
      threat: 'Win.Test.EICAR_HDB-1',
    });
    expect(parseClamdReply('INSTREAM size limit exceeded. ERROR')).toBeNull();
    expect(parseClamdReply('')).toBeNull();
  });
});

describe('the clamd scanner', () => {
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let dir: string;
  beforeAll(async () => {
    clamd = await fakeClamd({ port: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-clamd-'));
  });
  afterAll(async () => {
    await clamd.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams every byte in chunks of at most 64 KiB and passes a clean file', async () => {
    clamd.state.mode = 'scan';
    const big = Buffer.alloc(200 * 1024, 7);
    const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port });
    const before = clamd.state.chunkSizes.length;
    expect(await scanner.scan(bytes(big.subarray(0, 1000), big.subarray(1000)))).toEqual({ clean: true });
    expect(clamd.state.streams.at(-1)?.equals(big)).toBe(true);
    const sizes = clamd.state.chunkSizes.slice(before);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(big.length);
  });

  it('names what it found, wherever in the file it sits', async () => {
    clamd.state.mode = 'scan';
    const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port });
    const verdict = await scanner.scan(bytes(Buffer.alloc(150 * 1024, 1), EICAR));
    expect(verdict).toEqual({ clean: false, threat: 'Eicar-Signature' });
  });

  it('gives no verdict when clamd answers with an error, does not answer, or is not there', async () => {
    const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port }, 300);
    clamd.state.mode = 'error';
    await expect(scanner.scan(bytes(Buffer.from('hello')))).rejects.toThrow(/Permission denied\. ERROR/);
    clamd.state.mode = 'silent';
    await expect(scanner.scan(bytes(Buffer.from('hello')))).rejects.toThrow(/no answer in 300 ms/);
    clamd.state.mode = 'scan';
    const gone = await fakeClamd({ port: 0 });
    await gone.close();
    const refused = clamdScanner({ host: '127.0.0.1', port: gone.port });
    await expect(refused.scan(bytes(Buffer.from('hello')))).rejects.toBeInstanceOf(ScanUnavailable);
  });

  it('speaks the same over a local socket', async () => {
    const socketPath = path.join(dir, 'clamd.ctl');
    const local = await fakeClamd({ path: socketPath });
    try {
      const scanner = scannerFromSetting(`clamd://${socketPath}`);
      expect(scanner.describe).toBe(`clamd ${socketPath}`);
      expect(await scanner.scan(bytes(EICAR))).toEqual({ clean: false, threat: 'Eicar-Signature' });
      expect(await scanner.scan(bytes(Buffer.from('%PDF-1.4')))).toEqual({ clean: true });
    } finally {
      await local.close();
    }
  });
});

describe('the command scanner', () => {
  // A scanner in the manner of `clamdscan -`: reads stdin, exit 0 clean, 1 found (named on stdout), 2 trouble.
  const script = `
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      if (all.includes('BROKEN')) { process.stderr.write('cannot load database'); process.exit(2); }
      if (all.includes('EICAR-STANDARD')) { process.stdout.write('stdin: Eicar-Test-Signature FOUND\\n'); process.exit(1); }
      process.stdout.write('stdin: OK\\n');
    });`;
  const scanner = commandScanner([process.execPath, '-e', script]);

  it('passes a clean file and names a finding from the program output', async () => {
    expect(await scanner.scan(bytes(Buffer.alloc(300 * 1024, 3)))).toEqual({ clean: true });
    expect(await scanner.scan(bytes(Buffer.from('prefix '), EICAR))).toEqual({
      clean: false,
      threat: 'Eicar-Test-Signature',
    });
  });

  it('gives no verdict on another exit code, a missing program or a hang', async () => {
    await expect(scanner.scan(bytes(Buffer.from('BROKEN')))).rejects.toThrow(/exited with 2: cannot load database/);
    await expect(commandScanner(['/nonexistent/scanner']).scan(bytes(Buffer.from('x')))).rejects.toBeInstanceOf(
      ScanUnavailable,
    );
    const hang = commandScanner([process.execPath, '-e', 'setInterval(() => {}, 1000)'], 300);
    await expect(hang.scan(bytes(Buffer.from('x')))).rejects.toThrow(/no answer in 300 ms/);
  });
});

describe('YANXIU_SCAN', () => {
  it('reads off, clamd and command settings', () => {
    expect(scannerFromSetting(undefined)).toBe(NO_SCAN);
    expect(scannerFromSetting('off')).toBe(NO_SCAN);
    expect(scannerFromSetting('clamd://127.0.0.1:3310').describe).toBe('clamd 127.0.0.1:3310');
    expect(scannerFromSetting('command:/usr/bin/clamdscan --no-summary -').describe).toBe('command /usr/bin/clamdscan');
  });

  it('refuses a setting it cannot read, at start', () => {
    for (const bad of ['clamd://nohost', 'command:', 'virustotal']) {
      expect(() => scannerFromSetting(bad)).toThrow(/YANXIU_SCAN/);
      expect(() => loadConfig({ YANXIU_SCAN: bad })).toThrow(/Invalid configuration:\n {2}YANXIU_SCAN/);
    }
    expect(loadConfig({ YANXIU_SCAN: 'clamd://clamav:3310' }).scan).toBe('clamd://clamav:3310');
  });
});
