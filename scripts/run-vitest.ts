// Runs vitest and ends with a plain "N passed, N failed, N skipped" line, so a run that executed no test
// cannot pass unnoticed. Exits with vitest's own exit code.
//
// One exception, said out loud in the log: when the only failures are test files whose worker process
// died of a signal (a rare SIGSEGV of the Node test worker was seen once in about 16 full runs, cause not
// found), those files are run once more and that run decides. Any failing assertion fails at once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface Totals {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ name: string; status: string }>;
}

interface VitestRun {
  status: number;
  output: string;
  totals: Totals | null;
}

const report = path.resolve('test-results', 'vitest.json');

/** Runs vitest with `args`, echoing its output as it comes, and reads its JSON report. */
function runVitest(args: string[]): Promise<VitestRun> {
  fs.rmSync(report, { force: true });
  const child = spawn(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    output += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let totals: Totals | null = null;
      try {
        totals = JSON.parse(fs.readFileSync(report, 'utf8')) as Totals;
      } catch {
        // no report: judged below
      }
      resolve({ status: code ?? 1, output, totals });
    });
  });
}

/** Prints the summary line of a run and returns its exit code. */
function summarise(run: VitestRun, label = 'tests'): number {
  if (!run.totals) {
    console.log(`${label}: 0 passed, 1 failed (vitest wrote no report)`);
    return run.status || 1;
  }
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, testResults } = run.totals;
  // A failing beforeAll (or a crashed worker) fails its file and reports the file's tests as skipped: say so.
  const failedFiles = testResults.filter((file) => file.status === 'failed').length;
  const filesNote = failedFiles > 0 ? ` (${failedFiles} test file(s) failed)` : '';
  console.log(
    `${label}: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped${filesNote}`,
  );
  if (failedFiles > 0 || numPassedTests === 0) return run.status || 1;
  return run.status;
}

/** Test files whose worker process vitest saw die of a signal. */
function crashedFiles(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  return [
    ...new Set(
      [
        ...plain.matchAll(/exited unexpectedly with signal (SIG\w+) during \w+ state while running test file (\S+)/g),
      ].map((m) => m[2]!),
    ),
  ];
}

const first = await runVitest(process.argv.slice(2));
let exitCode = summarise(first);
const crashed = crashedFiles(first.output);
const failed = first.totals?.testResults.filter((file) => file.status === 'failed').map((file) => file.name) ?? [];
if (
  exitCode !== 0 &&
  crashed.length > 0 &&
  first.totals?.numFailedTests === 0 &&
  failed.every((file) => crashed.includes(file))
) {
  console.log(
    `run-vitest: the test worker died of a signal in ${crashed.join(', ')}; running ${crashed.length === 1 ? 'that file' : 'those files'} once more`,
  );
  exitCode = summarise(await runVitest(crashed), 'tests (re-run of crashed files)');
}
process.exit(exitCode);
