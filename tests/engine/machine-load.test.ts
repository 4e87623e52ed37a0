// Each run records how busy the machine was with other programs: /proc/stat's busy CPU over the run
// less the run's own and GILscope's. A real CPU burner started beside a sleeping script must show up
// as about one core of other work; the figure agrees with the test's own reading of the same span.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { loadRunSummary } from '../../main/engine/analysis/run-summary.ts';
import { PassThrough } from 'node:stream';
import { printSummary } from '../../main/cli/print-summary.ts';
import { describeLoad } from '../support/machine-load.ts';
import { profileFixture } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

const PYTHON = pyenvPython('3.12.1');
let burner: ChildProcess | null = null;

afterEach(() => {
  burner?.kill('SIGKILL');
  burner = null;
});

describe('machine load of a run', () => {
  it('counts a CPU burner beside a sleeping script as other work, not the script', async () => {
    // The burner spins until killed; the script itself only sleeps.
    burner = spawn(PYTHON, ['-c', 'while True: pass'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const run = await profileFixture(PYTHON, 'time.sleep(1.5)\n');
    const load = run.summary.machineLoad!;
    const context = `${JSON.stringify(load)}; the test's own reading: ${describeLoad(run.load)}`;
    expect(load.cores, context).toBeGreaterThanOrEqual(1);
    expect(load.windowSeconds, context).toBeGreaterThanOrEqual(run.summary.wallSeconds! - 0.01);
    // One spinning process takes a core whenever it can; other sessions only add to that.
    expect(load.otherCores, context).toBeGreaterThan(0.5);
    expect(run.summary.cpuSeconds, context).toBeLessThan(0.3);
    // `gilscope show` says it under the verdict.
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    printSummary(run.summary, out);
    expect(text).toMatch(/\n {2}Other programs kept \d\.\d of \d+ cores busy while this run recorded/);
    // The same span read by the test (machine busy less this process and the target): the same figure,
    // up to the interpreter probe before the run's window and /proc/stat's 10 ms steps.
    expect(Math.abs(load.otherCpuSeconds - run.load.otherCpuSeconds), context).toBeLessThan(
      0.2 + 0.1 * run.load.otherCpuSeconds,
    );
  }, 30_000);

  it("leaves the script's own CPU out, and is kept when the stored summary is read back", async () => {
    const run = await profileFixture(PYTHON, 'end = time.thread_time() + 1.0\nwhile time.thread_time() < end: pass\n');
    const load = run.summary.machineLoad!;
    const context = `${JSON.stringify(load)}; the test's own reading: ${describeLoad(run.load)}`;
    expect(run.summary.cpuSeconds, context).toBeGreaterThan(0.9);
    expect(Math.abs(load.otherCpuSeconds - run.load.otherCpuSeconds), context).toBeLessThan(
      0.2 + 0.1 * run.load.otherCpuSeconds,
    );
    const store = openRunStore(run.dbFile, { readonly: true });
    try {
      const reader = createRunReader(store);
      expect(reader.readStoredSummary(run.summary.runId)?.summary).not.toHaveProperty('machineLoad');
      expect(loadRunSummary(reader, run.summary.runId)?.machineLoad).toEqual(load);
    } finally {
      store.close();
    }
  }, 30_000);
});
