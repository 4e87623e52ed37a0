// binTimeline on hand-made columns: CPU spreads over the interval each delta covers, states and GIL
// shares per bin, nothing outside the range counted.
import { describe, expect, it } from 'vitest';
import { binTimeline } from '../../main/engine/analysis/bin-timeline.ts';
import type { Timeline } from '../../main/engine/store/run-types.ts';

const MS = 1e6;

/** Ticks every 10 ms at t = 10, 20, … ms; thread 7 with the given per-tick states and CPU deltas. */
function timeline(states: number[], cpuMs: number[], gilHeld: number[]): Timeline {
  const n = states.length;
  const index = Uint32Array.from({ length: n }, (_, i) => i);
  return {
    ticks: {
      index,
      timeNs: Float64Array.from({ length: n }, (_, i) => (i + 1) * 10 * MS),
      gilHeld: Uint8Array.from(gilHeld),
      gilHolderTid: new Int32Array(n).fill(-1),
      gilEnabled: new Uint8Array(n).fill(1),
      gilKnown: new Uint8Array(n).fill(1),
    },
    threads: new Map([
      [
        7,
        {
          tickIndex: index,
          state: Uint8Array.from(states),
          cpuNs: Float64Array.from(cpuMs, (ms) => ms * MS),
          runQueueNs: new Float64Array(n),
          stackId: new Int32Array(n).fill(-1),
        },
      ],
    ]),
  };
}

describe('binTimeline', () => {
  it('spreads CPU deltas over their intervals and shares states and GIL per bin', () => {
    // 4 ticks at 10..40 ms: running, running, gilWait, gilWait; CPU 10, 10, 0, 0 ms.
    const input = timeline([0, 0, 2, 2], [10, 10, 0, 0], [1, 1, 1, 0]);
    const binned = binTimeline(input, [{ tid: 7, name: 'worker' }], {
      fromNs: 0,
      toNs: 40 * MS,
      bins: 2,
      periodNs: 10 * MS,
    });
    expect(binned.binNs).toBe(20 * MS);
    const thread = binned.threads[0]!;
    expect(thread.name).toBe('worker');
    // 20 ms of CPU in [0, 20] ms: one full core; none afterwards.
    expect(thread.cpu).toEqual([1, 0]);
    expect(thread.sampled).toEqual([1, 3]); // tick at 20 ms falls in bin 1 (bins are [lo, hi))
    expect(thread.states.running).toEqual([1, 1 / 3]);
    expect(thread.states.gilWait).toEqual([0, 2 / 3]);
    expect(binned.gil).toEqual({ held: [1, 2 / 3], contention: [0, 2 / 3], known: [1, 1] });
  });

  it('keeps a first sample taken less than a period after the launch whole: nothing ran before the launch', () => {
    // One tick at 3 ms (the held launch samples that early) with the 3 ms the thread used since it began.
    const input = timeline([0], [3], [1]);
    input.ticks.timeNs[0] = 3 * MS;
    const binned = binTimeline(input, [], { fromNs: 0, toNs: 10 * MS, bins: 1, periodNs: 10 * MS });
    expect(binned.threads[0]!.cpu[0]! * 10 * MS).toBeCloseTo(3 * MS, 0);
  });

  it('counts only the part of an interval inside the range', () => {
    const input = timeline([0, 0, 0, 0], [10, 10, 10, 10], [1, 1, 1, 1]);
    const binned = binTimeline(input, [], { fromNs: 15 * MS, toNs: 25 * MS, bins: 4, periodNs: 10 * MS });
    const cpuNs = binned.threads[0]!.cpu.reduce((sum, value) => sum + value * binned.binNs, 0);
    expect(cpuNs).toBeCloseTo(10 * MS, 0);
    expect(binned.threads[0]!.name).toBe('7');
  });

  it('gives null GIL figures when the GIL was never readable', () => {
    const input = timeline([4, 4], [0, 0], [0, 0]);
    input.ticks.gilKnown.fill(0);
    expect(binTimeline(input, [], { fromNs: 0, toNs: 20 * MS, bins: 2, periodNs: 10 * MS }).gil).toBeNull();
  });
});
