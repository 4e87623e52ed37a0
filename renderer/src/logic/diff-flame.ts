// Colours and words of the differential flame graph (B vs A): a frame is red when it took a larger
// share of B's samples than of A's, blue when smaller, grey when about the same. Pure.
import type { DiffFlameNode } from '../../../main/shared/run-views.ts';

/** Changes smaller than this share (half a percentage point) are drawn neutral: sampling noise. */
export const NEUTRAL_DELTA = 0.005;

/** B's share of its samples minus A's share of its samples, on the same call path (−1..1). */
export function shareDelta(node: DiffFlameNode, root: DiffFlameNode): number {
  const b = root.value > 0 ? node.value / root.value : 0;
  const a = root.baseline > 0 ? node.baseline / root.baseline : 0;
  return b - a;
}

/** The largest |shareDelta| below `root` (the colour scale's end), at least 0.05 so small noise stays pale. */
export function deltaScale(root: DiffFlameNode): number {
  let largest = 0.05;
  const walk = (node: DiffFlameNode): void => {
    if (node !== root) largest = Math.max(largest, Math.abs(shareDelta(node, root)));
    node.children.forEach(walk);
  };
  walk(root);
  return largest;
}

/** Red for more in B, blue for less, stronger with |delta| / scale; grey within NEUTRAL_DELTA. */
export function diffColor(delta: number, scale: number, dark: boolean): string {
  if (Math.abs(delta) < NEUTRAL_DELTA) return dark ? '#5a5f67' : '#d5d8dc';
  const strength = Math.min(1, Math.abs(delta) / scale);
  const hue = delta > 0 ? 4 : 215;
  const light = dark ? 30 + 20 * (1 - strength) : 88 - 38 * strength;
  return `hsl(${hue} 75% ${light.toFixed(0)}%)`;
}

/** "+12.3 pp" / "−4.0 pp": a share change in percentage points. */
export function formatDelta(delta: number): string {
  const points = delta * 100;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)} pp`;
}
