// Scripts that fail, exit non-zero or die by a signal: the run is stored with how it ended, its
// samples and its output; the CLI prints the summary, then one line, and exits 1.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { expectNoStackTrace, parseSummary, runCli, writeScript, type CliResult } from './run-cli.ts';

const python = pyenvPython('3.12.1');

/** Profiles `source` with --json; returns the CLI result, the summary and the DB path. */
async function profileSource(prefix: string, source: string) {
  const dir = makeTempDir(prefix);
  const script = writeScript(dir, 'workload.py', source);
  const db = path.join(dir, 'runs.sqlite');
  const result = await runCli(['profile', '--json', '--db', db, '--python', python, script]);
  expectNoStackTrace(result);
  return { result, summary: parseSummary(result), db };
}

/** The last stderr line is the CLI's own one-line verdict. */
function lastLine(result: CliResult): string {
  return result.stderr.trimEnd().split('\n').at(-1) ?? '';
}

/**
 * Busy for 0.3 s of its own CPU time (not wall time, which a loaded machine may give little CPU) so the
 * run has samples and CPU, then the ending under test.
 */
const BUSY = 'import time\nend = time.thread_time() + 0.3\nwhile time.thread_time() < end: pass\n';

describe('gilscope profile: how scripts end', () => {
  it('keeps the traceback of a script with a syntax error, status failed, exit code 1', async () => {
    const { result, summary, db } = await profileSource('syntax', 'print("unclosed"\n');
    expect(result.code).toBe(1);
    expect(summary).toMatchObject({ status: 'failed', exitCode: 1, signal: null });
    expect(lastLine(result)).toBe(`gilscope: the script exited with code 1 (run ${summary.runId} is stored)`);
    const store = openRunStore(db, { readonly: true });
    try {
      const output = createRunReader(store).readOutput(summary.runId);
      const stderr = output.chunks
        .filter((chunk) => chunk.stream === 'stderr')
        .map((chunk) => chunk.text)
        .join('');
      expect(stderr).toMatch(/SyntaxError: '\(' was never closed/);
      expect(stderr).toContain('workload.py", line 1');
    } finally {
      store.close();
    }
  });

  it('records a non-zero exit code (sys.exit(3)) with the samples taken', async () => {
    const { result, summary } = await profileSource('exit3', `${BUSY}import sys\nsys.exit(3)\n`);
    expect(result.code).toBe(1);
    expect(summary).toMatchObject({ status: 'failed', exitCode: 3, signal: null });
    // Samples taken before the death are kept (how many depends on how often a busy machine let the sampler run).
    expect(summary.samples).toBeGreaterThanOrEqual(2);
    expect(summary.cpuSeconds).toBeGreaterThan(0.05);
    expect(lastLine(result)).toBe(`gilscope: the script exited with code 3 (run ${summary.runId} is stored)`);
  });

  it.each(['SIGKILL', 'SIGSEGV'])('records death by %s as killed, keeping the samples', async (signal) => {
    const { result, summary } = await profileSource(
      signal,
      // No core dump: it would land in the CLI's working folder, the checkout.
      `${BUSY}import os, resource, signal\nresource.setrlimit(resource.RLIMIT_CORE, (0, 0))\nos.kill(os.getpid(), signal.${signal})\n`,
    );
    expect(result.code).toBe(1);
    expect(summary).toMatchObject({ status: 'killed', exitCode: null, signal });
    // Samples taken before the death are kept (how many depends on how often a busy machine let the sampler run).
    expect(summary.samples).toBeGreaterThanOrEqual(2);
    expect(summary.cpuSeconds).toBeGreaterThan(0.05);
    expect(lastLine(result)).toBe(`gilscope: the script was killed by ${signal} (run ${summary.runId} is stored)`);
  });
});
