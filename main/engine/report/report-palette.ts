// Thread-state labels and colours for the reports: the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies), the same as the app's charts so a report reads like the app.
import type { ThreadStateName } from '../../shared/run-summary-types.ts';

/** Bottom-to-top order in stacked bands and left-to-right in bars. */
export const STATE_ORDER: readonly ThreadStateName[] = ['running', 'runnable', 'gilWait', 'lockWait', 'idle'];

/** Labels for legends: the app's state names (renderer/src/logic/thread-states.ts), with what each means. */
export const STATE_LABELS: Readonly<Record<ThreadStateName, string>> = {
  running: 'Running',
  runnable: 'Runnable (waiting for a CPU)',
  gilWait: 'GIL wait',
  lockWait: 'Lock wait (locks, I/O)',
  idle: 'Idle (sleeping)',
};

/** Short labels for table columns. */
export const STATE_SHORT_LABELS: Readonly<Record<ThreadStateName, string>> = {
  running: 'Running',
  runnable: 'Runnable',
  gilWait: 'GIL wait',
  lockWait: 'Lock wait',
  idle: 'Idle',
};

/** Fill colours per state. */
export const STATE_COLORS: Readonly<Record<ThreadStateName, string>> = {
  running: '#0072B2',
  runnable: '#56B4E9',
  gilWait: '#D55E00',
  lockWait: '#CC79A7',
  idle: '#C9CDD2',
};

/** Other series: CPU lanes, GIL held, GIL contention, bars, the baseline marker. */
export const SERIES_COLORS = {
  cpu: '#4A4F55',
  gilHeld: '#009E73',
  contention: '#D55E00',
  bar: '#0072B2',
  barBaseline: '#999999',
  barSlower: '#E69F00',
  grid: '#E3E5E8',
  axis: '#5F6368',
} as const;

/** Colours for runs A–D in comparisons. */
export const RUN_COLORS: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];
