// Thread states in drawing order with labels and colours. Colours are from the Okabe–Ito palette,
// which stays distinguishable with the common colour-vision deficiencies; one table for every chart.
import type { ThreadStateName } from '../../../main/shared/run-summary-types.ts';

// Bottom-to-top drawing order in stacked bands: the "interesting" states sit next to each other.
export const stateOrder: readonly ThreadStateName[] = [
  'running',
  'runnable',
  'gilWait',
  'lockWait',
  'unclassifiedWait',
  'idle',
];

// Human labels for the legend and tables.
export const stateLabels: Readonly<Record<ThreadStateName, string>> = {
  running: 'Running',
  runnable: 'Runnable',
  gilWait: 'GIL wait',
  lockWait: 'Lock wait',
  idle: 'Idle',
  unclassifiedWait: 'Waiting (unclassified)',
};

// Fill colours; the same in light and dark themes so a screenshot means the same thing everywhere.
export const stateColors: Readonly<Record<ThreadStateName, string>> = {
  running: '#0072B2',
  runnable: '#56B4E9',
  gilWait: '#D55E00',
  lockWait: '#CC79A7',
  idle: '#9AA0A6',
  unclassifiedWait: '#F0E442',
};

// GIL series colours (held, contention) for the overall GIL lane and chart.
export const gilColors = { held: '#009E73', contention: '#D55E00', cpu: '#0072B2' } as const;

// Splits a band of `height` pixels into stacked segments for the given fractions (bottom first).
// Fractions need not sum to 1 (a partly sampled bin); segments under half a pixel are dropped.
export function stackSegments(
  fractions: Readonly<Record<ThreadStateName, number>>,
  height: number,
): Array<{ state: ThreadStateName; y: number; h: number }> {
  const segments: Array<{ state: ThreadStateName; y: number; h: number }> = [];
  let offset = 0;
  for (const state of stateOrder) {
    const h = Math.max(0, fractions[state]) * height;
    if (h >= 0.5) segments.push({ state, y: height - offset - h, h });
    offset += h;
  }
  return segments;
}
