// Runs vitest and ends with a plain "N passed, N failed, N skipped" line, so a run that executed no test
// cannot pass unnoticed. Exits with vitest's own exit code.
//
// A test worker that dies of a signal fails the run (it is never run again): vitest runs with core dumps
// allowed, and each core a crash leaves is turned into a gdb backtrace of every thread in
// test-results/crashes/, printed in the log, so the cause is in the CI artifacts.
import { execFileSync, spawn } from 'node:child_process';
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
  // prlimit (util-linux, essential on Debian) lifts the core size limit for vitest and its workers.
  const child = spawn(
    'prlimit',
    [
      '--core=unlimited',
      '--',
      process.execPath,
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

/** Where the kernel writes cores: core_pattern's folder when absolute, else the crashing worker's cwd (here). */
function coreFolder(): string {
  const pattern = fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
  return pattern.startsWith('/') ? path.dirname(pattern) : process.cwd();
}

/** Turns every core file newer than `sinceMs` into a backtrace in test-results/crashes/; returns their paths. */
function backtraceCores(sinceMs: number): string[] {
  const folder = coreFolder();
  const outDir = path.resolve('test-results', 'crashes');
  const written: string[] = [];
  for (const name of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
    const core = path.join(folder, name);
    if (!/^core(\.|$)/.test(name) || fs.statSync(core).mtimeMs < sinceMs) continue;
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, `${name}.txt`);
    let text: string;
    try {
      text = execFileSync(
        'gdb',
        ['-batch', '-nx', '-ex', 'info sharedlibrary', '-ex', 'thread apply all bt 40', process.execPath, core],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      text = `gdb failed on ${core}: ${(error as Error).message}`;
    }
    fs.writeFileSync(out, text);
    fs.renameSync(core, path.join(outDir, name));
    written.push(out);
  }
  return written;
}

const startedMs = Date.now();
const run = await runVitest(process.argv.slice(2));
const exitCode = summarise(run);
const crashed = crashedFiles(run.output);
if (crashed.length > 0) {
  console.log(`run-vitest: a test worker died of a signal in ${crashed.join(', ')}`);
  const traces = backtraceCores(startedMs);
  if (traces.length === 0)
    console.log(`run-vitest: no core file found in ${coreFolder()} (core_pattern may pipe cores elsewhere)`);
  for (const trace of traces) {
    console.log(`run-vitest: backtrace in ${trace}; the crashing thread:`);
    const text = fs.readFileSync(trace, 'utf8');
    const crashing = text.indexOf('\nThread 1 ');
    console.log(text.slice(crashing < 0 ? 0 : crashing, (crashing < 0 ? 0 : crashing) + 6000));
  }
}
process.exit(crashed.length > 0 && exitCode === 0 ? 1 : exitCode);
