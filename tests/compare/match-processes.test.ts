// Compare lines threads up across runs; threads of descendant processes match by their process's role.
import { describe, expect, it } from 'vitest';
import { matchThreads } from '../../main/engine/compare/compare-runs.ts';
import type { ProcessSummary, RunSummary, ThreadSummary } from '../../main/shared/run-summary-types.ts';

const states = { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 };

function thread(tid: number, pid: number, name = 'MainThread'): ThreadSummary {
  return {
    tid,
    pid,
    name,
    nameSource: 'python',
    cpuSeconds: tid / 1000,
    lifetimeSeconds: 1,
    states,
    gilHeldFraction: null,
    topFrames: [],
    gilWaitFrames: [],
  };
}

function process(pid: number, role: string): ProcessSummary {
  return {
    pid,
    parentPid: role === 'main' ? null : 1,
    role,
    commandLine: [],
    pythonVersion: '3.12.1',
    threadCount: 1,
    cpuSeconds: 1,
    exitedBeforeSampledCpuSeconds: 0,
    lifetimeSeconds: 1,
    gil: null,
  };
}

/** Only the fields matchThreads reads. */
const run = (threads: ThreadSummary[], processes: ProcessSummary[]): RunSummary =>
  ({ threads, processes }) as unknown as RunSummary;

describe('matchThreads across process trees', () => {
  it('matches worker processes by role and the main process with a single-process run', () => {
    const single = run([thread(100, 100)], [process(100, 'main')]);
    const tree = run(
      [thread(200, 200), thread(201, 201), thread(202, 202)],
      [process(200, 'main'), process(201, 'worker 1'), process(202, 'worker 2')],
    );
    const other = run([thread(300, 300), thread(302, 302)], [process(300, 'main'), process(302, 'worker 1')]);
    const rows = matchThreads([single, tree, other]);
    expect(rows.map((row) => [row.name, row.perRun.map((cell) => cell?.tid ?? null)])).toEqual([
      ['MainThread', [100, 200, 300]],
      ['worker 1: MainThread', [null, 201, 302]],
      ['worker 2: MainThread', [null, 202, null]],
    ]);
  });
});
