import { expect, it } from 'vitest';
import { binTimeline } from '../../main/engine/analysis/bin-timeline.ts';
import { rebinTimeline } from '../../main/engine/analysis/rebin-timeline.ts';
import { syntheticTickBatches } from '../support/synthetic-ticks.ts';
import { toTimeline } from '../store/helpers.ts';

it('re-bins a fine overview close to binning the samples directly, conserving CPU time and sample counts', () => {
  const ticks = [
    ...syntheticTickBatches({
      threads: 4,
      ticks: 6000,
      rateHz: 100,
      batchTicks: 6000,
      activity: 'mixed',
      nullGilEvery: 7,
      seed: 3,
    }),
  ].flat();
  const timeline = toTimeline(ticks);
  const request = { fromNs: 0, toNs: ticks[ticks.length - 1]!.timeNs, periodNs: 1e7 };
  const overview = binTimeline(timeline, [], { ...request, bins: 2048 });
  const direct = binTimeline(timeline, [], { ...request, bins: 300 });
  const rebinned = rebinTimeline(overview, 300);
  expect(rebinned.binNs).toBeCloseTo(direct.binNs, 3);
  for (const [i, thread] of rebinned.threads.entries()) {
    const reference = direct.threads[i]!;
    const cpuNs = (t: typeof thread) => t.cpu.reduce((sum, value) => sum + value, 0) * rebinned.binNs;
    expect(cpuNs(thread)).toBeCloseTo(cpuNs(reference), -3);
    expect(thread.sampled.reduce((a, b) => a + b, 0)).toBeCloseTo(
      reference.sampled.reduce((a, b) => a + b, 0),
      6,
    );
    // Bin edges differ by less than one overview bin: per-bin values agree closely on average.
    const meanError =
      thread.cpu.reduce((sum, value, bin) => sum + Math.abs(value - reference.cpu[bin]!), 0) / thread.cpu.length;
    expect(meanError).toBeLessThan(0.05);
    for (const state of ['running', 'idle'] as const) {
      const error =
        thread.states[state].reduce((sum, value, bin) => sum + Math.abs(value - reference.states[state][bin]!), 0) /
        300;
      expect(error).toBeLessThan(0.08);
    }
  }
  const heldError =
    rebinned.gil!.held.reduce((sum, value, bin) => sum + Math.abs(value - direct.gil!.held[bin]!), 0) / 300;
  expect(heldError).toBeLessThan(0.08);
  expect(rebinTimeline(overview, 4096)).toBe(overview);
});
