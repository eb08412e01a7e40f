// Builds the server into one ES module, dist/server/main.mjs (about a second), which `npm start`, the
// benchmarks and the process tests run with plain node. Run from source through tsx, the server held
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
    outfile: SERVER_BUNDLE,
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
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  for (const file of out.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return SERVER_BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
