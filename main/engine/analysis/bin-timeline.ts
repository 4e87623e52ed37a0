// Turns a run's columnar samples into equal time bins for the timeline charts. Pure: the caller reads
// the range (plus a margin, see TIMELINE_MARGIN_PERIODS) and passes the run's thread names.
import { STATE_CODE, type Nanoseconds, type ThreadInfo } from '../model.ts';
import type { Timeline } from '../store/run-types.ts';
import { makeTickTimeLookup } from './tick-time-lookup.ts';
import type { BinnedTimeline } from '../../shared/run-views.ts';
import { compareLanesByProcess } from '../../shared/process-groups.ts';
import { THREAD_STATES, type ThreadState } from '../../shared/vocabulary.ts';

/** Read this many sampling periods beyond each end: CPU deltas of samples just outside overlap the range. */
export const TIMELINE_MARGIN_PERIODS = 4;

/** What to bin: [fromNs, toNs] in `bins` equal bins; `periodNs` is the sampling period (1e9 / rate). */
export interface BinRequest {
  fromNs: Nanoseconds;
  toNs: Nanoseconds;
  bins: number;
  periodNs: Nanoseconds;
}

/**
 * Per thread: CPU per bin as a fraction of one core, from cpuNs deltas spread evenly over the interval
 * each one covers (previous sample → this one), so the sum of cpu × binNs is the thread's CPU time in
 * the range; state shares and sample counts by the sample's tick time. For the run: share of ticks with
 * the GIL held (of those where it was readable), with someone waiting for it, and readable at all.
 */
export function binTimeline(
  timeline: Timeline,
  names: ReadonlyArray<Pick<ThreadInfo, 'tid' | 'name' | 'pid'>>,
  request: BinRequest,
): BinnedTimeline {
  const { fromNs, toNs, bins } = request;
  const binNs = (toNs - fromNs) / bins;
  const grid: BinGrid = { fromNs, toNs, binNs };
  const binOf = (time: number): number => Math.min(bins - 1, Math.floor((time - fromNs) / binNs));
  const inRange = (time: number): boolean => time >= fromNs && time <= toNs;
  const timeOf = makeTickTimeLookup(timeline.ticks);
  const infoOf = new Map(names.map((info) => [info.tid, info]));

  const tickBin = new Int32Array(timeline.ticks.index.length).fill(-1);
  timeline.ticks.timeNs.forEach((time, i) => {
    if (inRange(time)) tickBin[i] = binOf(time);
  });
  const firstTick = timeline.ticks.index[0] ?? 0;
  const waitingTicks = new Uint8Array(timeline.ticks.index.length);

  const threads: BinnedTimeline['threads'] = [];
  for (const [tid, samples] of timeline.threads) {
    const cpuNs = new Float64Array(bins);
    const sampled = new Array<number>(bins).fill(0);
    const stateCounts = THREAD_STATES.map(() => new Array<number>(bins).fill(0));
    let previousTime: number | undefined;
    for (let i = 0; i < samples.tickIndex.length; i++) {
      const tick = samples.tickIndex[i] ?? 0;
      const time = timeOf(tick) ?? 0;
      const state = samples.state[i] ?? STATE_CODE.idle;
      if (state === STATE_CODE.gilWait) waitingTicks[tick - firstTick] = 1;
      // A thread's first sample holds its CPU since birth: spread over the period before it, but never before
      // the run's start (the launch), where no bin is. With the first tick a few ms after the launch, clipping
      // there once lost most of the main thread's start-up CPU.
      const start = previousTime ?? Math.max(0, time - request.periodNs);
      previousTime = time;
      spread(cpuNs, samples.cpuNs[i] ?? 0, start, time, grid);
      if (!inRange(time)) continue;
      const bin = binOf(time);
      sampled[bin]!++;
      stateCounts[state]![bin]!++;
    }
    if (sampled.every((count) => count === 0) && cpuNs.every((value) => value === 0)) continue;
    const states = Object.fromEntries(
      THREAD_STATES.map((name, code) => [
        name,
        stateCounts[code]!.map((count, bin) => (sampled[bin]! > 0 ? count / sampled[bin]! : 0)),
      ]),
    ) as Record<ThreadState, number[]>;
    const pid = infoOf.get(tid)?.pid;
    threads.push({
      tid,
      ...(pid === undefined ? {} : { pid }),
      name: infoOf.get(tid)?.name ?? String(tid),
      cpu: Array.from(cpuNs, (ns) => ns / binNs),
      sampled,
      states,
    });
  }
  threads.sort(compareLanesByProcess);
  return { fromNs, toNs, binNs, threads, gil: binGil(timeline, tickBin, waitingTicks, bins) };
}

/** Equal bins of `binNs` from `fromNs` to `toNs` (the last bin takes any rounding remainder). */
interface BinGrid {
  fromNs: number;
  toNs: number;
  binNs: number;
}

/** Adds `amount` spread evenly over [start, end] to the bins of `grid` it overlaps (only the part inside the grid). */
function spread(target: Float64Array, amount: number, start: number, end: number, grid: BinGrid): void {
  if (amount === 0) return;
  const { fromNs, toNs, binNs } = grid;
  const span = end - start;
  if (span <= 0) {
    if (end >= fromNs && end <= toNs)
      target[Math.min(target.length - 1, Math.floor((end - fromNs) / binNs))]! += amount;
    return;
  }
  const lo = Math.max(start, fromNs);
  const hi = Math.min(end, toNs);
  if (hi <= lo) return;
  const perNs = amount / span;
  let bin = Math.min(target.length - 1, Math.floor((lo - fromNs) / binNs));
  let at = lo;
  while (at < hi && bin < target.length) {
    const binEnd = bin === target.length - 1 ? hi : Math.min(hi, fromNs + (bin + 1) * binNs);
    target[bin]! += (binEnd - at) * perNs;
    at = binEnd;
    bin++;
  }
}

function binGil(
  timeline: Timeline,
  tickBin: Int32Array,
  waitingTicks: Uint8Array,
  bins: number,
): BinnedTimeline['gil'] {
  const { ticks } = timeline;
  const total = new Array<number>(bins).fill(0);
  const known = new Array<number>(bins).fill(0);
  const held = new Array<number>(bins).fill(0);
  const contended = new Array<number>(bins).fill(0);
  let anyKnown = false;
  for (let i = 0; i < tickBin.length; i++) {
    const bin = tickBin[i]!;
    if (bin < 0) continue;
    total[bin]!++;
    if (waitingTicks[i]) contended[bin]!++;
    if (!ticks.gilKnown[i]) continue;
    anyKnown = true;
    known[bin]!++;
    if (ticks.gilHeld[i]) held[bin]!++;
  }
  if (!anyKnown) return null;
  return {
    held: held.map((count, bin) => (known[bin]! > 0 ? count / known[bin]! : 0)),
    contention: contended.map((count, bin) => (total[bin]! > 0 ? count / total[bin]! : 0)),
    known: known.map((count, bin) => (total[bin]! > 0 ? count / total[bin]! : 0)),
  };
}
