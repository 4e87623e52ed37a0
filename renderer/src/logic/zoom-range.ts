// Time-range math for the zoomable timeline: a visible [from, to] window inside the run's [min, max],
// in nanoseconds. Pure, so wheel, drag and buttons all share one tested behaviour.

// A visible window; invariant: min ≤ from < to ≤ max once clamped.
export interface TimeRange {
  from: number;
  to: number;
}

// Keeps a window inside bounds and at least `minSpan` wide, preserving its width where possible.
export function clampRange(range: TimeRange, bounds: TimeRange, minSpan: number): TimeRange {
  const full = bounds.to - bounds.from;
  let span = Math.min(Math.max(range.to - range.from, Math.min(minSpan, full)), full);
  if (!Number.isFinite(span) || span <= 0) span = full;
  let from = range.from;
  if (from < bounds.from) from = bounds.from;
  if (from + span > bounds.to) from = bounds.to - span;
  return { from, to: from + span };
}

// Zooms by `factor` (< 1 zooms in) keeping the time under `anchor` (0..1 across the window) in place.
export function zoomAround(
  range: TimeRange,
  anchor: number,
  factor: number,
  bounds: TimeRange,
  minSpan: number,
): TimeRange {
  const a = Math.min(1, Math.max(0, anchor));
  const span = range.to - range.from;
  const pivot = range.from + a * span;
  // Apply the minimum here too, so a zoom stopped by it stays centred on the anchor.
  const nextSpan = Math.min(bounds.to - bounds.from, Math.max(span * factor, minSpan));
  return clampRange({ from: pivot - a * nextSpan, to: pivot - a * nextSpan + nextSpan }, bounds, minSpan);
}

// Pans by `fraction` of the current width (positive = later).
export function panBy(range: TimeRange, fraction: number, bounds: TimeRange, minSpan: number): TimeRange {
  const shift = (range.to - range.from) * fraction;
  return clampRange({ from: range.from + shift, to: range.to + shift }, bounds, minSpan);
}

// The wheel delta → zoom factor mapping: smooth, symmetric (in then out returns to the start).
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(Math.max(-1, Math.min(1, deltaY / 300)));
}

// How many bins to ask the backend for: about one per device pixel column, within sane limits.
export function binsForWidth(cssWidth: number, devicePixelRatio = 1): number {
  return Math.max(16, Math.min(4000, Math.round(cssWidth * Math.min(devicePixelRatio, 2))));
}

// True when two ranges are the same to within a tiny fraction of their span (skip redundant queries).
export function sameRange(a: TimeRange, b: TimeRange): boolean {
  const eps = Math.max(1, (b.to - b.from) * 1e-6);
  return Math.abs(a.from - b.from) <= eps && Math.abs(a.to - b.to) <= eps;
}

// Picks a tick step (1/2/5 × 10^k seconds) giving roughly `targetTicks` ticks over `spanNs`.
export function tickStepNs(spanNs: number, targetTicks: number): number {
  const raw = spanNs / Math.max(1, targetTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

// Bins for a visible span: one per pixel column, but never finer than 1.5 sampling periods (finer bins
// would mostly be empty and draw as a comb). `rateHz` null = unknown yet (pixel-based only).
export function binsForRange(
  spanNs: number,
  cssWidth: number,
  devicePixelRatio: number,
  rateHz: number | null,
): number {
  const byWidth = binsForWidth(cssWidth, devicePixelRatio);
  if (!rateHz || rateHz <= 0 || !(spanNs > 0)) return byWidth;
  const bySamples = Math.floor(spanNs / (1.5 * (1e9 / rateHz)));
  return Math.max(1, Math.min(byWidth, bySamples));
}

// The live view's window: grows with the run from 10 s up to `maxNs`, so a short run fills the width.
export function liveWindowNs(elapsedNs: number, maxNs: number): number {
  return Math.min(maxNs, Math.max(10e9, Math.ceil((elapsedNs * 1.25) / 10e9) * 10e9));
}
