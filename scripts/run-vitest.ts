// Runs vitest once and ends with a plain "N passed, N failed, N skipped" line, so a run that executed
// no test cannot pass unnoticed. Exits with vitest's own exit code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const report = path.resolve('test-results', 'vitest.json');
fs.rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } },
);
let exitCode = vitest.status ?? 1;
try {
  const totals = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{ status: string }>;
  };
  // A failing beforeAll fails its file and reports the file's tests as skipped: say so on the same line.
  const failedFiles = totals.testResults.filter((file) => file.status === 'failed').length;
  const filesNote = failedFiles > 0 ? ` (${failedFiles} test file(s) failed)` : '';
  console.log(`tests: ${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests + totals.numTodoTests} skipped${filesNote}`);
  if (failedFiles > 0) exitCode = exitCode || 1;
  if (totals.numPassedTests === 0) exitCode = exitCode || 1;
} catch {
  console.log('tests: 0 passed, 1 failed (vitest wrote no report)');
  exitCode = exitCode || 1;
}
process.exit(exitCode);
