// Coarser bins from a stored fine overview of a whole run, so opening a long run does not decode
// every sample. Each target bin takes the overview bins it overlaps in proportion to the overlap:
// CPU time (cpu × binNs) and sample counts are conserved; state and GIL shares are averaged with
// those weights (GIL shares by time, since ticks are evenly spaced).
import type { BinnedTimeline } from '../../shared/run-views.ts';
import { binCount } from '../../shared/timeline-geometry.ts';
import { THREAD_STATES } from '../../shared/vocabulary.ts';

/** Overlap weights: for each target bin, the overview bins it covers and the covered fraction of each. */
function overlaps(sourceBins: number, targetBins: number): Array<Array<[number, number]>> {
  const ratio = sourceBins / targetBins;
  const result: Array<Array<[number, number]>> = [];
  for (let target = 0; target < targetBins; target++) {
    const start = target * ratio;
    const end = (target + 1) * ratio;
    const parts: Array<[number, number]> = [];
    for (let source = Math.floor(start); source < Math.min(sourceBins, Math.ceil(end)); source++) {
      const covered = Math.min(end, source + 1) - Math.max(start, source);
      if (covered > 1e-12) parts.push([source, covered]);
    }
    result.push(parts);
  }
  return result;
}

/** `overview` re-binned into `bins` equal bins over the same range; `bins` must not exceed the overview's. */
export function rebinTimeline(overview: BinnedTimeline, bins: number): BinnedTimeline {
  const sourceBins = binCount(overview);
  if (bins >= sourceBins || sourceBins === 0) return overview;
  const weights = overlaps(sourceBins, bins);
  const ratio = sourceBins / bins;
  const threads = overview.threads.map((thread) => {
    const cpu: number[] = [];
    const sampled: number[] = [];
    const states = Object.fromEntries(
      THREAD_STATES.map((state) => [state, [] as number[]]),
    ) as BinnedTimeline['threads'][number]['states'];
    for (const parts of weights) {
      let cpuSum = 0;
      let samples = 0;
      const stateSums = THREAD_STATES.map(() => 0);
      for (const [source, covered] of parts) {
        cpuSum += (thread.cpu[source] ?? 0) * covered;
        const count = (thread.sampled[source] ?? 0) * covered;
        samples += count;
        THREAD_STATES.forEach((state, i) => (stateSums[i]! += (thread.states[state][source] ?? 0) * count));
      }
      cpu.push(cpuSum / ratio);
      sampled.push(samples);
      THREAD_STATES.forEach((state, i) => states[state].push(samples > 0 ? stateSums[i]! / samples : 0));
    }
    return { ...thread, cpu, sampled, states };
  });
  const gil = overview.gil ? rebinShares(overview.gil, weights, ratio) : null;
  return { fromNs: overview.fromNs, toNs: overview.toNs, binNs: overview.binNs * ratio, threads, gil };
}

function rebinShares(
  gil: NonNullable<BinnedTimeline['gil']>,
  weights: Array<Array<[number, number]>>,
  ratio: number,
): NonNullable<BinnedTimeline['gil']> {
  const known = weights.map(
    (parts) => parts.reduce((sum, [source, covered]) => sum + (gil.known[source] ?? 0) * covered, 0) / ratio,
  );
  const contention = weights.map(
    (parts) => parts.reduce((sum, [source, covered]) => sum + (gil.contention[source] ?? 0) * covered, 0) / ratio,
  );
  // Held is a share of readable ticks: weigh by how readable each overview bin was.
  const held = weights.map((parts) => {
    let weight = 0;
    let sum = 0;
    for (const [source, covered] of parts) {
      const w = (gil.known[source] ?? 0) * covered;
      weight += w;
      sum += (gil.held[source] ?? 0) * w;
    }
    return weight > 0 ? sum / weight : 0;
  });
  return { held, contention, known };
}
