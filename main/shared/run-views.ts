// What the engine derives from a stored run for charts and reports: the binned timeline, the flame
// graph, the script's output. The engine computes them, the CLI and exports write them, the UI draws
// them; the request contract (api-contract.ts) only names them. Type-only imports from main/shared.
import type { ThreadState } from './vocabulary.ts';

/**
 * A run's timeline in equal bins over [fromNs, toNs]: per thread the CPU used (cores, 0..1 per
 * thread) and the share of its samples in each state; for the run, GIL held and contention shares.
 * NaN-free: a bin with no samples has zeros and `sampled` 0.
 */
export interface BinnedTimeline {
  fromNs: number;
  toNs: number;
  binNs: number;
  /** Lanes grouped by process (compareLanesByProcess in process-groups.ts), then by tid. */
  threads: Array<{
    tid: number;
    /** The thread's process (absent in runs recorded before processes were followed). */
    pid?: number;
    name: string;
    cpu: number[];
    sampled: number[];
    states: Record<ThreadState, number[]>;
  }>;
  gil: { held: number[]; contention: number[]; known: number[] } | null;
}

/** A flame graph node: `value` = samples in this frame and below. */
export interface FlameNode {
  name: string;
  file: string;
  line: number;
  value: number;
  children: FlameNode[];
  /** The earliest tick (index in the run) any of its samples was taken at: orders a time-ordered view. */
  firstTick?: number;
}

/** The script's output as stored (only the tail if it printed a lot). */
export interface RunOutputView {
  chunks: Array<{ stream: 'stdout' | 'stderr'; timeNs: number; text: string }>;
  truncated: boolean;
}

/** Which samples a function view or flame graph counts. */
export const SAMPLE_SCOPES = ['all', 'on-cpu', 'gil-wait'] as const;
export type SampleScope = (typeof SAMPLE_SCOPES)[number];
