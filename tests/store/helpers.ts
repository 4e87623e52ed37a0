// Shared fixtures of the store tests: temp folders and expected columns built straight from ticks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Timeline } from '../../main/engine/store/run-types.ts';
import type { Tick, Tid } from '../../main/engine/model.ts';
import type { RunMeta } from '../../main/engine/store/run-types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-store-'));
  dirs.push(dir);
  return dir;
}

/** Minimal run metadata. */
export function meta(overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    script: '/tmp/work.py',
    args: ['--n', '3'],
    cwd: '/tmp',
    interpreter: {
      path: '/usr/bin/python3',
      realPath: '/usr/bin/python3.13',
      version: '3.13.1',
      implementation: 'cpython',
      freeThreaded: false,
    },
    gilMode: 'default',
    rateHz: 100,
    ...overrides,
  };
}

/** What readTimeline should return for `ticks`, as plain arrays. */
export function expectedColumns(ticks: Tick[]) {
  const threads = new Map<
    Tid,
    { tickIndex: number[]; state: number[]; cpuNs: number[]; runQueueNs: number[]; stackId: number[] }
  >();
  for (const t of ticks) {
    for (const s of t.threads) {
      let c = threads.get(s.tid);
      if (!c) threads.set(s.tid, (c = { tickIndex: [], state: [], cpuNs: [], runQueueNs: [], stackId: [] }));
      c.tickIndex.push(t.index);
      c.state.push(s.state);
      c.cpuNs.push(s.cpuNs);
      c.runQueueNs.push(s.runQueueNs);
      c.stackId.push(s.stackId ?? -1);
    }
  }
  return {
    ticks: {
      index: ticks.map((t) => t.index),
      timeNs: ticks.map((t) => t.timeNs),
      gilKnown: ticks.map((t) => (t.gil ? 1 : 0)),
      gilHeld: ticks.map((t) => (t.gil?.held ? 1 : 0)),
      gilEnabled: ticks.map((t) => (t.gil?.enabled ? 1 : 0)),
      gilHolderTid: ticks.map((t) => t.gil?.holderTid ?? -1),
    },
    threads,
  };
}

/** Typed-array columns as plain arrays, for toEqual. */
export function plain<T extends object>(columns: T): Record<string, number[]> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]));
}

/** The columnar timeline the store would give back for `ticks` (for pure analysis tests). */
export function toTimeline(ticks: Tick[]): Timeline {
  const expected = expectedColumns(ticks);
  return {
    ticks: {
      index: Uint32Array.from(expected.ticks.index),
      timeNs: Float64Array.from(expected.ticks.timeNs),
      gilKnown: Uint8Array.from(expected.ticks.gilKnown),
      gilHeld: Uint8Array.from(expected.ticks.gilHeld),
      gilEnabled: Uint8Array.from(expected.ticks.gilEnabled),
      gilHolderTid: Int32Array.from(expected.ticks.gilHolderTid),
    },
    threads: new Map(
      [...expected.threads].map(([tid, c]) => [
        tid,
        {
          tickIndex: Uint32Array.from(c.tickIndex),
          state: Uint8Array.from(c.state),
          cpuNs: Float64Array.from(c.cpuNs),
          runQueueNs: Float64Array.from(c.runQueueNs),
          stackId: Int32Array.from(c.stackId),
        },
      ]),
    ),
  };
}
