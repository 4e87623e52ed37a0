// Bins of a timeline in which the sampler took no tick at all: every bin is at least 1.5 sampling
// periods wide, so an empty one means ticks came late (the machine was busy), not that nothing ran.
// They are drawn as "missed ticks", not as blank data. Bins at either end are left out: a run starts
// and ends inside them.
import type { BinnedTimeline } from '../../../main/shared/run-views.ts';

/** 1 for each bin with no sample from any thread (and no GIL reading), strictly between the first and last bin. */
export function missedBins(data: BinnedTimeline): Uint8Array {
  const bins = data.threads[0]?.sampled.length ?? data.gil?.known.length ?? 0;
  const missed = new Uint8Array(bins);
  if (data.threads.length === 0) return missed;
  for (let b = 1; b < bins - 1; b++) {
    const sampled = data.threads.some((thread) => (thread.sampled[b] ?? 0) > 0) || (data.gil?.known[b] ?? 0) > 0;
    if (!sampled) missed[b] = 1;
  }
  return missed;
}

/** How many bins are missed, for the legend and tests. */
export function countMissed(missed: Uint8Array): number {
  let n = 0;
  for (const value of missed) n += value;
  return n;
}
