// Builds the server into ES modules, dist/server/main.mjs and the chunks it loads (about a second), which
// `npm start`, the benchmarks and the process tests run with plain node. The app is a chunk of its own, loaded only
// by a process that serves: the supervisor of several workers stays small. Run from source through tsx, the server held
// ~85 MB more at idle (the compiler, its caches and every module's source map). Packages stay outside
// the bundle and load from node_modules as usual.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'dist', 'server', 'main.mjs');

/** Builds the bundle; each file is written beside its place and renamed, so a running reader never sees half. */
export async function buildServer() {
  const out = await build({
    entryPoints: [path.join(root, 'src', 'server', 'main.ts')],
    outdir: path.dirname(SERVER_BUNDLE),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A source map beside the bundle, for `node --enable-source-maps` when a stack trace must name the .ts line.
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  const chunks = path.join(path.dirname(SERVER_BUNDLE), 'chunks');
  fs.mkdirSync(chunks, { recursive: true });
  // Chunks first (their names change with their content), the entry that imports them last.
  const inChunks = (f) => f.path.startsWith(chunks);
  const files = [...out.outputFiles.filter(inChunks), ...out.outputFiles.filter((f) => !inChunks(f))];
  for (const file of files) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  // Chunks of earlier builds: kept a minute, for a process that started on the old entry and has not loaded them yet.
  const current = new Set(out.outputFiles.map((f) => f.path));
  for (const name of fs.readdirSync(chunks)) {
    const file = path.join(chunks, name);
    if (!current.has(file) && Date.now() - fs.statSync(file).mtimeMs > 60_000) fs.rmSync(file, { force: true });
  }
  return SERVER_BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
