// The time range selected by dragging on the timeline: from pointer pixels to a run range and back to
// the overlay drawn over the plot. Pure, so the drag, the overlay and the tests share one behaviour.
import type { TimeRange } from './zoom-range.ts';

/** A drag shorter than this many CSS pixels is a click, not a selection. */
export const MIN_SELECTION_PX = 4;

/**
 * The run range between two pointer positions, given in pixels from the plot's left edge (either order),
 * over the visible `view` drawn `plotWidth` pixels wide; clamped to `bounds` (the whole run). Null for a click.
 */
export function selectionFromDrag(
  startPx: number,
  endPx: number,
  view: TimeRange,
  plotWidth: number,
  bounds: TimeRange,
): TimeRange | null {
  if (Math.abs(endPx - startPx) < MIN_SELECTION_PX || plotWidth <= 0) return null;
  const nsPerPx = (view.to - view.from) / plotWidth;
  const at = (px: number) => Math.min(bounds.to, Math.max(bounds.from, view.from + px * nsPerPx));
  const from = Math.floor(at(Math.min(startPx, endPx)));
  const to = Math.ceil(at(Math.max(startPx, endPx)));
  return to > from ? { from, to } : null;
}

/** Where the selection shows over the plot: left and width in pixels, clipped to the view; null when outside it. */
export function selectionOverlay(
  selection: TimeRange,
  view: TimeRange,
  plotWidth: number,
): { left: number; width: number } | null {
  const span = view.to - view.from;
  if (span <= 0) return null;
  const from = Math.max(selection.from, view.from);
  const to = Math.min(selection.to, view.to);
  if (to <= from) return null;
  const left = ((from - view.from) / span) * plotWidth;
  return { left, width: Math.max(1, ((to - from) / span) * plotWidth) };
}
