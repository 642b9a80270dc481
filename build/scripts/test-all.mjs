// `npm test`: type-check, lint, build the renderer, unit + integration (vitest, Node) and end-to-end
// (Playwright, Debian's Chromium) in one command, ending with one line: `N passed, N failed`
// (`, N skipped` where any were). Every step runs even when an earlier one fails, so one run shows all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `exit ${result.status ?? result.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function step(title, command, args) {
  if (run(title, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failedSteps.push(title);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
step('type-check (node side)', 'npx', ['tsc', '-p', 'tsconfig.json']);
step('type-check (renderer)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']);
step('type-check (end-to-end)', 'npx', ['tsc', '-p', 'test/e2e/tsconfig.json']);
step('lint', 'npx', ['eslint', '.']);
step('build renderer', 'npx', ['vite', 'build', '--logLevel', 'warn']);

const vitestJson = 'test-results/vitest.json';
rmSync(vitestJson, { force: true });
const vitestOk = run('unit + integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that failed to load has no tests in the counts: count it as a failure.
  const brokenFiles = vitest.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  totals.failed += brokenFiles;
  if (!vitestOk && vitest.numFailedTests + brokenFiles === 0) totals.failed += 1;
} else {
  totals.failed += 1;
  failedSteps.push('unit + integration (no report)');
}

const e2eJson = 'test-results/e2e-results.json';
rmSync(e2eJson, { force: true });
const e2eOk = run('end-to-end (Chromium)', 'npx', ['playwright', 'test']);
const e2e = readJson(e2eJson);
if (e2e && existsSync(e2eJson)) {
  totals.passed += e2e.stats.expected + e2e.stats.flaky;
  totals.failed += e2e.stats.unexpected;
  totals.skipped += e2e.stats.skipped;
  if (!e2eOk && e2e.stats.unexpected === 0) totals.failed += 1;
} else {
  totals.failed += 1;
  failedSteps.push('end-to-end (no report)');
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
