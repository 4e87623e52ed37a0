// The math both timeline drawings share: the app's canvas (renderer/src/canvas/draw-timeline.ts, the
// live lanes) and the reports' SVG (main/engine/report/svg-timeline.ts). Bins to times, state shares
// stacked into a band, the GIL lane's marks; each drawing only maps these to its own pixels.
// Plain data and arithmetic, no DOM or Node.
import type { BinnedTimeline } from './run-views.ts';
import { STATE_ORDER } from './thread-state-style.ts';
import type { ThreadState } from './vocabulary.ts';

/** One state's part of one stacked band: `y` is its top and `h` its height, from the band's top. */
export interface BandSegment {
  state: ThreadState;
  y: number;
  h: number;
}

/** How many bins a timeline has (0 when it has neither threads nor a GIL lane). */
export function binCount(timeline: BinnedTimeline): number {
  return timeline.threads[0]?.cpu.length ?? timeline.gil?.held.length ?? 0;
}

/** Start of bin `bin` in ns since the run's start; its end is binStartNs(timeline, bin + 1). */
export function binStartNs(timeline: BinnedTimeline, bin: number): number {
  return timeline.fromNs + bin * timeline.binNs;
}

/** The bin containing `timeNs`, or -1 outside the timeline. */
export function binAt(timeline: BinnedTimeline, timeNs: number): number {
  const bin = Math.floor((timeNs - timeline.fromNs) / timeline.binNs);
  return bin >= 0 && bin < binCount(timeline) ? bin : -1;
}

/**
 * Stacks state shares bottom-up in STATE_ORDER in a band of `height` pixels. Shares need not sum to 1
 * (a partly sampled bin); segments thinner than `minHeight` are dropped but still take their room.
 */
export function stackSegments(shareOf: (state: ThreadState) => number, height: number, minHeight = 0.5): BandSegment[] {
  const segments: BandSegment[] = [];
  let offset = 0;
  for (const state of STATE_ORDER) {
    const h = Math.max(0, shareOf(state)) * height;
    if (h >= minHeight && h > 0) segments.push({ state, y: height - offset - h, h });
    offset += h;
  }
  return segments;
}

/** A thread's state band over bins [first, last]: per state, the bins' segments (one fill per state). */
export function bandSegmentsByState(
  states: Readonly<Record<ThreadState, readonly number[]>>,
  first: number,
  last: number,
  height: number,
  minHeight = 0.05,
): Record<ThreadState, Array<BandSegment & { bin: number }>> {
  const byState = Object.fromEntries(STATE_ORDER.map((state) => [state, []])) as unknown as Record<
    ThreadState,
    Array<BandSegment & { bin: number }>
  >;
  for (let bin = first; bin <= last; bin++)
    for (const segment of stackSegments((state) => states[state][bin] ?? 0, height, minHeight))
      byState[segment.state].push({ ...segment, bin });
  return byState;
}

/** Height of a 0..1 share (clamped) in a lane of `height`. */
export function shareHeight(share: number, height: number): number {
  return Math.min(1, Math.max(0, share)) * height;
}

/** The busiest `max` threads by CPU time, kept in their order (all of them when there are few enough). */
export function busiestThreads<T extends { cpu: readonly number[] }>(threads: readonly T[], max: number): T[] {
  if (threads.length <= max) return [...threads];
  const total = (thread: T): number => thread.cpu.reduce((sum, value) => sum + value, 0);
  const keep = new Set([...threads].sort((a, b) => total(b) - total(a)).slice(0, max));
  return threads.filter((thread) => keep.has(thread));
}
