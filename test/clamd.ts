import fs from 'node:fs';
import net from 'node:net';

/** The EICAR anti-virus test file: every scanner reports it, nothing in it can run. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

export type ClamdMode = 'scan' | 'error' | 'silent';

/**
 * A stand-in for ClamAV's daemon speaking its INSTREAM protocol (`zINSTREAM\0`, 4-byte big-endian chunk
 * lengths, a zero length to end): it reports EICAR anywhere in the stream, as clamd does. `mode` makes it
 * answer with an error or not at all; every stream it received is kept for the test to look at.
 */
export async function fakeClamd(listen: { port: 0 } | { path: string }) {
  const state = { mode: 'scan' as ClamdMode, streams: [] as Buffer[], chunkSizes: [] as number[] };
  const open = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let buffered = Buffer.alloc(0);
    let command: string | null = null;
    const parts: Buffer[] = [];
    socket.on('data', (data) => {
      buffered = Buffer.concat([buffered, data]);
      if (command === null) {
        const end = buffered.indexOf(0);
        if (end < 0) return;
        command = buffered.subarray(0, end).toString('latin1');
        buffered = buffered.subarray(end + 1);
        if (command !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (buffered.length < 4 + length) return;
        if (length === 0) {
          const stream = Buffer.concat(parts);
          state.streams.push(stream);
          if (state.mode === 'silent') return;
          if (state.mode === 'error') socket.end('stream: lstat() failed: Permission denied. ERROR\0');
          else socket.end(stream.includes(EICAR) ? 'stream: Eicar-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        state.chunkSizes.push(length);
        parts.push(Buffer.from(buffered.subarray(4, 4 + length)));
        buffered = buffered.subarray(4 + length);
      }
    });
    socket.on('error', () => {});
  });
  if ('path' in listen) fs.rmSync(listen.path, { force: true });
  await new Promise<void>((resolve) => {
    if ('path' in listen) server.listen(listen.path, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    state,
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
