import { describe, expect, it } from 'vitest';
import type { BinnedTimeline } from '../../main/shared/run-views.ts';
import {
  alignThreads,
  coveredFraction,
  fromPlotFraction,
  laneRange,
  sharedSpanNs,
  toPlotFraction,
} from '../../renderer/src/logic/compare-time.ts';

const states = { running: [], runnable: [], gilWait: [], lockWait: [], idle: [], unclassifiedWait: [] };
const timeline = (toNs: number, threads: Array<[number, string]> = []): BinnedTimeline => ({
  fromNs: 0,
  toNs,
  binNs: toNs / 10,
  threads: threads.map(([tid, name]) => ({ tid, name, cpu: [], sampled: [], states })),
  gil: null,
});

describe('compare time mapping', () => {
  const a = timeline(4e9);
  const b = timeline(1e9);
  it('shares the longest span when aligned', () => {
    const shared = sharedSpanNs([a, null, b]);
    expect(shared).toBe(4e9);
    expect(laneRange(b, 'aligned', shared)).toEqual({ from: 0, to: 4e9 });
    expect(coveredFraction(b, 'aligned', shared)).toBe(0.25);
    expect(toPlotFraction(1e9, laneRange(b, 'aligned', shared))).toBe(0.25);
  });
  it('stretches each run to its own length when normalized', () => {
    const shared = sharedSpanNs([a, b]);
    const range = laneRange(b, 'normalized', shared);
    expect(range).toEqual({ from: 0, to: 1e9 });
    expect(toPlotFraction(0.5e9, range)).toBe(0.5);
    expect(toPlotFraction(2e9, laneRange(a, 'normalized', shared))).toBe(0.5);
    expect(fromPlotFraction(0.5, range)).toBe(0.5e9);
    expect(coveredFraction(b, 'normalized', shared)).toBe(1);
  });
  it('never returns an empty range', () => {
    const empty = timeline(0);
    expect(laneRange(empty, 'normalized', 0).to).toBeGreaterThan(0);
    expect(sharedSpanNs([])).toBe(0);
  });
  it('orders thread lanes by the matched rows, unmatched last', () => {
    const t = timeline(1e9, [
      [10, 'worker-1'],
      [11, 'MainThread'],
      [12, 'extra'],
    ]);
    const rows = [
      {
        name: 'MainThread',
        perRun: [
          null,
          {
            tid: 11,
            cpuSeconds: 1,
            states: { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 },
          },
        ],
      },
      {
        name: 'worker-1',
        perRun: [
          null,
          {
            tid: 10,
            cpuSeconds: 1,
            states: { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 },
          },
        ],
      },
      { name: 'gone', perRun: [null, null] },
    ];
    expect(alignThreads(t, rows, 1).threads.map((x) => x.tid)).toEqual([11, 10, 12]);
  });
});
