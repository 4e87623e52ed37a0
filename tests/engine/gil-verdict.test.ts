// The verdict's rules on hand-made summaries; the ground-truth tests check it on real runs.
import { describe, expect, it } from 'vitest';
import { judgeGil } from '../../main/shared/gil-verdict.ts';
import type { RunSummary, ThreadSummary } from '../../main/shared/run-summary-types.ts';
import type { StateFractions } from '../../main/shared/vocabulary.ts';
import { handMadeSummary, handMadeThread, stateShares as states } from '../support/hand-made-summary.ts';

const thread = (name: string, life: number, fractions: StateFractions): ThreadSummary =>
  handMadeThread(name.length, name, life, fractions);

/** A summary of `threads` (plus a main thread joining them) over `wall` seconds. */
const summary = (
  wall: number,
  threads: ThreadSummary[],
  extra: Partial<Omit<RunSummary, 'verdict'>> = {},
): Omit<RunSummary, 'verdict'> =>
  handMadeSummary(wall, [thread('MainThread', wall, states({ running: 0.01, lockWait: 0.95 })), ...threads], extra);

const workers = (count: number, life: number, fractions: StateFractions) =>
  Array.from({ length: count }, (_, i) => thread(`w${i}`, life, fractions));

describe('judgeGil', () => {
  it('calls 4 threads that wait 70% for the GIL GIL-bound, with a ceiling from the cores', () => {
    // Each thread: 2.4 s of life, 25% running → 0.6 s CPU; 2.4 s CPU in all.
    const verdict = judgeGil(
      summary(2.4, workers(4, 2.4, states({ running: 0.25, runnable: 0.03, gilWait: 0.72 }))),
      2,
    );
    expect(verdict.kind).toBe('gil-bound');
    expect(verdict.busyThreads).toBe(4);
    expect(verdict.gilWaitShare).toBeCloseTo(0.72, 5);
    // Without GIL waits a thread needs 2.4 × 0.25 = 0.6 s, but 2.4 s of CPU over 2 cores needs 1.2 s: ≤ 2×.
    expect(verdict.speedupCeiling).toBe(2);
    expect(verdict.headline).toBe('The GIL holds this run back: 4 busy threads waited for it 72% of their time.');
    expect(verdict.details.join(' ')).toContain('2.0× faster on 2 otherwise idle cores');
    // More cores raise the ceiling until the longest thread is the limit (2.4 / 0.6 = 4).
    expect(judgeGil(summary(2.4, workers(4, 2.4, states({ running: 0.25, gilWait: 0.75 }))), 64).speedupCeiling).toBe(
      4,
    );
  });

  it('says the GIL is not the limit when busy threads seldom wait for it, and names what is', () => {
    const parallel = judgeGil(summary(1, workers(2, 1, states({ running: 0.9, gilWait: 0.02 }))), 2);
    expect(parallel.kind).toBe('parallel');
    expect(parallel.headline).toMatch(/^The GIL is not what limits this run/);
    const cores = judgeGil(summary(1, workers(4, 1, states({ running: 0.5, runnable: 0.45, gilWait: 0.03 }))), 2);
    expect(cores.kind).toBe('cpu-bound');
    expect(cores.headline).toContain('waited 45% of their time for a CPU');
    const locks = judgeGil(summary(1, workers(3, 1, states({ running: 0.25, lockWait: 0.7 }))), 2);
    expect(locks.kind).toBe('lock-bound');
    const waiting = judgeGil(summary(1, workers(3, 1, states({ running: 0.25 }))), 2);
    expect(waiting.kind).toBe('mostly-waiting');
  });

  it('calls work spread over processes process-parallel, counting the MainThread of every worker process', () => {
    // Four worker processes, each a lone MainThread (pid 11…14) under a main process (pid 10) that joins them.
    const processWorkers = [11, 12, 13, 14].map((pid) => ({
      ...thread('MainThread', 1, states({ running: 0.95 })),
      tid: pid,
      pid,
    }));
    const main = { ...thread('MainThread', 1, states({ running: 0.01, lockWait: 0.95 })), tid: 10, pid: 10 };
    const base = summary(1, [], { processes: [] });
    const run = { ...base, threads: [main, ...processWorkers], cpuSeconds: 3.8, parallelism: 3.8 };
    const processes = [10, 11, 12, 13, 14].map((pid) => ({
      pid,
      parentPid: pid === 10 ? null : 10,
      role: pid === 10 ? 'main' : `worker ${pid - 10}`,
      commandLine: [],
      pythonVersion: '3.12.1',
      threadCount: 1,
      cpuSeconds: 0.95,
      exitedBeforeSampledCpuSeconds: 0,
      lifetimeSeconds: 1,
      gil: { heldFraction: 0.95, contention: 0 },
    }));
    const verdict = judgeGil({ ...run, processes }, 4);
    expect(verdict.kind).toBe('process-parallel');
    expect(verdict.busyThreads).toBe(4);
    expect(verdict.headline).toBe(
      'The GIL is not what limits this run: 4 processes kept 3.8 cores busy, each with its own GIL.',
    );
  });

  it('counts only busy threads: sleepers and a joining main thread do not dilute the GIL share', () => {
    const sleepers = workers(6, 2, states({ running: 0.01 })).map((t, i) => ({ ...t, name: `sleeper${i}` }));
    const verdict = judgeGil(summary(2, [...workers(2, 2, states({ running: 0.45, gilWait: 0.5 })), ...sleepers]), 2);
    expect(verdict.busyThreads).toBe(2);
    expect(verdict.kind).toBe('gil-bound');
    expect(verdict.gilWaitShare).toBeCloseTo(0.5, 5);
  });

  it('says what threads which are never busy wait on: mostly sleep, or mostly locks', () => {
    const verdict = judgeGil(summary(1, workers(3, 1, states({ running: 0.01 }))), 2);
    expect(verdict.kind).toBe('mostly-waiting');
    expect(verdict.busyThreads).toBe(0);
    expect(verdict.headline).toContain('the GIL is not what limits this run');
    expect(judgeGil(summary(1, workers(3, 1, states({ running: 0.01, lockWait: 0.7 }))), 2).kind).toBe('lock-bound');
  });

  it('has no speedup to offer a single busy thread that seldom waits for the GIL', () => {
    const verdict = judgeGil(summary(1, workers(1, 1, states({ running: 0.98 }))), 8);
    expect(verdict.kind).toBe('single-threaded');
    expect(verdict.speedupCeiling).toBeNull();
  });

  it('calls one busy thread that waits for a GIL other threads hold GIL-bound', () => {
    // The holder sits in C with the GIL held: idle by its syscall, so not busy.
    const holder = thread('holder', 1, states({ running: 0.02 }));
    const verdict = judgeGil(summary(1, [...workers(1, 1, states({ running: 0.35, gilWait: 0.6 })), holder]), 2);
    expect(verdict.kind).toBe('gil-bound');
    expect(verdict.headline).toBe('The GIL holds this run back: its one busy thread waited for it 60% of its time.');
    expect(verdict.details).toContain('Other threads held the GIL meanwhile: see what held it.');
  });

  it('floors shares, so 29.7% GIL wait (partly GIL-bound) never reads as the 30% of GIL-bound', () => {
    const verdict = judgeGil(summary(1, workers(3, 1, states({ running: 0.7, gilWait: 0.297 }))), 2);
    expect(verdict.kind).toBe('partly-gil-bound');
    expect(verdict.headline).toContain('29%');
  });

  it('has a speedup ceiling only where the GIL is part of the story', () => {
    expect(judgeGil(summary(1, workers(2, 1, states({ running: 0.9, gilWait: 0.02 }))), 2).speedupCeiling).toBeNull();
    expect(
      judgeGil(summary(1, workers(4, 1, states({ running: 0.5, runnable: 0.45, gilWait: 0.03 }))), 2).speedupCeiling,
    ).toBeNull();
  });

  it('between 10% and 30% GIL wait: partly GIL-bound, naming the bigger limit', () => {
    const verdict = judgeGil(summary(1, workers(4, 1, states({ running: 0.35, runnable: 0.4, gilWait: 0.2 }))), 2);
    expect(verdict.kind).toBe('partly-gil-bound');
    expect(verdict.headline).toContain('The cores are the limit');
  });

  it('knows a run without a GIL, and a GIL switched back on by an import', () => {
    const free = summary(1, workers(4, 1, states({ running: 0.5, runnable: 0.48 })), {
      gilEnabled: false,
      gil: { heldFraction: 0, contention: 0 },
    });
    const verdict = judgeGil(free, 2);
    expect(verdict.kind).toBe('no-gil');
    expect(verdict.headline).toContain('The cores are the limit');
    expect(verdict.speedupCeiling).toBeNull();
    expect(judgeGil(summary(1, workers(1, 1, states({ running: 0.99 })), { gilEnabled: false }), 2).headline).toBe(
      'No GIL in this run.',
    );
    const reenabled = judgeGil(
      {
        ...free,
        gilEnabledChanges: [{ timeSeconds: 0.4, enabled: true }],
        threads: free.threads.map((t) => ({ ...t, states: states({ running: 0.3, gilWait: 0.6 }) })),
      },
      2,
    );
    expect(reenabled.kind).toBe('gil-bound');
    expect(reenabled.details.join(' ')).toContain('switched back on at 0.40 s');
  });

  it('cannot tell, naming the version and why, when waits are unclassified (GIL not located)', () => {
    const why = 'debug offsets of CPython 3.16 (0x31000a0) do not fit the newest known layout (3.15): x';
    const verdict = judgeGil(
      summary(1, workers(4, 1, states({ running: 0.4, unclassifiedWait: 0.6 })), {
        gil: null,
        gilEnabled: null,
        interpreter: { path: '/usr/bin/python3.16', version: '3.16.0', freeThreaded: false },
        warnings: [why],
      }),
      2,
    );
    expect(verdict.kind).toBe('unknown');
    expect(verdict.headline).toContain('cannot tell');
    expect(verdict.headline).toContain('60% of their time');
    expect(verdict.headline).not.toMatch(/lock-bound|waited on locks/);
    expect(verdict.details).toEqual([`CPython 3.16.0: ${why}`]);
  });

  it('says so when the GIL could not be read', () => {
    const verdict = judgeGil(
      summary(1, workers(2, 1, states({ running: 0.5 })), {
        gil: null,
        gilEnabled: null,
        warnings: ['no ptrace permission'],
      }),
      2,
    );
    expect(verdict.kind).toBe('unknown');
    expect(verdict.details).toHaveLength(1);
    expect(verdict.details[0]).toMatch(/: no ptrace permission$/);
    // A run too short to judge.
    const short = judgeGil({ ...summary(0.01, []), threads: [thread('MainThread', 0.01, states({ running: 1 }))] }, 2);
    expect(short.kind).toBe('unknown');
  });

  it('a joining main thread that queued for a CPU at start-up (a busy machine) does not speak for the run', () => {
    const lockers = workers(3, 1, states({ running: 0.01, lockWait: 0.6 }));
    const busyStart = thread('MainThread', 1.2, states({ running: 0.06, runnable: 0.22, lockWait: 0.7 }));
    const run = { ...summary(1.2, lockers), threads: [busyStart, ...lockers] };
    expect(judgeGil(run, 2).kind).toBe('lock-bound');
    // Alone, the same main thread is the run.
    const alone = { ...summary(1.2, []), threads: [busyStart] };
    expect(judgeGil(alone, 2).busyThreads).toBe(1);
  });
});
