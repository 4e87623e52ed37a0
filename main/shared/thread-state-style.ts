// How thread states and the other series look, in the app's charts and in the HTML/PDF reports alike:
// one table, so a report reads like the app. Colours are from the Okabe–Ito palette, which stays
// distinguishable with the common colour-vision deficiencies, and are the same in light and dark themes
// so a screenshot means the same thing everywhere. Plain data, no Node or DOM.
import { THREAD_STATES, type ThreadState } from './vocabulary.ts';

export interface ThreadStateStyle {
  /** Short name for legends, table columns and tooltips. */
  label: string;
  /** What the state means, for legends that have room (reports) and for tooltips' titles. */
  description: string;
  /** Fill colour. */
  color: string;
  /** Text colour that reads on `color` (percentages written inside a bar). */
  ink: '#ffffff' | '#1f2328';
}

/** Every state's label and colour; a state missing here fails the typecheck. */
export const THREAD_STATE_STYLE: Readonly<Record<ThreadState, ThreadStateStyle>> = {
  running: { label: 'Running', description: 'Running on a CPU', color: '#0072B2', ink: '#ffffff' },
  runnable: { label: 'Runnable', description: 'Runnable, waiting for a CPU', color: '#56B4E9', ink: '#1f2328' },
  gilWait: { label: 'GIL wait', description: 'Waiting for the GIL', color: '#D55E00', ink: '#ffffff' },
  lockWait: {
    label: 'Lock wait',
    description: 'Waiting on a lock, queue, event or join',
    color: '#CC79A7',
    ink: '#ffffff',
  },
  idle: { label: 'Idle', description: 'Sleeping or blocked in I/O', color: '#9AA0A6', ink: '#1f2328' },
  unclassifiedWait: {
    label: 'Wait (unclassified)',
    description: 'Waiting (unclassified: GIL or lock; the GIL could not be located)',
    color: '#F0E442',
    ink: '#1f2328',
  },
};

/** Bottom-to-top order in stacked bands and left-to-right in bars: the order of THREAD_STATES. */
export const STATE_ORDER: readonly ThreadState[] = THREAD_STATES;

/** Short label of a state. */
export function stateLabel(state: ThreadState): string {
  return THREAD_STATE_STYLE[state].label;
}

/** Colour of a state. */
export function stateColor(state: ThreadState): string {
  return THREAD_STATE_STYLE[state].color;
}

/** The series besides the states: CPU, GIL held, GIL contention, bars, grid and axis. */
export const SERIES_COLORS = {
  // Mid grey, distinct from every state and visible on light and dark backgrounds.
  cpu: '#8A9099',
  gilHeld: '#009E73',
  contention: '#D55E00',
  bar: '#0072B2',
  barBaseline: '#999999',
  barSlower: '#E69F00',
  grid: '#E3E5E8',
  axis: '#5F6368',
} as const;

/** The timeline's lanes besides the states, as the app's and the reports' legends list them. */
export const TIMELINE_SERIES: ReadonlyArray<{ key: 'cpu' | 'gilHeld' | 'contention'; label: string; color: string }> = [
  { key: 'cpu', label: 'CPU', color: SERIES_COLORS.cpu },
  { key: 'gilHeld', label: 'GIL held', color: SERIES_COLORS.gilHeld },
  { key: 'contention', label: 'Contention', color: SERIES_COLORS.contention },
];

/** Colours for runs A–D in comparisons. */
export const RUN_COLORS: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];
