// `gilscope attach PID`: samples a process GILscope did not start, detaches, and leaves it running;
// a process it may not read gets one line that says how to fix that.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NAPPING_THREADS, startReadyProcess } from '../support/attach-target.ts';
import { isAlive } from '../support/process-alive.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython, sidPython } from '../support/spawn-python.ts';
import { expectNoStackTrace, expectOneLineError, parseSummary, runCli, writeScript } from './run-cli.ts';

const python = pyenvPython('3.12.1');

const SLEEPER = NAPPING_THREADS;

/** The same, after making itself non-dumpable: only CAP_SYS_PTRACE may read it then. */
const NON_DUMPABLE =
  `
import ctypes
assert ctypes.CDLL(None).prctl(4, 0, 0, 0, 0) == 0  # PR_SET_DUMPABLE 0
` + SLEEPER;

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** Starts `source` as a process of its own (not GILscope's child) and resolves once it printed READY. */
function startTarget(source: string, interpreter = python): Promise<ChildProcess & { pid: number }> {
  return startReadyProcess(interpreter, writeScript(makeTempDir('attach'), 'target.py', source), [], started);
}

describe('gilscope attach', () => {
  it('reads a sleeping script’s threads, names, stacks and states, and leaves it running after detaching', async () => {
    const target = await startTarget(SLEEPER);
    const db = path.join(makeTempDir('attach-db'), 'runs.sqlite');
    const result = await runCli(['attach', String(target.pid), '--duration', '1', '--json', '--db', db]);
    expectNoStackTrace(result);
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.attachedPid).toBe(target.pid);
    expect(summary.status).toBe('stopped');
    expect(summary.script).toMatch(/target\.py$/);
    expect(summary.interpreter?.version).toBe('3.12.1');
    expect(summary.samples).toBeGreaterThan(50);
    const napper = summary.threads.find((thread) => thread.name === 'napper');
    const main = summary.threads.find((thread) => thread.tid === target.pid);
    expect(napper?.nameSource).toBe('python');
    expect(main?.name).toBe('MainThread');
    for (const thread of [napper, main]) {
      expect(thread?.states.idle).toBeGreaterThan(0.8);
      // CPU before the attach is not the run's: a sleeper uses a few ms a second at most.
      expect(thread?.cpuSeconds).toBeLessThan(0.1);
    }
    expect(napper?.topFrames[0]?.function).toBe('napper');
    expect(main?.topFrames[0]?.function).toBe('<module>');
    expect(isAlive(target.pid)).toBe(true);
    // Detaching left nothing behind that ends it a moment later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isAlive(target.pid)).toBe(true);
  });

  it('attaches to a Python inside a chroot (Debian sid’s 3.15, whose binary cannot run here): version from its memory', async () => {
    // The launcher execs into the chroot's python3.15, keeping its PID.
    const target = await startTarget(SLEEPER, sidPython('3.15'));
    const db = path.join(makeTempDir('attach-db'), 'runs.sqlite');
    const result = await runCli(['attach', String(target.pid), '--duration', '1', '--json', '--db', db]);
    expectNoStackTrace(result);
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.status).toBe('stopped');
    expect(summary.interpreter?.version).toMatch(/^3\.15\.\d+$/);
    expect(summary.samples).toBeGreaterThan(20);
    const main = summary.threads.find((thread) => thread.tid === target.pid);
    expect(main?.name).toBe('MainThread');
    expect(main?.topFrames[0]?.function).toBe('<module>');
    expect(isAlive(target.pid)).toBe(true);
  });

  it('a process it may not read gets one line that says why and how to fix it; the target lives on', async () => {
    const target = await startTarget(NON_DUMPABLE);
    const db = path.join(makeTempDir('attach-db'), 'runs.sqlite');
    const result = await runCli(['attach', String(target.pid), '--duration', '1', '--db', db], {
      wrapper: ['setpriv', '--bounding-set=-sys_ptrace', '--inh-caps=-sys_ptrace'],
    });
    expectOneLineError(
      result,
      new RegExp(`cannot read the memory of process ${target.pid}: .*CAP_SYS_PTRACE.*--cap-add=SYS_PTRACE`),
    );
    expect(isAlive(target.pid)).toBe(true);
  });

  it('refuses a PID that is not a running process in one line', async () => {
    const result = await runCli(['attach', '999999999', '--db', path.join(makeTempDir('attach-db'), 'runs.sqlite')]);
    expectOneLineError(result, /no process 999999999/);
  });
});
