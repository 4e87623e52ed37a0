// Grouping a summary's threads by process (app thread table, report): processes in the summary's order,
// a thread of an unlisted process (a run recorded before processes were followed) under the main one.
import { describe, expect, it } from 'vitest';
import {
  commandLineText,
  compareLanesByProcess,
  groupThreadsByProcess,
  hasSeveralProcesses,
} from '../../main/shared/process-groups.ts';
import type { ProcessSummary, ThreadSummary } from '../../main/shared/run-summary-types.ts';

const thread = (tid: number, pid?: number): ThreadSummary => ({
  tid,
  ...(pid === undefined ? {} : { pid }),
  name: `t${tid}`,
  nameSource: 'python',
  cpuSeconds: 0,
  lifetimeSeconds: 1,
  states: { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 },
  gilHeldFraction: null,
  topFrames: [],
  gilWaitFrames: [],
});
const process = (pid: number, role: string): ProcessSummary => ({
  pid,
  parentPid: null,
  role,
  commandLine: ['python3', 'x.py'],
  pythonVersion: '3.12.1',
  threadCount: 1,
  cpuSeconds: 0,
  exitedBeforeSampledCpuSeconds: 0,
  lifetimeSeconds: 1,
  gil: null,
});

describe('groupThreadsByProcess', () => {
  it('puts each thread under its process, in the summary’s process order, unknown ones under main', () => {
    const summary = {
      processes: [process(50, 'main'), process(20, 'worker 1')],
      threads: [thread(21, 20), thread(50, 50), thread(7), thread(51, 50)],
    };
    expect(hasSeveralProcesses(summary)).toBe(true);
    expect(groupThreadsByProcess(summary).map((g) => [g.process.role, g.threads.map((t) => t.tid)])).toEqual([
      ['main', [50, 7, 51]],
      ['worker 1', [21]],
    ]);
    expect(hasSeveralProcesses({ processes: [process(1, 'main')] })).toBe(false);
    expect(groupThreadsByProcess({ threads: [thread(1)] })).toEqual([]);
  });

  it('orders lanes by process then thread, and shortens long command lines in the middle', () => {
    const lanes = [thread(9, 8), thread(3, 2), thread(8, 8), thread(2, 2)];
    expect(lanes.sort(compareLanesByProcess).map((t) => t.tid)).toEqual([2, 3, 8, 9]);
    const text = commandLineText(['/usr/bin/python3', '-m', 'x'.repeat(200), 'script.py'], 40);
    expect(text).toHaveLength(40);
    expect(text.startsWith('/usr/bin/python3 -m…')).toBe(true);
    expect(text.endsWith('x script.py')).toBe(true);
  });
});
