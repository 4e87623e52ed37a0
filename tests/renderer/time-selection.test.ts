// Dragging on the timeline: pixels → a run range (either direction, clamped, clicks ignored) and back
// to the overlay, clipped to what is visible.
import { describe, expect, it } from 'vitest';
import { selectionFromDrag, selectionOverlay } from '../../renderer/src/logic/time-selection.ts';

const run = { from: 0, to: 10e9 };

describe('selectionFromDrag', () => {
  it('maps pixels of the whole-run view to nanoseconds, whichever way the drag went', () => {
    expect(selectionFromDrag(100, 300, run, 1000, run)).toEqual({ from: 1e9, to: 3e9 });
    expect(selectionFromDrag(300, 100, run, 1000, run)).toEqual({ from: 1e9, to: 3e9 });
  });

  it('maps pixels of a zoomed view to times inside it', () => {
    expect(selectionFromDrag(0, 500, { from: 4e9, to: 6e9 }, 1000, run)).toEqual({ from: 4e9, to: 5e9 });
  });

  it('clamps a drag that leaves the plot to the run', () => {
    expect(selectionFromDrag(-50, 2000, run, 1000, run)).toEqual(run);
  });

  it('treats a tiny drag as a click', () => {
    expect(selectionFromDrag(100, 102, run, 1000, run)).toBeNull();
  });
});

describe('selectionOverlay', () => {
  it('places the selection over the plot', () => {
    expect(selectionOverlay({ from: 1e9, to: 3e9 }, run, 1000)).toEqual({ left: 100, width: 200 });
  });

  it('clips it to the visible view, and hides it when outside', () => {
    expect(selectionOverlay({ from: 1e9, to: 3e9 }, { from: 2e9, to: 4e9 }, 1000)).toEqual({ left: 0, width: 500 });
    expect(selectionOverlay({ from: 1e9, to: 3e9 }, { from: 5e9, to: 6e9 }, 1000)).toBeNull();
  });
});
