// Time mapping for compared lanes: either every run on one shared axis (0 … the longest run), or each
// run stretched to its own length (0 … 100 %), so phases line up when the runs differ in speed.
import type { BinnedTimeline } from '../../../main/shared/run-views.ts';
import type { CompareThreadRow } from '../../../main/shared/compare-types.ts';
import type { TimeRange } from './zoom-range.ts';

// 'aligned' = shared seconds axis; 'normalized' = each run to its own length.
export type LaneMode = 'aligned' | 'normalized';

// The longest run's span (ns) among the loaded timelines; 0 when none is loaded.
export function sharedSpanNs(timelines: ReadonlyArray<BinnedTimeline | null>): number {
  let span = 0;
  for (const t of timelines) if (t) span = Math.max(span, t.toNs - t.fromNs);
  return span;
}

// The range a run's lane shows: its start plus the shared span, or exactly its own length.
export function laneRange(
  timeline: Pick<BinnedTimeline, 'fromNs' | 'toNs'>,
  mode: LaneMode,
  sharedNs: number,
): TimeRange {
  if (mode === 'normalized' || sharedNs <= 0)
    return { from: timeline.fromNs, to: Math.max(timeline.toNs, timeline.fromNs + 1) };
  return { from: timeline.fromNs, to: timeline.fromNs + sharedNs };
}

// Where time `ns` of a lane showing `range` falls, as 0..1 of the plot width (may exceed 1 past the range).
export function toPlotFraction(ns: number, range: TimeRange): number {
  const span = range.to - range.from;
  return span > 0 ? (ns - range.from) / span : 0;
}

// The inverse: the time at plot fraction `fraction` of a lane showing `range`.
export function fromPlotFraction(fraction: number, range: TimeRange): number {
  return range.from + fraction * (range.to - range.from);
}

// The share of the plot a run covers on the shared axis (1 for the longest; 1 for all when normalized).
export function coveredFraction(
  timeline: Pick<BinnedTimeline, 'fromNs' | 'toNs'>,
  mode: LaneMode,
  sharedNs: number,
): number {
  if (mode === 'normalized' || sharedNs <= 0) return 1;
  return Math.min(1, (timeline.toNs - timeline.fromNs) / sharedNs);
}

// Reorders run `runIndex`'s thread lanes to the comparison's matched order (threads matched by name), so
// the same thread sits at the same height in every run; unmatched threads follow in their own order.
export function alignThreads(
  timeline: BinnedTimeline,
  rows: readonly CompareThreadRow[],
  runIndex: number,
): BinnedTimeline {
  const byTid = new Map(timeline.threads.map((t) => [t.tid, t]));
  const ordered: BinnedTimeline['threads'] = [];
  for (const row of rows) {
    const tid = row.perRun[runIndex]?.tid;
    const thread = tid === undefined ? undefined : byTid.get(tid);
    if (thread) {
      ordered.push(thread);
      byTid.delete(thread.tid);
    }
  }
  for (const thread of timeline.threads) if (byTid.has(thread.tid)) ordered.push(thread);
  return { ...timeline, threads: ordered };
}
