// Hit-testing the timeline canvas: the pointer's bin and row follow drawTimeline's geometry.
import { describe, expect, it } from 'vitest';
import { timelineLayout } from '../../renderer/src/logic/timeline-geometry.ts';
import { timelineHit, timelineHover } from '../../renderer/src/logic/timeline-hit.ts';
import type { BinnedTimeline } from '../../main/shared/run-views.ts';

const states = (running: number[], gilWait: number[]) => ({
  running,
  runnable: [0, 0, 0, 0],
  gilWait,
  lockWait: [0, 0, 0, 0],
  unclassifiedWait: [0, 0, 0, 0],
  idle: [0, 0, 0, 0],
});
// 4 bins of 1 s; two threads; a GIL row.
const data: BinnedTimeline = {
  fromNs: 0,
  toNs: 4e9,
  binNs: 1e9,
  threads: [
    {
      tid: 11,
      name: 'main',
      cpu: [1, 0.5, 0, 0],
      sampled: [100, 100, 100, 0],
      states: states([1, 0.5, 0, 0], [0, 0.5, 1, 0]),
    },
    {
      tid: 12,
      name: 'worker',
      cpu: [0, 0.5, 1, 1],
      sampled: [100, 100, 100, 100],
      states: states([0, 0.5, 1, 1], [1, 0.5, 0, 0]),
    },
  ],
  gil: { held: [1, 1, 0.5, 0], contention: [1, 0.5, 0, 0], known: [100, 100, 100, 0] },
};
const { gutter, axis, gilHeight, gap, cpuHeight, bandHeight } = timelineLayout;
const width = gutter + 8 + 400; // 400 px of plot: 100 px per bin
const view = { from: 0, to: 4e9 };
const laneTop = (index: number) => axis + gilHeight + gap + index * (cpuHeight + bandHeight + gap);

describe('timelineHit', () => {
  it('finds the GIL row and its bin', () => {
    expect(timelineHit(data, view, width, gutter + 150, axis + 5)).toEqual({
      row: 'gil',
      bin: 1,
      fromNs: 1e9,
      toNs: 2e9,
      known: true,
      held: 1,
      contention: 0.5,
    });
    expect(timelineHit(data, view, width, gutter + 399, axis + 5)).toMatchObject({ row: 'gil', bin: 3, known: false });
  });

  it("finds a thread lane (CPU strip or state band) and gives that bin's figures", () => {
    const hit = timelineHit(data, view, width, gutter + 250, laneTop(1) + cpuHeight + 3);
    expect(hit).toEqual({
      row: 'thread',
      bin: 2,
      fromNs: 2e9,
      toNs: 3e9,
      tid: 12,
      name: 'worker',
      cpu: 1,
      samples: 100,
      states: { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 },
    });
    expect(timelineHit(data, view, width, gutter + 50, laneTop(0) + 1)).toMatchObject({ tid: 11, bin: 0, cpu: 1 });
  });

  it('maps x through the zoomed view', () => {
    // Showing 2 s – 4 s: the plot's left half is bin 2.
    expect(timelineHit(data, { from: 2e9, to: 4e9 }, width, gutter + 100, laneTop(0) + 1)).toMatchObject({
      bin: 2,
      fromNs: 2e9,
    });
  });

  it('is null in the gutter, the axis, the gaps between lanes and below the last lane', () => {
    expect(timelineHit(data, view, width, gutter - 1, laneTop(0) + 1)).toBeNull();
    expect(timelineHit(data, view, width, gutter + 10, axis - 1)).toBeNull();
    expect(timelineHit(data, view, width, gutter + 10, laneTop(1) - 1)).toBeNull();
    expect(timelineHit(data, view, width, gutter + 10, laneTop(2) + 1)).toBeNull();
    expect(timelineHit(data, view, width, width - 1, laneTop(0) + 1)).toBeNull();
  });

  it('starts thread lanes at the top when the run has no GIL row', () => {
    const noGil = { ...data, gil: null };
    expect(timelineHit(noGil, view, width, gutter + 10, axis + 1)).toMatchObject({ row: 'thread', tid: 11 });
  });
});

describe('timelineHover', () => {
  const rect = { left: 100, top: 50, width };
  it('turns client coordinates into a hit and a box beside the pointer', () => {
    expect(timelineHover(data, view, rect, 100 + gutter + 50, 50 + axis + 5)).toMatchObject({
      hit: { row: 'gil', bin: 0 },
      left: gutter + 50 + 14,
      top: axis + 5 + 14,
    });
  });
  it('puts the box left of the pointer near the right edge, and is null off the lanes', () => {
    expect(timelineHover(data, view, rect, 100 + width - 2, 50 + axis + 5)).toBeNull(); // right margin
    expect(timelineHover(data, view, rect, 100 + gutter + 390, 50 + axis + 5)?.left).toBe(gutter + 390 - 250);
    expect(timelineHover(data, view, rect, 100 + 10, 50 + axis + 5)).toBeNull();
  });
});
