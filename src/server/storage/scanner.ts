import { spawn } from 'node:child_process';
import net from 'node:net';
import type { Readable } from 'node:stream';

/**
 * The virus-scan hook (SPEC §9): every uploaded file is read back from the store and handed to the
 * deployment's scanner before it is recorded. `YANXIU_SCAN` chooses the scanner:
 *
 * - unset or `off`: no scan (the embedded default);
 * - `clamd://host:3310` or `clamd:///run/clamav/clamd.ctl`: ClamAV's daemon, the bytes streamed with INSTREAM;
 * - `command:<program> <args…>`: any program that reads the file on stdin and exits 0 when clean, 1 when it
 *   found something (ClamAV's `clamdscan -` and `clamscan -` do), printing the finding on stdout.
 *
 * A scanner that cannot answer refuses the upload: a file nobody could check is not stored.
 */
export type ScanVerdict = { clean: true } | { clean: false; threat: string };

export interface FileScanner {
  /** What is configured, for logs and the system page: `off`, `clamd …` or `command …`. */
  readonly describe: string;
  /** Whether a scanner is configured at all. */
  readonly active: boolean;
  /** Scans the bytes; rejects when the scanner could not give a verdict. */
  scan(data: Readable): Promise<ScanVerdict>;
}

/** The scanner could not give a verdict (unreachable, timed out, answered with an error). */
export class ScanUnavailable extends Error {}

export const NO_SCAN: FileScanner = {
  describe: 'off',
  active: false,
  scan: async (data) => {
    data.destroy();
    return { clean: true };
  },
};

const TIMEOUT_MS = 60_000;
// clamd's StreamMaxLength defaults to 25 MB, its chunks are read whole: 64 KiB keeps each small.
const CHUNK = 64 * 1024;

/** Where a clamd listens: a TCP port or a local socket. */
export type ClamdAddress = { host: string; port: number } | { path: string };

/** ClamAV's daemon over its INSTREAM command: `zINSTREAM\0`, length-prefixed chunks, a zero length, one reply. */
export function clamdScanner(address: ClamdAddress, timeoutMs = TIMEOUT_MS): FileScanner {
  const where = 'path' in address ? address.path : `${address.host}:${address.port}`;
  return {
    describe: `clamd ${where}`,
    active: true,
    scan: (data) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket = 'path' in address ? net.connect(address.path) : net.connect(address.port, address.host);
        const replies: Buffer[] = [];
        let settled = false;
        const finish = (err: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          data.destroy();
          if (err) reject(err);
          else if (verdict) resolve(verdict);
        };
        const timer = setTimeout(
          () => finish(new ScanUnavailable(`clamd ${where}: no answer in ${timeoutMs} ms`)),
          timeoutMs,
        );
        // clamd may answer and close before the last chunk is written (a finding, a size limit): the reply
        // decides, a write error only when there is none.
        let failure: Error | null = null;
        socket.on('error', (err) => {
          failure = err;
        });
        socket.on('data', (chunk) => replies.push(chunk));
        socket.on('close', () => {
          const reply = Buffer.concat(replies).toString('utf8').replace(/\0+$/, '').trim();
          const verdict = parseClamdReply(reply);
          if (verdict) finish(null, verdict);
          else {
            const why = reply || (failure as Error | null)?.message || 'closed without a reply';
            finish(new ScanUnavailable(`clamd ${where}: ${why}`));
          }
        });
        socket.once('connect', async () => {
          try {
            socket.write('zINSTREAM\0');
            for await (const part of data) {
              const bytes = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
              for (let at = 0; at < bytes.length; at += CHUNK) {
                const slice = bytes.subarray(at, at + CHUNK);
                const length = Buffer.alloc(4);
                length.writeUInt32BE(slice.length);
                if (!socket.write(Buffer.concat([length, slice]))) {
                  await new Promise((r) => {
                    socket.once('drain', r);
                    socket.once('close', r);
                  });
                }
                if (settled || socket.destroyed) return;
              }
            }
            socket.end(Buffer.alloc(4));
          } catch (err) {
            finish(new ScanUnavailable(`clamd ${where}: ${(err as Error).message}`));
          }
        });
      }),
  };
}

/** `stream: OK` is clean, `stream: <name> FOUND` a finding; anything else (`… ERROR`) no verdict. */
export function parseClamdReply(reply: string): ScanVerdict | null {
  const body = reply.replace(/^[^:]*:\s*/, '');
  if (body === 'OK') return { clean: true };
  const found = /^(.+)\s+FOUND$/.exec(body);
  if (found) return { clean: false, threat: found[1].trim() };
  return null;
}

/** A program fed the bytes on stdin: exit 0 clean, exit 1 found (named by its output), anything else no verdict. */
export function commandScanner(argv: readonly string[], timeoutMs = TIMEOUT_MS): FileScanner {
  const [program, ...args] = argv;
  return {
    describe: `command ${program}`,
    active: true,
    scan: (data) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let settled = false;
        const finish = (e: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          data.destroy();
          if (e) {
            child.kill('SIGKILL');
            reject(e);
          } else if (verdict) resolve(verdict);
        };
        const timer = setTimeout(
          () => finish(new ScanUnavailable(`${program}: no answer in ${timeoutMs} ms`)),
          timeoutMs,
        );
        child.on('error', (e) => finish(new ScanUnavailable(`${program}: ${e.message}`)));
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        // A scanner may stop reading once it has decided: a closed stdin is not a failure.
        child.stdin.on('error', () => {});
        data.on('error', (e) => finish(new ScanUnavailable(`${program}: ${e.message}`)));
        data.pipe(child.stdin);
        child.on('close', (code) => {
          const stdout = Buffer.concat(out).toString('utf8');
          if (code === 0) finish(null, { clean: true });
          else if (code === 1) finish(null, { clean: false, threat: threatOf(stdout) });
          else {
            const said = (Buffer.concat(err).toString('utf8') || stdout).trim().slice(0, 200);
            finish(new ScanUnavailable(`${program} exited with ${code}${said ? `: ${said}` : ''}`));
          }
        });
      }),
  };
}

/** The finding's name from a scanner's output (`stdin: Eicar-Signature FOUND` → `Eicar-Signature`). */
function threatOf(stdout: string): string {
  for (const line of stdout.split('\n')) {
    const verdict = parseClamdReply(line.trim());
    if (verdict && !verdict.clean) return verdict.threat;
  }
  return stdout.trim().split('\n')[0]?.slice(0, 120) || '未知威胁';
}

/** The scanner `YANXIU_SCAN` names (see the module comment); throws on a value it cannot read. */
export function scannerFromSetting(setting: string | undefined): FileScanner {
  const value = setting?.trim() ?? '';
  if (value === '' || value === 'off') return NO_SCAN;
  if (value.startsWith('clamd://')) {
    const rest = value.slice('clamd://'.length);
    if (rest.startsWith('/')) return clamdScanner({ path: rest });
    const m = /^([^:/]+):(\d{1,5})$/.exec(rest);
    if (!m) throw new Error(`YANXIU_SCAN: expected clamd://host:port or clamd:///socket, got ${value}`);
    return clamdScanner({ host: m[1], port: Number(m[2]) });
  }
  if (value.startsWith('command:')) {
    const argv = value.slice('command:'.length).trim().split(/\s+/).filter(Boolean);
    if (argv.length === 0) throw new Error('YANXIU_SCAN: command: names no program');
    return commandScanner(argv);
  }
  throw new Error(`YANXIU_SCAN: expected off, clamd://… or command:…, got ${value}`);
}
