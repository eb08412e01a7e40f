// The one test command (npm test): type-check, lint, unit + API tests on SQLite and PostgreSQL,
// then the browser journeys. Stops at the first failing step and exits non-zero.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['biome', 'check', 'src', 'test']],
  ['unit + API tests (SQLite and PostgreSQL)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/api.json']],
  ['build web client', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  [
    'browser tests (chromium)',
    'npx',
    ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/e2e.json'],
  ],
];
const skipE2E = process.env.YANXIU_SKIP_E2E === '1';
fs.rmSync('test-results', { recursive: true, force: true });
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

// One closing line for whoever reads the log: every test of every step.
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['test-results/api.json', 'test-results/e2e.json']) {
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
