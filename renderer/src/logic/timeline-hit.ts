// What is under the pointer on the timeline canvas: the GIL row or a thread's lanes, and which bin.
// Uses the geometry drawTimeline draws with, so the tooltip always describes the pixels it points at.
import type { BinnedTimeline } from '../../../main/shared/run-views.ts';
import type { TimeRange } from './zoom-range.ts';
import { timelineLayout } from './timeline-geometry.ts';
import { binAt, binStartNs } from '../../../main/shared/timeline-geometry.ts';
import type { ThreadState } from '../../../main/shared/vocabulary.ts';

interface BinSpan {
  bin: number;
  fromNs: number;
  toNs: number;
}

export type TimelineHit =
  | (BinSpan & { row: 'gil'; held: number; contention: number; known: boolean })
  | (BinSpan & {
      row: 'thread';
      tid: number;
      name: string;
      cpu: number;
      samples: number;
      states: Record<ThreadState, number>;
    });

// `x`, `y` in CSS pixels from the canvas's top-left corner; `width` is the canvas's CSS width.
export function timelineHit(
  data: BinnedTimeline,
  view: TimeRange,
  width: number,
  x: number,
  y: number,
): TimelineHit | null {
  const { gutter, gilHeight, cpuHeight, bandHeight, gap, axis } = timelineLayout;
  const plotWidth = Math.max(1, width - gutter - 8);
  if (x < gutter || x > gutter + plotWidth || y < axis) return null;
  const timeNs = view.from + ((x - gutter) / plotWidth) * (view.to - view.from);
  const bin = binAt(data, timeNs);
  if (bin < 0) return null;
  const span: BinSpan = { bin, fromNs: binStartNs(data, bin), toNs: binStartNs(data, bin + 1) };

  let top = axis;
  if (data.gil) {
    if (y < top + gilHeight) {
      const known = (data.gil.known[bin] ?? 0) > 0;
      return { ...span, row: 'gil', known, held: data.gil.held[bin] ?? 0, contention: data.gil.contention[bin] ?? 0 };
    }
    top += gilHeight + gap;
  }
  const laneHeight = cpuHeight + bandHeight + gap;
  const index = Math.floor((y - top) / laneHeight);
  // The gap under a lane belongs to no thread.
  if (index < 0 || index >= data.threads.length || y - top - index * laneHeight >= cpuHeight + bandHeight) return null;
  const thread = data.threads[index]!;
  const states = Object.fromEntries(
    Object.entries(thread.states).map(([state, values]) => [state, values[bin] ?? 0]),
  ) as Record<ThreadState, number>;
  return {
    ...span,
    row: 'thread',
    tid: thread.tid,
    name: thread.name,
    cpu: thread.cpu[bin] ?? 0,
    samples: thread.sampled[bin] ?? 0,
    states,
  };
}

/** Where the tooltip for a pointer goes: what is under it, and a position inside the canvas's positioned wrapper. */
export interface TimelineHover {
  hit: TimelineHit;
  left: number;
  top: number;
}

/**
 * The hover for a pointer at client (`clientX`, `clientY`) over a canvas whose client rectangle is
 * `rect`; null off the lanes. The box sits right of the pointer, or left of it near the right edge.
 */
export function timelineHover(
  data: BinnedTimeline,
  view: TimeRange,
  rect: { left: number; top: number; width: number },
  clientX: number,
  clientY: number,
): TimelineHover | null {
  const x = clientX - rect.left;
  const y = clientY - rect.top;
  const hit = timelineHit(data, view, rect.width, x, y);
  return hit && { hit, left: x > rect.width - 260 ? Math.max(0, x - 250) : x + 14, top: y + 14 };
}
