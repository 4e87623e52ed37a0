import { expect, it } from 'vitest';
import type { Tick } from '../../main/engine/model.ts';
import { binTimeline } from '../../main/engine/analysis/bin-timeline.ts';
import { rebinTimeline } from '../../main/engine/analysis/rebin-timeline.ts';
import { syntheticTickBatches } from '../../main/engine/store/synthetic-ticks.ts';
import type { Timeline } from '../../main/engine/store/run-types.ts';

/** Columnar timeline from generated ticks (what the store would give back). */
function columns(ticks: Tick[]): Timeline {
  const threads = new Map<number, { tickIndex: number[]; state: number[]; cpuNs: number[]; runQueueNs: number[]; stackId: number[] }>();
  for (const tick of ticks) {
    for (const s of tick.threads) {
      let c = threads.get(s.tid);
      if (!c) threads.set(s.tid, (c = { tickIndex: [], state: [], cpuNs: [], runQueueNs: [], stackId: [] }));
      c.tickIndex.push(tick.index);
      c.state.push(s.state);
      c.cpuNs.push(s.cpuNs);
      c.runQueueNs.push(s.runQueueNs);
      c.stackId.push(s.stackId ?? -1);
    }
  }
  return {
    ticks: {
      index: Uint32Array.from(ticks, (t) => t.index),
      timeNs: Float64Array.from(ticks, (t) => t.timeNs),
      gilKnown: Uint8Array.from(ticks, (t) => (t.gil ? 1 : 0)),
      gilHeld: Uint8Array.from(ticks, (t) => (t.gil?.held ? 1 : 0)),
      gilEnabled: Uint8Array.from(ticks, (t) => (t.gil?.enabled ? 1 : 0)),
      gilHolderTid: Int32Array.from(ticks, (t) => t.gil?.holderTid ?? -1),
    },
    threads: new Map(
      [...threads].map(([tid, c]) => [
        tid,
        { tickIndex: Uint32Array.from(c.tickIndex), state: Uint8Array.from(c.state), cpuNs: Float64Array.from(c.cpuNs), runQueueNs: Float64Array.from(c.runQueueNs), stackId: Int32Array.from(c.stackId) },
      ]),
    ),
  };
}

it('re-bins a fine overview close to binning the samples directly, conserving CPU time and sample counts', () => {
  const ticks = [...syntheticTickBatches({ threads: 4, ticks: 6000, rateHz: 100, batchTicks: 6000, activity: 'mixed', nullGilEvery: 7, seed: 3 })].flat();
  const timeline = columns(ticks);
  const request = { fromNs: 0, toNs: ticks[ticks.length - 1]!.timeNs, periodNs: 1e7 };
  const overview = binTimeline(timeline, [], { ...request, bins: 2048 });
  const direct = binTimeline(timeline, [], { ...request, bins: 300 });
  const rebinned = rebinTimeline(overview, 300);
  expect(rebinned.binNs).toBeCloseTo(direct.binNs, 3);
  for (const [i, thread] of rebinned.threads.entries()) {
    const reference = direct.threads[i]!;
    const cpuNs = (t: typeof thread) => t.cpu.reduce((sum, value) => sum + value, 0) * rebinned.binNs;
    expect(cpuNs(thread)).toBeCloseTo(cpuNs(reference), -3);
    expect(thread.sampled.reduce((a, b) => a + b, 0)).toBeCloseTo(reference.sampled.reduce((a, b) => a + b, 0), 6);
    // Bin edges differ by less than one overview bin: per-bin values agree closely on average.
    const meanError = thread.cpu.reduce((sum, value, bin) => sum + Math.abs(value - reference.cpu[bin]!), 0) / thread.cpu.length;
    expect(meanError).toBeLessThan(0.05);
    for (const state of ['running', 'idle'] as const) {
      const error = thread.states[state].reduce((sum, value, bin) => sum + Math.abs(value - reference.states[state][bin]!), 0) / 300;
      expect(error).toBeLessThan(0.08);
    }
  }
  const heldError = rebinned.gil!.held.reduce((sum, value, bin) => sum + Math.abs(value - direct.gil!.held[bin]!), 0) / 300;
  expect(heldError).toBeLessThan(0.08);
  expect(rebinTimeline(overview, 4096)).toBe(overview);
});
