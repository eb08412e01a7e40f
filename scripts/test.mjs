// The one test command (npm test): type-check, lint, unit + API tests on SQLite and PostgreSQL,
// then the browser journeys. Stops at the first failing step and exits non-zero.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['biome', 'check', 'src', 'test']],
  ['unit + API tests (SQLite and PostgreSQL)', 'npx', ['vitest', 'run']],
  ['build web client', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['browser tests (chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];
const skipE2E = process.env.YANXIU_SKIP_E2E === '1';
for (const [name, cmd, args] of steps) {
  if (skipE2E && name.startsWith('browser')) {
    console.log(`\n⚠ ${name}: SKIPPED (YANXIU_SKIP_E2E=1)`);
    continue;
  }
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
